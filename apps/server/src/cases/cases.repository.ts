import type { CaseKind, CaseSource, CaseStatus, Role } from "@estate-desk/domain";
import type { ExpressionBuilder, Insertable, Selectable } from "kysely";
import type { CaseVisibility } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { DatabaseKind } from "../db/dialect.js";
import type {
  CaseCommentTable,
  CaseEventTable,
  CaseHandlingTable,
  CaseTable,
  Database,
  WorkOrderTable,
} from "../db/schema.js";
import { caseMatches, type SearchColumns } from "../db/search.js";
import { assertCaseEditable } from "../records/handover-lock.js";

/** Complaint-workflow columns: read and written by the complaints module, defaulted at intake. */
type WorkflowColumn =
  | "source"
  | "is_major"
  | "major_reason"
  | "signed_off_at"
  | "signed_off_by"
  | "coordination_requested_at"
  | "coordination_decision"
  | "coordinated_by"
  | "coordinated_at"
  | "paused_at"
  | "pause_reason"
  | "checked_at"
  | "checked_by";

/** A case as intake writes and reads it. */
export type CaseRow = Omit<Selectable<CaseTable>, "search_rowid" | "search_vector" | WorkflowColumn>;

type CasesEb = ExpressionBuilder<Database, "cases">;

/** The visibility rule of auth/policy.ts as a condition on `cases`. */
export function visibleTo(visibility: CaseVisibility) {
  return (eb: CasesEb) => {
    const roleConditions = [];
    if (visibility.everything) roleConditions.push(eb.lit(true));
    if (visibility.departmentIds.length > 0) {
      roleConditions.push(eb("cases.department_id", "in", visibility.departmentIds));
      roleConditions.push(
        eb.exists(
          eb
            .selectFrom("case_handlings")
            .select("case_handlings.id")
            .whereRef("case_handlings.case_id", "=", "cases.id")
            .where("case_handlings.department_id", "in", visibility.departmentIds),
        ),
      );
    }
    if (visibility.repairs) roleConditions.push(eb("cases.kind", "=", "repair"));
    const inScope =
      roleConditions.length === 0
        ? eb.lit(false)
        : visibility.estates.all
          ? eb.or(roleConditions)
          : visibility.estates.estateIds.length === 0
            ? eb.lit(false)
            : eb.and([eb("cases.estate_id", "in", visibility.estates.estateIds), eb.or(roleConditions)]);
    return eb.or([
      inScope,
      eb("cases.forwarded_by_user_id", "=", visibility.forwardedBy),
      // A repair worker sees the repairs he is sent to.
      eb.exists(
        eb
          .selectFrom("work_orders")
          .select("work_orders.id")
          .whereRef("work_orders.case_id", "=", "cases.id")
          .where("work_orders.worker_id", "=", visibility.forwardedBy),
      ),
    ]);
  };
}

/** Everything a register row shows, joined once. */
function summaries(db: DbOrTx) {
  return db
    .selectFrom("cases")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .leftJoin("units", "units.id", "cases.unit_id")
    .leftJoin("buildings", "buildings.id", "units.building_id")
    .leftJoin("residents", "residents.id", "cases.resident_id")
    .leftJoin("categories", "categories.id", "cases.category_id")
    .leftJoin("departments", "departments.id", "cases.department_id")
    .leftJoin("users as receivers", "receivers.id", "cases.received_by")
    .select([
      "cases.id",
      "cases.org_id",
      "cases.number",
      "cases.kind",
      "cases.status",
      "cases.channel",
      "cases.received_at",
      "cases.estate_id",
      "estates.name as estate_name",
      "cases.unit_id",
      "units.number as unit_number",
      "buildings.name as building_name",
      "cases.public_area",
      "cases.resident_id",
      "residents.name as resident_name",
      "residents.phone as resident_phone",
      "cases.visitor_name",
      "cases.visitor_phone",
      "cases.category_id",
      "categories.name as category_name",
      "cases.urgency",
      "cases.urgency_rank",
      "cases.department_id",
      "departments.name as department_name",
      "receivers.display_name as received_by_name",
      "cases.forwarded_by_name",
      "cases.content",
      "cases.duplicate_of_id",
    ]);
}

export type CaseSummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>["executeTakeFirstOrThrow"]>>;

export type RegisterSort = "receivedAt" | "number" | "urgency";

