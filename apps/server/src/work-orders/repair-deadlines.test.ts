import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repairDeadlines } from "../complaints/complaint-deadlines.js";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { phoneRepair } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { runRepairDeadlines } from "./repair-deadlines.js";

// Monday 23 November 2026, 09:00 in Shanghai.
const DISPATCHED = "2026-11-23T01:00:00.000Z";
const at = (shanghaiTime: string) => new Date(`2026-11-23T${shanghaiTime}:00+08:00`).toISOString();

describe.each(testDatabases())(
  "repair deadlines: acceptance, arrival, completion, escalating like complaints (issue #5) on %s",
  (kind) => {
    let t: TestApp;
    let caseId: string;
    let orderId: string;
    beforeAll(async () => {
      t = await startTestApp(kind);
      const head = await t.as("cshead");
      const created = await head.post("/api/cases", await phoneRepair(t));
      caseId = created.body.id;
      orderId = created.body.workOrder.id;
      // Dispatched at a known moment: the built-in repair policy allows 30 working minutes to
      // accept, 120 to arrive, warns at 80 % and escalates 240 working minutes past a deadline.
      const dues = await repairDeadlines(
        t.database.db,
        t.world.a.orgId,
        { kind: "repair", categoryId: created.body.categoryId, urgency: created.body.urgency },
        DISPATCHED,
      );
      await t.database.db
        .updateTable("work_orders")
        .set({
          dispatched_at: DISPATCHED,
          accept_due_at: dues.acceptDueAt,
          arrive_due_at: dues.arriveDueAt,
          result_due_at: dues.resultDueAt,
        })
        .where("id", "=", orderId)
        .execute();
      expect(dues.acceptDueAt).toBe(at("09:30"));
      expect(dues.arriveDueAt).toBe(at("11:00"));
    });
    afterAll(async () => {
      await t.close();
    });

    const eventsOf = async () => {
      const head = await t.as("cshead");
      return (await head.get(`/api/cases/${caseId}`)).body.events
        .filter((e: { type: string }) => e.type.startsWith("deadline") || e.type === "escalated")
        .map(
          (e: { type: string; data: { deadline: string; level: number } }) =>
            `${e.type}:${e.data.deadline}:${e.data.level}`,
        );
    };

    it("warns the repair team leader before the acceptance deadline, then when it passes, each once", async () => {
      await runRepairDeadlines(t.database.db, at("09:20"));
      expect(await eventsOf()).toEqual([]);
      await runRepairDeadlines(t.database.db, at("09:25"));
      await runRepairDeadlines(t.database.db, at("09:25"));
      expect(await eventsOf()).toEqual(["deadline_approaching:accept:1"]);
      await runRepairDeadlines(t.database.db, at("09:31"));
      expect(await eventsOf()).toEqual(["deadline_approaching:accept:1", "deadline_passed:accept:2"]);
      await drainOutbox(t.database.db);
      const lead = await t.as("repairlead");
      const topics = (await lead.get("/api/notifications")).body.items
        .filter((n: { caseId: string }) => n.caseId === caseId)
        .map((n: { topic: string }) => n.topic);
      expect(topics).toEqual(expect.arrayContaining(["case.deadline_approaching", "case.deadline_passed"]));
    });

    it("escalates an order still not accepted to the customer-service head", async () => {
      await runRepairDeadlines(t.database.db, at("15:01"));
      expect((await eventsOf()).at(-1)).toBe("escalated:accept:3");
      await drainOutbox(t.database.db);
      const head = await t.as("cshead");
      const notices = (await head.get("/api/notifications")).body.items;
      expect(
        notices.some((n: { topic: string; caseId: string }) => n.topic === "case.escalated" && n.caseId === caseId),
      ).toBe(true);
    });

    it("starts over for the arrival deadline once the leader accepts", async () => {
      const lead = await t.as("repairlead");
      const accepted = await lead.post(`/api/work-orders/${orderId}/actions`, { action: "accept" });
      expect(accepted.status).toBe(200);
      await runRepairDeadlines(t.database.db, at("15:05"));
      // Arrival was due at 11:00: passed, not yet 240 working minutes past it (16:30).
      expect((await eventsOf()).at(-1)).toBe("deadline_passed:arrive:2");
    });

    it("does not escalate an order waiting for parts", async () => {
      const lead = await t.as("repairlead");
      await lead.post(`/api/work-orders/${orderId}/actions`, { action: "assign", workerId: t.world.a.users.worker });
      const worker = await t.as("worker");
      await worker.post(`/api/work-orders/${orderId}/actions`, { action: "arrive" });
      await worker.post(`/api/work-orders/${orderId}/actions`, { action: "wait", waitReason: "parts" });
      const before = (await eventsOf()).length;
      await runRepairDeadlines(t.database.db, "2026-11-30T09:00:00.000Z");
      expect((await eventsOf()).length).toBe(before);
    });
  },
);
