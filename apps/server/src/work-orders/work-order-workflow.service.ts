/**
 * Repairs: every step of the dispatch order's state machine in
 * packages/domain/src/work-order-workflow.ts, checked against the rules, the actor's estates
 * and whose order it is, written with its timeline event and audit entry in one transaction.
 * The repair case's status follows its order.
 */
import {
  addWorkingMinutes,
  type CaseStatus,
  maskCaseContacts,
  maskedStaffName,
  type QuoteLine,
  type Satisfaction,
  unitLabel,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_RULES,
  type WorkOrder,
  type WorkOrderAction,
  type WorkOrderActionInput,
  type WorkOrderStatus,
  workingMinutesBetween,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { canSeeEstate } from "../auth/policy.js";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import { listWorkOrderCallbacks } from "../callbacks/callbacks.service.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import { openReworkRepair } from "../cases/intake.service.js";
import type { Db, DbOrTx } from "../db/database.js";
import { findOwnUploads } from "../files/files.service.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
import { getRepairSettings, poolMember, poolOpen, tradeIdsOf } from "./repair-dispatch.service.js";
import * as repo from "./work-orders.repository.js";

/** The repair case's status for each state of its order. */
const CASE_STATUS_OF: Record<WorkOrderStatus, CaseStatus> = {
  dispatched: "dispatched",
  accepted: "in_progress",
  assigned: "in_progress",
  on_the_way: "in_progress",
  on_site: "in_progress",
  waiting: "in_progress",
  awaiting_evaluation: "in_progress",
  awaiting_callback: "awaiting_callback",
  closed: "closed",
  cancelled: "withdrawn",
  not_done: "closed",
};

/** What decides a worker's access to a pooled order (issue #5 item 7): their trades, now. */
interface PoolContext {
  member: boolean;
  open: boolean;
}

async function poolContextOf(db: DbOrTx, actor: Actor, order: repo.WorkOrderView): Promise<PoolContext> {
  if (order.dispatch_mode !== "pool" || !actor.roles.includes("repair_worker")) return { member: false, open: false };
  const member = poolMember(actor, await tradeIdsOf(db, actor.userId), order);
  return { member, open: member && poolOpen(order, nowIso()) };
}

/**
 * Whether the actor may see the order at all: staff of its estate, the resident it concerns,
 * or a worker of its trade while it waits in the pool.
 */
export async function assertVisible(
  db: DbOrTx,
  actor: Actor,
  order: repo.WorkOrderView,
  pool?: PoolContext,
): Promise<void> {
  if (actor.kind === "resident") {
    const mine =
      order.resident_id === actor.residentId ||
      (order.unit_id !== null &&
        (await db
          .selectFrom("resident_units")
          .select("id")
          .where("resident_id", "=", actor.residentId ?? "")
          .where("unit_id", "=", order.unit_id)
          .where("active", "=", 1)
          .executeTakeFirst()) !== undefined);
    if (!mine) throw notFound("work order", order.id);
    return;
  }
  const staffMaySee =
    order.worker_id === actor.userId ||
    (pool ?? (await poolContextOf(db, actor, order))).open ||
    (canSeeEstate(actor, order.estate_id) &&
      actor.roles.some((role) => ["repair_lead", "cs_agent", "cs_head", "qa", "mgmt_rep", "admin"].includes(role)));
  if (!staffMaySee) throw notFound("work order", order.id);
}

type Verdict = "allowed" | "wrong_state" | "forbidden";

function judge(actor: Actor, action: WorkOrderAction, order: repo.WorkOrderView, pool: PoolContext): Verdict {
  const rule = WORK_ORDER_RULES[action];
  if (!rule.from.includes(order.status)) return "wrong_state";
  if (!actor.roles.some((role) => rule.roles.includes(role))) return "forbidden";
  // Only a worker of the order's estate and trade, and only before the claim time limit.
  if (action === "claim") return pool.open ? "allowed" : pool.member ? "wrong_state" : "forbidden";
  // A worker acts only on his own order; the team leader on any order of his estates.
  const isLead = actor.roles.includes("repair_lead") && canSeeEstate(actor, order.estate_id);
  if (rule.assignedWorkerOnly && order.worker_id !== actor.userId && !isLead) return "forbidden";
  if (actor.kind === "staff" && !rule.assignedWorkerOnly && !canSeeEstate(actor, order.estate_id)) {
    return order.worker_id === actor.userId ? "allowed" : "forbidden";
  }
  return "allowed";
}

export function availableWorkOrderActions(
  actor: Actor,
  order: repo.WorkOrderView,
  pool: PoolContext,
): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((action) => judge(actor, action, order, pool) === "allowed");
}