export interface RegisterFilter {
  orgId: string;
  visibility: CaseVisibility;
  databaseKind: DatabaseKind;
  kind?: CaseKind | undefined;
  estateId?: string | undefined;
  status?: CaseStatus | undefined;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  sort: RegisterSort;
  order: "asc" | "desc";
  /** The sort values and id of the last row of the previous page. */
  after?: { values: (string | number)[]; id: string } | undefined;
  limit: number;
}

const SORT_COLUMNS = {
  receivedAt: ["cases.received_at"],
  number: ["cases.number"],
  urgency: ["cases.urgency_rank", "cases.received_at"],
} as const;

export function sortValuesOf(row: CaseSummaryRow, sort: RegisterSort): (string | number)[] {
  switch (sort) {
    case "receivedAt":
      return [row.received_at];
    case "number":
      return [row.number];
    case "urgency":
      return [row.urgency_rank, row.received_at];
  }
}

/** One page of the register (QR-022), keyset-paged on the sort columns and id. */
export async function listRegister(db: DbOrTx, filter: RegisterFilter): Promise<CaseSummaryRow[]> {
  let query = summaries(db).where("cases.org_id", "=", filter.orgId).where(visibleTo(filter.visibility));
  if (filter.kind) query = query.where("cases.kind", "=", filter.kind);
  if (filter.estateId) query = query.where("cases.estate_id", "=", filter.estateId);
  if (filter.status) query = query.where("cases.status", "=", filter.status);
  if (filter.categoryId) query = query.where("cases.category_id", "=", filter.categoryId);
  if (filter.departmentId) query = query.where("cases.department_id", "=", filter.departmentId);
  if (filter.channel) query = query.where("cases.channel", "=", filter.channel as CaseRow["channel"]);
  if (filter.from) query = query.where("cases.received_at", ">=", filter.from);
  if (filter.to) query = query.where("cases.received_at", "<", filter.to);
  const q = filter.q;
  if (q) query = query.where(() => caseMatches(filter.databaseKind, q));

  const columns = SORT_COLUMNS[filter.sort];
  const direction = filter.order;
  const after = filter.after;
  if (after) {
    const comparison = direction === "desc" ? "<" : ">";
    query = query.where((eb) =>
      eb(
        eb.refTuple(...(columns as unknown as ["cases.received_at"]), "cases.id"),
        comparison,
        eb.tuple(...(after.values as [string]), after.id),
      ),
    );
  }
  for (const column of columns) query = query.orderBy(column, direction);
  return query
    .orderBy("cases.id", direction)
    .limit(filter.limit + 1)
    .execute();
}

export async function findSummary(
  db: DbOrTx,
  orgId: string,
  id: string,
  visibility?: CaseVisibility,
): Promise<CaseSummaryRow | undefined> {
  let query = summaries(db).where("cases.org_id", "=", orgId).where("cases.id", "=", id);
  if (visibility) query = query.where(visibleTo(visibility));
  return query.executeTakeFirst();
}

