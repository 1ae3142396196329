import type { DbOrTx } from "../db/database.js";
import type { DepartmentTable } from "../db/schema.js";

export type DepartmentRow = DepartmentTable;
export type DepartmentWithCountRow = DepartmentRow & { member_count: number | null };

export interface DepartmentListFilter {
  orgId: string;
  active?: boolean | undefined;
}

/** Departments with the number of active users assigned to them. */
function selectDepartmentsWithCount(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("departments")
    .selectAll("departments")
    .select((eb) =>
      eb
        .selectFrom("user_departments")
        .innerJoin("users", "users.id", "user_departments.user_id")
        .select((sub) => sub.fn.countAll<number>().as("count"))
        .whereRef("user_departments.department_id", "=", "departments.id")
        .where("users.active", "=", 1)
        .as("member_count"),
    )
    .where("departments.org_id", "=", orgId);
}

export async function findDepartment(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<DepartmentWithCountRow | undefined> {
  return selectDepartmentsWithCount(db, orgId).where("departments.id", "=", id).executeTakeFirst();
}

/** A small list (a dozen rows per organisation): unpaged, by code. */
export async function listDepartments(db: DbOrTx, filter: DepartmentListFilter): Promise<DepartmentWithCountRow[]> {
  let query = selectDepartmentsWithCount(db, filter.orgId);
  if (filter.active !== undefined) query = query.where("departments.active", "=", filter.active ? 1 : 0);
  return query.orderBy("departments.code").orderBy("departments.id").execute();
}

/** Which unique field (code before name) another department of the organisation already uses. */
export async function findDepartmentConflict(
  db: DbOrTx,
  orgId: string,
  candidate: { code: string; name: string },
  exceptId?: string,
): Promise<"code" | "name" | undefined> {
  let query = db
    .selectFrom("departments")
    .select(["code", "name"])
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("code", "=", candidate.code), eb("name", "=", candidate.name)]));
  if (exceptId) query = query.where("id", "!=", exceptId);
  const rows = await query.execute();
  if (rows.some((row) => row.code === candidate.code)) return "code";
  return rows.length > 0 ? "name" : undefined;
}

export async function insertDepartment(db: DbOrTx, row: DepartmentRow): Promise<void> {
  await db.insertInto("departments").values(row).execute();
}

export async function updateDepartment(
  db: DbOrTx,
  orgId: string,
  id: string,
  changes: Partial<DepartmentRow>,
): Promise<void> {
  await db.updateTable("departments").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function deleteDepartment(db: DbOrTx, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("departments").where("org_id", "=", orgId).where("id", "=", id).execute();
}
