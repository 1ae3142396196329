/**
 * The only code of the nonconformities module that touches Kysely: nonconformities with the
 * names a page shows, the callbacks that verify their fix, and the formal report (QR-019).
 */
import type { NonconformityStatus, Role } from "@estate-desk/domain";
import type { Insertable, Updateable } from "kysely";
import type { EstateScope } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { CallbackTable, NonconformityReportTable, NonconformityTable } from "../db/schema.js";

function views(db: DbOrTx) {
  return db
    .selectFrom("nonconformities as nc")
    .leftJoin("estates", "estates.id", "nc.estate_id")
    .leftJoin("cases", "cases.id", "nc.case_id")
    .leftJoin("suggestion_topics as topic", "topic.id", "nc.topic_id")
    .leftJoin("users as responsible", "responsible.id", "nc.responsible_user_id")
    .leftJoin("departments as department", "department.id", "nc.responsible_department_id")
    .leftJoin("users as confirmer", "confirmer.id", "nc.confirmed_by")
    .leftJoin("users as fixer", "fixer.id", "nc.fixed_by")
    .leftJoin("users as closer", "closer.id", "nc.closed_by")
    .leftJoin("users as signer", "signer.id", "nc.signed_off_by")
    .selectAll("nc")
    .select([
      "estates.name as estate_name",
      "cases.number as case_number",
      "topic.title as topic_title",
      "responsible.display_name as responsible_user_name",
      "department.name as responsible_department_name",
      "confirmer.display_name as confirmed_by_name",
      "fixer.display_name as fixed_by_name",
      "closer.display_name as closed_by_name",
      "signer.display_name as signed_off_by_name",
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("nonconformity_reports")
            .select("nonconformity_reports.nonconformity_id")
            .whereRef("nonconformity_reports.nonconformity_id", "=", "nc.id"),
        )
        .as("has_report"),
    );
}

export type NonconformityView = Awaited<ReturnType<ReturnType<typeof views>["executeTakeFirstOrThrow"]>>;

/**
 * Who sees which nonconformities: customer service, QA, the management representative and
 * administrators every one of their estates; others those they or their departments must fix.
 */
export interface NonconformityVisibility {
  estates: EstateScope;
  everything: boolean;
  userId: string;
  departmentIds: string[];
}

type ViewQuery = ReturnType<typeof views>;

function visibleTo(query: ViewQuery, visibility: NonconformityVisibility): ViewQuery {
  return query.where((eb) => {
    const estateOk = visibility.estates.all
      ? eb.lit(true)
      : visibility.estates.estateIds.length === 0
        ? eb("nc.estate_id", "is", null)
        : eb.or([eb("nc.estate_id", "is", null), eb("nc.estate_id", "in", visibility.estates.estateIds)]);
    const mine = [eb("nc.responsible_user_id", "=", visibility.userId)];
    if (visibility.departmentIds.length > 0) {
      mine.push(eb("nc.responsible_department_id", "in", visibility.departmentIds));
    }
    return eb.and([estateOk, visibility.everything ? eb.lit(true) : eb.or(mine)]);
  });
}

export async function findView(
  db: DbOrTx,
  orgId: string,
  id: string,
  visibility: NonconformityVisibility,
): Promise<NonconformityView | undefined> {
  return visibleTo(views(db), visibility).where("nc.org_id", "=", orgId).where("nc.id", "=", id).executeTakeFirst();
}

export interface NonconformityFilter {
  orgId: string;
  visibility: NonconformityVisibility;
  statuses: readonly NonconformityStatus[] | null;
  /** Keyset: newest first by created_at, then id. */
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
}

