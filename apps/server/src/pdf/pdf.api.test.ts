/**
 * §5.0 / issue #8 item 4 over HTTP: the forms of real cases as PDFs, with the record's own
 * access rules (404 out of sight, 403 without the permission) and a QR code to its page.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { phoneComplaint, phoneRepair, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { compact, pdfText, renderPages } from "./pdf-check.js";

// Many signed-in users and rendered documents per test: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

async function fetchPdf(
  t: TestApp,
  client: ApiClient,
  path: string,
): Promise<{ status: number; type: string | null; pdf: Buffer }> {
  const response = await fetch(t.baseUrl + path, { headers: { cookie: client.cookie ?? "" } });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    pdf: Buffer.from(await response.arrayBuffer()),
  };
}

describe.each(testDatabases())("forms as PDF over HTTP on %s", (kind) => {
  let t: TestApp;
  let cshead: ApiClient;
  let complaintId: string;
  let repairId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { PUBLIC_URL: "https://desk.example.com" } });
    cshead = await t.as("cshead");
    const complaint = await cshead.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
    expect(complaint.status).toBe(201);
    complaintId = complaint.body.id;
    const repair = await cshead.post("/api/cases", await phoneRepair(t, { similarCasesAcknowledged: true }));
    expect(repair.status).toBe(201);
    repairId = repair.body.id;
    const orderId = repair.body.workOrder.id;
    const lead = await t.as("repairlead");
    await lead.post(`/api/work-orders/${orderId}/actions`, { action: "accept" });
    await lead.post(`/api/work-orders/${orderId}/actions`, { action: "assign", workerId: t.world.a.users.worker });
    const worker = await t.as("worker");
    await worker.post(`/api/work-orders/${orderId}/actions`, { action: "start" });
    await worker.post(`/api/work-orders/${orderId}/actions`, { action: "arrive" });
    const done = await worker.post(`/api/work-orders/${orderId}/actions`, {
      action: "complete",
      workDone: {
        description: "更换卫生间下水管接头，做闭水试验",
        materials: [{ name: "PVC 接头 DN50", quantity: 2, unit: "个" }],
        minutesSpent: 45,
        photosBefore: [await uploadPhoto(worker)],
        photosAfter: [await uploadPhoto(worker)],
      },
      evaluation: {
        satisfaction: "satisfied",
        stars: 5,
        opinion: "师傅很专业",
        signatureId: await uploadPhoto(worker, 300, 120),
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("R-4.1.3 QR-023 of a complaint: the case's content, its department, numbered pages", async () => {
    const { status, type, pdf } = await fetchPdf(t, cshead, `/api/cases/${complaintId}/pdf`);
    expect(status).toBe(200);
    expect(type).toBe("application/pdf");
    const text = compact(await pdfText(pdf));
    expect(text).toContain("投诉处理表");
    expect(text).toContain("TXHY.QR-023");
    expect(text).toContain(compact("晚上十点后楼下仍有人大声喧哗"));
    expect(text).toContain("秩序维护部");
    expect(text).toMatch(/第1页共\d页/);
    if (kind === "sqlite") expect((await renderPages(pdf, "api-QR-023")).length).toBeGreaterThan(0);
  });

  it("R-4.2.3 QR-024 of a repair: the work done, materials, the customer's opinion and signature image", async () => {
    const { status, pdf } = await fetchPdf(t, cshead, `/api/cases/${repairId}/pdf`);
    expect(status).toBe(200);
    const text = compact(await pdfText(pdf));
    for (const expected of [
      "派工单",
      "TXHY.QR-024",
      "更换卫生间下水管接头",
      "PVC接头DN50×2个",
      "师傅很专业",
      "满意",
      "worker",
    ]) {
      expect(text, expected).toContain(compact(expected));
    }
    expect(pdf.toString("latin1")).toMatch(/\/Subtype \/Image/);
    if (kind === "sqlite") await renderPages(pdf, "api-QR-024");
  });

  it("R-4.1.2 QR-022 register for a period lists the cases received in it", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const { status, pdf } = await fetchPdf(t, await t.as("qa"), `/api/register/pdf?from=${from}&to=${to}`);
    expect(status, today).toBe(200);
    const text = compact(await pdfText(pdf));
    expect(text).toContain("业主住户投诉/报修登记表");
    expect(text).toContain("共2条");
    expect((await fetchPdf(t, cshead, `/api/register/pdf?from=${to}&to=${from}`)).status).toBe(400);
  });

  it("the same access as the record: 404 for other organisations and estates out of scope, 403 without cases.read", async () => {
    expect((await fetchPdf(t, await t.as("adminb"), `/api/cases/${complaintId}/pdf`)).status).toBe(404);
    expect((await fetchPdf(t, await t.as("res1"), `/api/cases/${complaintId}/pdf`)).status).toBe(403);
    expect((await fetchPdf(t, t.anonymous(), `/api/cases/${complaintId}/pdf`)).status).toBe(401);
    const e2 = await cshead.post(
      "/api/cases",
      await phoneComplaint(t, {
        estateId: t.world.a.estates.E2,
        residentId: t.world.a.residents.res2,
        unitId: t.world.a.units["E2-1-101"],
      }),
    );
    expect(e2.status, JSON.stringify(e2.body)).toBe(201);
    // csagent sees estate E1 only.
    expect((await fetchPdf(t, await t.as("csagent"), `/api/cases/${e2.body.id}/pdf`)).status).toBe(404);
    expect((await fetchPdf(t, await t.as("csagent"), `/api/cases/${complaintId}/pdf`)).status).toBe(200);
  });
});
