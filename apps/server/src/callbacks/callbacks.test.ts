import { addDays, sampleWorkOrders, weekStartOf, zonedInstant } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../http/ids.js";
import { phoneComplaint, phoneRepair, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { runRateWarnings, runReplyReminders, runWeeklyPlans } from "./callback-jobs.js";
import { closeEndedPlans, ordersCompletedIn } from "./callback-plan.js";

const TZ = "Asia/Shanghai";
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

function pdfLetter(): Blob {
  return new Blob([Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")], { type: "application/pdf" });
}

async function uploadLetter(client: ApiClient): Promise<string> {
  const form = new FormData();
  form.append("file", pdfLetter(), "书面答复.pdf");
  const response = await client.request("POST", "/api/files", undefined, { rawBody: form });
  expect(response.status).toBe(201);
  expect(response.body.contentType).toBe("application/pdf");
  return response.body.id;
}

describe.each(testDatabases())("callbacks (R-4.4, R-4.6, R-4.9) on %s", (kind) => {
  let t: TestApp;
  let agent: ApiClient;
  let head: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    agent = await t.as("csagent");
    head = await t.as("cshead");
    const admin = await t.as("admin");
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

  /** A complaint taken through handling to "awaiting callback". */
  async function complaintAwaitingCallback(): Promise<string> {
    const created = await head.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const handlingId = created.body.complaint.handlings[0].id as string;
    const dept = await t.as("depthead");
    expect((await dept.post(`/api/cases/${id}/actions`, { action: "accept", handlingId })).status).toBe(200);
    const returned = await dept.post(`/api/cases/${id}/actions`, {
      action: "return_result",
      handlingId,
      measures: "加强夜间巡逻",
      result: "已恢复安静",
    });
    expect(returned.status).toBe(200);
    const checked = await agent.post(`/api/cases/${id}/actions`, { action: "check", outcome: "accepted" });
    expect(checked.body.status).toBe("awaiting_callback");
    return id;
  }

  async function status(caseId: string): Promise<string> {
    return (await head.get(`/api/cases/${caseId}`)).body.status;
  }

  it("R-4.4.3, R-4.4.4: an on-site callback needs the resident's signature, phone and letter refuse one", async () => {
    const caseId = await complaintAwaitingCallback();
    const signature = await uploadPhoto(agent);
    const base = { subjectType: "complaint", caseId };
    const noSignature = await agent.post("/api/callbacks", {
      ...base,
      method: "on_site",
      result: { outcome: "reached", satisfaction: "satisfied" },
    });
    expect(noSignature.status).toBe(400);
    const phoneWithSignature = await agent.post("/api/callbacks", {
      ...base,
      method: "phone",
      result: { outcome: "reached", satisfaction: "satisfied", signatureId: signature },
    });
    expect(phoneWithSignature.status).toBe(400);
    expect(await status(caseId)).toBe("awaiting_callback");

    const onSite = await agent.post("/api/callbacks", {
      ...base,
      method: "on_site",
      result: { outcome: "reached", satisfaction: "basically_satisfied", opinion: "还算满意", signatureId: signature },
    });
    expect(onSite.status).toBe(201);
    expect(onSite.body).toMatchObject({ status: "done", sequence: 1, method: "on_site", performedByName: "csagent" });
    // the (basically) satisfied callback closes the complaint in the same step.
    expect(await status(caseId)).toBe("closed");
    const history = await head.get(`/api/cases/${caseId}/callbacks`);
    expect(history.body.items).toHaveLength(1);
    const image = await head.get(history.body.items[0].signatureUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  it("R-4.4.5, R-4.4.6: close needs a reached callback or an exemption; the exempt complaint closes with its letter", async () => {
    const caseId = await complaintAwaitingCallback();
    const close = () => head.post(`/api/cases/${caseId}/actions`, { action: "close", comment: "结案" });
    const refused = await close();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CALLBACK_REQUIRED");
    const unreachable = await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: "phone",
      result: { outcome: "unreachable" },
    });
    expect(unreachable.status).toBe(201);
    expect((await close()).status).toBe(409);

    const noLetter = await agent.post(`/api/cases/${caseId}/callback-exemption`, { reason: "written_reply_only" });
    expect(noLetter.status).toBe(400);
    const letterId = await uploadLetter(agent);
    const exempt = await agent.post(`/api/cases/${caseId}/callback-exemption`, {
      reason: "written_reply_only",
      note: "区住建局要求书面答复",
      letterId,
    });
    expect(exempt.status).toBe(201);
    expect(exempt.body).toMatchObject({ reason: "written_reply_only", letterContentType: "application/pdf" });
    expect(await status(caseId)).toBe("closed");
    const letter = await head.get(exempt.body.letterUrl);
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-type")).toBe("application/pdf");
    expect(String(letter.body)).toContain("%PDF-1.4");
    const history = await (await t.as("mgmtrep")).get(`/api/cases/${caseId}/callbacks`);
    expect(history.body.exemption).toMatchObject({ reason: "written_reply_only", note: "区住建局要求书面答复" });
    // A cut-off PDF is refused; the uploader can fetch their own letter back.
    const broken = new FormData();
    broken.append("file", new Blob([Buffer.from("%PDF-1.4\n1 0 obj<<>>")], { type: "application/pdf" }), "半截.pdf");
    expect((await agent.request("POST", "/api/files", undefined, { rawBody: broken })).status).toBe(400);
    const own = await agent.get(`/api/files/${letterId}`);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    // A letter is not a photo: it cannot be attached as one.
    const asPhoto = await agent.post(
      "/api/cases",
      await phoneComplaint(t, { similarCasesAcknowledged: true, photoIds: [letterId] }),
    );
    expect(asPhoto.status).toBe(400);
  });

  it("R-4.9.1, R-4.9.2: a reply later is reminded once, the follow-up callback answers it and closes the complaint", async () => {
    const caseId = await complaintAwaitingCallback();
    const first = await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: "phone",
      result: {
        outcome: "reached",
        opinion: "问能否加装楼道监控",
        replyQuestion: "楼道能否加装监控？",
        replyDueAt: hoursFromNow(3),
      },
    });
    expect(first.status).toBe(201);
    expect(await status(caseId)).toBe("awaiting_callback");
    expect((await head.post(`/api/cases/${caseId}/actions`, { action: "close", comment: "x" })).status).toBe(409);

    expect((await runReplyReminders(t.database.db, new Date().toISOString())).reminded).toBe(1);
    expect((await runReplyReminders(t.database.db, new Date().toISOString())).reminded).toBe(0);
    const reminders = await t.database.db
      .selectFrom("outbox")
      .select("recipient_user_id")
      .where("topic", "=", "callback.reply_due")
      .where("channel", "=", "in_app")
      .execute();
    expect(reminders.map((r) => r.recipient_user_id)).toEqual([t.world.a.users.csagent]);

    const followUp = await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: "phone",
      followUpOfId: first.body.id,
      result: { outcome: "reached", satisfaction: "satisfied", opinion: "已答复，将于下月安装" },
    });
    expect(followUp.status).toBe(201);
    expect(followUp.body.sequence).toBe(2);
    expect(await status(caseId)).toBe("closed");
    const history = await head.get(`/api/cases/${caseId}/callbacks`);
    expect(history.body.items.map((c: { sequence: number }) => c.sequence)).toEqual([1, 2]);
    expect(history.body.items[0].repliedAt).not.toBeNull();
  });

  it("R-4.9.1: an appointed reply that passes raises one overdue-reply nonconformity candidate", async () => {
    const caseId = await complaintAwaitingCallback();
    const callback = await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: "letter",
      result: { outcome: "reached", replyQuestion: "物业费明细？", replyDueAt: hoursFromNow(1) },
    });
    expect(callback.status).toBe(201);
    const later = hoursFromNow(2);
    await runReplyReminders(t.database.db, later);
    await runReplyReminders(t.database.db, later);
    const candidates = await t.database.db
      .selectFrom("nonconformities")
      .select(["status", "case_id"])
      .where("source", "=", "overdue_reply")
      .where("source_id", "=", callback.body.id)
      .execute();
    expect(candidates).toEqual([{ status: "candidate", case_id: caseId }]);
  });

  it("R-4.11.1: a dissatisfied callback keeps the complaint open with a candidate; the nonconformity's follow-up callback closes it", async () => {
    const caseId = await complaintAwaitingCallback();
    const dissatisfied = await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: "phone",
      result: { outcome: "reached", satisfaction: "dissatisfied", opinion: "噪音依旧" },
    });
    expect(dissatisfied.status).toBe(201);
    expect(await status(caseId)).toBe("awaiting_callback");
    const candidate = await t.database.db
      .selectFrom("nonconformities")
      .select(["id", "status"])
      .where("source", "=", "callback")
      .where("source_id", "=", dissatisfied.body.id)
      .executeTakeFirstOrThrow();
    expect(candidate.status).toBe("candidate");
    // The nonconformity workflow (quality branch) plans the verifying callback like this.
    const now = new Date().toISOString();
    await t.database.db
      .insertInto("callbacks")
      .values({
        id: newId(),
        org_id: t.world.a.orgId,
        estate_id: t.world.a.estates.E1,
        subject_type: "complaint",
        case_id: caseId,
        work_order_id: null,
        topic_id: null,
        nonconformity_id: candidate.id,
        sequence: 2,
        status: "planned",
        method: "phone",
        assigned_to: t.world.a.users.csagent,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const worklist = await agent.get("/api/callback-worklist");
    const item = worklist.body.items.find((c: { caseId: string }) => c.caseId === caseId);
    expect(item).toMatchObject({ nonconformityId: candidate.id, contactPhone: expect.any(String), sequence: 2 });
    const recorded = await agent.post(`/api/callbacks/${item.id}/record`, {
      outcome: "reached",
      satisfaction: "satisfied",
    });
    expect(recorded.status).toBe(200);
    expect(await status(caseId)).toBe("closed");
    expect((await agent.post(`/api/callbacks/${item.id}/record`, { outcome: "unreachable" })).status).toBe(409);
  });

  it("R-4.4.2, R-4.6.1, R-4.6.2: the weekly plan samples ≥ 30 % of last week's 40 orders, every worker and dissatisfied order, reproducibly", async () => {
    const db = t.database.db;
    const orgId = t.world.a.orgId;
    const pendingComplaint = await complaintAwaitingCallback();
    const exemptComplaint = await complaintAwaitingCallback();
    const created = await head.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
    const letterId = await uploadLetter(agent);
    // Exempt before it is done: it is still handled, and the plan leaves it out.
    expect(
      (await agent.post(`/api/cases/${created.body.id}/callback-exemption`, { reason: "declined", letterId })).status,
    ).toBe(201);
    const exemptLetter = await uploadLetter(agent);
    expect(
      (
        await agent.post(`/api/cases/${exemptComplaint}/callback-exemption`, {
          reason: "no_contact",
          letterId: exemptLetter,
        })
      ).status,
    ).toBe(201);

    const users = t.world.a.users;
    const workers = [users.worker, users.repairlead, users.deptstaff, users.qa] as string[];
    const trades = [...t.world.a.catalogue.trades.values()].slice(0, 3);
    const lastWeek = addDays(weekStartOf(TZ, new Date().toISOString()), -7);
    const orders: { caseId: string; orderId: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await agent.post("/api/cases", await phoneRepair(t, { similarCasesAcknowledged: true }));
      expect(response.status).toBe(201);
      orders.push({ caseId: response.body.id, orderId: response.body.workOrder.id });
    }
    const dissatisfiedIds = new Set<string>();
    for (const [i, order] of orders.entries()) {
      const dissatisfied = i % 13 === 5;
      if (dissatisfied) dissatisfiedIds.add(order.orderId);
      await db
        .updateTable("work_orders")
        .set({
          status: "awaiting_callback",
          worker_id: workers[i % workers.length] ?? null,
          trade_id: trades[i % trades.length] ?? null,
          completed_at: new Date(Date.parse(zonedInstant(TZ, lastWeek, "08:00")) + i * 3_600_000).toISOString(),
          satisfaction: dissatisfied ? "dissatisfied" : "satisfied",
        })
        .where("id", "=", order.orderId)
        .execute();
      await db.updateTable("cases").set({ status: "awaiting_callback" }).where("id", "=", order.caseId).execute();
    }

    const proposed = await head.post("/api/callback-plans");
    expect(proposed.status).toBe(201);
    const plan = proposed.body;
    // Proposing again adds complaints that reached "awaiting callback" since; the sample stays.
    const lateComplaint = await complaintAwaitingCallback();
    const refreshed = await head.post("/api/callback-plans");
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.id).toBe(plan.id);
    expect(refreshed.body.items.map((c: { caseId: string }) => c.caseId)).toContain(lateComplaint);
    expect(refreshed.body.items.length).toBe(plan.items.length + 1);
    // Two instances running the job now change nothing more: the week has its plan.
    await Promise.all([runWeeklyPlans(db, new Date().toISOString()), runWeeklyPlans(db, new Date().toISOString())]);
    expect(
      (await db.selectFrom("callback_plans").select("id").where("org_id", "=", orgId).execute()).map((p) => p.id),
    ).toEqual([plan.id]);

    const sampled = plan.items.filter((c: { subjectType: string }) => c.subjectType === "work_order");
    expect(sampled.length).toBeGreaterThanOrEqual(12);
    expect(plan.summary).toMatchObject({ workOrdersCompleted: 40, workersCovered: 4, tradesCovered: 3 });
    const sampledIds = new Set(sampled.map((c: { workOrderId: string }) => c.workOrderId));
    for (const id of dissatisfiedIds) expect(sampledIds.has(id)).toBe(true);
    expect(sampled.every((c: { method: string }) => c.method === "phone")).toBe(true);
    const complaintCaseIds = plan.items
      .filter((c: { subjectType: string }) => c.subjectType === "complaint")
      .map((c: { caseId: string }) => c.caseId);
    expect(complaintCaseIds).toContain(pendingComplaint);
    expect(complaintCaseIds).not.toContain(created.body.id);

    // An auditor redraws the sample from the recorded seed.
    const candidates = await ordersCompletedIn(db, orgId, TZ, lastWeek);
    const redrawn = sampleWorkOrders(
      candidates.map((o) => ({
        id: o.id,
        workerId: o.worker_id,
        tradeId: o.trade_id,
        dissatisfied: o.dissatisfied,
        reworked: o.reworked,
      })),
      plan.repairRatePercent,
      plan.seed,
    );
    expect(new Set(redrawn.map((s) => s.id))).toEqual(sampledIds);

    // The head assigns an item to the caller, who finds it on their list with the phone number.
    const item = sampled[0];
    const assigned = await head.post(`/api/callback-plans/${plan.id}/assign`, {
      assignments: [{ callbackId: item.id, assigneeId: users.csagent }],
      confirm: true,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe("assigned");
    const mine = await agent.get("/api/callback-worklist");
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(item.id);
    expect((await agent.get("/api/callback-worklist?scope=all")).status).toBe(403);
    // Recorded from the order's page, the planned item is the one performed (not a second callback).
    const recorded = await agent.post("/api/callbacks", {
      subjectType: "work_order",
      workOrderId: item.workOrderId,
      method: "phone",
      result: { outcome: "reached", satisfaction: "satisfied" },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.id).toBe(item.id);
    const order = await head.get(`/api/work-orders/${item.workOrderId}`);
    expect(order.body.status).toBe("closed");
    // the result is recorded on the dispatch order (its QR-024 callback section).
    expect(order.body.callbacks).toEqual([
      expect.objectContaining({ byName: expect.any(String), result: "satisfied" }),
    ]);
    const orderCallbacks = await head.get(`/api/work-orders/${item.workOrderId}/callbacks`);
    expect(orderCallbacks.body.items).toHaveLength(1);

    // rate: one of last week's 40 orders called back.
    const rates = await head.get("/api/callback-rates?period=week");
    expect(rates.status).toBe(200);
    expect(rates.body.repairs).toMatchObject({ eligible: 40, calledBack: 1, targetPercent: 30 });
    expect(rates.body.complaints.exempt).toBeGreaterThanOrEqual(1);
    expect(rates.body.byCaller.find((c: { name: string }) => c.name === "csagent")?.performed).toBeGreaterThan(0);
    // The week is open and short of its targets: the head is warned, once a day.
    expect((await runRateWarnings(db, new Date().toISOString())).warned).toBe(1);
    expect((await runRateWarnings(db, new Date().toISOString())).warned).toBe(0);

    // When the week is over, the unsampled orders close as a recorded step; sampled ones wait for their callback.
    const nextWeek = zonedInstant(TZ, addDays(plan.weekStart, 7), "00:30");
    const closed = await closeEndedPlans(db, orgId, nextWeek);
    expect(closed).toBe(40 - sampled.length);
    const unsampled = orders.find((o) => !sampledIds.has(o.orderId));
    if (!unsampled) throw new Error("every order sampled");
    const detail = await head.get(`/api/cases/${unsampled.caseId}`);
    expect(detail.body.status).toBe("closed");
    expect(detail.body.events.map((e: { type: string }) => e.type)).toContain("work_order.close");
    const stillOpen = sampled[1];
    expect((await head.get(`/api/work-orders/${stillOpen.workOrderId}`)).body.status).toBe("awaiting_callback");
    expect(await closeEndedPlans(db, orgId, nextWeek)).toBe(0);
  }, 60_000);

  it("R-4.7.3, R-4.6.1: the head sets the plan time and rates; a repair rate under 30 % is refused", async () => {
    const settings = { planWeekday: "tue", planTime: "08:30", repairRatePercent: 40, topicRatePercent: 50 };
    expect((await agent.request("PUT", "/api/settings/callbacks", settings)).status).toBe(403);
    expect((await head.request("PUT", "/api/settings/callbacks", settings)).status).toBe(200);
    expect((await agent.get("/api/settings/callbacks")).body).toEqual(settings);
    expect((await head.request("PUT", "/api/settings/callbacks", { ...settings, repairRatePercent: 20 })).status).toBe(
      400,
    );
  });

  it("R-4.4.1: callbacks are customer service's work; others are refused", async () => {
    const caseId = await complaintAwaitingCallback();
    const callback = await agent.post("/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: "phone",
      result: { outcome: "unreachable" },
    });
    const other = await t.as("adminb");
    expect((await other.get(`/api/callbacks/${callback.body.id}`)).status).toBe(403);
    const res = await t.as("res1");
    expect((await res.get(`/api/cases/${caseId}/callbacks`)).status).toBe(403);
    expect((await head.get(`/api/callbacks/${callback.body.id}`)).status).toBe(200);
  });
});
