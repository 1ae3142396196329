import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf, phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())(
  "major complaints flagged at intake by the clerk or by rules (R-4.3.4) on %s",
  (kind) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(async () => {
      await t.close();
    });

    const register = async (overrides: Record<string, unknown>) => {
      const agent = await t.as("cshead");
      const response = await agent.post(
        "/api/cases",
        await phoneComplaint(t, { similarCasesAcknowledged: true, ...overrides }),
      );
      expect(response.status).toBe(201);
      return response.body;
    };

    it("starts with the default rules: repeats within 30 days, media and government sources", async () => {
      const admin = await t.as("admin");
      expect((await admin.get("/api/settings/major-complaints")).body).toEqual({
        categoryIds: [],
        repeatWithinDays: 30,
        sources: ["media", "government"],
      });
    });

    it("flags a complaint from a government source, and tells the management representative", async () => {
      const complaint = await register({ source: "government", unitId: null, publicArea: "南门" });
      expect(complaint.complaint).toMatchObject({ isMajor: true, majorReason: "rule:source:government" });
      expect(complaint.events.map((e: { type: string }) => e.type)).toContain("flagged_major");
      await drainOutbox(t.database.db);
      const rep = await t.as("mgmtrep");
      const notices = (await rep.get("/api/notifications")).body.items;
      expect(
        notices.some((n: { topic: string; caseId: string }) => n.topic === "case.major" && n.caseId === complaint.id),
      ).toBe(true);
    });

    it("flags the second complaint from one unit within the window, not the first", async () => {
      const first = await register({
        unitId: t.world.a.units["E2-1-102"],
        estateId: t.world.a.estates.E2,
        residentId: null,
      });
      expect(first.complaint.isMajor).toBe(false);
      const second = await register({
        unitId: t.world.a.units["E2-1-102"],
        estateId: t.world.a.estates.E2,
        residentId: null,
      });
      expect(second.complaint.isMajor).toBe(true);
      expect(second.complaint.majorReason).toBe(`rule:repeat:${first.number}`);
    });

    it("flags a complaint of a chosen category, and one the clerk flags", async () => {
      const admin = await t.as("admin");
      const fees = await categoryIdOf(t.database.db, t.world.a.orgId, "complaint", "FEES");
      const saved = await admin.request("PUT", "/api/settings/major-complaints", {
        categoryIds: [fees],
        repeatWithinDays: null,
        sources: [],
      });
      expect(saved.status).toBe(200);
      const byCategory = await register({ categoryId: fees, unitId: null, publicArea: "收费处" });
      expect(byCategory.complaint.majorReason).toBe("rule:category");
      const byClerk = await register({
        major: true,
        majorReason: "业主情绪激动，扬言起诉",
        unitId: null,
        publicArea: "大堂",
      });
      expect(byClerk.complaint).toMatchObject({ isMajor: true, majorReason: "业主情绪激动，扬言起诉" });
      const plain = await register({ unitId: null, publicArea: "花园" });
      expect(plain.complaint.isMajor).toBe(false);
    });

    it("refuses rules naming another organisation's or a repair category, and lets only settings managers change them", async () => {
      const admin = await t.as("admin");
      const repairCategory = await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK");
      const bad = await admin.request("PUT", "/api/settings/major-complaints", {
        categoryIds: [repairCategory],
        repeatWithinDays: 30,
        sources: [],
      });
      expect(bad.status).toBe(400);
      for (const username of ["csagent", "depthead", "mgmtrep", "res1"]) {
        const client = await t.as(username);
        const response = await client.request("PUT", "/api/settings/major-complaints", {
          categoryIds: [],
          repeatWithinDays: 30,
          sources: [],
        });
        expect(response.status, username).toBe(403);
      }
      const adminB = await t.as("adminb");
      expect((await adminB.get("/api/settings/major-complaints")).body.categoryIds).toEqual([]);
    });

    it("makes a duplicate follow its original's status", async () => {
      const admin = await t.as("admin");
      await admin.request("PUT", "/api/settings/major-complaints", {
        categoryIds: [],
        repeatWithinDays: null,
        sources: [],
      });
      const original = await register({ unitId: null, publicArea: "3栋门口" });
      const duplicate = await register({ unitId: null, publicArea: "3栋门口" });
      const head = await t.as("cshead");
      const marked = await head.post(`/api/cases/${duplicate.id}/duplicate`, { originalId: original.id });
      expect(marked.body.status).toBe("routed");
      const withdrawn = await head.post(`/api/cases/${original.id}/actions`, {
        action: "withdraw",
        comment: "业主撤回",
      });
      expect(withdrawn.body.status).toBe("withdrawn");
      expect((await head.get(`/api/cases/${duplicate.id}`)).body.status).toBe("withdrawn");
    });
  },
);
