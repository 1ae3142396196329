import type { CaseKind } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import type { CategoryTable } from "../db/schema.js";

export type CategoryRow = CategoryTable;
export type CategoryWithNamesRow = CategoryRow & {
  default_department_name: string | null;
  default_trade_name: string | null;
};

export interface CategoryListFilter {
  orgId: string;
  kind?: CaseKind | undefined;
  active?: boolean | undefined;
}

/** Categories with the names of their default department and trade, for display. */
function selectCategoriesWithNames(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("categories")
    .leftJoin("departments", "departments.id", "categories.default_department_id")
    .leftJoin("trades", "trades.id", "categories.default_trade_id")
    .selectAll("categories")
    .select(["departments.name as default_department_name", "trades.name as default_trade_name"])
    .where("categories.org_id", "=", orgId);
}

export async function findCategory(db: DbOrTx, orgId: string, id: string): Promise<CategoryWithNamesRow | undefined> {
  return selectCategoriesWithNames(db, orgId).where("categories.id", "=", id).executeTakeFirst();
}

/** A small list (a few dozen rows per organisation): unpaged, by kind, sort order, name. */
export async function listCategories(db: DbOrTx, filter: CategoryListFilter): Promise<CategoryWithNamesRow[]> {
  let query = selectCategoriesWithNames(db, filter.orgId);
  if (filter.kind !== undefined) query = query.where("categories.kind", "=", filter.kind);
  if (filter.active !== undefined) query = query.where("categories.active", "=", filter.active ? 1 : 0);
  return query
    .orderBy("categories.kind")
    .orderBy("categories.sort_order")
    .orderBy("categories.name")
    .orderBy("categories.id")
    .execute();
}

/** Which unique field (code before name) another category of the same kind already uses. */
export async function findCategoryConflict(
  db: DbOrTx,
  orgId: string,
  candidate: { kind: CaseKind; code: string; name: string },
  exceptId?: string,
): Promise<"code" | "name" | undefined> {
  let query = db
    .selectFrom("categories")
    .select(["code", "name"])
    .where("org_id", "=", orgId)
    .where("kind", "=", candidate.kind)
    .where((eb) => eb.or([eb("code", "=", candidate.code), eb("name", "=", candidate.name)]));
  if (exceptId) query = query.where("id", "!=", exceptId);
  const rows = await query.execute();
  if (rows.some((row) => row.code === candidate.code)) return "code";
  return rows.length > 0 ? "name" : undefined;
}

export async function insertCategory(db: DbOrTx, row: CategoryRow): Promise<void> {
  await db.insertInto("categories").values(row).execute();
}

export async function updateCategory(
  db: DbOrTx,
  orgId: string,
  id: string,
  changes: Partial<CategoryRow>,
): Promise<void> {
  await db.updateTable("categories").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function deleteCategory(db: DbOrTx, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("categories").where("org_id", "=", orgId).where("id", "=", id).execute();
}
