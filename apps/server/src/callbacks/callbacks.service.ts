/**
 * Callbacks (回访): planned and performed, on a complaint, a dispatch order (R-4.6.1,
 * ) or a suggestion topic; by visit, phone or letter with the
 * resident's signature on site only; an appointed reply for what cannot be answered
 * at once, followed by another callback; any number of them, numbered per subject
 * . Exemptions with their reply letter. A satisfied callback closes its
 * complaint or dispatch order in the same transaction; a dissatisfied one raises a
 * nonconformity candidate and leaves it open.
 */
import type {
  Callback,
  CallbackCreateInput,
  CallbackExemption,
  CallbackExemptionInput,
  CallbackHistory,
  CallbackMethod,
  CallbackResultInput,
  CallbackSubjectType,
  CallbackUpdateInput,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { canSeeEstate } from "../auth/policy.js";
import { getVisibleSummary } from "../cases/case-access.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { PDF_CONTENT_TYPE } from "../files/document-check.js";
import { findOwnUploads } from "../files/files.service.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { onCallbackRecorded } from "../nonconformities/nonconformity-workflow.service.js";
import * as repo from "./callbacks.repository.js";

export interface Subject {
  subjectType: CallbackSubjectType;
  orgId: string;
  estateId: string | null;
  caseId: string | null;
  workOrderId: string | null;
  topicId: string | null;
}

/** Who may be given callbacks to make: customer service. */
export const CALLER_ROLES = ["cs_agent", "cs_head"] as const;

async function workOrderSubject(db: DbOrTx, actor: Actor, workOrderId: string): Promise<Subject> {
  const order = await db
    .selectFrom("work_orders")
    .select(["id", "org_id", "estate_id", "case_id"])
    .where("org_id", "=", actor.orgId)
    .where("id", "=", workOrderId)
    .executeTakeFirst();
  if (!order || !canSeeEstate(actor, order.estate_id)) throw notFound("work order", workOrderId);
  return {
    subjectType: "work_order",
    orgId: order.org_id,
    estateId: order.estate_id,
    caseId: order.case_id,
    workOrderId: order.id,
    topicId: null,
  };
}

async function topicSubject(db: DbOrTx, actor: Actor, topicId: string): Promise<Subject> {
  const topic = await db
    .selectFrom("suggestion_topics")
    .select(["id", "org_id", "estate_id"])
    .where("org_id", "=", actor.orgId)
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (!topic || (topic.estate_id !== null && !canSeeEstate(actor, topic.estate_id))) throw notFound("topic", topicId);
  return {
    subjectType: "topic",
    orgId: topic.org_id,
    estateId: topic.estate_id,
    caseId: null,
    workOrderId: null,
    topicId: topic.id,
  };
}

async function complaintSubject(db: DbOrTx, context: RequestContext, caseId: string): Promise<Subject> {
  const summary = await getVisibleSummary(db, context, caseId);
  if (summary.kind !== "complaint") throw invalidField("caseId", "not a complaint");
  if (!canSeeEstate(context.actor, summary.estate_id)) throw notFound("case", caseId);
  return {
    subjectType: "complaint",
    orgId: context.actor.orgId,
    estateId: summary.estate_id,
    caseId,
    workOrderId: null,
    topicId: null,
  };
}

async function resolveSubject(db: DbOrTx, context: RequestContext, input: CallbackCreateInput): Promise<Subject> {
  switch (input.subjectType) {
    case "complaint":
      if (!input.caseId) throw invalidField("caseId", "required for a complaint callback");
      return complaintSubject(db, context, input.caseId);
    case "work_order":
      if (!input.workOrderId) throw invalidField("workOrderId", "required for a dispatch-order callback");
      return workOrderSubject(db, context.actor, input.workOrderId);
    case "topic":
      if (!input.topicId) throw invalidField("topicId", "required for a topic callback");
      return topicSubject(db, context.actor, input.topicId);
  }
}

async function assertCaller(db: DbOrTx, orgId: string, userId: string, field: string): Promise<void> {
  const row = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.id")
    .where("users.org_id", "=", orgId)
    .where("users.id", "=", userId)
    .where("users.active", "=", 1)
    .where("users.kind", "=", "staff")
    .where("user_roles.role", "in", CALLER_ROLES)
    .executeTakeFirst();
  if (!row) throw invalidField(field, "not an active customer-service user of the organisation");
}

/** A callback of the actor's organisation whose subject the actor may see; otherwise 404. */
async function loadCallback(db: DbOrTx, context: RequestContext, id: string) {
  const row = await repo
    .callbackViews(db)
    .where("callbacks.org_id", "=", context.actor.orgId)
    .where("callbacks.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("callback", id);
  if (row.estate_id !== null && !canSeeEstate(context.actor, row.estate_id)) throw notFound("callback", id);
  if (row.subject_type === "complaint" && row.case_id) await getVisibleSummary(db, context, row.case_id);
  return row;
}

export async function getCallback(db: DbOrTx, context: RequestContext, id: string): Promise<Callback> {
  return repo.presentCallback(await loadCallback(db, context, id));
}

function subjectOf(row: repo.CallbackView): Subject {
  return {
    subjectType: row.subject_type,
    orgId: row.org_id,
    estateId: row.estate_id,
    caseId: row.case_id,
    workOrderId: row.work_order_id,
    topicId: row.topic_id,
  };
}

async function caseEvent(tx: DbOrTx, context: RequestContext, caseId: string, now: string, type: string, data: object) {
  await cases.insertEvent(tx, {
    id: newId(),
    org_id: context.actor.orgId,
    case_id: caseId,
    at: now,
    actor_id: context.actor.userId,
    type,
    data_json: JSON.stringify(data),
  });
}

/** Plans a callback, or records one performed directly when `result` is given. */
export async function createCallback(db: Db, context: RequestContext, input: CallbackCreateInput): Promise<Callback> {
  const id = await db.transaction().execute(async (tx) => {
    const subject = await resolveSubject(tx, context, input);
    const now = nowIso();
    if (input.followUpOfId) {
      const parent = await tx
        .selectFrom("callbacks")
        .select(["id", "case_id", "work_order_id", "topic_id"])
        .where("org_id", "=", context.actor.orgId)
        .where("id", "=", input.followUpOfId)
        .executeTakeFirst();
      const sameSubject =
        parent &&
        parent.case_id === subject.caseId &&
        parent.work_order_id === subject.workOrderId &&
        parent.topic_id === subject.topicId;
      if (!sameSubject) throw invalidField("followUpOfId", "not a callback of the same subject");
    }
    if (input.planId) {
      const plan = await tx
        .selectFrom("callback_plans")
        .select(["id", "status"])
        .where("org_id", "=", context.actor.orgId)
        .where("id", "=", input.planId)
        .executeTakeFirst();
      if (!plan || plan.status === "closed") throw invalidField("planId", "not an open plan of the organisation");
      if (!context.actor.permissions.has("callbacks.plan")) throw new AppError("FORBIDDEN", { reason: "plan" });
    }
    if (input.assigneeId) await assertCaller(tx, context.actor.orgId, input.assigneeId, "assigneeId");
    // Recorded from the case page while the subject has a planned callback (on this week's plan,
    // or a nonconformity's follow-up): that planned callback is the one performed.
    if (input.result && !input.planId) {
      const planned = (await repo.findSubjectCallbacks(tx, context.actor.orgId, subject)).find(
        (c) => c.status === "planned",
      );
      if (planned) {
        if (input.followUpOfId && !planned.follow_up_of_id) {
          await tx
            .updateTable("callbacks")
            .set({ follow_up_of_id: input.followUpOfId })
            .where("id", "=", planned.id)
            .execute();
        }
        await perform(tx, context, await loadCallback(tx, context, planned.id), input.result, now);
        return planned.id;
      }
    }
    const row = {
      id: newId(),
      org_id: subject.orgId,
      estate_id: subject.estateId,
      subject_type: subject.subjectType,
      case_id: subject.caseId,
      work_order_id: subject.workOrderId,
      topic_id: subject.topicId,
      plan_id: input.planId ?? null,
      follow_up_of_id: input.followUpOfId ?? null,
      sequence: await repo.nextSequence(tx, subject),
      status: "planned" as const,
      method: input.method,
      assigned_to: input.assigneeId ?? (input.result ? context.actor.userId : null),
      assigned_at: input.assigneeId || input.result ? now : null,
      due_at: input.dueAt ? iso(input.dueAt) : null,
      created_by: context.actor.userId,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("callbacks").values(row).execute();
    await recordAudit(tx, context, {
      action: "callback.planned",
      entityType: "callback",
      entityId: row.id,
      after: row,
    });
    if (input.result) {
      const view = await loadCallback(tx, context, row.id);
      await perform(tx, context, view, input.result, now);
    } else if (row.case_id) {
      await caseEvent(tx, context, row.case_id, now, "callback_planned", {
        sequence: row.sequence,
        method: row.method,
        assigneeId: row.assigned_to,
        dueAt: row.due_at,
      });
    }
    return row.id;
  });
  return getCallback(db, context, id);
}

/** The caller records a planned callback (the worklist's one-click outcome). */
export async function recordCallback(
  db: Db,
  context: RequestContext,
  id: string,
  result: CallbackResultInput,
): Promise<Callback> {
  await db.transaction().execute(async (tx) => {
    const row = await loadCallback(tx, context, id);
    if (row.status !== "planned") throw new AppError("INVALID_TRANSITION", { status: row.status });
    await perform(tx, context, row, result, nowIso());
  });
  return getCallback(db, context, id);
}

function checkResult(method: CallbackMethod, result: CallbackResultInput, now: string): void {
  const reached = result.outcome === "reached";
  if (!reached) {
    if (result.satisfaction) throw invalidField("satisfaction", "only when the resident was reached");
    if (result.replyQuestion || result.replyDueAt)
      throw invalidField("replyQuestion", "only when the resident was reached");
  }
  if (reached && !result.satisfaction && !result.replyQuestion) {
    throw invalidField("satisfaction", "required when the resident was reached (or an appointed reply)");
  }
  if (Boolean(result.replyQuestion) !== Boolean(result.replyDueAt)) {
    throw invalidField(
      result.replyQuestion ? "replyDueAt" : "replyQuestion",
      "the question and its reply time go together",
    );
  }
  if (result.replyDueAt && Date.parse(result.replyDueAt) <= Date.parse(now)) {
    throw invalidField("replyDueAt", "must be in the future");
  }
  if (result.performedAt && Date.parse(result.performedAt) > Date.parse(now) + 5 * 60_000) {
    throw invalidField("performedAt", "must not be in the future");
  }
  // the resident signs their opinion after an on-site callback; phone and letter need none.
  if (method === "on_site" && reached && !result.signatureId) {
    throw invalidField("signatureId", "the resident's signature is required on site");
  }
  if (method !== "on_site" && result.signatureId) {
    throw invalidField("signatureId", "only on-site callbacks carry a signature");
  }
}

/** Instants are stored in one form (with milliseconds) so that they compare as text on both databases. */
function iso(instant: string): string {
  return new Date(instant).toISOString();
}

const SATISFIED = new Set(["satisfied", "basically_satisfied"]);

async function perform(
  tx: DbOrTx,
  context: RequestContext,
  row: repo.CallbackView,
  result: CallbackResultInput,
  now: string,
): Promise<void> {
  const method = result.method ?? row.method;
  checkResult(method, result, now);
  let signatureId: string | null = null;
  if (result.signatureId) {
    const [signature] = await findOwnUploads(tx, context.actor, [result.signatureId]);
    signatureId = signature?.id ?? null;
  }
  const updated = await tx
    .updateTable("callbacks")
    .set({
      status: "done",
      method,
      performed_by: context.actor.userId,
      performed_at: result.performedAt ? iso(result.performedAt) : now,
      outcome: result.outcome,
      satisfaction: result.satisfaction ?? null,
      opinion: result.opinion ?? null,
      signature_upload_id: signatureId,
      reply_question: result.replyQuestion ?? null,
      reply_due_at: result.replyDueAt ? iso(result.replyDueAt) : null,
      updated_at: now,
    })
    .where("id", "=", row.id)
    .where("status", "=", "planned")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError("INVALID_TRANSITION", { reason: "recorded meanwhile" });
  const reached = result.outcome === "reached";
  // a reached follow-up brings the appointed reply of the callback it follows.
  if (reached && row.follow_up_of_id) {
    await tx
      .updateTable("callbacks")
      .set({ replied_at: now, updated_at: now })
      .where("id", "=", row.follow_up_of_id)
      .where("replied_at", "is", null)
      .execute();
  }
  await recordAudit(tx, context, {
    action: "callback.recorded",
    entityType: "callback",
    entityId: row.id,
    before: { status: row.status },
    after: { method, ...result, signatureId },
  });
  if (row.case_id) {
    await caseEvent(tx, context, row.case_id, now, "callback_recorded", {
      sequence: row.sequence,
      method,
      outcome: result.outcome,
      satisfaction: result.satisfaction ?? null,
      replyDueAt: result.replyDueAt ?? null,
      workOrderId: row.work_order_id,
    });
  }
  // a dissatisfied callback raises a nonconformity candidate; one verifying a fix
  // closes or reopens its nonconformity.
  await onCallbackRecorded(tx, context, row.id);
  const finished =
    reached &&
    result.satisfaction !== undefined &&
    SATISFIED.has(result.satisfaction) &&
    !result.replyQuestion &&
    (await repo.countPendingReplies(tx, subjectOf(row))) === 0;
  if (finished) await closeSubject(tx, context, row, now);
}

/** The satisfied callback closes its complaint or dispatch order when it is waiting for one. */
async function closeSubject(tx: DbOrTx, context: RequestContext, row: repo.CallbackView, now: string): Promise<void> {
  if (row.subject_type === "complaint" && row.case_id) {
    const moved = await tx
      .updateTable("cases")
      .set({ status: "closed", closed_at: now, updated_at: now })
      .where("id", "=", row.case_id)
      .where("status", "=", "awaiting_callback")
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return;
    await cases.updateCase(tx, row.case_id, { status: "closed", closed_at: now, updated_at: now });
    await caseEvent(tx, context, row.case_id, now, "closed", {
      comment: null,
      callbackId: row.id,
      sequence: row.sequence,
    });
    await recordAudit(tx, context, {
      action: "complaint.close",
      entityType: "case",
      entityId: row.case_id,
      before: { status: "awaiting_callback" },
      after: { status: "closed", callbackId: row.id },
    });
  } else if (row.subject_type === "work_order" && row.work_order_id && row.case_id) {
    await closeWorkOrder(tx, context, row.work_order_id, row.case_id, now, { callbackId: row.id });
  }
}

/** Closes a dispatch order waiting for its callback (by the callback, or unsampled at the week's end). */
export async function closeWorkOrder(
  tx: DbOrTx,
  context: Pick<RequestContext, "requestId" | "ip"> & { actor: { userId: string | null; orgId: string } },
  workOrderId: string,
  caseId: string,
  now: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  const moved = await tx
    .updateTable("work_orders")
    .set({ status: "closed", closed_at: now, updated_at: now })
    .where("id", "=", workOrderId)
    .where("status", "=", "awaiting_callback")
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  await cases.updateCase(tx, caseId, { status: "closed", closed_at: now, updated_at: now });
  await cases.insertEvent(tx, {
    id: newId(),
    org_id: context.actor.orgId,
    case_id: caseId,
    at: now,
    actor_id: context.actor.userId,
    type: "work_order.close",
    data_json: JSON.stringify(data),
  });
  await recordAudit(tx, context as RequestContext, {
    action: "work_order.close",
    entityType: "work_order",
    entityId: workOrderId,
    before: { status: "awaiting_callback" },
    after: { status: "closed", ...data },
  });
  return true;
}

/** The head changes a planned item: caller, method, due, or takes it out of the plan. */
export async function updateCallback(
  db: Db,
  context: RequestContext,
  id: string,
  input: CallbackUpdateInput,
): Promise<Callback> {
  await db.transaction().execute(async (tx) => {
    const row = await loadCallback(tx, context, id);
    if (row.status !== "planned") throw new AppError("INVALID_TRANSITION", { status: row.status });
    if (input.assigneeId) await assertCaller(tx, context.actor.orgId, input.assigneeId, "assigneeId");
    const now = nowIso();
    const changes = {
      ...(input.assigneeId !== undefined
        ? { assigned_to: input.assigneeId, assigned_at: input.assigneeId ? now : null }
        : {}),
      ...(input.method ? { method: input.method } : {}),
      ...(input.dueAt !== undefined ? { due_at: input.dueAt ? iso(input.dueAt) : null } : {}),
      ...(input.cancelled ? { status: "cancelled" as const } : {}),
      updated_at: now,
    };
    await tx.updateTable("callbacks").set(changes).where("id", "=", id).where("status", "=", "planned").execute();
    await recordAudit(tx, context, {
      action: input.cancelled ? "callback.cancelled" : "callback.updated",
      entityType: "callback",
      entityId: id,
      before: { assignedTo: row.assigned_to, method: row.method, dueAt: row.due_at },
      after: changes,
    });
  });
  return getCallback(db, context, id);
}

// ---------------------------------------------------------------------------------------------
// The history of a subject and the exemption

async function findExemption(db: DbOrTx, orgId: string, caseId: string): Promise<CallbackExemption | null> {
  const row = await db
    .selectFrom("callback_exemptions")
    .leftJoin("uploads", "uploads.id", "callback_exemptions.letter_upload_id")
    .leftJoin("users", "users.id", "callback_exemptions.recorded_by")
    .selectAll("callback_exemptions")
    .select(["uploads.file_name", "uploads.content_type", "users.display_name as recorded_by_name"])
    .where("callback_exemptions.org_id", "=", orgId)
    .where("callback_exemptions.case_id", "=", caseId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    caseId: row.case_id,
    reason: row.reason,
    note: row.note,
    letterUrl: row.letter_upload_id ? `/api/cases/${row.case_id}/callback-exemption/letter` : null,
    letterFileName: row.file_name,
    letterContentType: row.content_type,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at,
  };
}

/** The callback section of the complaint form (QR-023) or of a repair's dispatch order (QR-024). */
export async function getCaseCallbacks(db: DbOrTx, context: RequestContext, caseId: string): Promise<CallbackHistory> {
  const summary = await getVisibleSummary(db, context, caseId);
  const rows = await db
    .selectFrom("callbacks")
    .select("id")
    .where("org_id", "=", context.actor.orgId)
    .where("case_id", "=", caseId)
    .execute();
  const views = rows.length
    ? await repo
        .callbackViews(db)
        .where(
          "callbacks.id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("callbacks.work_order_id")
        .orderBy("callbacks.sequence")
        .execute()
    : [];
  return {
    items: views.filter((v) => v.status !== "cancelled").map((v) => repo.presentCallback(v)),
    exemption: summary.kind === "complaint" ? await findExemption(db, context.actor.orgId, caseId) : null,
  };
}

/** The callbacks of one dispatch order, for its QR-024 callback section. */
export async function getWorkOrderCallbacks(
  db: DbOrTx,
  context: RequestContext,
  workOrderId: string,
): Promise<Callback[]> {
  await workOrderSubject(db, context.actor, workOrderId);
  return (await repo.findSubjectCallbacks(db, context.actor.orgId, { workOrderId }))
    .filter((v) => v.status !== "cancelled")
    .map((v) => repo.presentCallback(v));
}

/**
 * The callbacks of a dispatch order for its QR-024 callback section, for a caller that has
 * already checked the order's visibility (the work-order view).
 */
export async function listWorkOrderCallbacks(db: DbOrTx, orgId: string, workOrderId: string): Promise<Callback[]> {
  return (await repo.findSubjectCallbacks(db, orgId, { workOrderId }))
    .filter((v) => v.status !== "cancelled")
    .map((v) => repo.presentCallback(v));
}

export async function getTopicCallbacks(db: DbOrTx, context: RequestContext, topicId: string): Promise<Callback[]> {
  await topicSubject(db, context.actor, topicId);
  return (await repo.findSubjectCallbacks(db, context.actor.orgId, { topicId }))
    .filter((v) => v.status !== "cancelled")
    .map((v) => repo.presentCallback(v));
}

/**
 * no contact details, the resident declined, or a higher authority asked only for a
 * written reply. The reply letter (PDF or image) is required. Planned callbacks of the
 * complaint are cancelled; a complaint already awaiting its callback closes now, otherwise
 * it is still handled and may close without a callback when it gets there.
 */
export async function recordExemption(
  db: Db,
  context: RequestContext,
  caseId: string,
  input: CallbackExemptionInput,
): Promise<CallbackExemption> {
  await db.transaction().execute(async (tx) => {
    const subject = await complaintSubject(tx, context, caseId);
    const complaint = await cases.findCaseRow(tx, context.actor.orgId, caseId);
    if (!complaint || complaint.status === "closed" || complaint.status === "withdrawn") {
      throw new AppError("INVALID_TRANSITION", { status: complaint?.status ?? null });
    }
    const existing = await tx
      .selectFrom("callback_exemptions")
      .select("case_id")
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (existing) throw new AppError("DUPLICATE", { entity: "callback exemption" });
    const letter = await tx
      .selectFrom("uploads")
      .select(["id", "content_type"])
      .where("org_id", "=", context.actor.orgId)
      .where("uploaded_by", "=", context.actor.userId)
      .where("id", "=", input.letterId)
      .executeTakeFirst();
    if (!letter) throw invalidField("letterId", "unknown upload, or not uploaded by you");
    if (letter.content_type !== PDF_CONTENT_TYPE && !letter.content_type.startsWith("image/")) {
      throw invalidField("letterId", "the reply letter must be a PDF or an image");
    }
    const now = nowIso();
    const row = {
      case_id: caseId,
      org_id: subject.orgId,
      reason: input.reason,
      note: input.note ?? null,
      letter_upload_id: letter.id,
      recorded_by: context.actor.userId,
      recorded_at: now,
    };
    await tx.insertInto("callback_exemptions").values(row).execute();
    await tx
      .updateTable("callbacks")
      .set({ status: "cancelled", updated_at: now })
      .where("case_id", "=", caseId)
      .where("work_order_id", "is", null)
      .where("status", "=", "planned")
      .execute();
    await caseEvent(tx, context, caseId, now, "callback_exempted", { reason: input.reason, note: input.note ?? null });
    await recordAudit(tx, context, { action: "callback.exempted", entityType: "case", entityId: caseId, after: row });
    if (complaint.status === "awaiting_callback") {
      await cases.updateCase(tx, caseId, { status: "closed", closed_at: now, updated_at: now });
      await caseEvent(tx, context, caseId, now, "closed", { comment: null, exemption: input.reason });
      await recordAudit(tx, context, {
        action: "complaint.close",
        entityType: "case",
        entityId: caseId,
        before: { status: "awaiting_callback" },
        after: { status: "closed", exemption: input.reason },
      });
    }
  });
  const exemption = await findExemption(db, context.actor.orgId, caseId);
  if (!exemption) throw notFound("callback exemption");
  return exemption;
}

/** The stored reply letter of an exempt complaint (for anyone who may see the complaint). */
export async function findExemptionLetter(db: DbOrTx, context: RequestContext, caseId: string) {
  await getVisibleSummary(db, context, caseId);
  const row = await db
    .selectFrom("callback_exemptions")
    .innerJoin("uploads", "uploads.id", "callback_exemptions.letter_upload_id")
    .selectAll("uploads")
    .where("callback_exemptions.org_id", "=", context.actor.orgId)
    .where("callback_exemptions.case_id", "=", caseId)
    .executeTakeFirst();
  if (!row) throw notFound("reply letter");
  return row;
}

export async function findCallbackSignature(db: DbOrTx, context: RequestContext, callbackId: string) {
  const callback = await loadCallback(db, context, callbackId);
  if (!callback.signature_upload_id) throw notFound("signature");
  const row = await db
    .selectFrom("uploads")
    .selectAll()
    .where("org_id", "=", context.actor.orgId)
    .where("id", "=", callback.signature_upload_id)
    .executeTakeFirst();
  if (!row) throw notFound("signature");
  return row;
}

/**
 * a complaint closes only after a callback that reached the resident with no
 * appointed reply still open, or with an exemption. Called by the complaint workflow's `close`.
 */
export async function assertComplaintMayClose(tx: DbOrTx, orgId: string, caseId: string): Promise<void> {
  const exempt = await tx
    .selectFrom("callback_exemptions")
    .select("case_id")
    .where("org_id", "=", orgId)
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  if (exempt) return;
  const reached = await tx
    .selectFrom("callbacks")
    .select("id")
    .where("org_id", "=", orgId)
    .where("case_id", "=", caseId)
    .where("work_order_id", "is", null)
    .where("status", "=", "done")
    .where("outcome", "=", "reached")
    .executeTakeFirst();
  const pending = await repo.countPendingReplies(tx, { caseId, workOrderId: null, topicId: null });
  if (!reached || pending > 0) {
    throw new AppError("CALLBACK_REQUIRED", { reached: Boolean(reached), pendingReplies: pending });
  }
}
