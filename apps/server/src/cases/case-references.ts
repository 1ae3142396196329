/**
 * Checks every record a new or completed case refers to: it must exist in the actor's
 * organisation, be active, and fit the case (a unit of the estate, a category of the kind).
 * A reference that fails is a 400 naming the field, and nothing is written.
 */
import type { CaseKind, Urgency } from "@estate-desk/domain";
import type { Actor } from "../auth/actor.js";
import { canSeeEstate } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { CategoryTable, DepartmentTable, EstateTable, ResidentTable } from "../db/schema.js";
import { AppError } from "../http/errors.js";

export function invalidField(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", { issues: [{ path: `body/${path}`, message }] });
}

export interface UnitRef {
  id: string;
  estate_id: string;
  number: string;
  building_name: string;
}

export async function resolveEstate(db: DbOrTx, actor: Actor, estateId: string): Promise<EstateTable> {
  const estate = await db
    .selectFrom("estates")
    .selectAll()
    .where("org_id", "=", actor.orgId)
    .where("id", "=", estateId)
    .executeTakeFirst();
  if (estate?.active !== 1 || (actor.kind === "staff" && !canSeeEstate(actor, estate.id))) {
    throw invalidField("estateId", "unknown, inactive or outside your estates");
  }
  return estate;
}

export async function resolveUnit(db: DbOrTx, orgId: string, unitId: string, estateId: string): Promise<UnitRef> {
  const unit = await db
    .selectFrom("units")
    .innerJoin("buildings", "buildings.id", "units.building_id")
    .select(["units.id", "units.estate_id", "units.number", "units.active", "buildings.name as building_name"])
    .where("units.org_id", "=", orgId)
    .where("units.id", "=", unitId)
    .executeTakeFirst();
  if (unit?.active !== 1) throw invalidField("unitId", "unknown or inactive unit");
  if (unit.estate_id !== estateId) throw invalidField("unitId", "the unit is not in this estate");
  return unit;
}

export async function resolveResident(db: DbOrTx, orgId: string, residentId: string): Promise<ResidentTable> {
  const resident = await db
    .selectFrom("residents")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", residentId)
    .executeTakeFirst();
  if (resident?.active !== 1) throw invalidField("residentId", "unknown or inactive resident");
  return resident;
}

export async function resolveCategory(
  db: DbOrTx,
  orgId: string,
  categoryId: string,
  kind: CaseKind,
): Promise<CategoryTable> {
  const category = await db
    .selectFrom("categories")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", categoryId)
    .executeTakeFirst();
  if (category?.active !== 1) throw invalidField("categoryId", "unknown or inactive category");
  if (category.kind !== kind) throw invalidField("categoryId", `the category is not a ${kind} category`);
  return category;
}

export async function resolveDepartment(
  db: DbOrTx,
  orgId: string,
  departmentId: string,
  field = "departmentId",
): Promise<DepartmentTable> {
  const department = await db
    .selectFrom("departments")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", departmentId)
    .executeTakeFirst();
  if (department?.active !== 1) throw invalidField(field, "unknown or inactive department");
  return department;
}

export interface Classification {
  category: CategoryTable;
  urgency: Urgency;
  department: DepartmentTable | null;
}

/**
 * Category, urgency and responsible department of a case: the clerk's choice, else the
 * category's defaults. A complaint cannot be registered without a department to
 * route its handling form to.
 */
export async function classify(
  db: DbOrTx,
  orgId: string,
  kind: CaseKind,
  choice: { categoryId: string; urgency?: Urgency | undefined; departmentId?: string | null | undefined },
): Promise<Classification> {
  const category = await resolveCategory(db, orgId, choice.categoryId, kind);
  const departmentId = choice.departmentId ?? category.default_department_id;
  const department = departmentId
    ? await resolveDepartment(db, orgId, departmentId, choice.departmentId ? "departmentId" : "categoryId")
    : null;
  if (kind === "complaint" && !department) {
    throw invalidField("departmentId", "a complaint needs a responsible department (R-4.1.3)");
  }
  return { category, urgency: choice.urgency ?? category.default_urgency, department };
}
