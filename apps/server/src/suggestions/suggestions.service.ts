/**
 * The weekly classification of opinions and suggestions and topics:
 * customer service classifies what came in during a week from residents and departments,
 * groups several opinions about the same problem into one topic (recorded once, with its
 * source cases), helped by groupings proposed from textual similarity, and notifies whoever
 * must handle each topic. Callbacks then go per topic (the callback module plans them).
 */
import {
  addCalendarDays,
  type ClassifySuggestions,
  mondayOf,
  type Role,
  type SuggestionWeek,
  suggestGroupings,
  type Topic,
  type TopicCreate,
  type TopicListItem,
  type TopicUpdate,
  zonedDateOf,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { canSeeEstate, caseVisibility, estateScope } from "../auth/policy.js";
import { invalidField } from "../cases/case-references.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as nonconformities from "../nonconformities/nonconformities.repository.js";
import { enqueueNotification } from "../notifications/outbox.js";
import * as repo from "./suggestions.repository.js";

const SEES_EVERY_TOPIC: readonly Role[] = ["admin", "cs_head", "cs_agent", "qa", "mgmt_rep"];

function topicVisibility(actor: Actor): repo.TopicVisibility {
  return {
    estates: estateScope(actor),
    everything: actor.roles.some((role) => SEES_EVERY_TOPIC.includes(role)),
    userId: actor.userId,
    departmentIds: actor.departmentIds,
  };
}

async function orgTimeZone(db: DbOrTx, orgId: string): Promise<string> {
  return (await nonconformities.findOrgTimeZone(db, orgId)).timeZone;
}

/** The week's Monday and Sunday in the organisation's time zone; the current week by default. */
export async function weekOf(db: DbOrTx, orgId: string, weekStart: string | undefined) {
  const timeZone = await orgTimeZone(db, orgId);
  const monday = mondayOf(weekStart ?? zonedDateOf(timeZone, nowIso()));
  return { timeZone, weekStart: monday, weekEnd: addCalendarDays(monday, 6) };
}

function fromName(row: {
  resident_name: string | null;
  visitor_name: string | null;
  forwarded_by_name: string | null;
}) {
  return row.resident_name ?? row.visitor_name ?? row.forwarded_by_name ?? null;
}

export async function getSuggestionWeek(
  db: DbOrTx,
  context: RequestContext,
  weekStartInput: string | undefined,
): Promise<SuggestionWeek> {
  const { timeZone, weekStart, weekEnd } = await weekOf(db, context.actor.orgId, weekStartInput);
  // A day either side in UTC covers every time zone; the exact local week is filtered below.
  const rows = await repo.findSuggestionsReceived(
    db,
    context.actor.orgId,
    caseVisibility(context.actor),
    `${addCalendarDays(weekStart, -1)}T00:00:00.000Z`,
    `${addCalendarDays(weekEnd, 2)}T00:00:00.000Z`,
  );
  const inWeek = rows.filter((row) => {
    const day = zonedDateOf(timeZone, row.received_at);
    return day >= weekStart && day <= weekEnd;
  });
  const ungrouped = inWeek.filter((row) => row.topic_id === null);
  return {
    weekStart,
    weekEnd,
    items: inWeek.map((row) => ({
      caseId: row.id,
      number: row.number,
      kind: row.kind,
      estateId: row.estate_id,
      estateName: row.estate_name,
      content: row.content,
      receivedAt: row.received_at,
      fromName: fromName(row),
      forwardedByDepartmentName: row.forwarded_by_department_name,
      classification: row.classification as SuggestionWeek["items"][number]["classification"],
      topicId: row.topic_id,
      topicTitle: row.topic_title,
    })),
    suggestedGroupings: suggestGroupings(ungrouped.map((row) => ({ id: row.id, text: row.content }))).map((group) => ({
      caseIds: group.ids,
      score: group.score,
    })),
  };
}

/** The named cases, each a suggestion the actor may see, or a 400 naming the first that is not. */
async function resolveCases(tx: DbOrTx, context: RequestContext, ids: readonly string[], field: string) {
  const unique = [...new Set(ids)];
  const found = await repo.findVisibleSuggestionCases(tx, context.actor.orgId, caseVisibility(context.actor), unique);
  const known = new Set(found.map((row) => row.id));
  const missing = unique.findIndex((id) => !known.has(id));
  if (missing >= 0) throw invalidField(`${field}/${missing}`, "not a suggestion you can see");
  return found;
}

async function upsertReview(
  tx: DbOrTx,
  context: RequestContext,
  caseId: string,
  changes: { classification: string; weekStart: string; topicId?: string | null },
  now: string,
): Promise<void> {
  const existing = await repo.findReview(tx, caseId);
  const fields = {
    classification: changes.classification,
    week_start: changes.weekStart,
    reviewed_by: context.actor.userId,
    reviewed_at: now,
    ...(changes.topicId === undefined ? {} : { topic_id: changes.topicId }),
  };
  if (existing) await repo.updateReview(tx, caseId, fields);
  else await repo.insertReview(tx, { case_id: caseId, org_id: context.actor.orgId, topic_id: null, ...fields });
}

/** the classification of each opinion or suggestion of the week. */
export async function classifySuggestions(db: Db, context: RequestContext, input: ClassifySuggestions): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await resolveCases(
      tx,
      context,
      input.items.map((item) => item.caseId),
      "items",
    );
    const { weekStart } = await weekOf(tx, context.actor.orgId, input.weekStart);
    const now = nowIso();
    for (const item of input.items) {
      const before = await repo.findReview(tx, item.caseId);
      await upsertReview(tx, context, item.caseId, { classification: item.classification, weekStart }, now);
      await recordAudit(tx, context, {
        action: "suggestion.classified",
        entityType: "case",
        entityId: item.caseId,
        before: before ? { classification: before.classification } : null,
        after: { classification: item.classification, weekStart },
      });
    }
  });
}

