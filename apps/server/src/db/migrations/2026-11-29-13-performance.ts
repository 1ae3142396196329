import type { Kysely } from "kysely";

/**
 * Indexes found by profiling at volume (issue #6, docs/performance.md).
 *
 * Intake looks up who to notify (`findStaffFor`: the department head, the repair team leader)
 * among the organisation's users. With only `users (org_id, display_name)` to go by, SQLite
 * read every user of the organisation — resident portal accounts included, thousands in a
 * large group — twice per intake: 12 ms of a 100,000-case intake's time at 2,400 users.
 * Narrowed to active staff, it reads a few hundred rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("users_org_kind_active_idx").on("users").columns(["org_id", "kind", "active"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_org_kind_active_idx").execute();
}
