import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/** Settings of an organisation that are a single document each, e.g. the major-complaint rules. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("org_settings")
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value_json", t.json, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("org_settings_pk", ["org_id", "key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("org_settings").execute();
}
