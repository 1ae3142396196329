/**
 * Repairs: every step of the dispatch order's state machine in
 * packages/domain/src/work-order-workflow.ts, checked against the rules, the actor's estates
 * and whose order it is, written with its timeline event and audit entry in one transaction.
 * The repair case's status follows its order.
 */
import {
  type CaseStatus,
  maskCaseContacts,
  type Satisfaction,
  unitLabel,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_RULES,
  type WorkOrder,
  type WorkOrderAction,
  type WorkOrderActionInput,
  type WorkOrderStatus,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { canSeeEstate } from "../auth/policy.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import { openReworkRepair } from "../cases/intake.service.js";
import type { Db, DbOrTx } from "../db/database.js";
import { findOwnUploads } from "../files/files.service.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
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

/** Whether the actor may see the order at all: staff of its estate, or the resident it concerns. */
async function assertVisible(db: DbOrTx, actor: Actor, order: repo.WorkOrderView): Promise<void> {
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
    (canSeeEstate(actor, order.estate_id) &&
      actor.roles.some((role) => ["repair_lead", "cs_agent", "cs_head", "qa", "mgmt_rep", "admin"].includes(role)));
  if (!staffMaySee) throw notFound("work order", order.id);
}

type Verdict = "allowed" | "wrong_state" | "forbidden";

function judge(actor: Actor, action: WorkOrderAction, order: repo.WorkOrderView): Verdict {
  const rule = WORK_ORDER_RULES[action];
  if (!rule.from.includes(order.status)) return "wrong_state";
  if (!actor.roles.some((role) => rule.roles.includes(role))) return "forbidden";
  // A worker acts only on his own order; the team leader on any order of his estates.
  const isLead = actor.roles.includes("repair_lead") && canSeeEstate(actor, order.estate_id);
  if (rule.assignedWorkerOnly && order.worker_id !== actor.userId && !isLead) return "forbidden";
  if (actor.kind === "staff" && !rule.assignedWorkerOnly && !canSeeEstate(actor, order.estate_id)) {
    return order.worker_id === actor.userId ? "allowed" : "forbidden";
  }
  return "allowed";
}

export function availableWorkOrderActions(actor: Actor, order: repo.WorkOrderView): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((action) => judge(actor, action, order) === "allowed");
}

function present(
  actor: Actor,
  order: repo.WorkOrderView,
  photos: Awaited<ReturnType<typeof repo.findWorkOrderPhotos>>,
): WorkOrder {
  const base = actor.kind === "resident" ? `/api/portal/work-orders/${order.id}` : `/api/work-orders/${order.id}`;
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
    acceptedByName: order.accepted_by_name,
    workerId: order.worker_id,
    workerName: order.worker_name,
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
    availableActions: availableWorkOrderActions(actor, order),
  };
  // PIPL: the worker on the order phones the resident to arrange the visit and sees the
  // contact in full; other roles that do not contact residents see it masked. Residents see
  // their own order.
  const contactsAllowed = actor.kind === "resident" || actor.userId === order.worker_id;
  return contactsAllowed ? presented : maskCaseContacts(presented, actor.roles);
}

export async function getWorkOrder(db: DbOrTx, context: RequestContext, id: string): Promise<WorkOrder> {
  const order = await repo.findWorkOrder(db, context.actor.orgId, id);
  if (!order) throw notFound("work order", id);
  await assertVisible(db, context.actor, order);
  return present(context.actor, order, await repo.findWorkOrderPhotos(db, id));
}

/** An upload shown on a work order: its photos and the customer's signature. */
export async function getWorkOrderFile(db: DbOrTx, context: RequestContext, id: string, uploadId: string) {
  const order = await repo.findWorkOrder(db, context.actor.orgId, id);
  if (!order) throw notFound("work order", id);
  await assertVisible(db, context.actor, order);
  const photo = (await repo.findWorkOrderPhotos(db, id)).find((p) => p.id === uploadId);
  if (photo) return photo;
  if (order.signature_upload_id === uploadId) {
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
    await assertVisible(tx, actor, order);
    const verdict = judge(actor, input.action, order);
    if (verdict === "wrong_state") {
      throw new AppError("INVALID_TRANSITION", { action: input.action, status: order.status });
    }
    if (verdict === "forbidden") throw new AppError("FORBIDDEN", { action: input.action });
    const rule = WORK_ORDER_RULES[input.action];
    const now = nowIso();
    const to: WorkOrderStatus = rule.to === "previous" ? (order.status_before_wait ?? "assigned") : rule.to;
    const changes: Parameters<typeof repo.updateWorkOrderIf>[3] = { status: to, updated_at: now };
    const event: Record<string, unknown> = {};

    switch (input.action) {
      case "accept":
        changes.accepted_at = now;
        changes.accepted_by = actor.userId;
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
      case "resume":
        changes.status_before_wait = null;
        changes.waiting_since = null;
        changes.wait_reason = null;
        break;
      case "complete": {
        const work = required(input.workDone, "workDone");
        const before = await findOwnUploads(tx, actor, work.photosBefore);
        const after = await findOwnUploads(tx, actor, work.photosAfter);
        changes.completed_at = now;
        changes.work_description = work.description;
        changes.materials_json = JSON.stringify(work.materials);
        changes.minutes_spent = work.minutesSpent;
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

/** Issue #5: a resident may urge (催单) an open repair once per this many minutes. */
export const URGE_INTERVAL_MINUTES = 120;
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
    if (order.last_urged_at && Date.parse(now) - Date.parse(order.last_urged_at) < URGE_INTERVAL_MINUTES * 60_000) {
      throw new AppError("RATE_LIMITED", { retryAfterMinutes: URGE_INTERVAL_MINUTES });
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
