/**
 * Demo data for callbacks (issue #7), loaded after the demo management centre: three handled
 * complaints from different residents — one called back and closed, one waiting for an
 * appointed reply, one awaiting its callback — and this week's plan with that one assigned to
 * the customer-service agent. Written through the same services as the API, so the demo shows
 * exactly what users produce (timeline events, audit entries, numbers).
 */
import { caseIntakeSchema, complaintActionInputSchema, permissionsOf } from "@estate-desk/domain";
import type { Actor, RequestContext } from "../auth/actor.js";
import { loadUserScope } from "../auth/sessions.repository.js";
import { registerCase } from "../cases/intake.service.js";
import { takeComplaintAction } from "../complaints/complaint-workflow.service.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { assignPlan, getPlan, proposeWeeklyPlan } from "./callback-plan.js";
import { createCallback } from "./callbacks.service.js";

async function contextOfUser(db: Db, username: string, orgId: string): Promise<RequestContext> {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const scope = await loadUserScope(db, { userId: user.id, kind: user.kind, residentId: user.resident_id });
  const actor: Actor = {
    userId: user.id,
    orgId,
    username: user.username,
    displayName: user.display_name,
    kind: user.kind,
    roles: scope.roles,
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

const COMPLAINTS = [
  "地下车库照明灯坏了好几盏，晚上取车很不安全。",
  "小区东门夜间保安经常不在岗，外来人员随意进出。",
  "楼下商铺夜里搬运货物，噪音很大影响休息。",
];

export async function loadCallbackDemo(db: Db, orgId: string, skipResidentId: string | null): Promise<void> {
  const cs = await contextOfUser(db, "cshead", orgId);
  const agent = await contextOfUser(db, "csagent", orgId);
  const head = await contextOfUser(db, "depthead", orgId);
  const category = await db
    .selectFrom("categories")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", "complaint")
    .where("code", "=", "SECURITY")
    .executeTakeFirst();
  // Units other than the portal demo resident's, one complaint each: a repeat complaint from a
  // unit is major, and the demo resident's own cases stay theirs to create.
  const homes = await db
    .selectFrom("resident_units")
    .select(["resident_id", "unit_id", "estate_id"])
    .where("org_id", "=", orgId)
    .where("active", "=", 1)
    .where((eb) =>
      eb.not(
        eb(
          "unit_id",
          "in",
          eb
            .selectFrom("resident_units as own")
            .select("own.unit_id")
            .where("own.resident_id", "=", skipResidentId ?? ""),
        ),
      ),
    )
    // Nor a unit with a complaint already (the demo history): that would make these repeats.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("cases")
            .select("cases.id")
            .whereRef("cases.unit_id", "=", "resident_units.unit_id")
            .where("cases.kind", "=", "complaint"),
        ),
      ),
    )
    .orderBy("id")
    .limit(40)
    .execute();
  const seenUnits = new Set<string>();
  const chosen = homes.filter((home) => !seenUnits.has(home.unit_id) && seenUnits.add(home.unit_id)).slice(0, 3);
  if (!category || chosen.length < COMPLAINTS.length) return;

  const caseIds: string[] = [];
  for (const [index, home] of chosen.entries()) {
    const detail = await registerCase(
      db,
      cs,
      caseIntakeSchema.parse({
        kind: "complaint",
        estateId: home.estate_id,
        channel: "phone",
        residentId: home.resident_id,
        unitId: home.unit_id,
        categoryId: category.id,
        content: COMPLAINTS[index],
        similarCasesAcknowledged: true,
      }),
    );
    const handlingId = detail.complaint?.handlings[0]?.id;
    if (!handlingId) return;
    const act = (context: RequestContext, input: Record<string, unknown>) =>
      takeComplaintAction(db, context, detail.id, complaintActionInputSchema.parse(input));
    await act(head, { action: "accept", handlingId });
    await act(head, {
      action: "return_result",
      handlingId,
      measures: "已安排人员处理并加强巡查",
      result: "问题已解决",
    });
    await act(cs, { action: "check", outcome: "accepted" });
    caseIds.push(detail.id);
  }
  const [closedCase, replyCase] = caseIds;
  if (!closedCase || !replyCase) return;
  await createCallback(db, agent, {
    subjectType: "complaint",
    caseId: closedCase,
    method: "phone",
    result: { outcome: "reached", satisfaction: "satisfied", opinion: "处理及时，很满意。" },
  });
  await createCallback(db, agent, {
    subjectType: "complaint",
    caseId: replyCase,
    method: "phone",
    result: {
      outcome: "reached",
      opinion: "问能否在东门加装门禁。",
      replyQuestion: "东门能否加装人脸识别门禁？",
      replyDueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    },
  });
  const planId = await proposeWeeklyPlan(db, orgId, nowIso(), { force: true });
  if (!planId) return;
  const plan = await getPlan(db, cs, planId);
  await assignPlan(db, cs, planId, {
    assignments: plan.items.map((item) => ({ callbackId: item.id, assigneeId: agent.actor.userId })),
    confirm: true,
  });
}
