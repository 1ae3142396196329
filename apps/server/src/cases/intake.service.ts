/**
 * Intake: every way a case enters the register (QR-022) and is routed at once — the
 * complaint handling form (QR-023) to its department, the repair's dispatch order (QR-024)
 * to the estate's repair team — each in one transaction with its audit entry, timeline
 * events and notifications.
 */
import {
  type CaseCompletion,
  type CaseDetail,
  type CaseForward,
  type CaseIntake,
  type CaseKind,
  type CaseStatus,
  OPEN_CASE_STATUSES,
  type PortalCase,
  SIMILAR_CASE_DAYS,
  urgencyRank,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { handlingDeadlines, repairDeadlines } from "../complaints/complaint-deadlines.js";
import { flagMajorAtIntake } from "../complaints/major-complaints.js";
import type { Db, DbOrTx } from "../db/database.js";
import type { EstateTable } from "../db/schema.js";
import { indexNewCase, reindexCase, type SearchTerms, searchColumnsForNewCase, searchTermsOf } from "../db/search.js";
import { findOwnUploads } from "../files/files.service.js";
import { addMinutes, nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
import { applyDispatchMode } from "../work-orders/repair-dispatch.service.js";
import { localDay, nextCaseNumber } from "./case-numbers.js";
import { presentSummary } from "./case-presenters.js";
import {
  type Classification,
  classify,
  invalidField,
  resolveDepartment,
  resolveEstate,
  resolveResident,
  resolveUnit,
  type UnitRef,
} from "./case-references.js";
import * as repo from "./cases.repository.js";
import { getCaseDetail } from "./register.service.js";

/** Clocks differ by a little between a clerk's PC and the server; a minute more is not "the future". */
const CLOCK_SKEW_MINUTES = 1;

interface Parties {
  residentId?: string | null | undefined;
  visitor?: { name: string; phone: string } | null | undefined;
  unitId?: string | null | undefined;
  publicArea?: string | null | undefined;
}

interface ResolvedParties {
  resident: { id: string; name: string; phone: string } | null;
  visitor: { name: string; phone: string } | null;
  unit: UnitRef | null;
  publicArea: string | null;
}

async function resolveParties(db: DbOrTx, orgId: string, estateId: string, parties: Parties): Promise<ResolvedParties> {
  if (parties.residentId && parties.visitor) {
    throw invalidField("visitor", "give either a known resident or a visitor, not both");
  }
  if (parties.unitId && parties.publicArea) {
    throw invalidField("publicArea", "give either a unit or a public area, not both");
  }
  const resident = parties.residentId ? await resolveResident(db, orgId, parties.residentId) : null;
  const unit = parties.unitId ? await resolveUnit(db, orgId, parties.unitId, estateId) : null;
  return {
    resident: resident ? { id: resident.id, name: resident.name, phone: resident.phone } : null,
    visitor: parties.visitor ?? null,
    unit,
    publicArea: parties.publicArea ?? null,
  };
}

function receivedAtOf(requested: string | undefined, now: string): string {
  if (!requested) return now;
  const receivedAt = new Date(requested).toISOString();
  if (receivedAt > addMinutes(now, CLOCK_SKEW_MINUTES)) throw invalidField("receivedAt", "cannot be in the future");
  return receivedAt;
}

/** Open cases of the same kind on the same unit from the last SIMILAR_CASE_DAYS days. */
export async function findSimilarOpenCases(db: DbOrTx, orgId: string, unitId: string, kind: CaseKind, now: string) {
  return repo.findOpenCasesOnUnit(db, {
    orgId,
    unitId,
    kind,
    since: addMinutes(now, -SIMILAR_CASE_DAYS * 24 * 60),
    openStatuses: OPEN_CASE_STATUSES,
  });
}

async function assertNoSimilarCase(
  db: DbOrTx,
  orgId: string,
  unit: UnitRef | null,
  kind: CaseKind,
  acknowledged: boolean,
  now: string,
  exceptCaseId?: string,
): Promise<void> {
  if (!unit || acknowledged) return;
  const similar = (await findSimilarOpenCases(db, orgId, unit.id, kind, now)).filter((c) => c.id !== exceptCaseId);
  if (similar.length > 0) {
    throw new AppError("SIMILAR_CASE", {
      similar: similar.map((row) => {
        const summary = presentSummary(row);
        return {
          id: summary.id,
          number: summary.number,
          kind: summary.kind,
          status: summary.status,
          receivedAt: summary.receivedAt,
          categoryName: summary.categoryName,
          content: summary.content,
        };
      }),
    });
  }
}

function searchTermsOfCase(row: repo.CaseRow, parties: ResolvedParties, number: string): SearchTerms {
  return searchTermsOf(
    number,
    row.content,
    parties.resident?.name,
    parties.resident?.phone,
    row.visitor_name,
    row.visitor_phone,
    row.callback_phone,
    parties.unit ? `${parties.unit.building_name} ${parties.unit.number}` : null,
    row.public_area,
    row.forwarded_by_name,
  );
}

async function addEvent(
  tx: DbOrTx,
  context: { orgId: string; actorId: string | null },
  caseId: string,
  type: string,
  data: Record<string, unknown>,
  at = nowIso(),
): Promise<void> {
  await repo.insertEvent(tx, {
    id: newId(),
    org_id: context.orgId,
    case_id: caseId,
    at,
    actor_id: context.actorId,
    type,
    data_json: JSON.stringify(data),
  });
}

interface NewCase {
  kind: CaseKind;
  estate: EstateTable;
  channel: repo.CaseRow["channel"];
  receivedAt: string;
  receivedBy: string | null;
  forwardedByDepartmentId: string | null;
  forwardedByUserId: string | null;
  forwardedByName: string | null;
  parties: ResolvedParties;
  classification: Classification | null;
  content: string;
  wantsCallback: boolean;
  callbackPhone: string | null;
  callbackNote: string | null;
  photoIds: readonly string[];
}

/** Numbers and stores a case with its photos and search terms, and records its registration. */
async function insertCase(
  tx: DbOrTx,
  context: RequestContext,
  timeZone: string,
  input: NewCase,
): Promise<repo.CaseRow> {
  const now = nowIso();
  const number = await nextCaseNumber(tx, {
    orgId: context.actor.orgId,
    estateId: input.estate.id,
    estateCode: input.estate.code,
    kind: input.kind,
    day: localDay(input.receivedAt, timeZone),
  });
  const urgency = input.classification?.urgency ?? "normal";
  const row: repo.CaseRow = {
    id: newId(),
    org_id: context.actor.orgId,
    estate_id: input.estate.id,
    kind: input.kind,
    number,
    status: "pending_intake",
    channel: input.channel,
    received_at: input.receivedAt,
    received_by: input.receivedBy,
    created_by: context.actor.userId,
    forwarded_by_department_id: input.forwardedByDepartmentId,
    forwarded_by_user_id: input.forwardedByUserId,
    forwarded_by_name: input.forwardedByName,
    resident_id: input.parties.resident?.id ?? null,
    visitor_name: input.parties.visitor?.name ?? null,
    visitor_phone: input.parties.visitor?.phone ?? null,
    unit_id: input.parties.unit?.id ?? null,
    public_area: input.parties.publicArea,
    category_id: input.classification?.category.id ?? null,
    urgency,
    urgency_rank: urgencyRank(urgency),
    content: input.content,
    department_id: input.classification?.department?.id ?? null,
    wants_callback: input.wantsCallback ? 1 : 0,
    // Whoever wants a callback is called on the number they called from, unless they gave another.
    callback_phone: input.callbackPhone ?? input.parties.resident?.phone ?? input.parties.visitor?.phone ?? null,
    callback_note: input.callbackNote,
    duplicate_of_id: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
  };
  const terms = searchTermsOfCase(row, input.parties, number);
  const searchColumns = await searchColumnsForNewCase(tx, terms);
  await repo.insertCase(tx, { ...row, ...searchColumns });
  await indexNewCase(tx, searchColumns, terms);
  await repo.insertPhotos(tx, row.org_id, row.id, input.photoIds);
  await addEvent(tx, { orgId: row.org_id, actorId: context.actor.userId }, row.id, "registered", {
    channel: row.channel,
    forwardedByName: row.forwarded_by_name,
  });
  return row;
}

/**
 * Sends a classified case where the procedure says: a complaint's handling form to its
 * department, a repair's dispatch order to the repair team leader, a
 * suggestion into the register for the weekly classification.
 */
async function routeCase(
  tx: DbOrTx,
  context: RequestContext,
  row: repo.CaseRow,
  classification: Classification,
  estateName: string,
): Promise<CaseStatus> {
  const now = nowIso();
  const actor = { orgId: row.org_id, actorId: context.actor.userId };
  const params = {
    number: row.number,
    kind: row.kind,
    estateName,
    categoryName: classification.category.name,
    departmentName: classification.department?.name ?? null,
  };
  let status: CaseStatus;
  switch (row.kind) {
    case "complaint": {
      const department = classification.department;
      if (!department) throw invalidField("departmentId", "a complaint needs a responsible department (R-4.1.3)");
      status = "routed";
      const deadlines = await handlingDeadlines(
        tx,
        row.org_id,
        { kind: row.kind, categoryId: row.category_id, urgency: row.urgency },
        now,
      );
      await repo.insertHandling(tx, {
        accept_due_at: deadlines.acceptDueAt,
        result_due_at: deadlines.resultDueAt,
        id: newId(),
        org_id: row.org_id,
        case_id: row.id,
        department_id: department.id,
        status: "routed",
        routed_at: now,
        routed_by: context.actor.userId,
        created_at: now,
        updated_at: now,
      });
      await addEvent(tx, actor, row.id, "routed", { departmentId: department.id, departmentName: department.name });
      const heads = await repo.findStaffFor(tx, {
        orgId: row.org_id,
        estateId: row.estate_id,
        roles: department.function === "customer_service" ? ["cs_head"] : ["dept_head"],
        departmentId: department.id,
      });
      await enqueueNotification(tx, {
        orgId: row.org_id,
        recipientUserIds: heads,
        topic: "case.routed",
        caseId: row.id,
        params,
      });
      break;
    }
    case "repair": {
      status = "dispatched";
      const dues = await repairDeadlines(
        tx,
        row.org_id,
        { kind: "repair", categoryId: row.category_id, urgency: row.urgency },
        now,
      );
      const workOrderId = newId();
      await repo.insertWorkOrder(tx, {
        accept_due_at: dues.acceptDueAt,
        arrive_due_at: dues.arriveDueAt,
        result_due_at: dues.resultDueAt,
        id: workOrderId,
        org_id: row.org_id,
        estate_id: row.estate_id,
        case_id: row.id,
        status: "dispatched",
        trade_id: classification.category.default_trade_id,
        urgency: classification.urgency,
        dispatched_at: now,
        dispatched_by: context.actor.userId,
        created_at: now,
        updated_at: now,
      });
      await addEvent(tx, actor, row.id, "dispatched", { tradeId: classification.category.default_trade_id });
      await flagRepeatedFault(tx, row, classification, now, params);
      const leads = await repo.findStaffFor(tx, { orgId: row.org_id, estateId: row.estate_id, roles: ["repair_lead"] });
      await enqueueNotification(tx, {
        orgId: row.org_id,
        recipientUserIds: leads,
        topic: "case.dispatched",
        caseId: row.id,
        params,
      });
      // Issue #5 item 7: the estate's dispatch mode (leader, pool or automatic) for this category.
      status = await applyDispatchMode(
        tx,
        {
          id: workOrderId,
          orgId: row.org_id,
          estateId: row.estate_id,
          caseId: row.id,
          categoryId: row.category_id,
          tradeId: classification.category.default_trade_id,
        },
        params,
        now,
      );
      break;
    }
    case "suggestion":
      status = "registered";
      break;
  }
  await repo.updateCase(tx, row.id, { status, updated_at: now });
  return status;
}

/** Issue #5: the same fault on the same unit within this many days of a completed repair is rework. */
export const REWORK_WINDOW_DAYS = 30;

/**
 * A repair of the same unit and category completed within REWORK_WINDOW_DAYS makes this one
 * rework: linked to the earlier order and flagged to the customer-service head.
 */
async function flagRepeatedFault(
  tx: DbOrTx,
  row: repo.CaseRow,
  classification: Classification,
  now: string,
  params: Record<string, string | null>,
): Promise<void> {
  if (!row.unit_id) return;
  const earlier = await repo.findRecentRepairOnUnit(tx, {
    orgId: row.org_id,
    unitId: row.unit_id,
    categoryId: classification.category.id,
    since: addMinutes(now, -REWORK_WINDOW_DAYS * 24 * 60),
    exceptCaseId: row.id,
  });
  if (!earlier) return;
  await repo.markRework(tx, row.id, earlier.id);
  await addEvent(tx, { orgId: row.org_id, actorId: null }, row.id, "rework_opened", {
    reason: "repeated_fault",
    originalNumber: earlier.number,
  });
  const heads = await repo.findStaffFor(tx, { orgId: row.org_id, estateId: row.estate_id, roles: ["cs_head"] });
  await enqueueNotification(tx, {
    orgId: row.org_id,
    recipientUserIds: heads,
    topic: "case.sent_back",
    caseId: row.id,
    params: { ...params, reason: "rework" },
  });
}

/**
 * Opens a rework repair for a dissatisfied evaluation (issue #5): a new case and dispatch
 * order for the same place and fault, linked to the order the customer was not satisfied
 * with, dispatched to the repair team like any repair. Returns the new case's number.
 */
export async function openReworkRepair(
  tx: DbOrTx,
  context: RequestContext,
  original: { caseId: string; orderId: string },
): Promise<string> {
  const orgId = context.actor.orgId;
  const before = await repo.findCaseRow(tx, orgId, original.caseId);
  if (!before?.category_id) throw new AppError("NOT_FOUND", { entity: "case" });
  const estate = await tx
    .selectFrom("estates")
    .selectAll()
    .where("id", "=", before.estate_id)
    .executeTakeFirstOrThrow();
  const parties = await resolveParties(tx, orgId, estate.id, {
    residentId: before.resident_id,
    visitor:
      before.visitor_name && before.visitor_phone ? { name: before.visitor_name, phone: before.visitor_phone } : null,
    unitId: before.unit_id,
    publicArea: before.public_area,
  });
  const classification = await classify(tx, orgId, "repair", {
    categoryId: before.category_id,
    urgency: before.urgency,
  });
  const row = await insertCase(tx, context, await organisationTimeZone(tx, orgId), {
    kind: "repair",
    estate,
    channel: before.channel,
    receivedAt: nowIso(),
    receivedBy: null,
    forwardedByDepartmentId: null,
    forwardedByUserId: null,
    forwardedByName: null,
    parties,
    classification,
    content: `返修（${before.number}）：${before.content}`,
    wantsCallback: before.wants_callback === 1,
    callbackPhone: before.callback_phone,
    callbackNote: before.callback_note,
    photoIds: [],
  });
  await routeCase(tx, context, row, classification, estate.name);
  await repo.markRework(tx, row.id, original.orderId);
  await addEvent(tx, { orgId, actorId: null }, row.id, "rework_opened", {
    reason: "dissatisfied",
    originalNumber: before.number,
  });
  await addEvent(tx, { orgId, actorId: null }, before.id, "rework_opened", {
    reason: "dissatisfied",
    reworkNumber: row.number,
  });
  return row.number;
}

async function organisationTimeZone(db: DbOrTx, orgId: string): Promise<string> {
  const organisation = await db
    .selectFrom("organisations")
    .select("time_zone")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return organisation.time_zone;
}

/** Customer service registers a case received by phone, in person, by letter or passed on. */
export async function registerCase(db: Db, context: RequestContext, input: CaseIntake): Promise<CaseDetail> {
  const { orgId } = context.actor;
  const now = nowIso();
  const estate = await resolveEstate(db, context.actor, input.estateId);
  const parties = await resolveParties(db, orgId, estate.id, input);
  const classification = await classify(db, orgId, input.kind, input);
  const receivedAt = receivedAtOf(input.receivedAt, now);
  if (input.channel === "forwarded" && !input.forwardedByDepartmentId && !input.forwardedByName) {
    throw invalidField("forwardedByName", "say which department or person passed the case on (R-4.1.4)");
  }
  const forwardedBy = input.forwardedByDepartmentId
    ? await resolveDepartment(db, orgId, input.forwardedByDepartmentId, "forwardedByDepartmentId")
    : null;
  const photos = await findOwnUploads(db, context.actor, input.photoIds);
  const timeZone = await organisationTimeZone(db, orgId);

  const caseId = await db.transaction().execute(async (tx) => {
    await assertNoSimilarCase(tx, orgId, parties.unit, input.kind, input.similarCasesAcknowledged, now);
    const row = await insertCase(tx, context, timeZone, {
      kind: input.kind,
      estate,
      channel: input.channel,
      receivedAt,
      receivedBy: context.actor.userId,
      forwardedByDepartmentId: input.channel === "forwarded" ? (forwardedBy?.id ?? null) : null,
      forwardedByUserId: null,
      forwardedByName: input.channel === "forwarded" ? (input.forwardedByName ?? forwardedBy?.name ?? null) : null,
      parties,
      classification,
      content: input.content,
      wantsCallback: input.wantsCallback,
      callbackPhone: input.callbackPhone ?? null,
      callbackNote: input.callbackNote ?? null,
      photoIds: photos.map((photo) => photo.id),
    });
    const status = await routeCase(tx, context, row, classification, estate.name);
    if (row.kind === "complaint") {
      await repo.setCaseSource(tx, row.id, input.source);
      await flagMajorAtIntake(tx, context, majorCandidateOf(row, input.source), input);
    }
    await recordAudit(tx, context, {
      action: "case.registered",
      entityType: "case",
      entityId: row.id,
      after: { ...row, status, source: input.source },
    });
    return row.id;
  });
  return getCaseDetail(db, context, caseId);
}

function majorCandidateOf(row: repo.CaseRow, source: string) {
  return {
    id: row.id,
    orgId: row.org_id,
    estateId: row.estate_id,
    number: row.number,
    categoryId: row.category_id,
    unitId: row.unit_id,
    receivedAt: row.received_at,
    source,
  };
}

/**
 * Any staff member records a case a resident told them about; it waits in customer
 * service's intake queue, marked as passed on by them.
 */
export async function forwardCase(db: Db, context: RequestContext, input: CaseForward): Promise<CaseDetail> {
  const { orgId } = context.actor;
  const now = nowIso();
  const estate = await resolveEstate(db, context.actor, input.estateId);
  const parties = await resolveParties(db, orgId, estate.id, input);
  const receivedAt = receivedAtOf(input.receivedAt, now);
  const photos = await findOwnUploads(db, context.actor, input.photoIds);
  const timeZone = await organisationTimeZone(db, orgId);
  const ownDepartment = context.actor.departmentIds[0]
    ? await resolveDepartment(db, orgId, context.actor.departmentIds[0])
    : null;

  const caseId = await db.transaction().execute(async (tx) => {
    const row = await insertCase(tx, context, timeZone, {
      kind: input.kind,
      estate,
      channel: "forwarded",
      receivedAt,
      receivedBy: context.actor.userId,
      forwardedByDepartmentId: ownDepartment?.id ?? null,
      forwardedByUserId: context.actor.userId,
      forwardedByName: context.actor.displayName,
      parties,
      classification: null,
      content: input.content,
      wantsCallback: input.wantsCallback,
      callbackPhone: input.callbackPhone ?? null,
      callbackNote: input.callbackNote ?? null,
      photoIds: photos.map((photo) => photo.id),
    });
    const customerService = await repo.findStaffFor(tx, {
      orgId,
      estateId: estate.id,
      roles: ["cs_head", "cs_agent"],
    });
    await enqueueNotification(tx, {
      orgId,
      recipientUserIds: customerService.filter((id) => id !== context.actor.userId),
      topic: "case.forwarded",
      caseId: row.id,
      params: {
        number: row.number,
        kind: row.kind,
        estateName: estate.name,
        forwardedByName: context.actor.displayName,
        departmentName: ownDepartment?.name ?? null,
      },
    });
    await recordAudit(tx, context, { action: "case.forwarded", entityType: "case", entityId: row.id, after: row });
    return row.id;
  });
  return getCaseDetail(db, context, caseId);
}

/** Customer service completes a case passed on by another department and routes it. */
export async function completeIntake(
  db: Db,
  context: RequestContext,
  caseId: string,
  input: CaseCompletion,
): Promise<CaseDetail> {
  const { orgId } = context.actor;
  const now = nowIso();
  // Reading through the register applies the actor's visibility: out of sight is 404.
  await getCaseDetail(db, context, caseId);
  const before = await repo.findCaseRow(db, orgId, caseId);
  if (!before) throw new AppError("NOT_FOUND", { entity: "case" });
  if (before.status !== "pending_intake") {
    throw new AppError("INVALID_TRANSITION", { status: before.status, action: "complete" });
  }
  const kind = input.kind ?? before.kind;
  const estate = await resolveEstate(db, context.actor, before.estate_id);
  const parties = await resolveParties(db, orgId, estate.id, {
    residentId: input.residentId === undefined ? before.resident_id : input.residentId,
    visitor:
      input.visitor === undefined
        ? before.visitor_name && before.visitor_phone
          ? { name: before.visitor_name, phone: before.visitor_phone }
          : null
        : input.visitor,
    unitId: input.unitId === undefined ? before.unit_id : input.unitId,
    publicArea: input.publicArea === undefined ? before.public_area : input.publicArea,
  });
  const classification = await classify(db, orgId, kind, input);

  await db.transaction().execute(async (tx) => {
    await assertNoSimilarCase(tx, orgId, parties.unit, kind, input.similarCasesAcknowledged, now, caseId);
    const after: repo.CaseRow = {
      ...before,
      kind,
      resident_id: parties.resident?.id ?? null,
      visitor_name: parties.visitor?.name ?? null,
      visitor_phone: parties.visitor?.phone ?? null,
      unit_id: parties.unit?.id ?? null,
      public_area: parties.publicArea,
      category_id: classification.category.id,
      urgency: classification.urgency,
      urgency_rank: urgencyRank(classification.urgency),
      department_id: classification.department?.id ?? null,
      content: input.content ?? before.content,
      updated_at: now,
    };
    if (kind !== before.kind) {
      // The number names the kind (TS/BX/JY): a case completed as another kind gets a number of that kind.
      after.number = await nextCaseNumber(tx, {
        orgId,
        estateId: estate.id,
        estateCode: estate.code,
        kind,
        day: localDay(before.received_at, await organisationTimeZone(tx, orgId)),
      });
    }
    const { id: _id, org_id: _org, ...changes } = after;
    await repo.updateCase(tx, caseId, changes);
    await reindexCase(tx, caseId, searchTermsOfCase(after, parties, after.number));
    await addEvent(tx, { orgId, actorId: context.actor.userId }, caseId, "intake_completed", {
      previousNumber: kind !== before.kind ? before.number : null,
    });
    const status = await routeCase(tx, context, after, classification, estate.name);
    if (after.kind === "complaint") {
      await flagMajorAtIntake(tx, context, majorCandidateOf(after, "resident"), { major: false });
    }
    await recordAudit(tx, context, {
      action: "case.intake_completed",
      entityType: "case",
      entityId: caseId,
      before,
      after: { ...after, status },
    });
  });
  return getCaseDetail(db, context, caseId);
}

/**
 * A resident files a case for one of their own units from the portal. It is registered and
 * routed at once like a call to the hotline; a similar open case is flagged on the timeline
 * rather than refused: the resident is never turned away.
 */
export async function submitPortalCase(db: Db, context: RequestContext, input: PortalCase): Promise<string> {
  const { actor } = context;
  const residentId = actor.residentId;
  if (!residentId) throw new AppError("FORBIDDEN");
  const now = nowIso();
  const link = await db
    .selectFrom("resident_units")
    .select(["estate_id"])
    .where("org_id", "=", actor.orgId)
    .where("resident_id", "=", residentId)
    .where("unit_id", "=", input.unitId)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!link) throw invalidField("unitId", "not one of your units");
  const estate = await resolveEstate(db, actor, link.estate_id);
  const parties = await resolveParties(db, actor.orgId, estate.id, { residentId, unitId: input.unitId });
  const classification = await classify(db, actor.orgId, input.kind, { categoryId: input.categoryId });
  const photos = await findOwnUploads(db, actor, input.photoIds);
  const timeZone = await organisationTimeZone(db, actor.orgId);

  return db.transaction().execute(async (tx) => {
    const similar = parties.unit ? await findSimilarOpenCases(tx, actor.orgId, parties.unit.id, input.kind, now) : [];
    const row = await insertCase(tx, context, timeZone, {
      kind: input.kind,
      estate,
      channel: "portal",
      receivedAt: now,
      receivedBy: null,
      forwardedByDepartmentId: null,
      forwardedByUserId: null,
      forwardedByName: null,
      parties,
      classification,
      content: input.content,
      wantsCallback: input.wantsCallback,
      callbackPhone: input.callbackPhone ?? null,
      callbackNote: input.callbackNote ?? null,
      photoIds: photos.map((photo) => photo.id),
    });
    if (similar.length > 0) {
      await addEvent(tx, { orgId: actor.orgId, actorId: null }, row.id, "similar_case_flagged", {
        numbers: similar.map((c) => c.number),
      });
    }
    const status = await routeCase(tx, context, row, classification, estate.name);
    if (row.kind === "complaint") {
      await flagMajorAtIntake(tx, context, majorCandidateOf(row, "resident"), { major: false });
    }
    await recordAudit(tx, context, {
      action: "case.registered",
      entityType: "case",
      entityId: row.id,
      after: { ...row, status },
    });
    return row.id;
  });
}