export async function list(db: DbOrTx, filter: NonconformityFilter): Promise<NonconformityView[]> {
  let query = visibleTo(views(db), filter.visibility).where("nc.org_id", "=", filter.orgId);
  if (filter.statuses) query = query.where("nc.status", "in", filter.statuses);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("nc.created_at", "<", after.createdAt),
        eb.and([eb("nc.created_at", "=", after.createdAt), eb("nc.id", "<", after.id)]),
      ]),
    );
  }
  return query
    .orderBy("nc.created_at", "desc")
    .orderBy("nc.id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

export async function findRow(db: DbOrTx, orgId: string, id: string) {
  return db
    .selectFrom("nonconformities")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Moves a nonconformity on only if it is still in one of `from`: a lost race changes nothing. */
export async function updateIf(
  db: DbOrTx,
  id: string,
  from: readonly NonconformityStatus[],
  changes: Updateable<NonconformityTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("nonconformities")
    .set(changes)
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The highest number of the month so far, e.g. NC-202611-0007, or undefined. */
export async function lastNumberWithPrefix(db: DbOrTx, orgId: string, prefix: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("nonconformities")
    .select("number")
    .where("org_id", "=", orgId)
    .where("number", "like", `${prefix}%`)
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.number ?? undefined;
}

export async function findOrgTimeZone(db: DbOrTx, orgId: string): Promise<{ timeZone: string; name: string }> {
  const row = await db
    .selectFrom("organisations")
    .select(["time_zone", "name"])
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return { timeZone: row.time_zone, name: row.name };
}

export async function findCallbacksOf(db: DbOrTx, nonconformityId: string) {
  return db
    .selectFrom("callbacks")
    .leftJoin("users as assignee", "assignee.id", "callbacks.assigned_to")
    .leftJoin("users as performer", "performer.id", "callbacks.performed_by")
    .selectAll("callbacks")
    .select(["assignee.display_name as assigned_to_name", "performer.display_name as performed_by_name"])
    .where("callbacks.nonconformity_id", "=", nonconformityId)
    .orderBy("callbacks.created_at", "asc")
    .orderBy("callbacks.id", "asc")
    .execute();
}

export async function findCallback(db: DbOrTx, orgId: string, id: string) {
  return db.selectFrom("callbacks").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** The next sequence number of callbacks on one subject (R-4.9.2: callbacks are kept in order). */
export async function nextCallbackSequence(
  db: DbOrTx,
  subject: { column: "case_id" | "work_order_id" | "topic_id"; id: string },
): Promise<number> {
  const row = await db
    .selectFrom("callbacks")
    .select((eb) => eb.fn.max("sequence").as("last"))
    .where(subject.column, "=", subject.id)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertCallback(db: DbOrTx, row: Insertable<CallbackTable>): Promise<void> {
  await db.insertInto("callbacks").values(row).execute();
}

export async function findCaseBrief(db: DbOrTx, orgId: string, caseId: string) {
  return db
    .selectFrom("cases")
    .select(["id", "kind", "estate_id", "number"])
    .where("org_id", "=", orgId)
    .where("id", "=", caseId)
    .executeTakeFirst();
}

export async function findWorkOrderOfCase(db: DbOrTx, caseId: string) {
  return db
    .selectFrom("work_orders")
    .select("id")
    .where("case_id", "=", caseId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Active staff of the organisation: a callback is assigned only to one of them. */
export async function isActiveStaff(db: DbOrTx, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .where("kind", "=", "staff")
    .where("active", "=", 1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findDepartment(db: DbOrTx, orgId: string, id: string) {
  return db
    .selectFrom("departments")
    .select(["id", "name", "function"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("active", "=", 1)
    .executeTakeFirst();
}

/** Staff of the organisation holding one of `roles` (estate scope aside): for records without an estate. */
export async function findStaffWithRoles(
  db: DbOrTx,
  orgId: string,
  roles: readonly Role[],
  departmentId?: string | null,
): Promise<string[]> {
  let query = db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.id")
    .distinct()
    .where("users.org_id", "=", orgId)
    .where("users.active", "=", 1)
    .where("users.kind", "=", "staff")
    .where("user_roles.role", "in", roles);
  if (departmentId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_departments")
          .select("user_departments.user_id")
          .whereRef("user_departments.user_id", "=", "users.id")
          .where("user_departments.department_id", "=", departmentId),
      ),
    );
  }
  return (await query.execute()).map((row) => row.id);
}

/** Staff holding one of `roles` who see the estate (every estate's when `estateId` is null). */
export async function findStaffOfEstate(
  db: DbOrTx,
  orgId: string,
  estateId: string | null,
  roles: readonly Role[],
): Promise<string[]> {
  const staff = await findStaffWithRoles(db, orgId, roles);
  if (estateId === null || staff.length === 0) return staff;
  const rows = await db
    .selectFrom("users")
    .select("users.id")
    .where("users.id", "in", staff)
    .where((eb) =>
      eb.or([
        eb("users.all_estates", "=", 1),
        eb.exists(
          eb
            .selectFrom("user_estates")
            .select("user_estates.user_id")
            .whereRef("user_estates.user_id", "=", "users.id")
            .where("user_estates.estate_id", "=", estateId),
        ),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}

export async function findUserName(db: DbOrTx, userId: string): Promise<string> {
  const row = await db.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirst();
  return row?.display_name ?? "";
}

// QR-019 ----------------------------------------------------------------------------------

export async function findReport(db: DbOrTx, nonconformityId: string) {
  return db
    .selectFrom("nonconformity_reports")
    .selectAll()
    .where("nonconformity_id", "=", nonconformityId)
    .executeTakeFirst();
}

export async function insertReport(db: DbOrTx, row: Insertable<NonconformityReportTable>): Promise<void> {
  await db.insertInto("nonconformity_reports").values(row).execute();
}

export async function updateReport(
  db: DbOrTx,
  nonconformityId: string,
  changes: Updateable<NonconformityReportTable>,
): Promise<void> {
  await db.updateTable("nonconformity_reports").set(changes).where("nonconformity_id", "=", nonconformityId).execute();
}

// Overdue escalation -----------------------------------------------------------------------

/** Open nonconformities past their deadline, one page at a time (keyset on id). */
export async function listOverdue(db: DbOrTx, orgId: string, now: string, afterId: string | null, limit: number) {
  let query = db
    .selectFrom("nonconformities")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("status", "=", "open")
    .where("due_at", "is not", null)
    .where("due_at", "<=", now);
  if (afterId) query = query.where("id", ">", afterId);
  return query.orderBy("id").limit(limit).execute();
}

/** Raises the level only from the level read: of racing instances one raise wins. */
export async function raiseEscalationLevel(
  db: DbOrTx,
  input: { id: string; from: number; to: number; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable("nonconformities")
    .set({ escalation_level: input.to, updated_at: input.now })
    .where("id", "=", input.id)
    .where("status", "=", "open")
    .where("escalation_level", "=", input.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listActiveOrganisationIds(db: DbOrTx): Promise<string[]> {
  return (await db.selectFrom("organisations").select("id").where("active", "=", 1).execute()).map((row) => row.id);
}
