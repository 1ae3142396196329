/**
 * R-4.8.1: the customer-service head inspects the callback work of the staff who perform it.
 * A sample of performed callbacks is drawn at random from a recorded seed (filtered by caller
 * and week), so that the same seed draws the same sample again for an auditor; each sampled
 * callback is checked by calling the resident again or by reviewing the record, and the result
 * and finding are recorded per caller. A failed inspection raises a nonconformity candidate.
 */
import { randomBytes } from "node:crypto";
import {
  addCalendarDays,
  type CallbackInspection,
  type CallbackInspectionInput,
  type CallerInspectionSummary,
  type InspectableCallback,
  type InspectionSample,
  mondayOf,
  sampleWithSeed,
  zonedDateOf,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { estateScope } from "../auth/policy.js";
import { invalidField } from "../cases/case-references.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { findOrgTimeZone } from "../nonconformities/nonconformities.repository.js";
import { raiseNonconformityCandidate } from "../nonconformities/nonconformity-candidates.js";
import * as repo from "./callback-inspections.repository.js";

function present(row: repo.PerformedCallback): InspectableCallback {
  return {
    id: row.id,
    subjectType: row.subject_type,
    caseId: row.case_id,
    caseNumber: row.case_number,
    topicTitle: row.topic_title,
    estateName: row.estate_name,
    method: row.method,
    performedAt: row.performed_at,
    callerId: row.performed_by,
    callerName: row.caller_name,
    residentName: row.resident_name ?? row.visitor_name,
    // Whom the head calls again: the number the resident asked to be called on, else theirs.
    residentPhone: row.callback_phone ?? row.resident_phone ?? row.visitor_phone,
    satisfaction: row.satisfaction,
    opinion: row.opinion,
    inspected: Boolean(row.inspected),
  };
}

export async function drawInspectionSample(
  db: DbOrTx,
  context: RequestContext,
  query: { callerId?: string | undefined; weekStart?: string | undefined; size: number; seed?: string | undefined },
): Promise<InspectionSample> {
  let range: { from: string; to: string; weekStart: string; timeZone: string } | undefined;
  if (query.weekStart) {
    const { timeZone } = await findOrgTimeZone(db, context.actor.orgId);
    const weekStart = mondayOf(query.weekStart);
    range = {
      weekStart,
      timeZone,
      from: `${addCalendarDays(weekStart, -1)}T00:00:00.000Z`,
      to: `${addCalendarDays(weekStart, 8)}T00:00:00.000Z`,
    };
  }
  const rows = await repo.findPerformedCallbacks(db, {
    orgId: context.actor.orgId,
    estates: estateScope(context.actor),
    callerId: query.callerId,
    ...(range ? { from: range.from, to: range.to } : {}),
  });
  const population = range
    ? rows.filter((row) => {
        const day = zonedDateOf(range.timeZone, row.performed_at ?? "");
        return day >= range.weekStart && day <= addCalendarDays(range.weekStart, 6);
      })
    : rows;
  const seed = query.seed ?? `${range?.weekStart ?? "all"}-${randomBytes(6).toString("hex")}`;
  const chosen = new Set(
    sampleWithSeed(
      population.map((row) => row.id),
      query.size,
      seed,
    ),
  );
  return {
    seed,
    population: population.length,
    items: population.filter((row) => chosen.has(row.id)).map(present),
  };
}

function presentInspection(row: Awaited<ReturnType<typeof repo.findInspections>>[number]): CallbackInspection {
  return {
    id: row.id,
    callbackId: row.callback_id,
    caseNumber: row.case_number,
    callerId: row.caller_id,
    callerName: row.caller_name,
    inspectorName: row.inspector_name,
    method: row.method,
    result: row.result,
    finding: row.finding,
    sampleSeed: row.sample_seed,
    inspectedAt: row.inspected_at,
    nonconformityId: row.nonconformity_id,
  };
}

export async function recordInspection(
  db: Db,
  context: RequestContext,
  input: CallbackInspectionInput,
): Promise<CallbackInspection> {
  if (input.result === "failed" && !input.finding) throw invalidField("finding", "say what was wrong");
  const id = await db.transaction().execute(async (tx) => {
    const callback = await repo.findPerformedCallback(
      tx,
      context.actor.orgId,
      estateScope(context.actor),
      input.callbackId,
    );
    if (!callback) throw invalidField("callbackId", "not a performed callback you can see");
    const row = {
      id: newId(),
      org_id: context.actor.orgId,
      callback_id: callback.id,
      caller_id: callback.performed_by,
      inspector_id: context.actor.userId,
      method: input.method,
      result: input.result,
      finding: input.finding ?? null,
      sample_seed: input.sampleSeed ?? null,
      inspected_at: nowIso(),
    };
    await repo.insertInspection(tx, row);
    await recordAudit(tx, context, {
      action: "callback_inspection.recorded",
      entityType: "callback_inspection",
      entityId: row.id,
      after: row,
    });
    if (input.result === "failed") {
      // R-4.11.1: a failed inspection is a nonconformity candidate, in the same transaction.
      await raiseNonconformityCandidate(tx, context, {
        orgId: context.actor.orgId,
        estateId: callback.estate_id,
        source: "callback_inspection",
        sourceId: row.id,
        caseId: callback.case_id,
        workOrderId: callback.work_order_id,
        topicId: callback.topic_id,
        description: `回访检查不合格（${callback.caller_name ?? ""}${callback.case_number ? `，${callback.case_number}` : ""}）：${input.finding ?? ""}`,
      });
    }
    return row.id;
  });
  const [saved] = await repo.findInspections(db, { orgId: context.actor.orgId, estates: { all: true }, id });
  if (!saved) throw notFound("callback inspection", id);
  return presentInspection(saved);
}

export async function listInspections(
  db: DbOrTx,
  context: RequestContext,
  callerId: string | undefined,
): Promise<{ items: CallbackInspection[] }> {
  const rows = await repo.findInspections(db, {
    orgId: context.actor.orgId,
    estates: estateScope(context.actor),
    callerId,
  });
  return { items: rows.map(presentInspection) };
}

/** R-4.8.1: per caller, how many of their callbacks were inspected and how they fared. */
export async function inspectionSummaryByCaller(
  db: DbOrTx,
  context: RequestContext,
): Promise<{ items: CallerInspectionSummary[] }> {
  const rows = await repo.findInspections(db, { orgId: context.actor.orgId, estates: estateScope(context.actor) });
  const byCaller = new Map<string, CallerInspectionSummary>();
  for (const row of rows) {
    if (!row.caller_id) continue;
    const summary = byCaller.get(row.caller_id) ?? {
      callerId: row.caller_id,
      callerName: row.caller_name ?? "",
      inspected: 0,
      passed: 0,
      failed: 0,
      lastInspectedAt: null,
    };
    summary.inspected += 1;
    if (row.result === "passed") summary.passed += 1;
    else summary.failed += 1;
    if (!summary.lastInspectedAt || row.inspected_at > summary.lastInspectedAt)
      summary.lastInspectedAt = row.inspected_at;
    byCaller.set(row.caller_id, summary);
  }
  return { items: [...byCaller.values()].sort((a, b) => a.callerName.localeCompare(b.callerName, "zh-CN")) };
}
