/**
 * QA's monthly inspection of the register: QA opens an inspection for a month,
 * the server draws a random sample of the month's register entries from a recorded seed (the
 * same seed over the same register draws the same entries, so an auditor can re-draw it),
 * QA checks each sampled entry against the checklist and records findings, and records its
 * own tracking survey of residents (who was called, the result).
 * A finding raises a nonconformity candidate.
 */
import { randomBytes } from "node:crypto";
import {
  drawSample,
  type Inspection,
  type InspectionChecks,
  type InspectionDetail,
  periodBounds,
  periodOf,
  type TrackingResult,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { invalidField } from "../cases/case-references.js";
import type { Db, DbOrTx } from "../db/database.js";
import { isUniqueViolation } from "../db/dialect.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { raiseNonconformityCandidate } from "../nonconformities/nonconformity-candidates.js";
import { orgTimeZone } from "./handover.js";

const EMPTY_CHECKS: InspectionChecks = {
  complete: null,
  routedInTime: null,
  callbackDone: null,
  nonconformityClosed: null,
};

/** The month's register in a fixed order (number, then id): the population the sample is drawn from. */
async function registerOfMonth(db: DbOrTx, orgId: string, period: string) {
  const bounds = periodBounds(period, await orgTimeZone(db, orgId));
  return db
    .selectFrom("cases")
    .select(["id", "number"])
    .where("org_id", "=", orgId)
    .where("received_at", ">=", bounds.from)
    .where("received_at", "<", bounds.to)
    .where("status", "!=", "pending_intake")
    .orderBy("number")
    .orderBy("id")
    .execute();
}

/**
 * The hook where a finding becomes a nonconformity (R-4.12.1 "findings can raise
 * nonconformities"). TODO(#7): call `raiseNonconformityCandidate(tx, context, {...})` here
 * once the nonconformity module of issue #7 is merged; today the finding is kept on the item.
 */
async function raiseNonconformityFromFinding(
  tx: DbOrTx,
  context: RequestContext,
  finding: { inspectionId: string; itemId: string; caseId: string; text: string },
): Promise<void> {
  const subject = await tx
    .selectFrom("cases")
    .select(["estate_id", "number"])
    .where("id", "=", finding.caseId)
    .where("org_id", "=", context.actor.orgId)
    .executeTakeFirst();
  await raiseNonconformityCandidate(tx, context, {
    orgId: context.actor.orgId,
    estateId: subject?.estate_id ?? null,
    source: "qa_inspection",
    sourceId: finding.itemId,
    caseId: finding.caseId,
    description: `品质检查发现（${subject?.number ?? ""}）Finding of the monthly inspection: ${finding.text}`,
  });
}

export async function openInspection(
  db: Db,
  context: RequestContext,
  input: { period: string; sampleSize: number; seed?: string | undefined },
): Promise<InspectionDetail> {
  const { orgId } = context.actor;
  const now = nowIso();
  if (input.period > periodOf(now, await orgTimeZone(db, orgId))) {
    throw invalidField("period", "a month that has not begun");
  }
  const seed = input.seed ?? randomBytes(16).toString("hex");
  const id = newId();
  try {
    await db.transaction().execute(async (tx) => {
      const register = await registerOfMonth(tx, orgId, input.period);
      if (register.length === 0) throw invalidField("period", "the register of this month is empty");
      const positions = drawSample(seed, register.length, input.sampleSize);
      await tx
        .insertInto("qa_inspections")
        .values({
          id,
          org_id: orgId,
          period: input.period,
          status: "open",
          seed,
          sample_size: positions.length,
          population: register.length,
          opened_by: context.actor.userId,
          opened_at: now,
          closed_by: null,
          closed_at: null,
          summary: null,
        })
        .execute();
      const items = positions.map((position, index) => ({
        id: newId(),
        inspection_id: id,
        case_id: (register[position] as { id: string }).id,
        position: index + 1,
        checks_json: JSON.stringify(EMPTY_CHECKS),
        finding: null,
        checked_by: null,
        checked_at: null,
      }));
      await tx.insertInto("qa_inspection_items").values(items).execute();
      await recordAudit(tx, context, {
        action: "records.inspection_opened",
        entityType: "qa_inspection",
        entityId: id,
        after: {
          period: input.period,
          seed,
          population: register.length,
          sample: positions.map((p) => register[p]?.number),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("DUPLICATE", { period: input.period });
    throw error;
  }
  return getInspection(db, orgId, id);
}

function inspections(db: DbOrTx) {
  return db
    .selectFrom("qa_inspections")
    .leftJoin("users as opener", "opener.id", "qa_inspections.opened_by")
    .leftJoin("users as closer", "closer.id", "qa_inspections.closed_by")
    .selectAll("qa_inspections")
    .select(["opener.display_name as opened_by_name", "closer.display_name as closed_by_name"])
    .select((eb) => [
      eb
        .selectFrom("qa_inspection_items")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("qa_inspection_items.inspection_id", "=", "qa_inspections.id")
        .where("qa_inspection_items.checked_at", "is not", null)
        .as("checked_count"),
      eb
        .selectFrom("qa_inspection_items")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("qa_inspection_items.inspection_id", "=", "qa_inspections.id")
        .where("qa_inspection_items.finding", "is not", null)
        .as("finding_count"),
    ]);
}
type InspectionRow = Awaited<ReturnType<ReturnType<typeof inspections>["executeTakeFirstOrThrow"]>>;

function presentInspection(row: InspectionRow): Inspection {
  return {
    id: row.id,
    period: row.period,
    status: row.status,
    seed: row.seed,
    sampleSize: Number(row.sample_size),
    population: Number(row.population),
    openedByName: row.opened_by_name,
    openedAt: row.opened_at,
    closedByName: row.closed_by_name,
    closedAt: row.closed_at,
    summary: row.summary,
    checkedCount: Number(row.checked_count ?? 0),
    findingCount: Number(row.finding_count ?? 0),
  };
}

export async function listInspections(db: DbOrTx, orgId: string): Promise<Inspection[]> {
  const rows = await inspections(db).where("qa_inspections.org_id", "=", orgId).orderBy("period", "desc").execute();
  return rows.map(presentInspection);
}

export async function getInspection(db: DbOrTx, orgId: string, id: string): Promise<InspectionDetail> {
  const row = await inspections(db)
    .where("qa_inspections.org_id", "=", orgId)
    .where("qa_inspections.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("inspection", id);
  const items = await db
    .selectFrom("qa_inspection_items")
    .innerJoin("cases", "cases.id", "qa_inspection_items.case_id")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .leftJoin("users", "users.id", "qa_inspection_items.checked_by")
    .selectAll("qa_inspection_items")
    .select([
      "cases.number",
      "cases.status",
      "cases.received_at",
      "cases.kind",
      "cases.category_id",
      "cases.content",
      "cases.resident_id",
      "cases.visitor_name",
      "cases.department_id",
      "estates.name as estate_name",
      "users.display_name as checked_by_name",
    ])
    .where("qa_inspection_items.inspection_id", "=", id)
    .orderBy("qa_inspection_items.position")
    .execute();
  const caseIds = items.map((item) => item.case_id);
  const handlings =
    caseIds.length === 0
      ? []
      : await db
          .selectFrom("case_handlings")
          .select(["case_id", "accepted_at", "accept_due_at"])
          .where("case_id", "in", caseIds)
          .execute();
  const callbacks =
    caseIds.length === 0
      ? []
      : await db
          .selectFrom("callbacks")
          .select(["case_id", "status", "outcome", "reply_due_at", "replied_at"])
          .where("case_id", "in", caseIds)
          .execute();
  const exempt = new Set(
    caseIds.length === 0
      ? []
      : (await db.selectFrom("callback_exemptions").select("case_id").where("case_id", "in", caseIds).execute()).map(
          (row) => row.case_id,
        ),
  );
  const nonconformities =
    caseIds.length === 0
      ? []
      : await db.selectFrom("nonconformities").select(["case_id", "status"]).where("case_id", "in", caseIds).execute();
  const calls = await db
    .selectFrom("qa_tracking_calls")
    .leftJoin("cases", "cases.id", "qa_tracking_calls.case_id")
    .leftJoin("users", "users.id", "qa_tracking_calls.called_by")
    .selectAll("qa_tracking_calls")
    .select(["cases.number as case_number", "users.display_name as called_by_name"])
    .where("qa_tracking_calls.inspection_id", "=", id)
    .orderBy("qa_tracking_calls.called_at")
    .execute();
  return {
    ...presentInspection(row),
    items: items.map((item) => {
      const own = handlings.filter((h) => h.case_id === item.case_id);
      // Suggestions for the inspector, not the verdict: accepted by each section's deadline.
      const routedInTime =
        own.length === 0
          ? null
          : own.every((h) => h.accepted_at !== null && (h.accept_due_at === null || h.accepted_at <= h.accept_due_at));
      const complete =
        item.category_id !== null &&
        item.content.trim() !== "" &&
        (item.resident_id !== null || item.visitor_name !== null) &&
        (item.kind !== "complaint" || item.department_id !== null);
      const ownCallbacks = callbacks.filter((c) => c.case_id === item.case_id);
      const callbackDone =
        exempt.has(item.case_id) ||
        (ownCallbacks.some((c) => c.status === "done" && c.outcome !== "unreachable") &&
          ownCallbacks.every((c) => c.reply_due_at === null || c.replied_at !== null));
      const ownNonconformities = nonconformities.filter((nc) => nc.case_id === item.case_id);
      const nonconformityClosed =
        ownNonconformities.length === 0
          ? null
          : ownNonconformities.every((nc) => nc.status === "closed" || nc.status === "dismissed");
      return {
        id: item.id,
        position: Number(item.position),
        caseId: item.case_id,
        caseNumber: item.number,
        estateName: item.estate_name,
        status: item.status,
        receivedAt: item.received_at,
        checks: { ...EMPTY_CHECKS, ...JSON.parse(item.checks_json) },
        suggested: { complete, routedInTime, callbackDone, nonconformityClosed },
        finding: item.finding,
        checkedByName: item.checked_by_name,
        checkedAt: item.checked_at,
      };
    }),
    calls: calls.map((call) => ({
      id: call.id,
      caseId: call.case_id,
      caseNumber: call.case_number,
      calledName: call.called_name,
      calledPhone: call.called_phone,
      result: call.result,
      note: call.note,
      calledByName: call.called_by_name,
      calledAt: call.called_at,
    })),
  };
}

async function openInspectionRow(tx: DbOrTx, orgId: string, id: string) {
  const row = await tx
    .selectFrom("qa_inspections")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("inspection", id);
  if (row.status !== "open") throw new AppError("INVALID_TRANSITION", { status: row.status });
  return row;
}

export async function checkInspectionItem(
  db: Db,
  context: RequestContext,
  inspectionId: string,
  itemId: string,
  input: { checks: InspectionChecks; finding?: string | null | undefined },
): Promise<InspectionDetail> {
  const { orgId } = context.actor;
  await db.transaction().execute(async (tx) => {
    await openInspectionRow(tx, orgId, inspectionId);
    const item = await tx
      .selectFrom("qa_inspection_items")
      .selectAll()
      .where("inspection_id", "=", inspectionId)
      .where("id", "=", itemId)
      .executeTakeFirst();
    if (!item) throw notFound("inspection item", itemId);
    const finding = input.finding ? input.finding : null;
    const changes = {
      checks_json: JSON.stringify(input.checks),
      finding,
      checked_by: context.actor.userId,
      checked_at: nowIso(),
    };
    await tx.updateTable("qa_inspection_items").set(changes).where("id", "=", itemId).execute();
    await recordAudit(tx, context, {
      action: "records.inspection_item_checked",
      entityType: "qa_inspection",
      entityId: inspectionId,
      before: { itemId, checks: JSON.parse(item.checks_json), finding: item.finding },
      after: { itemId, checks: input.checks, finding },
    });
    if (finding && finding !== item.finding) {
      await raiseNonconformityFromFinding(tx, context, { inspectionId, itemId, caseId: item.case_id, text: finding });
    }
  });
  return getInspection(db, orgId, inspectionId);
}

export async function recordTrackingCall(
  db: Db,
  context: RequestContext,
  inspectionId: string,
  input: {
    caseId?: string | null | undefined;
    calledName: string;
    calledPhone?: string | null | undefined;
    result: TrackingResult;
    note?: string | null | undefined;
  },
): Promise<InspectionDetail> {
  const { orgId } = context.actor;
  await db.transaction().execute(async (tx) => {
    await openInspectionRow(tx, orgId, inspectionId);
    if (input.caseId) {
      const known = await tx
        .selectFrom("cases")
        .select("id")
        .where("org_id", "=", orgId)
        .where("id", "=", input.caseId)
        .executeTakeFirst();
      if (!known) throw invalidField("caseId", "unknown case");
    }
    const row = {
      id: newId(),
      inspection_id: inspectionId,
      case_id: input.caseId ?? null,
      called_name: input.calledName,
      called_phone: input.calledPhone || null,
      result: input.result,
      note: input.note || null,
      called_by: context.actor.userId,
      called_at: nowIso(),
    };
    await tx.insertInto("qa_tracking_calls").values(row).execute();
    await recordAudit(tx, context, {
      action: "records.tracking_call",
      entityType: "qa_inspection",
      entityId: inspectionId,
      after: { caseId: row.case_id, calledName: row.called_name, result: row.result, note: row.note },
    });
  });
  return getInspection(db, orgId, inspectionId);
}

export async function closeInspection(
  db: Db,
  context: RequestContext,
  inspectionId: string,
  summary: string,
): Promise<InspectionDetail> {
  const { orgId } = context.actor;
  await db.transaction().execute(async (tx) => {
    await openInspectionRow(tx, orgId, inspectionId);
    const unchecked = await tx
      .selectFrom("qa_inspection_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("inspection_id", "=", inspectionId)
      .where("checked_at", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(unchecked.n) > 0) {
      throw new AppError("INVALID_TRANSITION", { reason: "unchecked_items", unchecked: Number(unchecked.n) });
    }
    const changes = { status: "closed" as const, closed_by: context.actor.userId, closed_at: nowIso(), summary };
    await tx.updateTable("qa_inspections").set(changes).where("id", "=", inspectionId).execute();
    await recordAudit(tx, context, {
      action: "records.inspection_closed",
      entityType: "qa_inspection",
      entityId: inspectionId,
      after: changes,
    });
  });
  return getInspection(db, orgId, inspectionId);
}
