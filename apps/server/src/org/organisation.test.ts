import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("the organisation (管理中心) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows every staff member their own organisation, and no other", async () => {
    const agent = await t.as("csagent");
    const own = await agent.get("/api/organisation");
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      id: t.world.a.orgId,
      code: "ORG-A",
      name: "ORG-A 管理中心",
      timeZone: "Asia/Shanghai",
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const other = await (await t.as("adminb")).get("/api/organisation");
    expect(other.body.id).toBe(t.world.b.orgId);
  });

  it("refuses residents (403) and anonymous callers (401)", async () => {
    expect((await (await t.as("res1")).get("/api/organisation")).status).toBe(403);
    expect((await t.anonymous().get("/api/organisation")).status).toBe(401);
  });

  it("lets the administrator rename the organisation and change its time zone, audited", async () => {
    const admin = await t.as("admin");
    const renamed = await admin.patch("/api/organisation", { name: "  滨江管理中心 " });
    expect(renamed.status).toBe(200);
    // An omitted time zone is kept, not reset to the default.
    expect(renamed.body).toMatchObject({ name: "滨江管理中心", timeZone: "Asia/Shanghai", code: "ORG-A" });

    const moved = await admin.patch("/api/organisation", { timeZone: "Asia/Urumqi" });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: "滨江管理中心", timeZone: "Asia/Urumqi" });
    expect((await admin.get("/api/auth/me")).body.orgTimeZone).toBe("Asia/Urumqi");

    const audit = await admin.get(`/api/audit?entityType=organisation&entityId=${t.world.a.orgId}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      "organisation.updated",
      "organisation.updated",
    ]);
    expect(audit.body.items[0].before.name).toBe("ORG-A 管理中心");
    expect(audit.body.items[0].after.name).toBe("滨江管理中心");
    expect(audit.body.items[1].after.timeZone).toBe("Asia/Urumqi");

    // Organisation B is untouched.
    expect((await (await t.as("adminb")).get("/api/organisation")).body).toMatchObject({
      name: "ORG-B 管理中心",
      timeZone: "Asia/Shanghai",
    });
  });

  it("rejects an unknown time zone, an empty name and fields that cannot change here, writing nothing", async () => {
    const admin = await t.as("admin");
    const before = (await admin.get("/api/organisation")).body;
    for (const body of [{ timeZone: "Mars/Olympus" }, { name: "   " }, { code: "NEW" }, { active: false }]) {
      const response = await admin.patch("/api/organisation", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await admin.get("/api/organisation")).body).toEqual(before);
  });

  it("lets no one but the administrator change it", async () => {
    for (const username of ["cshead", "csagent", "qa", "mgmtrep", "depthead", "res1"]) {
      const client = await t.as(username);
      const response = await client.patch("/api/organisation", { name: "篡改" });
      expect(response.status, username).toBe(403);
      expect(response.body.error.code).toBe("FORBIDDEN");
    }
    expect((await (await t.as("admin")).get("/api/organisation")).body.name).not.toBe("篡改");
  });
});
