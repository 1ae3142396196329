import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { remindHandovers, weekdaysLeftInMonth } from "./handover.js";
import { closedComplaint, currentPeriod, withoutRepeatRule } from "./records-testing.js";

describe.each(testDatabases())("monthly handover of complaint records to QA (R-4.12.2) on %s", (kind) => {
  let t: TestApp;
  let closed: { id: string; number: string };
  let handoverId: string;
  const period = currentPeriod();
  beforeAll(async () => {
    t = await startTestApp(kind);
    await withoutRepeatRule(t);
    closed = await closedComplaint(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists the month as not yet handed over, with its completed complaint records", async () => {
    const qa = await t.as("qa");
    const months = (await qa.get("/api/records/handovers")).body.items;
    expect(months[0]).toMatchObject({ period, completedCases: 1, handover: null });
  });

  it("customer service hands the month over as one batch; QA is told", async () => {
    const cshead = await t.as("cshead");
    const response = await cshead.post("/api/records/handovers", { period, note: "本月投诉记录" });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ period, status: "handed_over", caseCount: 1, preparedByName: "cshead" });
    expect(response.body.cases.map((c: { number: string }) => c.number)).toEqual([closed.number]);
    handoverId = response.body.id;
    expect((await cshead.post("/api/records/handovers", { period })).status).toBe(409);
    // Only customer service hands over.
    expect((await (await t.as("qa")).post("/api/records/handovers", { period })).status).toBe(403);
    await drainOutbox(t.database.db);
    const topics = (await (await t.as("qa")).get("/api/notifications")).body.items.map(
      (n: { topic: string }) => n.topic,
    );
    expect(topics).toContain("records.handed_over");
  });

  it("refuses any change to a handed-over record with 409 and a bilingual message", async () => {
    const cshead = await t.as("cshead");
    const response = await cshead.post(`/api/cases/${closed.id}/actions`, { action: "reopen" });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: "RECORD_HANDED_OVER" });
    expect(response.body.error.message).toContain("已移交");
    expect(response.body.error.messageEn).toContain("handed over");
    // Marking it a duplicate changes the record too.
    const other = await closedComplaint(t, { content: "另一起投诉，楼道堆物" });
    const duplicate = await cshead.post(`/api/cases/${closed.id}/duplicate`, { originalId: other.id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("RECORD_HANDED_OVER");
  });

  it("keeps a later correction as an addendum with who, when and why, shown on the case", async () => {
    const agent = await t.as("csagent");
    const added = await agent.post(`/api/cases/${closed.id}/addenda`, {
      reason: "回访记录漏写",
      text: "补充：12月2日再次回访，业主满意",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ authorName: "csagent", reason: "回访记录漏写" });
    const list = await (await t.as("qa")).get(`/api/cases/${closed.id}/addenda`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].text).toBe("补充：12月2日再次回访，业主满意");
    expect(Date.parse(list.body.items[0].at)).toBeGreaterThan(0);
    // Another organisation cannot see or add to it.
    const adminB = await t.as("adminb");
    expect((await adminB.get(`/api/cases/${closed.id}/addenda`)).status).toBe(404);
  });

  it("QA receives the batch and signs: signature image and confirmation with who and when", async () => {
    const qa = await t.as("qa");
    const signature = await uploadPhoto(qa, 120, 40);
    const received = await qa.post(`/api/records/handovers/${handoverId}/receive`, {
      signatureUploadId: signature,
      confirmation: "已签收，共 1 份",
    });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body).toMatchObject({ status: "received", receivedByName: "qa", signatureUploadId: signature });
    expect(received.body.receivedAt).toBeTruthy();
    expect((await qa.post(`/api/records/handovers/${handoverId}/receive`, { confirmation: "again" })).status).toBe(409);
    expect((await qa.post(`/api/records/handovers/${handoverId}/receive`, {})).status).toBe(400);
    const months = (await qa.get("/api/records/handovers")).body.items;
    expect(months[0].handover).toMatchObject({ status: "received" });
    // Customer service sees the signature too (served through the batch, not the uploader's file).
    const image = await (await t.as("cshead")).get(`/api/records/handovers/${handoverId}/signature`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect((await (await t.as("adminb")).get(`/api/records/handovers/${handoverId}`)).status).toBe(404);
  });
});

describe.each(testDatabases())("the handover reminder (R-4.12.2) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await withoutRepeatRule(t);
    await closedComplaint(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("counts the working days left in a month", () => {
    // November 2026 ends on Monday the 30th.
    expect(weekdaysLeftInMonth(2026, 11, 30)).toBe(1);
    expect(weekdaysLeftInMonth(2026, 11, 26)).toBe(3);
    expect(weekdaysLeftInMonth(2026, 11, 25)).toBe(4);
  });

  it("reminds customer service a few working days before month end, once per month however often it runs", async () => {
    const now = new Date(Date.now());
    const local = new Date(now.getTime() + 8 * 3600_000);
    const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
    // Early in the month nothing happens; in the last days the reminder goes out once.
    const early = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1, 2)).toISOString();
    const late = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), lastDay, 2)).toISOString();
    if (weekdaysLeftInMonth(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) > 3) {
      expect(await remindHandovers(t.database.db, early)).toBe(0);
    }
    const runs = await Promise.all([remindHandovers(t.database.db, late), remindHandovers(t.database.db, late)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2); // one per organisation
    expect(await remindHandovers(t.database.db, late)).toBe(0);
    await drainOutbox(t.database.db);
    const cshead = await t.as("cshead");
    const due = (await cshead.get("/api/notifications")).body.items.filter(
      (n: { topic: string }) => n.topic === "records.handover_due",
    );
    expect(due).toHaveLength(1);
  });
});