export async function findSummaries(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<CaseSummaryRow[]> {
  if (ids.length === 0) return [];
  return summaries(db)
    .where("cases.org_id", "=", orgId)
    .where("cases.id", "in", ids)
    .orderBy("cases.received_at", "desc")
    .execute();
}

export async function findCaseRow(db: DbOrTx, orgId: string, id: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom("cases")
    .select([
      "id",
      "org_id",
      "estate_id",
      "kind",
      "number",
      "status",
      "channel",
      "received_at",
      "received_by",
      "created_by",
      "forwarded_by_department_id",
      "forwarded_by_user_id",
      "forwarded_by_name",
      "resident_id",
      "visitor_name",
      "visitor_phone",
      "unit_id",
      "public_area",
      "category_id",
      "urgency",
      "urgency_rank",
      "content",
      "department_id",
      "wants_callback",
      "callback_phone",
      "callback_note",
      "duplicate_of_id",
      "closed_at",
      "created_at",
      "updated_at",
    ])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Open cases of a kind on a unit received since an instant: the duplicate check at intake. */
export async function findOpenCasesOnUnit(
  db: DbOrTx,
  filter: { orgId: string; unitId: string; kind?: CaseKind; since?: string; openStatuses: readonly CaseStatus[] },
): Promise<CaseSummaryRow[]> {
  let query = summaries(db)
    .where("cases.org_id", "=", filter.orgId)
    .where("cases.unit_id", "=", filter.unitId)
    .where("cases.status", "in", filter.openStatuses)
    .where("cases.duplicate_of_id", "is", null);
  if (filter.kind) query = query.where("cases.kind", "=", filter.kind);
  if (filter.since) query = query.where("cases.received_at", ">=", filter.since);
  return query.orderBy("cases.received_at", "desc").limit(20).execute();
}

/** A resident's open cases (as the reporting resident), newest first. */
export async function findOpenCasesOfResident(
  db: DbOrTx,
  orgId: string,
  residentId: string,
  openStatuses: readonly CaseStatus[],
): Promise<CaseSummaryRow[]> {
  return summaries(db)
    .where("cases.org_id", "=", orgId)
    .where("cases.resident_id", "=", residentId)
    .where("cases.status", "in", openStatuses)
    .orderBy("cases.received_at", "desc")
    .limit(20)
    .execute();
}

/** Cases a resident filed or that concern one of their units, newest first. */
export async function findCasesOfResident(
  db: DbOrTx,
  orgId: string,
  residentId: string,
  unitIds: readonly string[],
): Promise<CaseSummaryRow[]> {
  return summaries(db)
    .where("cases.org_id", "=", orgId)
    .where((eb) => {
      const mine = [eb("cases.resident_id", "=", residentId)];
      if (unitIds.length > 0) mine.push(eb("cases.unit_id", "in", unitIds));
      return eb.or(mine);
    })
    .orderBy("cases.received_at", "desc")
    .limit(200)
    .execute();
}

export async function insertCase(db: DbOrTx, row: CaseRow & SearchColumns): Promise<void> {
  await db.insertInto("cases").values(row).execute();
}

export async function updateCase(db: DbOrTx, id: string, changes: Partial<CaseRow>): Promise<void> {
  // A record handed over to QA is locked: corrections are addenda.
  await assertCaseEditable(db, id);
  await db.updateTable("cases").set(changes).where("id", "=", id).execute();
  if (changes.status) {
    await propagateToDuplicates(db, id, {
      status: changes.status,
      updated_at: changes.updated_at ?? new Date().toISOString(),
      ...(changes.closed_at === undefined ? {} : { closed_at: changes.closed_at }),
    });
  }
}

export async function insertPhotos(
  db: DbOrTx,
  orgId: string,
  caseId: string,
  uploadIds: readonly string[],
): Promise<void> {
  if (uploadIds.length === 0) return;
  await db
    .insertInto("case_photos")
    .values(uploadIds.map((uploadId, position) => ({ case_id: caseId, upload_id: uploadId, org_id: orgId, position })))
    .execute();
}

export async function findPhotos(db: DbOrTx, caseId: string) {
  return db
    .selectFrom("case_photos")
    .innerJoin("uploads", "uploads.id", "case_photos.upload_id")
    .selectAll("uploads")
    .where("case_photos.case_id", "=", caseId)
    .orderBy("case_photos.position")
    .execute();
}

export async function findPhoto(db: DbOrTx, caseId: string, uploadId: string) {
  return db
    .selectFrom("case_photos")
    .innerJoin("uploads", "uploads.id", "case_photos.upload_id")
    .selectAll("uploads")
    .where("case_photos.case_id", "=", caseId)
    .where("case_photos.upload_id", "=", uploadId)
    .executeTakeFirst();
}

export async function insertHandling(db: DbOrTx, row: Insertable<CaseHandlingTable>): Promise<void> {
  await db.insertInto("case_handlings").values(row).execute();
}

export async function insertWorkOrder(db: DbOrTx, row: Insertable<WorkOrderTable>): Promise<void> {
  await db.insertInto("work_orders").values(row).execute();
}

export async function findWorkOrderOfCase(db: DbOrTx, caseId: string) {
  return db.selectFrom("work_orders").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

export async function insertEvent(db: DbOrTx, row: CaseEventTable): Promise<void> {
  await db.insertInto("case_events").values(row).execute();
}

export async function findEvents(db: DbOrTx, caseId: string) {
  return db
    .selectFrom("case_events")
    .leftJoin("users", "users.id", "case_events.actor_id")
    .select([
      "case_events.id",
      "case_events.at",
      "case_events.type",
      "case_events.data_json",
      "users.display_name as actor_name",
    ])
    .where("case_events.case_id", "=", caseId)
    .orderBy("case_events.at")
    .orderBy("case_events.id")
    .execute();
}

export async function insertComment(db: DbOrTx, row: CaseCommentTable): Promise<void> {
  await db.insertInto("case_comments").values(row).execute();
}

export async function findComments(db: DbOrTx, caseId: string, visibility?: "resident") {
  let query = db
    .selectFrom("case_comments")
    .innerJoin("users", "users.id", "case_comments.author_id")
    .select([
      "case_comments.id",
      "case_comments.visibility",
      "case_comments.body",
      "case_comments.created_at",
      "users.display_name as author_name",
    ])
    .where("case_comments.case_id", "=", caseId);
  if (visibility) query = query.where("case_comments.visibility", "=", visibility);
  return query.orderBy("case_comments.created_at").orderBy("case_comments.id").execute();
}

export async function findDuplicatesOf(db: DbOrTx, caseId: string) {
  return db
    .selectFrom("cases")
    .select(["id", "number"])
    .where("duplicate_of_id", "=", caseId)
    .orderBy("received_at")
    .execute();
}

/**
 * Active staff of an organisation holding a role, whose estates include the given one, and
 * (when given) who belong to a department: the people a case is routed or dispatched to.
 */
export async function findStaffFor(
  db: DbOrTx,
  filter: { orgId: string; estateId: string; roles: readonly Role[]; departmentId?: string | null },
): Promise<string[]> {
  let query = db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.id")
    .distinct()
    .where("users.org_id", "=", filter.orgId)
    .where("users.active", "=", 1)
    .where("users.kind", "=", "staff")
    .where("user_roles.role", "in", filter.roles)
    .where((eb) =>
      eb.or([
        eb("users.all_estates", "=", 1),
        eb.exists(
          eb
            .selectFrom("user_estates")
            .select("user_estates.user_id")
            .whereRef("user_estates.user_id", "=", "users.id")
            .where("user_estates.estate_id", "=", filter.estateId),
        ),
      ]),
    );
  const departmentId = filter.departmentId;
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

/** The portal account of a resident, if they have one. */
export async function findAccountOfResident(
  db: DbOrTx,
  orgId: string,
  residentId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("org_id", "=", orgId)
    .where("resident_id", "=", residentId)
    .where("active", "=", 1)
    .executeTakeFirst();
  return row?.id;
}

export async function findDepartmentName(db: DbOrTx, departmentId: string): Promise<string | null> {
  const row = await db.selectFrom("departments").select("name").where("id", "=", departmentId).executeTakeFirst();
  return row?.name ?? null;
}

export async function setCaseSource(db: DbOrTx, caseId: string, source: CaseSource): Promise<void> {
  await db.updateTable("cases").set({ source }).where("id", "=", caseId).execute();
}

/**
 * A duplicate follows its original: whatever the original's status becomes, its duplicates
 * take too, so that closing the one case the work was done on closes the calls about it.
 */
export async function propagateToDuplicates(
  db: DbOrTx,
  originalId: string,
  changes: { status: CaseStatus; closed_at?: string | null; updated_at: string },
): Promise<void> {
  await db.updateTable("cases").set(changes).where("duplicate_of_id", "=", originalId).execute();
}

/**
 * The latest repair of the same unit and category completed since an instant: a fault that
 * came back (issue #5: a repeated fault within 30 days is rework).
 */
export async function findRecentRepairOnUnit(
  db: DbOrTx,
  filter: { orgId: string; unitId: string; categoryId: string; since: string; exceptCaseId: string },
) {
  return db
    .selectFrom("work_orders")
    .innerJoin("cases", "cases.id", "work_orders.case_id")
    .select(["work_orders.id", "cases.number"])
    .where("work_orders.org_id", "=", filter.orgId)
    .where("cases.unit_id", "=", filter.unitId)
    .where("cases.category_id", "=", filter.categoryId)
    .where("cases.id", "!=", filter.exceptCaseId)
    .where("work_orders.completed_at", ">=", filter.since)
    .orderBy("work_orders.completed_at", "desc")
    .executeTakeFirst();
}

export async function markRework(db: DbOrTx, caseId: string, reworkOfOrderId: string): Promise<void> {
  await db.updateTable("work_orders").set({ rework_of_id: reworkOfOrderId }).where("case_id", "=", caseId).execute();
}
