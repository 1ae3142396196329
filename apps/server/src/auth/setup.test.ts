import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const setup = {
  organisation: { code: "HQ", name: "滨湖物业管理中心", timeZone: "Asia/Shanghai" },
  admin: { username: "Chief", displayName: "首位管理员", password: "First-admin-2026" },
};

describe.each(testDatabases())("first start without demo data on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { seed: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it("asks for the first administrator while no user exists", async () => {
    expect((await t.anonymous().get("/api/setup")).body).toEqual({ needsSetup: true });
  });

  it("refuses a weak password or an unknown time zone and creates nothing", async () => {
    const weak = await t.anonymous().post("/api/setup", { ...setup, admin: { ...setup.admin, password: "123" } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("PASSWORD_TOO_WEAK");
    const zone = await t
      .anonymous()
      .post("/api/setup", { ...setup, organisation: { ...setup.organisation, timeZone: "Mars/Olympus" } });
    expect(zone.status).toBe(400);
    expect((await t.anonymous().get("/api/setup")).body).toEqual({ needsSetup: true });
  });

  it("creates the organisation with its starter catalogue and an administrator who can sign in", async () => {
    const created = await t.anonymous().post("/api/setup", setup);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: "chief",
      roles: ["admin"],
      allEstates: true,
      orgName: "滨湖物业管理中心",
    });
    const admin = t.anonymous();
    await admin.login("chief", setup.admin.password);
    const departments = await t.database.db.selectFrom("departments").select("name").execute();
    expect(departments.map((d) => d.name)).toContain("客户服务部");
    const categories = await t.database.db.selectFrom("categories").select("kind").distinct().execute();
    expect(categories.map((c) => c.kind).sort()).toEqual(["complaint", "repair", "suggestion"]);
  });

  it("cannot be run a second time", async () => {
    const again = await t
      .anonymous()
      .post("/api/setup", { ...setup, organisation: { ...setup.organisation, code: "HQ2" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("SETUP_DONE");
    expect((await t.anonymous().get("/api/setup")).body).toEqual({ needsSetup: false });
  });
});
