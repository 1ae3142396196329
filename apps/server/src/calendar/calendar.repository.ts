import type { CaseKind, Urgency } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import type { BusinessCalendarTable, CalendarDayTable, CategoryTable, DeadlinePolicyTable } from "../db/schema.js";

export type BusinessCalendarRow = BusinessCalendarTable;
export type CalendarDayRow = CalendarDayTable;
export type DeadlinePolicyRow = DeadlinePolicyTable;
export type DeadlinePolicyWithCategoryRow = DeadlinePolicyRow & { category_name: string | null };

// ---------------------------------------------------------------------------------------
// Calendar

export async function findOrganisationTimeZone(db: DbOrTx, orgId: string): Promise<string | undefined> {
  const row = await db.selectFrom("organisations").select("time_zone").where("id", "=", orgId).executeTakeFirst();
  return row?.time_zone;
}

export async function findBusinessCalendar(db: DbOrTx, orgId: string): Promise<BusinessCalendarRow | undefined> {
  return db.selectFrom("business_calendars").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

/** Inserts the row unless the organisation has one; true when this call created it. */
export async function insertBusinessCalendarIfMissing(db: DbOrTx, row: BusinessCalendarRow): Promise<boolean> {
  const result = await db
    .insertInto("business_calendars")
    .values(row)
    .onConflict((conflict) => conflict.column("org_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateBusinessCalendar(db: DbOrTx, row: BusinessCalendarRow): Promise<void> {
  await db
    .updateTable("business_calendars")
    .set({
      working_periods_json: row.working_periods_json,
      make_up_day_periods_json: row.make_up_day_periods_json,
      updated_at: row.updated_at,
    })
    .where("org_id", "=", row.org_id)
    .execute();
}

/** The organisation's days, optionally of one year only, by date. */
export async function listCalendarDays(db: DbOrTx, orgId: string, year?: number): Promise<CalendarDayRow[]> {
  let query = db.selectFrom("calendar_days").selectAll().where("org_id", "=", orgId);
  if (year !== undefined) query = query.where("day", ">=", `${year}-01-01`).where("day", "<=", `${year}-12-31`);
  return query.orderBy("day").execute();
}

export async function hasCalendarDays(db: DbOrTx, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom("calendar_days")
    .select("day")
    .where("org_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The distinct years with at least one holiday. */
export async function listHolidayYears(db: DbOrTx, orgId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("calendar_days")
    .select("day")
    .where("org_id", "=", orgId)
    .where("kind", "=", "holiday")
    .execute();
  return [...new Set(rows.map((row) => Number(row.day.slice(0, 4))))].sort((a, b) => a - b);
}

export async function findCalendarDay(db: DbOrTx, orgId: string, day: string): Promise<CalendarDayRow | undefined> {
  return db
    .selectFrom("calendar_days")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("day", "=", day)
    .executeTakeFirst();
}

/** Writes the days, replacing kind and name of days the organisation already has. */
export async function upsertCalendarDays(db: DbOrTx, rows: readonly CalendarDayRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("calendar_days")
    .values([...rows])
    .onConflict((conflict) =>
      conflict.columns(["org_id", "day"]).doUpdateSet((eb) => ({
        kind: eb.ref("excluded.kind"),
        name: eb.ref("excluded.name"),
      })),
    )
    .execute();
}

/** Writes the days the organisation does not have yet and leaves the others alone. */
export async function insertMissingCalendarDays(db: DbOrTx, rows: readonly CalendarDayRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("calendar_days")
    .values([...rows])
    .onConflict((conflict) => conflict.columns(["org_id", "day"]).doNothing())
    .execute();
}

export async function deleteCalendarDay(db: DbOrTx, orgId: string, day: string): Promise<void> {
  await db.deleteFrom("calendar_days").where("org_id", "=", orgId).where("day", "=", day).execute();
}

// ---------------------------------------------------------------------------------------
// Deadline policies

function selectPoliciesWithCategory(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("deadline_policies")
    .leftJoin("categories", "categories.id", "deadline_policies.category_id")
    .selectAll("deadline_policies")
    .select("categories.name as category_name")
    .where("deadline_policies.org_id", "=", orgId);
}

/** A handful of rows per organisation: unpaged, by kind, then the general before the specific. */
export async function listDeadlinePolicies(db: DbOrTx, orgId: string): Promise<DeadlinePolicyWithCategoryRow[]> {
  const rows = await selectPoliciesWithCategory(db, orgId).execute();
  const scopeOrder = (row: DeadlinePolicyRow) => (row.category_id ? 2 : 0) + (row.urgency ? 1 : 0);
  return rows.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      scopeOrder(a) - scopeOrder(b) ||
      (a.category_name ?? "").localeCompare(b.category_name ?? "", "zh-CN") ||
      (a.urgency ?? "").localeCompare(b.urgency ?? "") ||
      a.id.localeCompare(b.id),
  );
}

export async function findDeadlinePolicy(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<DeadlinePolicyWithCategoryRow | undefined> {
  return selectPoliciesWithCategory(db, orgId).where("deadline_policies.id", "=", id).executeTakeFirst();
}

export interface PolicyScope {
  kind: CaseKind;
  categoryId: string | null;
  urgency: Urgency | null;
}

/** The policy of exactly this scope (NULL matching NULL), if any. */
export async function findDeadlinePolicyByScope(
  db: DbOrTx,
  orgId: string,
  scope: PolicyScope,
): Promise<DeadlinePolicyRow | undefined> {
  return db
    .selectFrom("deadline_policies")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("kind", "=", scope.kind)
    .where("category_id", scope.categoryId === null ? "is" : "=", scope.categoryId)
    .where("urgency", scope.urgency === null ? "is" : "=", scope.urgency)
    .executeTakeFirst();
}

/** Every policy that applies to a case of this kind, category and urgency: at most four. */
export async function listApplicableDeadlinePolicies(
  db: DbOrTx,
  orgId: string,
  scope: PolicyScope,
): Promise<DeadlinePolicyRow[]> {
  const { categoryId, urgency } = scope;
  return db
    .selectFrom("deadline_policies")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("kind", "=", scope.kind)
    .where((eb) =>
      categoryId === null
        ? eb("category_id", "is", null)
        : eb.or([eb("category_id", "is", null), eb("category_id", "=", categoryId)]),
    )
    .where((eb) =>
      urgency === null ? eb("urgency", "is", null) : eb.or([eb("urgency", "is", null), eb("urgency", "=", urgency)]),
    )
    .execute();
}

export async function insertDeadlinePolicy(db: DbOrTx, row: DeadlinePolicyRow): Promise<void> {
  await db.insertInto("deadline_policies").values(row).execute();
}

export async function updateDeadlinePolicy(
  db: DbOrTx,
  orgId: string,
  id: string,
  changes: Partial<DeadlinePolicyRow>,
): Promise<void> {
  await db.updateTable("deadline_policies").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function deleteDeadlinePolicy(db: DbOrTx, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("deadline_policies").where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function findCategory(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<Pick<CategoryTable, "id" | "kind" | "name"> | undefined> {
  return db
    .selectFrom("categories")
    .select(["id", "kind", "name"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}
