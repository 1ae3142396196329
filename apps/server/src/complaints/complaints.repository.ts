import type { HandlingStatus } from "@estate-desk/domain";
import type { Insertable, Selectable, Updateable } from "kysely";
import { propagateToDuplicates } from "../cases/cases.repository.js";
import type { DbOrTx } from "../db/database.js";
import type { CaseHandlingTable, CaseTable } from "../db/schema.js";
import { assertCaseEditable } from "../records/handover-lock.js";

export type HandlingRow = Selectable<CaseHandlingTable>;

/** A handling section with the names it is shown by. */
export async function findHandlings(db: DbOrTx, caseId: string) {
  return db
    .selectFrom("case_handlings")
    .innerJoin("departments", "departments.id", "case_handlings.department_id")
    .leftJoin("users as acceptors", "acceptors.id", "case_handlings.accepted_by")
    .leftJoin("users as assignees", "assignees.id", "case_handlings.assignee_id")
    .leftJoin("users as returners", "returners.id", "case_handlings.returned_by")
    .selectAll("case_handlings")
    .select([
      "departments.name as department_name",
      "departments.function as department_function",
      "acceptors.display_name as accepted_by_name",
      "assignees.display_name as assignee_name",
      "returners.display_name as returned_by_name",
    ])
    .where("case_handlings.case_id", "=", caseId)
    .orderBy("case_handlings.routed_at")
    .orderBy("case_handlings.id")
    .execute();
}
export type HandlingView = Awaited<ReturnType<typeof findHandlings>>[number];

export async function insertHandling(db: DbOrTx, row: Insertable<CaseHandlingTable>): Promise<void> {
  await db.insertInto("case_handlings").values(row).execute();
}

/**
 * Moves a handling section on only if it is still in the state the caller saw: two heads
 * clicking "accept" at once, or an escalation racing a return, cannot both win.
 */
export async function updateHandlingIf(
  db: DbOrTx,
  id: string,
  expected: readonly HandlingStatus[],
  changes: Updateable<CaseHandlingTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("case_handlings")
    .set(changes)
    .where("id", "=", id)
    .where("status", "in", expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateHandlings(
  db: DbOrTx,
  caseId: string,
  expected: readonly HandlingStatus[],
  changes: Updateable<CaseHandlingTable>,
): Promise<void> {
  await db
    .updateTable("case_handlings")
    .set(changes)
    .where("case_id", "=", caseId)
    .where("status", "in", expected)
    .execute();
}

export type ComplaintRow = Selectable<CaseTable>;

export async function findComplaint(db: DbOrTx, orgId: string, caseId: string) {
  return db
    .selectFrom("cases")
    .leftJoin("users as signers", "signers.id", "cases.signed_off_by")
    .leftJoin("users as coordinators", "coordinators.id", "cases.coordinated_by")
    .leftJoin("users as checkers", "checkers.id", "cases.checked_by")
    .select([
      "cases.id",
      "cases.org_id",
      "cases.estate_id",
      "cases.kind",
      "cases.number",
      "cases.status",
      "cases.unit_id",
      "cases.category_id",
      "cases.urgency",
      "cases.received_at",
      "cases.source",
      "cases.is_major",
      "cases.major_reason",
      "cases.signed_off_at",
      "signers.display_name as signed_off_by_name",
      "cases.coordination_requested_at",
      "cases.coordination_decision",
      "coordinators.display_name as coordinated_by_name",
      "cases.paused_at",
      "cases.pause_reason",
      "cases.checked_at",
      "checkers.display_name as checked_by_name",
      "cases.closed_at",
    ])
    .where("cases.org_id", "=", orgId)
    .where("cases.id", "=", caseId)
    .executeTakeFirst();
}
export type ComplaintView = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

/** Changes the complaint only if its status is still the one the caller saw. */
export async function updateComplaintIf(
  db: DbOrTx,
  caseId: string,
  expectedStatus: string,
  changes: Updateable<CaseTable>,
): Promise<boolean> {
  // A record handed over to QA is locked: corrections are addenda.
  await assertCaseEditable(db, caseId);
  const result = await db
    .updateTable("cases")
    .set(changes)
    .where("id", "=", caseId)
    .where("status", "=", expectedStatus as ComplaintRow["status"])
    .executeTakeFirst();
  const moved = Number(result.numUpdatedRows) === 1;
  if (moved && changes.status) {
    await propagateToDuplicates(db, caseId, {
      status: changes.status as ComplaintRow["status"],
      updated_at: new Date().toISOString(),
      ...(changes.closed_at === undefined ? {} : { closed_at: changes.closed_at as string | null }),
    });
  }
  return moved;
}

/** Whether a user is an active staff member of a department: who may be assigned its complaints. */
export async function isDepartmentMember(db: DbOrTx, orgId: string, userId: string, departmentId: string) {
  const row = await db
    .selectFrom("users")
    .innerJoin("user_departments", "user_departments.user_id", "users.id")
    .select("users.id")
    .where("users.org_id", "=", orgId)
    .where("users.id", "=", userId)
    .where("users.active", "=", 1)
    .where("users.kind", "=", "staff")
    .where("user_departments.department_id", "=", departmentId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findUserName(db: DbOrTx, userId: string): Promise<string | null> {
  const row = await db.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirst();
  return row?.display_name ?? null;
}
