import type { Kysely } from "kysely";

/**
 * Issue #7 part B: nonconformity numbers (NC-YYYYMM-0001) are unique per organisation, so two
 * confirmations racing for the same number cannot both commit (the loser gets a 409 and
 * retries). Candidates and dismissed findings have no number; NULLs do not collide.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("nonconformities_number_idx")
    .on("nonconformities")
    .columns(["org_id", "number"])
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("nonconformities_number_idx").execute();
}
