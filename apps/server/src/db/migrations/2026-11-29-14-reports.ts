import type { Kysely } from "kysely";
import { columnTypes, kindOf } from "../dialect.js";

/**
 * Statistics and reports (issue #8 items 3 and 4). `stats_working_intervals` is the business
 * calendar unrolled into working intervals with the working time before each, so that the
 * working minutes between two instants are two index lookups in SQL (W(to) − W(from)) instead
 * of a calendar walk per case in JavaScript. It is derived data: rebuilt whenever the
 * calendar's fingerprint in `stats_calendar_states` changes or a period falls outside it.
 * `monthly_reports` keeps the generated monthly report PDFs.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("stats_calendar_states")
    .addColumn("org_id", t.id, (c) => c.primaryKey().references("organisations.id"))
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("covers_from_ms", "bigint", (c) => c.notNull())
    .addColumn("covers_to_ms", "bigint", (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("stats_working_intervals")
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("start_ms", "bigint", (c) => c.notNull())
    .addColumn("end_ms", "bigint", (c) => c.notNull())
    /** Working milliseconds from the start of the coverage to start_ms. */
    .addColumn("before_ms", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("stats_working_intervals_pk", ["org_id", "start_ms"])
    .execute();
  await db.schema
    .createTable("monthly_reports")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    /** YYYY-MM, the organisation's local month. */
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("generated_at", t.timestamp, (c) => c.notNull())
    /** Null: the scheduled job. */
    .addColumn("generated_by", t.id, (c) => c.references("users.id"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content", kindOf(db) === "postgres" ? "bytea" : "blob", (c) => c.notNull())
    .addUniqueConstraint("monthly_reports_org_month_unique", ["org_id", "month"])
    .execute();
  // The satisfaction, urge and worker figures read work orders by case; deadlines read sections by case.
  await db.schema
    .createIndex("work_orders_org_case_idx")
    .on("work_orders")
    .columns(["org_id", "case_id", "worker_id"])
    .execute();
  await db.schema
    .createIndex("cases_org_kind_received_idx")
    .on("cases")
    .columns(["org_id", "kind", "received_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cases_org_kind_received_idx").execute();
  await db.schema.dropIndex("work_orders_org_case_idx").execute();
  await db.schema.dropTable("monthly_reports").execute();
  await db.schema.dropTable("stats_working_intervals").execute();
  await db.schema.dropTable("stats_calendar_states").execute();
}
