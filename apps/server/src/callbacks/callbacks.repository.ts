/** Reading callbacks with what a caller and the case page show: subject, resident, names. */
import type { Callback } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";

export function callbackViews(db: DbOrTx) {
  return db
    .selectFrom("callbacks")
    .leftJoin("cases", "cases.id", "callbacks.case_id")
    .leftJoin("residents", "residents.id", "cases.resident_id")
    .leftJoin("estates", "estates.id", "callbacks.estate_id")
    .leftJoin("suggestion_topics", "suggestion_topics.id", "callbacks.topic_id")
    .leftJoin("users as assignee", "assignee.id", "callbacks.assigned_to")
    .leftJoin("users as performer", "performer.id", "callbacks.performed_by")
    .selectAll("callbacks")
    .select([
      "cases.number as case_number",
      "cases.content as case_content",
      "cases.callback_phone as case_callback_phone",
      "cases.visitor_name as case_visitor_name",
      "cases.visitor_phone as case_visitor_phone",
      "residents.name as resident_name",
      "residents.phone as resident_phone",
      "estates.name as estate_name",
      "suggestion_topics.title as topic_title",
      "suggestion_topics.description as topic_description",
      "assignee.display_name as assignee_name",
      "performer.display_name as performer_name",
    ]);
}

export type CallbackView = Awaited<ReturnType<ReturnType<typeof callbackViews>["executeTakeFirstOrThrow"]>>;

export function presentCallback(row: CallbackView, sampleReasons: Record<string, string> = {}): Callback {
  return {
    id: row.id,
    subjectType: row.subject_type,
    caseId: row.case_id,
    caseNumber: row.case_number,
    workOrderId: row.work_order_id,
    topicId: row.topic_id,
    topicTitle: row.topic_title,
    nonconformityId: row.nonconformity_id,
    planId: row.plan_id,
    followUpOfId: row.follow_up_of_id,
    sequence: row.sequence,
    status: row.status,
    method: row.method,
    estateName: row.estate_name,
    assigneeId: row.assigned_to,
    assigneeName: row.assignee_name,
    dueAt: row.due_at,
    performedById: row.performed_by,
    performedByName: row.performer_name,
    performedAt: row.performed_at,
    outcome: row.outcome,
    satisfaction: row.satisfaction,
    opinion: row.opinion,
    signatureUrl: row.signature_upload_id ? `/api/callbacks/${row.id}/signature` : null,
    replyQuestion: row.reply_question,
    replyDueAt: row.reply_due_at,
    repliedAt: row.replied_at,
    contactName: row.resident_name ?? row.case_visitor_name,
    contactPhone: row.case_callback_phone ?? row.resident_phone ?? row.case_visitor_phone,
    summary: row.case_content ?? row.topic_description ?? row.topic_title,
    sampleReason: row.work_order_id ? (sampleReasons[row.work_order_id] ?? null) : null,
    createdAt: row.created_at,
  };
}

/** Every callback of a subject, in order. */
export async function findSubjectCallbacks(
  db: DbOrTx,
  orgId: string,
  subject: { caseId?: string | null; workOrderId?: string | null; topicId?: string | null },
): Promise<CallbackView[]> {
  let query = callbackViews(db).where("callbacks.org_id", "=", orgId);
  if (subject.workOrderId) query = query.where("callbacks.work_order_id", "=", subject.workOrderId);
  else if (subject.topicId) query = query.where("callbacks.topic_id", "=", subject.topicId);
  else query = query.where("callbacks.case_id", "=", subject.caseId ?? "").where("callbacks.work_order_id", "is", null);
  return query.orderBy("callbacks.sequence").orderBy("callbacks.id").execute();
}

/** Appointed replies not yet given on a subject: the subject is not finished while any is open. */
export async function countPendingReplies(
  db: DbOrTx,
  subject: { caseId: string | null; workOrderId: string | null; topicId: string | null },
): Promise<number> {
  let query = db
    .selectFrom("callbacks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "done")
    .where("reply_due_at", "is not", null)
    .where("replied_at", "is", null);
  if (subject.workOrderId) query = query.where("work_order_id", "=", subject.workOrderId);
  else if (subject.topicId) query = query.where("topic_id", "=", subject.topicId);
  else query = query.where("case_id", "=", subject.caseId ?? "").where("work_order_id", "is", null);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function nextSequence(
  db: DbOrTx,
  subject: { caseId: string | null; workOrderId: string | null; topicId: string | null },
): Promise<number> {
  let query = db.selectFrom("callbacks").select((eb) => eb.fn.max("sequence").as("last"));
  if (subject.workOrderId) query = query.where("work_order_id", "=", subject.workOrderId);
  else if (subject.topicId) query = query.where("topic_id", "=", subject.topicId);
  else query = query.where("case_id", "=", subject.caseId ?? "").where("work_order_id", "is", null);
  const row = await query.executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}
