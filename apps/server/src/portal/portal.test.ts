import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("the resident portal's home (R-4.1.1, R-4.2.1) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows a resident their own units and their estate's hotlines and reception address", async () => {
    const resident = await t.as("res1");
    const response = await resident.get("/api/portal/home");
    expect(response.status).toBe(200);
    expect(response.body.resident).toMatchObject({ id: t.world.a.residents.res1, name: "住户res1" });
    expect(response.body.resident.units).toEqual([
      expect.objectContaining({ unitId: t.world.a.units["E1-1-101"], label: "1栋 1-101", relation: "owner" }),
    ]);
    expect(response.body.estates).toEqual([
      {
        id: t.world.a.estates.E1,
        name: "E1 花园",
        address: null,
        complaintHotline: "0571-88001001",
        repairHotline: "0571-88001002",
        receptionAddress: "E1 物业服务中心",
        organisationName: "ORG-A 管理中心",
        publicCode: "org-a-e1",
      },
    ]);
  });

  it("shows another resident only their own home", async () => {
    const other = await t.as("res2");
    const response = await other.get("/api/portal/home");
    expect(response.body.resident.id).toBe(t.world.a.residents.res2);
    expect(response.body.estates.map((e: { id: string }) => e.id)).toEqual([t.world.a.estates.E2]);
  });

  it("is for residents only", async () => {
    for (const username of ["admin", "csagent", "worker"]) {
      const staff = await t.as(username);
      expect((await staff.get("/api/portal/home")).status, username).toBe(403);
    }
    expect((await t.anonymous().get("/api/portal/home")).status).toBe(401);
  });
});
