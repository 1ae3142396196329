import type { EstateScope } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { EstateTable } from "../db/schema.js";
import type { KeysetPosition } from "../http/paging.js";

export type EstateRow = EstateTable;

export interface EstateListFilter {
  orgId: string;
  scope: EstateScope;
  q?: string | undefined;
  active?: boolean | undefined;
  after?: KeysetPosition | undefined;
  limit: number;
}

export async function findEstate(db: DbOrTx, orgId: string, id: string): Promise<EstateRow | undefined> {
  return db.selectFrom("estates").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

export async function findEstates(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<EstateRow[]> {
  return db
    .selectFrom("estates")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .orderBy("name")
    .execute();
}

export async function findEstateByPublicCode(db: DbOrTx, publicCode: string): Promise<EstateRow | undefined> {
  return db
    .selectFrom("estates")
    .selectAll()
    .where("public_code", "=", publicCode)
    .where("active", "=", 1)
    .executeTakeFirst();
}

/** Ordered by code, then id; fetches one row more than the page to know if another follows. */
export async function listEstates(db: DbOrTx, filter: EstateListFilter): Promise<EstateRow[]> {
  let query = db.selectFrom("estates").selectAll().where("org_id", "=", filter.orgId);
  if (!filter.scope.all) {
    if (filter.scope.estateIds.length === 0) return [];
    query = query.where("id", "in", filter.scope.estateIds);
  }
  if (filter.active !== undefined) query = query.where("active", "=", filter.active ? 1 : 0);
  if (filter.q) {
    const pattern = `%${filter.q}%`;
    query = query.where((eb) => eb.or([eb("name", "like", pattern), eb("code", "like", pattern)]));
  }
  const after = filter.after;
  if (after) {
    const code = String(after.value);
    query = query.where((eb) =>
      eb.or([eb("code", ">", code), eb.and([eb("code", "=", code), eb("id", ">", after.id)])]),
    );
  }
  return query
    .orderBy("code")
    .orderBy("id")
    .limit(filter.limit + 1)
    .execute();
}

export async function insertEstate(db: DbOrTx, row: EstateRow): Promise<void> {
  await db.insertInto("estates").values(row).execute();
}

export async function updateEstate(db: DbOrTx, id: string, changes: Partial<EstateRow>): Promise<void> {
  await db.updateTable("estates").set(changes).where("id", "=", id).execute();
}

export async function deleteEstate(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("estates").where("id", "=", id).execute();
}

export async function publicCodeTaken(db: DbOrTx, publicCode: string): Promise<boolean> {
  const row = await db.selectFrom("estates").select("id").where("public_code", "=", publicCode).executeTakeFirst();
  return row !== undefined;
}
