import { drawSample } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneComplaint, phoneRepair } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { closedComplaint, currentPeriod, withoutRepeatRule } from "./records-testing.js";

describe("the inspection sample (R-4.12.1)", () => {
  it("is reproducible from its seed, without repeats, and differs between seeds", () => {
    const a = drawSample("0123456789abcdef", 50, 10);
    expect(drawSample("0123456789abcdef", 50, 10)).toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(a.every((p) => p >= 0 && p < 50)).toBe(true);
    expect(drawSample("fedcba9876543210", 50, 10)).not.toEqual(a);
    expect(drawSample("aa", 3, 10).sort()).toEqual([0, 1, 2]);
  });
});

describe.each(testDatabases())("QA's monthly inspection of the register (R-4.12.1) on %s", (kind) => {
  let t: TestApp;
  let inspection: { id: string; seed: string; items: { id: string; caseId: string }[] };
  const period = currentPeriod();
  beforeAll(async () => {
    t = await startTestApp(kind);
    await withoutRepeatRule(t);
    await closedComplaint(t);
    const head = await t.as("cshead");
    for (let n = 0; n < 4; n++) {
      const body =
        n % 2 ? await phoneRepair(t, { content: `报修 ${n}` }) : await phoneComplaint(t, { content: `投诉 ${n}` });
      expect((await head.post("/api/cases", { similarCasesAcknowledged: true, ...body })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("opens an inspection with a random sample from a recorded seed; the same seed draws the same entries", async () => {
    const qa = await t.as("qa");
    const opened = await qa.post("/api/records/inspections", { period, sampleSize: 3 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    inspection = opened.body;
    expect(opened.body).toMatchObject({ period, status: "open", sampleSize: 3, population: 5, openedByName: "qa" });
    expect(opened.body.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(opened.body.items.map((i: { caseId: string }) => i.caseId)).size).toBe(3);
    expect((await qa.post("/api/records/inspections", { period, sampleSize: 3 })).status).toBe(409);

    // Re-drawing with the recorded seed (as an auditor would) gives the same entries.
    const register = await t.database.db
      .selectFrom("cases")
      .select("id")
      .where("org_id", "=", t.world.a.orgId)
      .orderBy("number")
      .orderBy("id")
      .execute();
    const redrawn = drawSample(opened.body.seed, register.length, 3).map((p) => register[p]?.id);
    expect(opened.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(redrawn);
    // Only QA opens inspections.
    expect((await (await t.as("cshead")).post("/api/records/inspections", { period, sampleSize: 1 })).status).toBe(403);
  });

  it("records the checklist and findings per entry, and QA's tracking calls; closes once all are checked", async () => {
    const qa = await t.as("qa");
    const [first, ...rest] = inspection.items;
    if (!first) throw new Error("no items");
    const checked = await qa.request("PUT", `/api/records/inspections/${inspection.id}/items/${first.id}`, {
      checks: { complete: true, routedInTime: false, callbackDone: true, nonconformityClosed: null },
      finding: "受理超时 2 小时",
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body.items[0]).toMatchObject({
      checks: { complete: true, routedInTime: false, callbackDone: true, nonconformityClosed: null },
      finding: "受理超时 2 小时",
      checkedByName: "qa",
    });
    expect(checked.body.findingCount).toBe(1);
    // the finding is a nonconformity candidate for the customer-service head, once.
    // Until then the system suggests "nonconformities closed" as not applicable (null).
    expect(checked.body.items[0].suggested).toMatchObject({ callbackDone: expect.any(Boolean) });
    const candidates = await t.database.db
      .selectFrom("nonconformities")
      .select(["source", "case_id", "status"])
      .where("source", "=", "qa_inspection")
      .where("source_id", "=", first.id)
      .execute();
    expect(candidates).toEqual([{ source: "qa_inspection", case_id: first.caseId, status: "candidate" }]);
    const again = await qa.get(`/api/records/inspections/${inspection.id}`);
    expect(again.body.items[0].suggested.nonconformityClosed).toBe(false);

    const early = await qa.post(`/api/records/inspections/${inspection.id}/close`, { summary: "本月抽查" });
    expect(early.status).toBe(409);

    const call = await qa.post(`/api/records/inspections/${inspection.id}/calls`, {
      caseId: first.caseId,
      calledName: "住户res1",
      calledPhone: "13900001001",
      result: "satisfied",
      note: "对处理结果满意",
    });
    expect(call.status).toBe(201);
    expect(call.body.calls[0]).toMatchObject({ calledName: "住户res1", result: "satisfied", calledByName: "qa" });

    for (const item of rest) {
      const response = await qa.request("PUT", `/api/records/inspections/${inspection.id}/items/${item.id}`, {
        checks: { complete: true, routedInTime: true, callbackDone: true, nonconformityClosed: true },
      });
      expect(response.status).toBe(200);
    }
    const closed = await qa.post(`/api/records/inspections/${inspection.id}/close`, {
      summary: "抽查 3 份，1 份受理超时",
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closedByName: "qa", checkedCount: 3 });
    const after = await qa.request("PUT", `/api/records/inspections/${inspection.id}/items/${first.id}`, {
      checks: { complete: false, routedInTime: false, callbackDone: false, nonconformityClosed: false },
    });
    expect(after.status).toBe(409);

    const list = await (await t.as("mgmtrep")).get("/api/records/inspections");
    expect(list.body.items[0]).toMatchObject({ period, status: "closed", findingCount: 1 });
    expect((await (await t.as("adminb")).get(`/api/records/inspections/${inspection.id}`)).status).toBe(404);
  });
});