async function checkHandlers(
  tx: DbOrTx,
  orgId: string,
  input: { departmentId?: string | null; handlerId?: string | null },
) {
  if (input.departmentId && !(await nonconformities.findDepartment(tx, orgId, input.departmentId))) {
    throw invalidField("departmentId", "unknown or inactive department");
  }
  if (input.handlerId && !(await nonconformities.isActiveStaff(tx, orgId, input.handlerId))) {
    throw invalidField("handlerId", "not an active staff member");
  }
}

/** One estate when every source case is of it, none (a centre-wide topic) otherwise. */
function commonEstate(cases: ReadonlyArray<{ estate_id: string }>): string | null {
  const estates = new Set(cases.map((row) => row.estate_id));
  return estates.size === 1 ? ([...estates][0] ?? null) : null;
}

/** several opinions about the same problem become one topic, recorded once. */
export async function createTopic(db: Db, context: RequestContext, input: TopicCreate): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const cases = await resolveCases(tx, context, input.caseIds, "caseIds");
    await checkHandlers(tx, context.actor.orgId, input);
    const { weekStart } = await weekOf(tx, context.actor.orgId, input.weekStart);
    const now = nowIso();
    const row = {
      id: newId(),
      org_id: context.actor.orgId,
      estate_id: commonEstate(cases),
      title: input.title,
      classification: input.classification,
      description: input.description ?? null,
      department_id: input.departmentId ?? null,
      handler_id: input.handlerId ?? null,
      status: "open" as const,
      week_start: weekStart,
      created_by: context.actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertTopic(tx, row);
    for (const found of cases) {
      await upsertReview(
        tx,
        context,
        found.id,
        { classification: input.classification, weekStart, topicId: row.id },
        now,
      );
    }
    await recordAudit(tx, context, {
      action: "topic.created",
      entityType: "suggestion_topic",
      entityId: row.id,
      after: { ...row, caseIds: input.caseIds },
    });
    return row.id;
  });
}

async function loadTopic(db: DbOrTx, context: RequestContext, id: string): Promise<repo.TopicView> {
  const topic = await repo.findTopic(db, context.actor.orgId, id, topicVisibility(context.actor));
  if (!topic) throw notFound("topic", id);
  return topic;
}

export async function updateTopic(db: Db, context: RequestContext, id: string, input: TopicUpdate): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const topic = await loadTopic(tx, context, id);
    await checkHandlers(tx, context.actor.orgId, input);
    const now = nowIso();
    const changes: Parameters<typeof repo.updateTopic>[2] = { updated_at: now };
    if (input.title !== undefined) changes.title = input.title;
    if (input.classification !== undefined) changes.classification = input.classification;
    if (input.description !== undefined) changes.description = input.description;
    if (input.departmentId !== undefined) changes.department_id = input.departmentId;
    if (input.handlerId !== undefined) changes.handler_id = input.handlerId;
    if (input.caseIds) {
      const cases = await resolveCases(tx, context, input.caseIds, "caseIds");
      await repo.detachTopicCases(tx, id);
      const classification = input.classification ?? topic.classification;
      for (const found of cases) {
        await upsertReview(tx, context, found.id, { classification, weekStart: topic.week_start, topicId: id }, now);
      }
      changes.estate_id = commonEstate(cases);
    }
    await repo.updateTopic(tx, id, changes);
    await recordAudit(tx, context, {
      action: "topic.updated",
      entityType: "suggestion_topic",
      entityId: id,
      before: topic,
      after: input,
    });
  });
}

