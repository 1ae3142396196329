import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILED_LOGINS } from "../auth/auth.service.js";
import { testDatabases } from "../testing/databases.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

interface StaffUserItem {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  active: boolean;
}

const STRONG_PASSWORD = "Strong-pass-123";

describe.each(testDatabases())("staff users and roles (§3.0) on %s", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
  });
  afterAll(async () => {
    await t.close();
  });

  const a = () => t.world.a;
  const departmentId = (code: string) => a().catalogue.departments.get(code) as string;
  const tradeId = (code: string) => a().catalogue.trades.get(code) as string;
  const usernames = async (query: string): Promise<string[]> => {
    const response = await admin.get(`/api/users${query}`);
    expect(response.status).toBe(200);
    return (response.body.items as StaffUserItem[]).map((user) => user.username);
  };
  const auditActions = async (userId: string): Promise<string[]> =>
    (await admin.get(`/api/audit?entityType=user&entityId=${userId}`)).body.items.map(
      (entry: { action: string }) => entry.action,
    );

  let counter = 0;
  /** A fresh staff account, so that tests which lock, reset or deactivate do not disturb the fixtures. */
  async function createStaff(overrides: Record<string, unknown> = {}) {
    counter += 1;
    const response = await admin.post("/api/users", {
      username: `staff${counter}`,
      displayName: `员工${counter}`,
      password: STRONG_PASSWORD,
      roles: ["cs_agent"],
      estateIds: [a().estates.E1],
      departmentIds: [departmentId("CS")],
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body as StaffUserItem;
  }

  it("lists staff accounts only, by display name, to any staff member", async () => {
    const response = await (await t.as("csagent")).get("/api/users");
    expect(response.status).toBe(200);
    const names = (response.body.items as StaffUserItem[]).map((user) => user.username);
    expect(names).toEqual([
      "admin",
      "csagent",
      "cshead",
      "depthead",
      "deptstaff",
      "mgmtrep",
      "qa",
      "repairlead",
      "worker",
    ]);
    expect(response.body.nextCursor).toBeNull();
    const worker = (response.body.items as StaffUserItem[]).find((user) => user.username === "worker");
    expect(worker).toEqual({
      id: a().users.worker,
      username: "worker",
      displayName: "worker",
      phone: null,
      email: null,
      roles: ["repair_worker"],
      allEstates: false,
      estateIds: [a().estates.E1],
      departmentIds: [departmentId("ENG")],
      tradeIds: [tradeId("PLUMB_ELEC")],
      active: true,
      lastLoginAt: null,
      lockedUntil: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toContain("argon2");
  });

  it("refuses residents (403) and anonymous callers (401)", async () => {
    const resident = await t.as("res1");
    expect((await resident.get("/api/users")).status).toBe(403);
    expect((await resident.get(`/api/users/${a().users.admin}`)).status).toBe(403);
    expect((await t.anonymous().get("/api/users")).status).toBe(401);
  });

  it("pages with a cursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : "?limit=4";
      const page = await admin.get(`/api/users${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...(page.body.items as StaffUserItem[]).map((user) => user.username));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(await usernames("?limit=200"));
    const bad = await admin.get("/api/users?cursor=garbage");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_CURSOR");
    expect((await admin.get("/api/users?limit=500")).status).toBe(400);
  });

  it("filters by text, role, department, estate and activity", async () => {
    expect(await usernames("?q=HEAD")).toEqual(["cshead", "depthead"]);
    expect(await usernames("?role=cs_agent")).toEqual(["csagent"]);
    expect(await usernames(`?departmentId=${departmentId("SEC")}`)).toEqual(["depthead", "deptstaff"]);
    // Staff granted every estate work on E2 too; those scoped to E1 do not.
    const onE2 = await usernames(`?estateId=${a().estates.E2}`);
    expect(onE2).toContain("cshead");
    expect(onE2).not.toContain("csagent");
    expect(onE2).not.toContain("worker");
    expect(await usernames(`?estateId=${a().estates.E1}&role=repair_worker`)).toEqual(["worker"]);
    expect((await admin.get("/api/users?role=resident")).body.items).toEqual([]);
    expect((await admin.get("/api/users?role=boss")).status).toBe(400);
    expect((await admin.get("/api/users?departmentId=CS")).status).toBe(400);
  });

  it("shows one staff account, and answers 404 for residents' accounts and other organisations", async () => {
    const one = await (await t.as("qa")).get(`/api/users/${a().users.cshead}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ username: "cshead", roles: ["cs_head"], allEstates: true });
    expect((await admin.get(`/api/users/${a().users.res1}`)).status).toBe(404);
    expect((await admin.get(`/api/users/${t.world.b.users.adminb}`)).status).toBe(404);
    const adminB = await t.as("adminb");
    expect((await adminB.get(`/api/users/${a().users.cshead}`)).status).toBe(404);
    expect(((await adminB.get("/api/users")).body.items as StaffUserItem[]).map((user) => user.username)).toEqual([
      "adminb",
    ]);
  });

  it("creates a staff account with a lower-case user name that can sign in, audited without the password", async () => {
    const created = await admin.post("/api/users", {
      username: "Zhang.Wei",
      displayName: "张伟",
      phone: "138 0013 8000",
      email: "zhang.wei@example.com",
      password: STRONG_PASSWORD,
      roles: ["repair_worker", "repair_lead", "repair_worker"],
      estateIds: [a().estates.E2],
      departmentIds: [departmentId("ENG")],
      tradeIds: [tradeId("LIFT"), tradeId("HVAC")],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: "zhang.wei",
      displayName: "张伟",
      phone: "13800138000",
      email: "zhang.wei@example.com",
      allEstates: false,
      estateIds: [a().estates.E2],
      departmentIds: [departmentId("ENG")],
      active: true,
      lockedUntil: null,
    });
    expect([...created.body.roles].sort()).toEqual(["repair_lead", "repair_worker"]);
    expect([...created.body.tradeIds].sort()).toEqual([tradeId("HVAC"), tradeId("LIFT")].sort());
    expect(created.body).not.toHaveProperty("password");
    expect((await admin.get(`/api/users/${created.body.id}`)).body).toEqual(created.body);

    const signedIn = await t.anonymous().login("ZHANG.WEI", STRONG_PASSWORD);
    expect(signedIn.body).toMatchObject({ username: "zhang.wei", estateIds: [a().estates.E2] });

    const audit = await admin.get(`/api/audit?entityType=user&entityId=${created.body.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: "user.created", actorName: "admin" });
    expect(audit.body.items[0].after.username).toBe("zhang.wei");
    const rawAudit = JSON.stringify(audit.body);
    expect(rawAudit).not.toContain(STRONG_PASSWORD);
    expect(rawAudit).not.toContain("argon2");
    expect(rawAudit).not.toMatch(/password/i);
  });

  it("refuses a weak password (400 PASSWORD_TOO_WEAK) and invalid input (400), writing nothing", async () => {
    const before = await usernames("?limit=200");
    const weak = await admin.post("/api/users", {
      username: "weakling",
      displayName: "弱密码",
      password: "password",
      roles: ["qa"],
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("PASSWORD_TOO_WEAK");
    for (const body of [
      { username: "x", displayName: "太短", password: STRONG_PASSWORD, roles: ["qa"] },
      { username: "no roles", displayName: "空格", password: STRONG_PASSWORD, roles: ["qa"] },
      { username: "noroles", displayName: "无角色", password: STRONG_PASSWORD, roles: [] },
      { username: "resacct", displayName: "住户角色", password: STRONG_PASSWORD, roles: ["resident"] },
      { username: "bademail", displayName: "坏邮箱", password: STRONG_PASSWORD, roles: ["qa"], email: "nope" },
      { username: "badphone", displayName: "坏电话", password: STRONG_PASSWORD, roles: ["qa"], phone: "12345" },
      { username: "badestate", displayName: "坏小区", password: STRONG_PASSWORD, roles: ["qa"], estateIds: ["E1"] },
    ]) {
      const response = await admin.post("/api/users", body);
      expect(response.status, body.username).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await usernames("?limit=200")).toEqual(before);
  });

  it("refuses a user name already taken in any organisation, whatever its case (409 DUPLICATE)", async () => {
    for (const username of ["CSAgent", "adminb", "res1"]) {
      const response = await admin.post("/api/users", {
        username,
        displayName: "重名",
        password: STRONG_PASSWORD,
        roles: ["qa"],
      });
      expect(response.status, username).toBe(409);
      expect(response.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "username" } });
    }
  });

  it("refuses estates, departments and trades of another organisation (400 naming the field)", async () => {
    const before = await usernames("?limit=200");
    const b = t.world.b;
    for (const [field, ids] of [
      ["estateIds", [a().estates.E1, b.estates.EB]],
      ["departmentIds", [b.catalogue.departments.get("CS")]],
      ["tradeIds", [b.catalogue.trades.get("LIFT")]],
    ] as const) {
      const response = await admin.post("/api/users", {
        username: `cross.${field.toLowerCase()}`,
        displayName: "跨租户",
        password: STRONG_PASSWORD,
        roles: ["cs_agent"],
        [field]: ids,
      });
      expect(response.status, field).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(JSON.stringify(response.body.error.details)).toContain(field);
    }
    expect(await usernames("?limit=200")).toEqual(before);
    const patch = await admin.patch(`/api/users/${a().users.csagent}`, { estateIds: [b.estates.EB] });
    expect(patch.status).toBe(400);
    expect((await admin.get(`/api/users/${a().users.csagent}`)).body.estateIds).toEqual([a().estates.E1]);
  });

  it("refuses to assign a deactivated department (409 INACTIVE_REFERENCE)", async () => {
    const dept = await admin.post("/api/departments", { code: "CLOSED", name: "已撤销部门" });
    await admin.patch(`/api/departments/${dept.body.id}`, { active: false });
    const response = await admin.patch(`/api/users/${a().users.qa}`, { departmentIds: [dept.body.id] });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: "INACTIVE_REFERENCE", details: { field: "departmentIds" } });
  });

  it("changes an account's details and scope, keeping what is left out, audited", async () => {
    const user = await createStaff({ tradeIds: [tradeId("CIVIL")] });
    const session = t.anonymous();
    await session.login(user.username, STRONG_PASSWORD);

    const renamed = await admin.patch(`/api/users/${user.id}`, { displayName: "李娜", phone: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      displayName: "李娜",
      roles: ["cs_agent"],
      allEstates: false,
      estateIds: [a().estates.E1],
      departmentIds: [departmentId("CS")],
      tradeIds: [tradeId("CIVIL")],
    });
    const rescoped = await admin.patch(`/api/users/${user.id}`, { allEstates: true, estateIds: [], tradeIds: [] });
    expect(rescoped.body).toMatchObject({ allEstates: true, estateIds: [], tradeIds: [], displayName: "李娜" });
    // A change of scope alone does not sign the user out; the next request sees the new scope.
    const me = await session.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.allEstates).toBe(true);

    expect(await auditActions(user.id)).toEqual(["user.created", "user.updated", "user.updated"]);
    const audit = await admin.get(`/api/audit?entityType=user&entityId=${user.id}`);
    expect(audit.body.items[1].before.displayName).toBe(`员工${counter}`);
    expect(audit.body.items[1].after.displayName).toBe("李娜");
  });

  it("ends the sessions of a user whose roles change", async () => {
    const user = await createStaff();
    const session = t.anonymous();
    await session.login(user.username, STRONG_PASSWORD);
    expect((await session.get("/api/auth/me")).status).toBe(200);
    const changed = await admin.patch(`/api/users/${user.id}`, { roles: ["cs_head"] });
    expect(changed.body.roles).toEqual(["cs_head"]);
    expect((await session.get("/api/auth/me")).status).toBe(401);
    const again = await t.anonymous().login(user.username, STRONG_PASSWORD);
    expect(again.body.roles).toEqual(["cs_head"]);
  });

  it("deactivates an account: its sessions end at once and it cannot sign in until reactivated", async () => {
    const user = await createStaff();
    const session = t.anonymous();
    await session.login(user.username, STRONG_PASSWORD);

    const deactivated = await admin.patch(`/api/users/${user.id}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await session.get("/api/auth/me")).status).toBe(401);
    const refused = await t.anonymous().post("/api/auth/login", { username: user.username, password: STRONG_PASSWORD });
    expect(refused.status).toBe(401);
    expect(await usernames("?active=false")).toEqual([user.username]);
    expect(await usernames("?active=true")).not.toContain(user.username);

    expect((await admin.patch(`/api/users/${user.id}`, { active: true })).body.active).toBe(true);
    expect((await t.anonymous().login(user.username, STRONG_PASSWORD)).status).toBe(200);
    expect(await auditActions(user.id)).toEqual(["user.created", "user.updated", "user.updated"]);
  });

  it("does not let an administrator deactivate themself or drop their own admin role (409 SELF_LOCKOUT)", async () => {
    const self = a().users.admin as string;
    const deactivate = await admin.patch(`/api/users/${self}`, { active: false });
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.error.code).toBe("SELF_LOCKOUT");
    const demote = await admin.patch(`/api/users/${self}`, { roles: ["cs_head"] });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("SELF_LOCKOUT");
    expect((await admin.get(`/api/users/${self}`)).body).toMatchObject({ active: true, roles: ["admin"] });

    // Adding a role to oneself is fine, and keeps the session in use.
    const widened = await admin.patch(`/api/users/${self}`, { roles: ["admin", "qa"] });
    expect(widened.status).toBe(200);
    expect((await admin.get("/api/auth/me")).status).toBe(200);
    expect((await admin.patch(`/api/users/${self}`, { roles: ["admin"] })).status).toBe(200);
  });

  it("resets a password: the user's sessions end and only the new password works, audited without it", async () => {
    const user = await createStaff();
    const session = t.anonymous();
    await session.login(user.username, STRONG_PASSWORD);

    const weak = await admin.post(`/api/users/${user.id}/password`, { password: "short1" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("PASSWORD_TOO_WEAK");
    expect((await session.get("/api/auth/me")).status).toBe(200);

    const reset = await admin.post(`/api/users/${user.id}/password`, { password: "Brand-new-pass-9" });
    expect(reset.status).toBe(204);
    expect((await session.get("/api/auth/me")).status).toBe(401);
    const old = await t.anonymous().post("/api/auth/login", { username: user.username, password: STRONG_PASSWORD });
    expect(old.status).toBe(401);
    expect((await t.anonymous().login(user.username, "Brand-new-pass-9")).status).toBe(200);

    expect(await auditActions(user.id)).toEqual(["user.created", "user.password_reset"]);
    expect(JSON.stringify((await admin.get(`/api/audit?entityType=user&entityId=${user.id}`)).body)).not.toContain(
      "Brand-new-pass-9",
    );
  });

  it("unlocks an account locked by repeated wrong passwords", async () => {
    const user = await createStaff();
    for (let attempt = 0; attempt <= MAX_FAILED_LOGINS; attempt++) {
      await t.anonymous().post("/api/auth/login", { username: user.username, password: `wrong-${attempt}-pass` });
    }
    const locked = await t.anonymous().post("/api/auth/login", { username: user.username, password: STRONG_PASSWORD });
    expect(locked.status).toBe(423);
    expect((await admin.get(`/api/users/${user.id}`)).body.lockedUntil).toEqual(expect.any(String));

    expect((await admin.post(`/api/users/${user.id}/unlock`)).status).toBe(204);
    expect((await admin.get(`/api/users/${user.id}`)).body.lockedUntil).toBeNull();
    expect((await t.anonymous().login(user.username, STRONG_PASSWORD)).status).toBe(200);
    expect(await auditActions(user.id)).toEqual(["user.created", "user.unlocked"]);
  });

  it("lets no one but the administrator manage accounts", async () => {
    const target = a().users.qa as string;
    for (const username of ["cshead", "csagent", "depthead", "repairlead", "qa", "mgmtrep", "res1"]) {
      const client = await t.as(username);
      for (const response of [
        await client.post("/api/users", {
          username: `by.${username}`,
          displayName: "越权",
          password: STRONG_PASSWORD,
          roles: ["admin"],
        }),
        await client.patch(`/api/users/${target}`, { roles: ["admin"] }),
        await client.post(`/api/users/${target}/password`, { password: STRONG_PASSWORD }),
        await client.post(`/api/users/${target}/unlock`),
      ]) {
        expect(response.status, username).toBe(403);
        expect(response.body.error.code).toBe("FORBIDDEN");
      }
    }
    expect((await admin.get(`/api/users/${target}`)).body.roles).toEqual(["qa"]);
    expect(await usernames("?q=by.")).toEqual([]);
    expect((await t.anonymous().login("qa", TEST_PASSWORD)).status).toBe(200);
  });

  it("answers 404 to another organisation's administrator, and offers no delete", async () => {
    const adminB = await t.as("adminb");
    const target = a().users.qa as string;
    expect((await adminB.patch(`/api/users/${target}`, { active: false })).status).toBe(404);
    expect((await adminB.post(`/api/users/${target}/password`, { password: STRONG_PASSWORD })).status).toBe(404);
    expect((await adminB.post(`/api/users/${target}/unlock`)).status).toBe(404);
    expect((await admin.patch(`/api/users/${a().users.res1}`, { displayName: "住户" })).status).toBe(404);
    expect((await admin.get(`/api/users/${target}`)).body.active).toBe(true);
    expect((await admin.delete(`/api/users/${target}`)).status).toBe(404);
  });
});
