import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { MAX_FAILED_LOGINS } from "./auth.service.js";

describe.each(testDatabases())("accounts and sessions on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("signs a staff member in with an HttpOnly SameSite cookie and returns their roles and scope", async () => {
    const client = t.anonymous();
    const response = await client.post("/api/auth/login", { username: "csagent", password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("ed_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(response.body.roles).toEqual(["cs_agent"]);
    expect(response.body.estateIds).toEqual([t.world.a.estates.E1]);
    expect(response.body.allEstates).toBe(false);
    expect(response.body.csrfToken).toEqual(expect.any(String));

    const me = await client.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.username).toBe("csagent");
  });

  it("treats user names case-insensitively", async () => {
    const client = t.anonymous();
    expect((await client.post("/api/auth/login", { username: "CSHead", password: TEST_PASSWORD })).status).toBe(200);
  });

  it("refuses a wrong password and an unknown user with the same bilingual error", async () => {
    const wrong = await t.anonymous().post("/api/auth/login", { username: "qa", password: "not-it-123" });
    const unknown = await t.anonymous().post("/api/auth/login", { username: "nobody", password: "not-it-123" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toMatchObject({
      code: "INVALID_CREDENTIALS",
      message: "用户名或密码错误",
      messageEn: "Wrong user name or password",
    });
  });

  it("rejects a malformed login body with 400 and the fields at fault", async () => {
    const response = await t.anonymous().post("/api/auth/login", { username: "" });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(response.body.error.details)).toContain("password");
  });

  it("answers 401 to an API call without a session", async () => {
    const response = await t.anonymous().get("/api/auth/me");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const client = await t.as("admin");
    const response = await client.request(
      "POST",
      "/api/estates",
      {
        code: "CSRF",
        name: "跨站",
        complaintHotline: "13900000000",
        repairHotline: "13900000000",
        receptionAddress: "x",
      },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("CSRF_FAILED");
    const list = await client.get("/api/estates?q=CSRF");
    expect(list.body.items).toHaveLength(0);
  });

  it("ends the session on logout", async () => {
    const client = await t.as("qa");
    const cookie = client.cookie;
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    const stale = new ApiClient(t.baseUrl);
    stale.cookie = cookie;
    expect((await stale.get("/api/auth/me")).status).toBe(401);
  });

  it("issues a new session at sign-in and ends the one the browser presented (no fixation)", async () => {
    const client = await t.as("mgmtrep");
    const first = client.cookie;
    await client.login("mgmtrep", TEST_PASSWORD);
    expect(client.cookie).not.toBe(first);
    const old = new ApiClient(t.baseUrl);
    old.cookie = first;
    expect((await old.get("/api/auth/me")).status).toBe(401);
  });

  it("changes a password, rejects weak ones, and signs out the user's other sessions", async () => {
    const phone = await t.as("deptstaff");
    const desk = await t.as("deptstaff");
    const weak = await desk.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("PASSWORD_TOO_WEAK");
    const wrongCurrent = await desk.post("/api/auth/password", {
      currentPassword: "wrong-one-1",
      newPassword: "Another-pass-456",
    });
    expect(wrongCurrent.body.error.code).toBe("WRONG_PASSWORD");

    const changed = await desk.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "Another-pass-456",
    });
    expect(changed.status).toBe(204);
    expect((await desk.get("/api/auth/me")).status).toBe(200);
    expect((await phone.get("/api/auth/me")).status).toBe(401);
    await expect(t.as("deptstaff")).rejects.toThrow();
    expect((await t.anonymous().login("deptstaff", "Another-pass-456")).status).toBe(200);

    const audit = await t.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", t.world.a.users.deptstaff as string)
      .execute();
    expect(audit.map((a) => a.action)).toContain("user.password_changed");
  });

  it("locks an account after repeated failures, even when the guesses arrive in parallel", async () => {
    const guesses = Array.from({ length: MAX_FAILED_LOGINS * 3 }, (_, i) =>
      t.anonymous().post("/api/auth/login", { username: "depthead", password: `guess-${i}-xyz` }),
    );
    const results = await Promise.all(guesses);
    expect(results.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    expect(results.filter((r) => r.status === 423).length).toBeGreaterThan(0);
    // Even the right password is refused while the lock holds.
    const right = await t.anonymous().post("/api/auth/login", { username: "depthead", password: TEST_PASSWORD });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe("ACCOUNT_LOCKED");
  });

  it("ends the sessions of a deactivated user at once", async () => {
    const client = await t.as("repairlead");
    await t.database.db
      .updateTable("users")
      .set({ active: 0 })
      .where("id", "=", t.world.a.users.repairlead as string)
      .execute();
    expect((await client.get("/api/auth/me")).status).toBe(401);
    await t.database.db
      .updateTable("users")
      .set({ active: 1 })
      .where("id", "=", t.world.a.users.repairlead as string)
      .execute();
  });

  it("sends security headers and never a stack trace", async () => {
    const response = await t.anonymous().get("/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok", database: kind, version: expect.any(String) });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    // Plain HTTP on a LAN must still load its assets.
    expect(csp).not.toContain("upgrade-insecure-requests");
    const missing = await t.anonymous().get("/api/no-such-route");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ROUTE_NOT_FOUND");
  });

  it("serves the OpenAPI 3.1 document with every route", async () => {
    const response = await t.anonymous().get("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(["/api/auth/login", "/api/estates", "/api/estates/{id}", "/api/health"]),
    );
  });
});
