import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * The scheduler's lease rows (issue #4 item 6: deadline evaluation "is correct with several
 * server instances"): one row per scheduled job, taken by an atomic conditional UPDATE at
 * every tick, so that with N server instances each period of a job runs in one of them.
 * Not tenant data: a job runs for every organisation.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("job_leases")
    .addColumn("job_name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text")
    .addColumn("lease_until", t.timestamp)
    .addColumn("last_started_at", t.timestamp)
    .addColumn("last_finished_at", t.timestamp)
    .addColumn("last_error", "text")
    .addColumn("run_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
}
