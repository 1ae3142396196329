/**
 * Demo data for closing the loop (issue #7 part B), so that a newcomer who runs `npm start`
 * finds something on each quality screen: this week's suggestions with a topic grouping
 * three of them, a published open letter about it, and an open
 * nonconformity from a dissatisfied callback. Loaded through the same services the
 * API uses, as the demo customer-service head, after the demo centre itself is in place.
 */
import { type CaseIntake, mondayOf, permissionsOf, type Role, zonedDateOf } from "@estate-desk/domain";
import type { Actor, RequestContext } from "../auth/actor.js";
import { loadUserScope } from "../auth/sessions.repository.js";
import { registerCase } from "../cases/intake.service.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { onCallbackRecorded, takeNonconformityAction } from "../nonconformities/nonconformity-workflow.service.js";
import { createLetter, publishLetter } from "../open-letters/open-letters.service.js";
import { createTopic, notifyTopic } from "../suggestions/suggestions.service.js";

async function demoContext(db: Db, username: string): Promise<RequestContext> {
  const user = await db
    .selectFrom("users")
    .select(["id", "org_id", "username", "display_name", "kind", "all_estates", "resident_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const scope = await loadUserScope(db, { userId: user.id, kind: user.kind, residentId: user.resident_id });
  const actor: Actor = {
    userId: user.id,
    orgId: user.org_id,
    username: user.username,
    displayName: user.display_name,
    kind: user.kind,
    roles: scope.roles as Role[],
    permissions: permissionsOf(scope.roles),
    allEstates: user.all_estates === 1,
    estateIds: scope.estateIds,
    departmentIds: scope.departmentIds,
    residentId: user.resident_id,
    sessionId: "demo",
    csrfToken: "demo",
  };
  return { actor, requestId: "demo-data", ip: "127.0.0.1" };
}

const SUGGESTIONS = [
  "3栋电梯经常故障，希望尽快彻底维修",
  "3栋的电梯又故障了，请尽快修好",
  "电梯故障频繁，老人上下楼很不方便",
  "建议在东门增设快递柜",
  "东门能不能增设一个快递柜",
  "小区里遛狗不牵绳，很危险",
];

export async function loadQualityDemoData(db: Db): Promise<void> {
  const context = await demoContext(db, "cshead");
  const orgId = context.actor.orgId;
  const estate = await db
    .selectFrom("estates")
    .select(["id"])
    .where("org_id", "=", orgId)
    .where("code", "=", "CHY")
    .executeTakeFirstOrThrow();
  const category = async (kind: "suggestion" | "complaint", code: string) =>
    (
      await db
        .selectFrom("categories")
        .select("id")
        .where("org_id", "=", orgId)
        .where("kind", "=", kind)
        .where("code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
  const amenity = await category("suggestion", "AMENITY");
  const intake = (input: Partial<CaseIntake> & Pick<CaseIntake, "kind" | "content" | "categoryId">) =>
    registerCase(db, context, {
      estateId: estate.id,
      channel: "walk_in",
      visitor: { name: "王先生", phone: "13712345678" },
      publicArea: "3栋大堂",
      source: "resident",
      major: false,
      wantsCallback: true,
      photoIds: [],
      similarCasesAcknowledged: true,
      ...input,
    });

  const suggestionIds: string[] = [];
  for (const content of SUGGESTIONS)
    suggestionIds.push((await intake({ kind: "suggestion", content, categoryId: amenity })).id);

  // the three about the lift recorded once, as a topic sent to engineering.
  const timeZone = (
    await db.selectFrom("organisations").select("time_zone").where("id", "=", orgId).executeTakeFirstOrThrow()
  ).time_zone;
  const weekStart = mondayOf(zonedDateOf(timeZone, nowIso()));
  const engineering = await db
    .selectFrom("departments")
    .select("id")
    .where("org_id", "=", orgId)
    .where("code", "=", "ENG")
    .executeTakeFirstOrThrow();
  const topicId = await createTopic(db, context, {
    weekStart,
    title: "3栋电梯频繁故障",
    classification: "facilities",
    description: "本周三位业主反映 3 栋电梯故障频繁",
    departmentId: engineering.id,
    caseIds: suggestionIds.slice(0, 3),
  });
  await notifyTopic(db, context, topicId);

  // an open letter answering the topic, published to the estate's residents.
  const letterId = await createLetter(db, context, {
    title: "关于3栋电梯维修的公开信",
    bodyHtml:
      "<p>尊敬的业主：</p><p>近期多位业主反映 3 栋电梯故障频繁，管理中心已联系电梯维保单位：</p><ul><li>本周五前更换主控板</li><li>维修期间每日两次巡检</li></ul><p>给您带来的不便，敬请谅解。</p>",
    topicId,
    caseIds: suggestionIds.slice(0, 3),
    estateIds: [estate.id],
  });
  await publishLetter(db, context, letterId, { answerCallbacks: true });

  // a complaint whose callback found the resident dissatisfied → a confirmed nonconformity.
  const complaint = await intake({
    kind: "complaint",
    content: "夜间楼下有人大声喧哗，保安巡逻不到位",
    categoryId: await category("complaint", "SECURITY"),
  });
  const agent = await demoContext(db, "csagent");
  const now = nowIso();
  const callbackId = newId();
  await db
    .insertInto("callbacks")
    .values({
      id: callbackId,
      org_id: orgId,
      estate_id: estate.id,
      subject_type: "complaint",
      case_id: complaint.id,
      sequence: 1,
      status: "done",
      method: "phone",
      assigned_to: agent.actor.userId,
      assigned_at: now,
      performed_by: agent.actor.userId,
      performed_at: now,
      outcome: "reached",
      satisfaction: "dissatisfied",
      opinion: "巡逻还是没有改善，晚上依旧很吵",
      created_by: agent.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.transaction().execute((tx) => onCallbackRecorded(tx, agent, callbackId));
  const candidate = await db
    .selectFrom("nonconformities")
    .select("id")
    .where("source", "=", "callback")
    .where("source_id", "=", callbackId)
    .executeTakeFirstOrThrow();
  const security = await db
    .selectFrom("departments")
    .select("id")
    .where("org_id", "=", orgId)
    .where("code", "=", "SEC")
    .executeTakeFirstOrThrow();
  await takeNonconformityAction(db, context, candidate.id, {
    action: "confirm",
    responsibleDepartmentId: security.id,
    dueInWorkingHours: 16,
  });
}
