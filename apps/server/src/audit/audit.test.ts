import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("the audit log of a record (R-4.12.3) on %s", (kind) => {
  let t: TestApp;
  let estateId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    estateId = t.world.a.estates.E1 as string;
    const admin = await t.as("admin");
    await admin.patch(`/api/estates/${estateId}`, { name: "翠湖一期" });
    await admin.patch(`/api/estates/${estateId}`, { receptionAddress: "南门物业中心" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists every change oldest first, with who and the values before and after", async () => {
    const qa = await t.as("qa");
    const response = await qa.get(`/api/audit?entityType=estate&entityId=${estateId}`);
    expect(response.status).toBe(200);
    const entries = response.body.items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(["estate.updated", "estate.updated"]);
    expect(entries[0]).toMatchObject({ actorName: "admin", before: { name: "E1 花园" }, after: { name: "翠湖一期" } });
    expect(entries[1].before.receptionAddress).toBe("E1 物业服务中心");
    expect(entries[1].after.receptionAddress).toBe("南门物业中心");
    expect(Date.parse(entries[0].at)).toBeLessThanOrEqual(Date.parse(entries[1].at));
  });

  it("is readable only by roles that audit (admin, customer-service head, QA, management representative)", async () => {
    for (const username of ["admin", "cshead", "qa", "mgmtrep"]) {
      const client = await t.as(username);
      expect((await client.get(`/api/audit?entityType=estate&entityId=${estateId}`)).status, username).toBe(200);
    }
    for (const username of ["csagent", "depthead", "deptstaff", "repairlead", "worker", "res1"]) {
      const client = await t.as(username);
      const response = await client.get(`/api/audit?entityType=estate&entityId=${estateId}`);
      expect(response.status, username).toBe(403);
    }
  });

  it("never shows one organisation's history to another", async () => {
    const adminB = await t.as("adminb");
    const response = await adminB.get(`/api/audit?entityType=estate&entityId=${estateId}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});
