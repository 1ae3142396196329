import { type Kysely, sql } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * The business calendar and deadline policies (issue #4 item 6): deadlines count working
 * time on the organisation's calendar. The time zone stays on `organisations.time_zone`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable("business_calendars")
    .addColumn("org_id", t.id, (c) => c.primaryKey().references("organisations.id"))
    // { mon: [{ start: "08:30", end: "12:00" }, …], …, sun: [] } on the organisation's wall clock.
    .addColumn("working_periods_json", t.json, (c) => c.notNull())
    // The hours of a make-up working day (调休), whatever weekday it falls on.
    .addColumn("make_up_day_periods_json", t.json, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("calendar_days")
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    /** The organisation's local date, YYYY-MM-DD. */
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("calendar_days_pk", ["org_id", "day"])
    .execute();

  await db.schema
    .createTable("deadline_policies")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category_id", t.id, (c) => c.references("categories.id"))
    .addColumn("urgency", "text")
    .addColumn("accept_minutes", "integer", (c) => c.notNull())
    .addColumn("arrive_minutes", "integer")
    .addColumn("result_minutes", "integer", (c) => c.notNull())
    .addColumn("warn_percent", "integer", (c) => c.notNull())
    .addColumn("escalate_after_minutes", "integer", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  // One policy per scope. NULL means "any" here, and both databases treat NULLs in a unique
  // constraint as distinct, so the key compares them as empty text instead.
  await sql`CREATE UNIQUE INDEX deadline_policies_scope_unique ON deadline_policies
    (org_id, kind, COALESCE(CAST(category_id AS text), ''), COALESCE(urgency, ''))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["deadline_policies", "calendar_days", "business_calendars"]) {
    await db.schema.dropTable(table).execute();
  }
}
