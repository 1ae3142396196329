import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

interface Detail {
  id: string;
  status: string;
  complaint: {
    handlings: { id: string; departmentId: string; status: string; assigneeId: string | null }[];
    availableActions: { action: string; handlingId: string | null }[];
    isMajor: boolean;
  };
}

describe.each(testDatabases())("complaint handling (R-4.3.1–R-4.3.4) on %s", (kind) => {
  let t: TestApp;
  let sec: string;
  let env: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    sec = t.world.a.catalogue.departments.get("SEC") as string;
    env = t.world.a.catalogue.departments.get("ENV") as string;
    // A head for 环境部, so that a complaint can span two departments.
    const admin = await t.as("admin");
    const created = await admin.post("/api/users", {
      username: "envhead",
      displayName: "环境部经理",
      password: TEST_PASSWORD,
      roles: ["dept_head"],
      allEstates: true,
      departmentIds: [env],
    });
    expect(created.status).toBe(201);
    // These tests file many complaints about one unit: the repeat rule would make them all major.
    const rules = await admin.request("PUT", "/api/settings/major-complaints", {
      categoryIds: [],
      repeatWithinDays: null,
      sources: ["media", "government"],
    });
    expect(rules.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  async function newComplaint(overrides: Record<string, unknown> = {}): Promise<Detail> {
    const agent = await t.as("cshead");
    const response = await agent.post(
      "/api/cases",
      await phoneComplaint(t, { similarCasesAcknowledged: true, ...overrides }),
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  async function act(client: ApiClient, caseId: string, body: Record<string, unknown>) {
    return client.post(`/api/cases/${caseId}/actions`, body);
  }

  function sectionOf(detail: Detail, departmentId: string) {
    const section = detail.complaint.handlings.find(
      (h) => h.departmentId === departmentId && h.status !== "reassigned",
    );
    if (!section) throw new Error("no section");
    return section.id;
  }

  it("walks a complaint from routing through acceptance, assignment, the result and the check to awaiting callback", async () => {
    const complaint = await newComplaint();
    expect(complaint.status).toBe("routed");
    const handlingId = sectionOf(complaint, sec);
    const head = await t.as("depthead");
    expect((await head.get(`/api/cases/${complaint.id}`)).body.complaint.availableActions).toEqual(
      expect.arrayContaining([{ action: "accept", handlingId }]),
    );

    const accepted = await act(head, complaint.id, { action: "accept", handlingId });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("accepted");

    const assigned = await act(head, complaint.id, {
      action: "assign",
      handlingId,
      assigneeId: t.world.a.users.deptstaff,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe("in_progress");
    await drainOutbox(t.database.db);
    const staff = await t.as("deptstaff");
    expect((await staff.get("/api/notifications")).body.items.map((n: { topic: string }) => n.topic)).toContain(
      "case.assigned",
    );
    const mine = await staff.get("/api/complaints/queue?queue=mine");
    expect(mine.body.items.map((i: { caseId: string }) => i.caseId)).toContain(complaint.id);

    const returned = await act(staff, complaint.id, {
      action: "return_result",
      handlingId,
      measures: "加派夜间巡逻，与喧哗住户沟通",
      result: "已恢复安静，住户表示理解",
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe("result_returned");
    expect(returned.body.complaint.handlings[0]).toMatchObject({
      status: "returned",
      measures: "加派夜间巡逻，与喧哗住户沟通",
      result: "已恢复安静，住户表示理解",
      returnedByName: "deptstaff",
    });

    const agent = await t.as("csagent");
    const checked = await act(agent, complaint.id, { action: "check", outcome: "accepted", comment: "措施到位" });
    expect(checked.status).toBe(200);
    expect(checked.body.status).toBe("awaiting_callback");
    expect(checked.body.events.map((e: { type: string }) => e.type)).toEqual([
      "registered",
      "routed",
      "handling_accepted",
      "handling_assigned",
      "result_returned",
      "checked",
    ]);
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", complaint.id)
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "case.registered",
      "complaint.accept",
      "complaint.assign",
      "complaint.return_result",
      "complaint.check",
    ]);

    // R-4.4.6 (issue #7): closing needs a callback that reached the resident, or an exemption.
    const early = await act(await t.as("cshead"), complaint.id, { action: "close", comment: "电话回访满意" });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("CALLBACK_REQUIRED");
    await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId: complaint.id,
      method: "phone",
      result: { outcome: "reached", satisfaction: "dissatisfied", opinion: "还要观察" },
    });
    const closed = await act(await t.as("cshead"), complaint.id, { action: "close", comment: "电话回访满意" });
    expect(closed.body.status).toBe("closed");
  });

  it("R-4.3.2: customer service sends an unconvincing result back with a reason", async () => {
    const complaint = await newComplaint();
    const handlingId = sectionOf(complaint, sec);
    const head = await t.as("depthead");
    await act(head, complaint.id, { action: "accept", handlingId });
    await act(head, complaint.id, { action: "return_result", handlingId, measures: "已处理", result: "已处理" });
    const agent = await t.as("csagent");
    const noReason = await act(agent, complaint.id, { action: "check", outcome: "sent_back" });
    expect(noReason.status).toBe(400);
    const sentBack = await act(agent, complaint.id, {
      action: "check",
      outcome: "sent_back",
      comment: "措施过于笼统，请说明具体做了什么",
    });
    expect(sentBack.status).toBe(200);
    expect(sentBack.body.status).toBe("in_progress");
    expect(sentBack.body.complaint.handlings[0].status).toBe("in_progress");
    expect(sentBack.body.events.at(-1)).toMatchObject({
      type: "sent_back",
      data: { reason: "措施过于笼统，请说明具体做了什么" },
    });
  });

  it("refuses an illegal transition with 409 and a bilingual message, changing nothing", async () => {
    const complaint = await newComplaint();
    const handlingId = sectionOf(complaint, sec);
    const head = await t.as("depthead");
    const early = await act(head, complaint.id, { action: "return_result", handlingId, measures: "x", result: "y" });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: "INVALID_TRANSITION",
      message: "当前状态下不能执行此操作",
      messageEn: "This action is not possible in the record's current state",
    });
    const agent = await t.as("csagent");
    expect((await act(agent, complaint.id, { action: "check", outcome: "accepted" })).status).toBe(409);
    expect((await act(agent, complaint.id, { action: "close", comment: "x" })).status).toBe(409);
    await act(head, complaint.id, { action: "accept", handlingId });
    expect((await act(head, complaint.id, { action: "accept", handlingId })).status).toBe(409);
    const detail = await head.get(`/api/cases/${complaint.id}`);
    expect(detail.body.status).toBe("accepted");
  });

  it("lets only the handling department's head accept and assign, and only its members be assigned", async () => {
    const complaint = await newComplaint();
    const handlingId = sectionOf(complaint, sec);
    for (const username of ["deptstaff", "envhead", "csagent", "repairlead", "worker", "qa"]) {
      const client = await t.as(username);
      const response = await act(client, complaint.id, { action: "accept", handlingId });
      expect([403, 404], username).toContain(response.status);
    }
    const resident = await t.as("res1");
    expect((await act(resident, complaint.id, { action: "accept", handlingId })).status).toBe(403);
    const adminB = await t.as("adminb");
    expect((await act(adminB, complaint.id, { action: "accept", handlingId })).status).toBe(404);

    const head = await t.as("depthead");
    await act(head, complaint.id, { action: "accept", handlingId });
    const outsider = await act(head, complaint.id, {
      action: "assign",
      handlingId,
      assigneeId: t.world.a.users.worker,
    });
    expect(outsider.status).toBe(400);
    expect(JSON.stringify(outsider.body.error.details)).toContain("assigneeId");
  });

  it("R-4.3.3: a complaint spanning two departments is checked only after both returned, and after coordination", async () => {
    const complaint = await newComplaint();
    const agent = await t.as("csagent");
    const involved = await act(agent, complaint.id, {
      action: "involve",
      departmentId: env,
      comment: "噪音来自垃圾清运车，需环境部一起处理",
    });
    expect(involved.status).toBe(200);
    expect(involved.body.complaint.handlings).toHaveLength(2);
    const coordination = await act(agent, complaint.id, {
      action: "request_coordination",
      comment: "两部门意见不一，请管理者代表协调",
    });
    expect(coordination.status).toBe(200);
    await drainOutbox(t.database.db);
    const rep = await t.as("mgmtrep");
    expect((await rep.get("/api/notifications")).body.items.map((n: { topic: string }) => n.topic)).toContain(
      "case.coordination_requested",
    );

    const secHead = await t.as("depthead");
    const envHead = await t.as("envhead");
    const secSection = sectionOf(involved.body, sec);
    const envSection = sectionOf(involved.body, env);
    await act(secHead, complaint.id, { action: "accept", handlingId: secSection });
    await act(envHead, complaint.id, { action: "accept", handlingId: envSection });
    const secReturned = await act(secHead, complaint.id, {
      action: "return_result",
      handlingId: secSection,
      measures: "夜间加强巡逻",
      result: "保安部分完成",
    });
    expect(secReturned.body.status).toBe("in_progress");
    // One department has returned: the check must wait for the other.
    expect((await act(agent, complaint.id, { action: "check", outcome: "accepted" })).status).toBe(409);

    const envReturned = await act(envHead, complaint.id, {
      action: "return_result",
      handlingId: envSection,
      measures: "清运时间调整到早上七点后",
      result: "环境部分完成",
    });
    expect(envReturned.body.status).toBe("result_returned");
    // Both returned, but the management representative has not coordinated yet.
    const tooEarly = await act(agent, complaint.id, { action: "check", outcome: "accepted" });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.details.reason).toContain("coordinated");

    expect(
      (await act(agent, complaint.id, { action: "record_coordination", comment: "x" })).status,
      "only the management representative coordinates",
    ).toBe(403);
    const decided = await act(rep, complaint.id, {
      action: "record_coordination",
      comment: "保安负责夜间巡查，环境部调整清运时间，两部门各自落实",
    });
    expect(decided.status).toBe(200);
    const checked = await act(agent, complaint.id, { action: "check", outcome: "accepted" });
    expect(checked.status).toBe(200);
    expect(checked.body.status).toBe("awaiting_callback");
  });

  it("reassigns a section to another department, which is told", async () => {
    const complaint = await newComplaint();
    const agent = await t.as("csagent");
    const moved = await act(agent, complaint.id, {
      action: "reassign",
      handlingId: sectionOf(complaint, sec),
      departmentId: env,
      comment: "实为垃圾清运噪音，转环境部",
    });
    expect(moved.status).toBe(200);
    expect(moved.body.departmentName).toBe("环境部");
    expect(moved.body.complaint.handlings.map((h: { status: string }) => h.status)).toEqual(["reassigned", "routed"]);
    await drainOutbox(t.database.db);
    const envHead = await t.as("envhead");
    const notices = (await envHead.get("/api/notifications")).body.items;
    expect(
      notices.some((n: { topic: string; caseId: string }) => n.topic === "case.routed" && n.caseId === complaint.id),
    ).toBe(true);
    const inbox = await envHead.get("/api/complaints/queue?queue=department");
    expect(inbox.body.items.map((i: { caseId: string }) => i.caseId)).toContain(complaint.id);
    const secHead = await t.as("depthead");
    const secInbox = await secHead.get("/api/complaints/queue?queue=department");
    expect(secInbox.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(complaint.id);
  });

  it("R-4.3.4: a major complaint goes to the management representative, who must sign it off before the check", async () => {
    const complaint = await newComplaint();
    const agent = await t.as("csagent");
    const flagged = await act(agent, complaint.id, { action: "flag_major", comment: "业主称将向媒体反映" });
    expect(flagged.body.complaint.isMajor).toBe(true);
    await drainOutbox(t.database.db);
    const rep = await t.as("mgmtrep");
    expect((await rep.get("/api/notifications")).body.items.map((n: { topic: string }) => n.topic)).toContain(
      "case.major",
    );

    const handlingId = sectionOf(complaint, sec);
    // The management representative may handle it himself.
    await act(rep, complaint.id, { action: "accept", handlingId });
    await act(rep, complaint.id, { action: "return_result", handlingId, measures: "亲自约谈", result: "达成谅解" });
    expect((await act(agent, complaint.id, { action: "check", outcome: "accepted" })).status).toBe(409);
    expect((await act(agent, complaint.id, { action: "sign_off", comment: "x" })).status).toBe(403);
    expect((await act(rep, complaint.id, { action: "sign_off", comment: "同意处理结果" })).status).toBe(200);
    expect((await act(agent, complaint.id, { action: "check", outcome: "accepted" })).status).toBe(200);
  });

  it("pauses the clock while waiting on the resident and resumes it, and keeps follow-up notes", async () => {
    const complaint = await newComplaint();
    const agent = await t.as("csagent");
    const paused = await act(agent, complaint.id, { action: "pause", comment: "业主出差，下周一回来" });
    expect(paused.status).toBe(200);
    expect((await act(agent, complaint.id, { action: "pause", comment: "again" })).status).toBe(409);
    const resumed = await act(agent, complaint.id, { action: "resume" });
    expect(resumed.status).toBe(200);
    const followed = await act(agent, complaint.id, { action: "follow_up", comment: "已电话催促部门" });
    expect(followed.body.events.map((e: { type: string }) => e.type).slice(-3)).toEqual([
      "paused",
      "resumed",
      "followed_up",
    ]);
    const tracking = await agent.get("/api/complaints/queue?queue=tracking");
    expect(tracking.body.items.map((i: { caseId: string }) => i.caseId)).toContain(complaint.id);
    const staff = await t.as("deptstaff");
    expect((await staff.get("/api/complaints/queue?queue=tracking")).status).toBe(403);
  });

  it("gives each section its acceptance and result deadlines in working time on the business calendar", async () => {
    const complaint = await newComplaint();
    const detail = await (await t.as("cshead")).get(`/api/cases/${complaint.id}`);
    const section = detail.body.complaint.handlings[0];
    const preview = async (minutes: number) =>
      (
        await (
          await t.as("cshead")
        ).get(`/api/deadlines/preview?from=${encodeURIComponent(section.routedAt)}&minutes=${minutes}`)
      ).body.dueAt;
    // Built-in policy for a normal complaint: accept within 30, result within 480 working minutes.
    expect(section.acceptDueAt).toBe(await preview(30));
    expect(section.resultDueAt).toBe(await preview(480));
  });

  it("withdraws a complaint and reopens it with a reason", async () => {
    const complaint = await newComplaint();
    const agent = await t.as("csagent");
    expect((await act(agent, complaint.id, { action: "withdraw" })).status).toBe(400);
    const withdrawn = await act(agent, complaint.id, { action: "withdraw", comment: "业主来电撤回投诉" });
    expect(withdrawn.body.status).toBe("withdrawn");
    expect((await act(agent, complaint.id, { action: "reopen", comment: "x" })).status).toBe(403);
    const reopened = await act(await t.as("cshead"), complaint.id, {
      action: "reopen",
      comment: "业主再次来电，问题未解决",
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe("routed");
  });

  it("applies the state machine to complaints only", async () => {
    const head = await t.as("cshead");
    const suggestion = await head.post("/api/cases", {
      kind: "suggestion",
      estateId: t.world.a.estates.E1,
      channel: "phone",
      publicArea: "会所",
      categoryId: (
        await t.database.db
          .selectFrom("categories")
          .select("id")
          .where("org_id", "=", t.world.a.orgId)
          .where("kind", "=", "suggestion")
          .executeTakeFirstOrThrow()
      ).id,
      content: "建议会所延长开放时间",
    });
    expect(suggestion.body.complaint).toBeNull();
    expect((await act(head, suggestion.body.id, { action: "withdraw", comment: "x" })).status).toBe(409);
  });
});