/** notify the people who must handle the topic: its handler and its department's heads. */
export async function notifyTopic(db: Db, context: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const topic = await loadTopic(tx, context, id);
    if (!topic.department_id && !topic.handler_id) {
      throw invalidField("departmentId", "name a department or a handler before notifying");
    }
    const recipients = topic.handler_id ? [topic.handler_id] : [];
    if (topic.department_id) {
      const department = await nonconformities.findDepartment(tx, topic.org_id, topic.department_id);
      const headRole: Role = department?.function === "customer_service" ? "cs_head" : "dept_head";
      recipients.push(...(await nonconformities.findStaffWithRoles(tx, topic.org_id, [headRole], topic.department_id)));
    }
    const now = nowIso();
    await repo.updateTopic(tx, id, {
      notified_at: now,
      status: topic.status === "open" ? "notified" : topic.status,
      updated_at: now,
    });
    await enqueueNotification(tx, {
      orgId: topic.org_id,
      recipientUserIds: [...new Set(recipients)].filter((user) => user !== context.actor.userId),
      topic: "topic.assigned",
      caseId: null,
      params: { topicId: id, title: topic.title, estateName: topic.estate_name },
    });
    await recordAudit(tx, context, {
      action: "topic.notified",
      entityType: "suggestion_topic",
      entityId: id,
      after: { recipients },
    });
  });
}

/** The handler, the handling department, or customer service records the topic's answer. */
export async function answerTopic(db: Db, context: RequestContext, id: string, answer: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const topic = await loadTopic(tx, context, id);
    const actor = context.actor;
    const mayAnswer =
      actor.permissions.has("suggestions.manage") ||
      topic.handler_id === actor.userId ||
      (topic.department_id !== null && actor.departmentIds.includes(topic.department_id));
    if (!mayAnswer) throw new AppError("FORBIDDEN", { action: "answer" });
    if (topic.status === "closed") throw new AppError("INVALID_TRANSITION", { status: topic.status });
    const now = nowIso();
    await repo.updateTopic(tx, id, { answer, answered_at: now, status: "answered", updated_at: now });
    await recordAudit(tx, context, {
      action: "topic.answered",
      entityType: "suggestion_topic",
      entityId: id,
      before: { status: topic.status, answer: topic.answer },
      after: { status: "answered", answer },
    });
  });
}

function presentListItem(topic: repo.TopicView): TopicListItem {
  return {
    id: topic.id,
    title: topic.title,
    classification: topic.classification as TopicListItem["classification"],
    estateId: topic.estate_id,
    estateName: topic.estate_name,
    status: topic.status,
    weekStart: topic.week_start,
    departmentName: topic.department_name,
    handlerName: topic.handler_name,
    caseCount: Number(topic.case_count ?? 0),
    notifiedAt: topic.notified_at,
    answeredAt: topic.answered_at,
  };
}

export async function listTopics(
  db: DbOrTx,
  context: RequestContext,
  weekStart: string | undefined,
): Promise<{ items: TopicListItem[] }> {
  const monday = weekStart ? mondayOf(weekStart) : undefined;
  const rows = await repo.listTopics(db, context.actor.orgId, topicVisibility(context.actor), monday);
  return { items: rows.map(presentListItem) };
}

export async function getTopic(db: DbOrTx, context: RequestContext, id: string): Promise<Topic> {
  const topic = await loadTopic(db, context, id);
  // A centre-wide topic shows staff of one estate only that estate's source cases.
  const cases = (await repo.findTopicCases(db, id)).filter((row) => canSeeEstate(context.actor, row.estate_id));
  const letters = await repo.findTopicLetters(db, id);
  return {
    ...presentListItem(topic),
    description: topic.description,
    departmentId: topic.department_id,
    handlerId: topic.handler_id,
    answer: topic.answer,
    createdByName: topic.created_by_name,
    createdAt: topic.created_at,
    cases: cases.map((row) => ({
      caseId: row.id,
      number: row.number,
      estateName: row.estate_name,
      content: row.content,
      receivedAt: row.received_at,
      fromName: fromName(row),
      status: row.status,
    })),
    letters,
  };
}