type Progress = WorkOrder["progress"];

/**
 * The steps as a list (issue #5 item 4): who and when. Residents see repair staff as role and
 * masked name only (docs/decisions/0007).
 */
function progressOf(order: repo.WorkOrderView, name: (full: string | null) => string | null): Progress {
  const worker = { role: "repair_worker" as const, name: name(order.worker_name) };
  const acceptedByWorker = order.accepted_by !== null && order.accepted_by === order.worker_id;
  const steps: Progress = [{ step: "dispatched", at: order.dispatched_at, role: null, name: null }];
  const add = (step: string, at: string | null, who: { role: Progress[number]["role"]; name: string | null }) => {
    if (at) steps.push({ step, at, ...who });
  };
  add(
    "accepted",
    order.accepted_at,
    order.accepted_by === null
      ? { role: "system", name: null }
      : acceptedByWorker
        ? worker
        : { role: "repair_lead", name: name(order.accepted_by_name) },
  );
  add("assigned", order.assigned_at, worker);
  add("on_the_way", order.started_at, worker);
  add("on_site", order.arrived_at, worker);
  add("waiting", order.waiting_since, worker);
  add("quoted", order.quote_recorded_at, worker);
  add("quote_approved", order.quote_approved_at, { role: "resident", name: null });
  add("completed", order.completed_at, worker);
  add("evaluated", order.evaluated_at, { role: "resident", name: null });
  add(order.status === "cancelled" ? "cancelled" : "closed", order.closed_at, { role: null, name: null });
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function present(
  actor: Actor,
  order: repo.WorkOrderView,
  photos: Awaited<ReturnType<typeof repo.findWorkOrderPhotos>>,
  extra: { pool: PoolContext; urgeIntervalMinutes: number | null; callbacks?: WorkOrder["callbacks"] },
): WorkOrder {
  const base = actor.kind === "resident" ? `/api/portal/work-orders/${order.id}` : `/api/work-orders/${order.id}`;
  // Decision 0007: a resident sees repair staff as role + masked name, never a full name.
  const name = (full: string | null) => (actor.kind === "resident" ? maskedStaffName(full) : full);
  const quoteLines: QuoteLine[] = order.quote_json ? JSON.parse(order.quote_json) : [];
  const now = Date.now();
  const nextUrge =
    extra.urgeIntervalMinutes !== null && order.last_urged_at && URGEABLE.includes(order.status)
      ? Date.parse(order.last_urged_at) + extra.urgeIntervalMinutes * 60_000
      : null;
  const presented: WorkOrder = {
    id: order.id,
    caseId: order.case_id,
    number: order.number,
    status: order.status,
    urgency: order.urgency,
    estateName: order.estate_name,
    unitLabel: order.building_name && order.unit_number ? unitLabel(order.building_name, order.unit_number) : null,
    publicArea: order.public_area,
    contactName: order.resident_name ?? order.visitor_name,
    contactPhone: order.callback_phone ?? order.resident_phone ?? order.visitor_phone,
    categoryName: order.category_name,
    tradeId: order.trade_id,
    tradeName: order.trade_name,
    content: order.content,
    receivedAt: order.received_at,
    dispatchedAt: order.dispatched_at,
    acceptedAt: order.accepted_at,
    acceptedByName: name(order.accepted_by_name),
    workerId: order.worker_id,
    workerName: name(order.worker_name),
    assignedAt: order.assigned_at,
    startedAt: order.started_at,
    arrivedAt: order.arrived_at,
    completedAt: order.completed_at,
    waitingSince: order.waiting_since,
    waitReason: order.wait_reason,
    workDescription: order.work_description,
    materials: order.materials_json ? JSON.parse(order.materials_json) : [],
    minutesSpent: order.minutes_spent,
    satisfaction: order.satisfaction,
    stars: order.stars,
    opinion: order.opinion,
    signatureUrl: order.signature_upload_id ? `${base}/files/${order.signature_upload_id}` : null,
    evaluatedAt: order.evaluated_at,
    absenceReason: order.absence_reason,
    visitCount: order.visit_count,
    urgeCount: order.urge_count,
    reworkOfId: order.rework_of_id,
    photos: photos.map((p) => ({
      fileId: p.id,
      url: `${base}/files/${p.id}`,
      width: p.width,
      height: p.height,
      phase: p.phase,
    })),
    availableActions: availableWorkOrderActions(actor, order, extra.pool),
    estateId: order.estate_id,
    dispatchMode: order.dispatch_mode,
    poolUntil: order.status === "dispatched" ? order.pool_until : null,
    acceptDueAt: order.accept_due_at,
    arriveDueAt: order.arrive_due_at,
    resultDueAt: order.result_due_at,
    pausedMinutes: order.paused_minutes,
    expectedArrivalAt:
      order.arrived_at !== null || !["accepted", "assigned", "on_the_way", "waiting"].includes(order.status)
        ? null
        : (order.expected_arrival_at ?? order.arrive_due_at),
    billing: order.billing ?? (order.unit_id === null ? "public_area" : null),
    quote:
      order.quote_recorded_at && order.quote_total_fen !== null
        ? {
            lines: quoteLines,
            totalFen: order.quote_total_fen,
            recordedAt: order.quote_recorded_at,
            recordedByName: name(order.quote_recorded_by_name),
            approvedAt: order.quote_approved_at,
            signatureUrl: order.quote_signature_upload_id ? `${base}/files/${order.quote_signature_upload_id}` : null,
          }
        : null,
    finalChargeFen: order.final_charge_fen,
    chargeReason: order.charge_reason,
    callbacks: extra.callbacks ?? [],
    nextUrgeAt: nextUrge !== null && nextUrge > now ? new Date(nextUrge).toISOString() : null,
    progress: progressOf(order, name),
  };
  // PIPL: the worker on the order phones the resident to arrange the visit and sees the
  // contact in full; other roles that do not contact residents see it masked. Residents see
  // their own order.
  const contactsAllowed = actor.kind === "resident" || actor.userId === order.worker_id;
  return contactsAllowed ? presented : maskCaseContacts(presented, actor.roles);
}

/**
 * `afterOwnStep`: the answer to a step the actor has just taken, shown even when the step took
 * the order out of their hands (a worker returning it to the leader sees the result once).
 */
export async function getWorkOrder(
  db: DbOrTx,
  context: RequestContext,
  id: string,
  options: { afterOwnStep?: boolean } = {},
): Promise<WorkOrder> {
  const order = await repo.findWorkOrder(db, context.actor.orgId, id);
  if (!order) throw notFound("work order", id);
  const pool = await poolContextOf(db, context.actor, order);
  if (!options.afterOwnStep) await assertVisible(db, context.actor, order, pool);
  const urgeIntervalMinutes =
    context.actor.kind === "resident" ? (await getRepairSettings(db, context.actor.orgId)).urgeIntervalMinutes : null;
  // The callback section of QR-024 is the staff's record; residents see their own evaluation only.
  const callbacks = context.actor.kind === "resident" ? [] : await callbackSection(db, context.actor.orgId, id);
  return present(context.actor, order, await repo.findWorkOrderPhotos(db, id), {
    pool,
    urgeIntervalMinutes,
    callbacks,
  });
}

/** Performed callbacks in order; `result` is the satisfaction when the resident was reached, else the outcome. */
async function callbackSection(db: DbOrTx, orgId: string, workOrderId: string): Promise<WorkOrder["callbacks"]> {
  return (await listWorkOrderCallbacks(db, orgId, workOrderId)).flatMap((callback) =>
    callback.status === "done" && callback.performedAt !== null
      ? [
          {
            at: callback.performedAt,
            byName: callback.performedByName,
            result: (callback.outcome === "reached" ? callback.satisfaction : callback.outcome) ?? "reached",
            note: callback.opinion,
          },
        ]
      : [],
  );
}

/** An upload shown on a work order: its photos and the customer's signature. */
export async function getWorkOrderFile(db: DbOrTx, context: RequestContext, id: string, uploadId: string) {
  const order = await repo.findWorkOrder(db, context.actor.orgId, id);
  if (!order) throw notFound("work order", id);
  await assertVisible(db, context.actor, order);
  const photo = (await repo.findWorkOrderPhotos(db, id)).find((p) => p.id === uploadId);
  if (photo) return photo;
  if (order.signature_upload_id === uploadId || order.quote_signature_upload_id === uploadId) {
    const signature = await db.selectFrom("uploads").selectAll().where("id", "=", uploadId).executeTakeFirst();
    if (signature) return signature;
  }
  throw notFound("file", uploadId);
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalidField(field, "required for this step");
  return value;
}

/** A dissatisfied customer means the repair is done again: a linked rework order, flagged to the customer-service head. */
const REWORK_SATISFACTION: Satisfaction = "dissatisfied";

export async function takeWorkOrderAction(
  db: Db,
  context: RequestContext,
  id: string,
  input: WorkOrderActionInput,
): Promise<void> {
  const { actor } = context;
  await db.transaction().execute(async (tx) => {
    const order = await repo.findWorkOrder(tx, actor.orgId, id);
    if (!order) throw notFound("work order", id);
    const pool = await poolContextOf(tx, actor, order);
    // A worker of the pool's trade who lost the race to claim learns so (409), not that the order vanished.
    if (!(input.action === "claim" && pool.member)) await assertVisible(tx, actor, order, pool);
    const verdict = judge(actor, input.action, order, pool);
    if (verdict === "wrong_state") {
      throw new AppError("INVALID_TRANSITION", { action: input.action, status: order.status });
    }
    if (verdict === "forbidden") throw new AppError("FORBIDDEN", { action: input.action });
    const rule = WORK_ORDER_RULES[input.action];
    const now = nowIso();
    const to: WorkOrderStatus = rule.to === "previous" ? (order.status_before_wait ?? "assigned") : rule.to;
    const changes: Parameters<typeof repo.updateWorkOrderIf>[3] = { status: to, updated_at: now };
    const event: Record<string, unknown> = {};

    // Paid repairs (issue #5 item 8): no work on a chargeable order before the customer approved the quote.
    if (
      (input.action === "start" || input.action === "complete") &&
      order.billing === "chargeable" &&
      order.quote_approved_at === null
    ) {
      throw new AppError("QUOTE_NOT_APPROVED");
    }

    switch (input.action) {
      case "claim":
        // Acceptance and assignment at once, by the worker who claimed it (抢单).
        changes.accepted_at = now;
        changes.accepted_by = actor.userId;
        changes.worker_id = actor.userId;
        changes.assigned_at = now;
        changes.pool_until = null;
        changes.escalation_level = 0;
        event.workerName = actor.displayName;
        break;
      case "accept":
        changes.accepted_at = now;
        changes.accepted_by = actor.userId;
        // The leader takes the order over: the pool closes.
        changes.pool_until = null;
        // The acceptance deadline is met; the arrival deadline's escalation starts from nothing.
        changes.escalation_level = 0;
        break;
      case "assign":
      case "transfer": {
        const workerId = required(input.workerId, "workerId");
        const workers = await repo.findWorkers(tx, actor.orgId, order.estate_id);
        const worker = workers.find((w) => w.id === workerId);
        if (!worker) throw invalidField("workerId", "not an active repair worker of this estate");
        // a worker of the right trade.
        if (order.trade_id && !worker.trades.some((t) => t.id === order.trade_id)) {
          throw invalidField("workerId", "the worker does not have the order's trade");
        }
        changes.worker_id = workerId;
        changes.assigned_at = now;
        event.workerName = worker.name;
        event.fromWorkerName = input.action === "transfer" ? order.worker_name : null;
        await enqueueNotification(tx, {
          orgId: actor.orgId,
          recipientUserIds: [workerId],
          topic: "case.assigned",
          caseId: order.case_id,
          params: { number: order.number, kind: "repair", estateName: order.estate_name },
        });
        break;
      }
      case "start":
        changes.started_at = now;
        break;
      case "arrive":
        changes.arrived_at = now;
        changes.visit_count = order.visit_count + 1;
        changes.escalation_level = 0;
        break;
      case "wait":
        changes.status_before_wait = order.status;
        changes.waiting_since = now;
        changes.wait_reason = required(input.waitReason, "waitReason");
        event.reason = changes.wait_reason;
        break;
      case "resume": {
        changes.status_before_wait = null;
        changes.waiting_since = null;
        changes.wait_reason = null;
        // The clock stood still while waiting (issue #5 item 1): the deadlines still running
        // move on by the working time paused, on the organisation's business calendar.
        const paused = order.waiting_since
          ? workingMinutesBetween(await loadBusinessCalendar(tx, actor.orgId), order.waiting_since, now)
          : 0;
        if (paused > 0) {
          const calendar = await loadBusinessCalendar(tx, actor.orgId);
          if (order.arrived_at === null && order.arrive_due_at) {
            changes.arrive_due_at = addWorkingMinutes(calendar, order.arrive_due_at, paused);
          }
          if (order.result_due_at) changes.result_due_at = addWorkingMinutes(calendar, order.result_due_at, paused);
          changes.paused_minutes = order.paused_minutes + paused;
        }
        event.pausedWorkingMinutes = paused;
        break;
      }
      case "complete": {
        const work = required(input.workDone, "workDone");
        const before = await findOwnUploads(tx, actor, work.photosBefore);
        const after = await findOwnUploads(tx, actor, work.photosAfter);
        changes.completed_at = now;
        changes.work_description = work.description;
        changes.materials_json = JSON.stringify(work.materials);
        changes.minutes_spent = work.minutesSpent;
        if (work.finalCharge) {
          if (order.billing !== "chargeable") throw new AppError("NOT_CHARGEABLE", { billing: order.billing });
          // A charge other than the approved quote needs a reason on the dispatch order.
          if (work.finalCharge.amountFen !== order.quote_total_fen && !work.finalCharge.reason) {
            throw invalidField("workDone/finalCharge/reason", "required when the charge differs from the quote");
          }
          changes.final_charge_fen = work.finalCharge.amountFen;
          changes.charge_reason = work.finalCharge.reason ?? null;
        } else if (order.billing === "chargeable") {
          changes.final_charge_fen = order.quote_total_fen;
        }
        await repo.insertWorkOrderPhotos(tx, [
          ...before.map((u, position) => ({
            work_order_id: id,
            upload_id: u.id,
            org_id: actor.orgId,
            phase: "before" as const,
            position,
          })),
          ...after.map((u, position) => ({
            work_order_id: id,
            upload_id: u.id,
            org_id: actor.orgId,
            phase: "after" as const,
            position,
          })),
        ]);
        // The customer was not there to sign: the order waits for their evaluation in the portal.
        if (input.absenceReason) {
          const [photo] = await findOwnUploads(tx, actor, [input.absenceReason.photoId]);
          if (!photo) throw invalidField("absenceReason", "photo required");
          changes.absence_reason = input.absenceReason.reason;
          changes.absence_upload_id = photo.id;
          await repo.insertWorkOrderPhotos(tx, [
            { work_order_id: id, upload_id: photo.id, org_id: actor.orgId, phase: "absence", position: 0 },
          ]);
          event.customerAbsent = true;
        } else if (input.evaluation) {
          // Evaluated on the worker's phone at once: complete and evaluate in one step.
          await applyEvaluation(tx, context, order, input, changes, event, now);
          changes.status = "awaiting_callback";
        }
        break;
      }
      case "evaluate":
        await applyEvaluation(tx, context, order, input, changes, event, now);
        break;
      case "revisit":
        changes.completed_at = null;
        event.reason = required(input.comment, "comment");
        break;
      case "return_to_lead":
        changes.worker_id = null;
        changes.assigned_at = null;
        event.reason = required(input.comment, "comment");
        break;
      case "cancel":
      case "give_up":
        changes.closed_at = now;
        event.reason = required(input.comment, "comment");
        break;
      case "close":
        changes.closed_at = now;
        event.comment = required(input.comment, "comment");
        break;
    }

    const moved = await repo.updateWorkOrderIf(tx, id, rule.from, changes);
    if (!moved) throw new AppError("INVALID_TRANSITION", { reason: "the order changed meanwhile" });
    const caseStatus = CASE_STATUS_OF[changes.status ?? to];
    await cases.updateCase(tx, order.case_id, {
      status: caseStatus,
      updated_at: now,
      ...(caseStatus === "closed" || caseStatus === "withdrawn" ? { closed_at: now } : {}),
    });
    await cases.insertEvent(tx, {
      id: newId(),
      org_id: actor.orgId,
      case_id: order.case_id,
      at: now,
      actor_id: actor.userId,
      type: `work_order.${input.action}`,
      data_json: JSON.stringify(event),
    });
    await recordAudit(tx, context, {
      action: `work_order.${input.action}`,
      entityType: "work_order",
      entityId: id,
      before: { status: order.status, workerId: order.worker_id },
      after: { status: changes.status ?? to, workerId: changes.worker_id ?? order.worker_id },
    });
  });
}

async function applyEvaluation(
  tx: DbOrTx,
  context: RequestContext,
  order: repo.WorkOrderView,
  input: WorkOrderActionInput,
  changes: Parameters<typeof repo.updateWorkOrderIf>[3],
  event: Record<string, unknown>,
  now: string,
): Promise<void> {
  const evaluation = required(input.evaluation, "evaluation");
  const [signature] = await findOwnUploads(tx, context.actor, [evaluation.signatureId]);
  if (!signature) throw invalidField("evaluation", "signature required");
  changes.satisfaction = evaluation.satisfaction;
  changes.stars = evaluation.stars;
  changes.opinion = evaluation.opinion ?? null;
  changes.signature_upload_id = signature.id;
  changes.evaluated_at = now;
  changes.evaluated_by = context.actor.userId;
  event.satisfaction = evaluation.satisfaction;
  event.stars = evaluation.stars;
  if (evaluation.satisfaction === REWORK_SATISFACTION) {
    event.reworkNumber = await openReworkRepair(tx, context, { caseId: order.case_id, orderId: order.id });
    const heads = await cases.findStaffFor(tx, {
      orgId: order.org_id,
      estateId: order.estate_id,
      roles: ["cs_head", "repair_lead"],
    });
    await enqueueNotification(tx, {
      orgId: order.org_id,
      recipientUserIds: heads,
      topic: "case.sent_back",
      caseId: order.case_id,
      params: {
        number: order.number,
        kind: "repair",
        estateName: order.estate_name,
        reason: "dissatisfied",
        reworkNumber: String(event.reworkNumber),
      },
    });
  }
}

const URGEABLE: readonly WorkOrderStatus[] = ["dispatched", "accepted", "assigned", "on_the_way", "on_site", "waiting"];

/** A resident urges an open repair: counted, on the timeline, and the team leader (and worker) told. */
export async function urgeRepair(db: Db, context: RequestContext, id: string): Promise<void> {
  const { actor } = context;
  await db.transaction().execute(async (tx) => {
    const order = await repo.findWorkOrder(tx, actor.orgId, id);
    if (!order) throw notFound("work order", id);
    await assertVisible(tx, actor, order);
    if (!URGEABLE.includes(order.status)) throw new AppError("INVALID_TRANSITION", { status: order.status });
    const now = nowIso();
    // Issue #5 item 9: once per the organisation's interval (org_settings, default 120 minutes).
    const { urgeIntervalMinutes } = await getRepairSettings(tx, actor.orgId);
    if (order.last_urged_at && Date.parse(now) - Date.parse(order.last_urged_at) < urgeIntervalMinutes * 60_000) {
      const retryAt = new Date(Date.parse(order.last_urged_at) + urgeIntervalMinutes * 60_000).toISOString();
      throw new AppError("RATE_LIMITED", { retryAfterMinutes: urgeIntervalMinutes, retryAt });
    }
    // Conditional on the count it read: two taps at once count once.
    const result = await tx
      .updateTable("work_orders")
      .set({ urge_count: order.urge_count + 1, last_urged_at: now, updated_at: now })
      .where("id", "=", id)
      .where("urge_count", "=", order.urge_count)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("RATE_LIMITED");
    await cases.insertEvent(tx, {
      id: newId(),
      org_id: actor.orgId,
      case_id: order.case_id,
      at: now,
      actor_id: actor.userId,
      type: "urged",
      data_json: JSON.stringify({ count: order.urge_count + 1 }),
    });
    const leads = await cases.findStaffFor(tx, {
      orgId: actor.orgId,
      estateId: order.estate_id,
      roles: ["repair_lead"],
    });
    await enqueueNotification(tx, {
      orgId: actor.orgId,
      recipientUserIds: order.worker_id ? [...leads, order.worker_id] : leads,
      topic: "case.urged",
      caseId: order.case_id,
      params: { number: order.number, kind: "repair", estateName: order.estate_name, count: order.urge_count + 1 },
    });
    await recordAudit(tx, context, {
      action: "work_order.urged",
      entityType: "work_order",
      entityId: id,
      after: { urgeCount: order.urge_count + 1 },
    });
  });
}
