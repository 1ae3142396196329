import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { compact, pdfText, renderPages } from "../pdf/pdf-check.js";
import { phoneComplaint, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { announceCallback, insertPerformedCallback, performPlannedCallback } from "./callback-rows.testing.js";
import { runNonconformityEscalation } from "./nonconformity-escalation.js";

describe.each(testDatabases())("nonconformities (R-4.11.1–R-4.11.3) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  const user = (name: string) => t.world.a.users[name] as string;
  const department = (code: string) => t.world.a.catalogue.departments.get(code) as string;

  async function complaint(content = "保安夜间巡逻不到位，楼下噪音持续") {
    const cshead = await t.as("cshead");
    const response = await cshead.post(
      "/api/cases",
      await phoneComplaint(t, { content, similarCasesAcknowledged: true }),
    );
    expect(response.status).toBe(201);
    return response.body as { id: string; number: string };
  }

  async function notices(username: string) {
    await drainOutbox(t.database.db);
    return (await (await t.as(username)).get("/api/notifications")).body.items as Array<{
      topic: string;
      params: Record<string, unknown>;
    }>;
  }

  const plannedCallbacks = (nonconformityId: string) =>
    t.database.db
      .selectFrom("callbacks")
      .selectAll()
      .where("nonconformity_id", "=", nonconformityId)
      .where("status", "=", "planned")
      .execute();

  it("R-4.11.1/R-4.11.2: a dissatisfied callback cycles through candidate → confirm → fix → re-callback until the resident is satisfied, then closes", async () => {
    const source = await complaint();
    const callbackId = await insertPerformedCallback(t.database.db, {
      orgId: t.world.a.orgId,
      estateId: t.world.a.estates.E1 as string,
      caseId: source.id,
      callerId: user("csagent"),
      satisfaction: "dissatisfied",
      opinion: "巡逻还是没有改善",
    });
    expect(await announceCallback(t.database.db, t.world.a.orgId, user("csagent"), callbackId)).toBe("candidate");
    // Reported twice, still one candidate.
    expect(await announceCallback(t.database.db, t.world.a.orgId, user("csagent"), callbackId)).toBe("candidate");

    const cshead = await t.as("cshead");
    const candidates = (await cshead.get("/api/nonconformities?status=candidate")).body.items;
    const candidate = candidates.filter((item: { caseId: string }) => item.caseId === source.id);
    expect(candidate).toHaveLength(1);
    expect(candidate[0]).toMatchObject({
      source: "callback",
      status: "candidate",
      number: null,
      caseNumber: source.number,
    });
    const id = candidate[0].id as string;
    expect(
      (await notices("cshead")).some((n) => n.topic === "nonconformity.candidate" && n.params.nonconformityId === id),
    ).toBe(true);

    // Only the customer-service head decides on a candidate.
    const agent = await t.as("csagent");
    expect(
      (
        await agent.post(`/api/nonconformities/${id}/actions`, {
          action: "confirm",
          responsibleDepartmentId: department("SEC"),
        })
      ).status,
    ).toBe(403);
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "confirm" })).status).toBe(400);

    const confirmed = await cshead.post(`/api/nonconformities/${id}/actions`, {
      action: "confirm",
      responsibleDepartmentId: department("SEC"),
      dueInWorkingHours: 16,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: "open", responsibleDepartmentName: "秩序维护部", overdue: false });
    expect(confirmed.body.number).toMatch(/^NC-\d{6}-0001$/);
    expect(Date.parse(confirmed.body.dueAt)).toBeGreaterThan(Date.now());
    expect(
      (await notices("depthead")).some((n) => n.topic === "nonconformity.assigned" && n.params.nonconformityId === id),
    ).toBe(true);

    // The department sees what it must fix and records the fix: a new callback is planned.
    const depthead = await t.as("depthead");
    expect((await depthead.get("/api/nonconformities")).body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "close" })).status).toBe(409);
    const fixed = await depthead.post(`/api/nonconformities/${id}/actions`, {
      action: "record_fix",
      comment: "夜班增加一次巡逻，22:00 后重点巡查 1 栋",
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: "fixed", fixedByName: expect.any(String) });
    const [planned] = await plannedCallbacks(id);
    expect(planned).toMatchObject({
      subject_type: "complaint",
      case_id: source.id,
      method: "phone",
      sequence: 2,
      assigned_to: user("csagent"),
      nonconformity_id: id,
    });

    // Still dissatisfied on the re-callback: back to open, fix again, call again.
    await performPlannedCallback(t.database.db, planned?.id as string, {
      callerId: user("csagent"),
      satisfaction: "dissatisfied",
    });
    expect(await announceCallback(t.database.db, t.world.a.orgId, user("csagent"), planned?.id as string)).toBe(
      "reopened",
    );
    expect((await cshead.get(`/api/nonconformities/${id}`)).body.status).toBe("open");
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "close" })).status).toBe(409);
    await depthead.post(`/api/nonconformities/${id}/actions`, {
      action: "record_fix",
      comment: "更换巡逻班长，增加监控",
    });
    const [second] = await plannedCallbacks(id);
    expect(second?.sequence).toBe(3);

    await performPlannedCallback(t.database.db, second?.id as string, {
      callerId: user("csagent"),
      satisfaction: "satisfied",
    });
    expect(await announceCallback(t.database.db, t.world.a.orgId, user("csagent"), second?.id as string)).toBe(
      "closed",
    );
    const closed = (await cshead.get(`/api/nonconformities/${id}`)).body;
    expect(closed).toMatchObject({ status: "closed", closeReason: "satisfied", availableActions: [] });
    expect(
      closed.callbacks.map((c: { sequence: number; satisfaction: string }) => [c.sequence, c.satisfaction]),
    ).toEqual([
      [2, "dissatisfied"],
      [3, "satisfied"],
    ]);
  });

  it("R-4.11.2: the head may also close by hand, but only once the latest callback found the resident satisfied", async () => {
    const cshead = await t.as("cshead");
    const source = await complaint("楼道灯坏了一个月没人修");
    const created = await cshead.post("/api/nonconformities", { description: "楼道灯长期未修", caseId: source.id });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await cshead.post(`/api/nonconformities/${id}/actions`, {
      action: "confirm",
      responsibleUserId: user("deptstaff"),
    });
    const staff = await t.as("deptstaff");
    expect(
      (await staff.post(`/api/nonconformities/${id}/actions`, { action: "record_fix", comment: "已更换灯具" })).status,
    ).toBe(200);
    const [planned] = await plannedCallbacks(id);
    expect(planned?.assigned_to).toBe(user("cshead"));
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "close" })).status).toBe(409);
    await performPlannedCallback(t.database.db, planned?.id as string, {
      callerId: user("cshead"),
      satisfaction: "basically_satisfied",
    });
    const closed = await cshead.post(`/api/nonconformities/${id}/actions`, {
      action: "close",
      comment: "业主基本满意",
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closeReason: "satisfied" });
  });

  it("R-4.11.2: closing as unreasonable needs the management representative's sign-off", async () => {
    const cshead = await t.as("cshead");
    const source = await complaint("要求物业赔偿停车费用");
    const id = (await cshead.post("/api/nonconformities", { description: "业主要求赔偿", caseId: source.id })).body.id;
    await cshead.post(`/api/nonconformities/${id}/actions`, { action: "confirm", responsibleUserId: user("cshead") });
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "sign_off" })).status).toBe(409);
    const proposed = await cshead.post(`/api/nonconformities/${id}/actions`, {
      action: "propose_unreasonable",
      comment: "停车费按物业合同收取，诉求无依据",
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: "open", closeReason: "unreasonable", closedAt: null });
    expect((await notices("mgmtrep")).some((n) => n.topic === "nonconformity.sign_off_requested")).toBe(true);
    // The head cannot sign off his own proposal.
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "sign_off" })).status).toBe(403);
    const rep = await t.as("mgmtrep");
    expect((await rep.get(`/api/nonconformities/${id}`)).body.availableActions).toEqual(["sign_off"]);
    const signed = await rep.post(`/api/nonconformities/${id}/actions`, { action: "sign_off", comment: "同意" });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: "closed",
      closeReason: "unreasonable",
      signedOffByName: expect.any(String),
    });
  });

  it("R-4.11.1: the head dismisses a candidate with a reason; others of the organisation and other organisations cannot see it", async () => {
    const cshead = await t.as("cshead");
    const id = (await cshead.post("/api/nonconformities", { description: "误报", estateId: t.world.a.estates.E1 })).body
      .id;
    expect((await cshead.post(`/api/nonconformities/${id}/actions`, { action: "dismiss" })).status).toBe(400);
    const dismissed = await cshead.post(`/api/nonconformities/${id}/actions`, {
      action: "dismiss",
      comment: "核实后不属实",
    });
    expect(dismissed.body).toMatchObject({ status: "dismissed", closeNote: "核实后不属实" });
    expect((await (await t.as("deptstaff")).get(`/api/nonconformities/${id}`)).status).toBe(404);
    expect((await (await t.as("adminb")).get(`/api/nonconformities/${id}`)).status).toBe(404);
    expect((await cshead.get("/api/nonconformities")).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await cshead.get("/api/nonconformities?view=all")).body.items.map((i: { id: string }) => i.id)).toContain(
      id,
    );
  });

  it("R-4.11.2: an overdue nonconformity escalates to the responsible party, then the head, then the management representative, once", async () => {
    const cshead = await t.as("cshead");
    const id = (
      await cshead.post("/api/nonconformities", { description: "绿化带垃圾未清", estateId: t.world.a.estates.E2 })
    ).body.id;
    await cshead.post(`/api/nonconformities/${id}/actions`, {
      action: "confirm",
      responsibleDepartmentId: department("SEC"),
      dueInWorkingHours: 1,
    });
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const first = await runNonconformityEscalation(t.database.db, later);
    expect(first.raised).toBeGreaterThanOrEqual(1);
    expect((await runNonconformityEscalation(t.database.db, later)).raised).toBe(0);
    expect((await cshead.get(`/api/nonconformities/${id}`)).body.escalationLevel).toBe(3);
    for (const who of ["depthead", "cshead", "mgmtrep"]) {
      const levels = (await notices(who))
        .filter((n) => n.topic === "nonconformity.escalated" && n.params.nonconformityId === id)
        .map((n) => n.params.level);
      expect(levels, who).toHaveLength(1);
    }
  });

  it("R-4.11.3: the formal report QR-019 with cause, correction, verification and signatures", async () => {
    const cshead = await t.as("cshead");
    const id = (await cshead.post("/api/nonconformities", { description: "维修超时", estateId: t.world.a.estates.E1 }))
      .body.id;
    expect((await cshead.request("PUT", `/api/nonconformities/${id}/report`, { description: "x" })).status).toBe(409);
    await cshead.post(`/api/nonconformities/${id}/actions`, { action: "confirm", responsibleUserId: user("mgmtrep") });
    const saved = await cshead.request("PUT", `/api/nonconformities/${id}/report`, {
      description: "报修后三天未上门",
      causeAnalysis: "派工单遗漏",
      correction: "当日上门维修",
      correctiveAction: "派工看板每日核对",
      verification: "连续两周无超时",
      effective: true,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ formCode: "TXHY.QR-019", effective: true, signatures: [] });
    const signatureId = await uploadPhoto(cshead, 120, 40);
    const signed = await cshead.post(`/api/nonconformities/${id}/report/signatures`, {
      part: "reporter",
      signatureUploadId: signatureId,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.signatures).toMatchObject([{ part: "reporter", uploadId: signatureId }]);
    // An upload of someone else is not a signature; nor may the head sign as approver.
    const rep = await t.as("mgmtrep");
    expect(
      (
        await rep.post(`/api/nonconformities/${id}/report/signatures`, {
          part: "approver",
          signatureUploadId: signatureId,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await cshead.post(`/api/nonconformities/${id}/report/signatures`, {
          part: "approver",
          signatureUploadId: signatureId,
        })
      ).status,
    ).toBe(403);
    const repSignature = await uploadPhoto(rep, 120, 40);
    expect(
      (
        await rep.post(`/api/nonconformities/${id}/report/signatures`, {
          part: "approver",
          signatureUploadId: repSignature,
        })
      ).status,
    ).toBe(200);
    const image = await rep.get(`/api/nonconformities/${id}/report/signatures/reporter`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toContain("image/png");
    const view = (await cshead.get(`/api/nonconformities/${id}/report`)).body;
    expect(view.signatures.map((s: { part: string }) => s.part)).toEqual(["reporter", "approver"]);
    expect((await cshead.get(`/api/nonconformities/${id}`)).body.hasReport).toBe(true);
    expect((await (await t.as("adminb")).get(`/api/nonconformities/${id}/report`)).status).toBe(404);

    // §5.0: QR-019 as a PDF, its Chinese text extractable and its pages rendered.
    const response = await fetch(`${t.baseUrl}/api/nonconformities/${id}/pdf`, {
      headers: { cookie: cshead.cookie ?? "" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = compact(await pdfText(pdf));
    for (const expected of ["不合格报告", "TXHY.QR-019", "报修后三天未上门", "派工单遗漏", "派工看板每日核对"]) {
      expect(text).toContain(expected);
    }
    expect((await renderPages(pdf, `qr-019-${kind}`)).length).toBeGreaterThan(0);
    const other = await fetch(`${t.baseUrl}/api/nonconformities/${id}/pdf`, {
      headers: { cookie: (await t.as("adminb")).cookie ?? "" },
    });
    expect(other.status).toBe(404);
  });
});
