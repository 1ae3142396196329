import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

interface DepartmentItem {
  id: string;
  code: string;
  memberCount: number;
  active: boolean;
}

describe.each(testDatabases())("departments on %s", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
  });
  afterAll(async () => {
    await t.close();
  });

  const departmentId = (code: string) => t.world.a.catalogue.departments.get(code) as string;
  const listCodes = async (client: ApiClient, query = "") =>
    ((await client.get(`/api/departments${query}`)).body.items as DepartmentItem[]).map((d) => d.code);

  it("lists the organisation's departments by code with their active member counts, to any staff member", async () => {
    const response = await (await t.as("worker")).get("/api/departments");
    expect(response.status).toBe(200);
    const items = response.body.items as DepartmentItem[];
    expect(items.map((d) => d.code)).toEqual(["CS", "ENG", "ENV", "MGMT", "QA", "SEC"]);
    expect(items.find((d) => d.code === "CS")).toMatchObject({
      id: departmentId("CS"),
      name: "客户服务部",
      function: "customer_service",
      memberCount: 2,
      active: true,
    });
    expect(items.find((d) => d.code === "ENV")?.memberCount).toBe(0);
    // Organisation B's departments have other ids.
    expect(items.map((d) => d.id)).not.toContain(t.world.b.catalogue.departments.get("CS"));
  });

  it("refuses residents (403) and anonymous callers (401)", async () => {
    expect((await (await t.as("res1")).get("/api/departments")).status).toBe(403);
    expect((await t.anonymous().get("/api/departments")).status).toBe(401);
  });

  it("lets the administrator create a department, audited", async () => {
    const created = await admin.post("/api/departments", { code: "FIN", name: " 财务部 ", function: "other" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "FIN",
      name: "财务部",
      function: "other",
      memberCount: 0,
      active: true,
    });
    expect(await listCodes(admin)).toContain("FIN");

    const audit = await admin.get(`/api/audit?entityType=department&entityId=${created.body.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: "department.created", actorName: "admin" });
    expect(audit.body.items[0].after.code).toBe("FIN");
  });

  it("rejects invalid input with 400 and writes nothing", async () => {
    const before = await listCodes(admin);
    for (const body of [
      { code: "HAS SPACE", name: "空格部" },
      { code: "NONAME" },
      { code: "BADFN", name: "坏职能", function: "finance" },
      { name: "无编码" },
    ]) {
      const response = await admin.post("/api/departments", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(response.body.error.details.issues.length).toBeGreaterThan(0);
    }
    expect(await listCodes(admin)).toEqual(before);
  });

  it("refuses a second department with the same code or name (409 naming the field), within one organisation only", async () => {
    const sameCode = await admin.post("/api/departments", { code: "CS", name: "另一个客服部" });
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "code" } });
    const sameName = await admin.post("/api/departments", { code: "CS2", name: "客户服务部" });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.details).toEqual({ field: "name" });
    const rename = await admin.patch(`/api/departments/${departmentId("ENV")}`, { name: "工程部" });
    expect(rename.status).toBe(409);
    expect(rename.body.error.details).toEqual({ field: "name" });

    const adminB = await t.as("adminb");
    const inB = await adminB.post("/api/departments", { code: "FIN", name: "财务部" });
    expect(inB.status).toBe(201);
  });

  it("changes a department and keeps the fields left out, audited with before and after", async () => {
    const created = await admin.post("/api/departments", { code: "LEGAL", name: "法务部", function: "management" });
    const changed = await admin.patch(`/api/departments/${created.body.id}`, { name: "法务合规部" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ code: "LEGAL", name: "法务合规部", function: "management" });

    const audit = await admin.get(`/api/audit?entityType=department&entityId=${created.body.id}`);
    expect(audit.body.items[1]).toMatchObject({ action: "department.updated" });
    expect(audit.body.items[1].before.name).toBe("法务部");
    expect(audit.body.items[1].after.name).toBe("法务合规部");
  });

  it("refuses to delete a department a category refers to (409 IN_USE) and deactivates it instead", async () => {
    // ENV is the default department of the 环境卫生 and 绿化养护 categories, and has no members.
    const id = departmentId("ENV");
    const refused = await admin.delete(`/api/departments/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("IN_USE");
    expect(await listCodes(admin)).toContain("ENV");

    const deactivated = await admin.patch(`/api/departments/${id}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(await listCodes(admin, "?active=true")).not.toContain("ENV");
    expect(await listCodes(admin, "?active=false")).toEqual(["ENV"]);
    expect((await admin.patch(`/api/departments/${id}`, { active: true })).body.active).toBe(true);
  });

  it("refuses to delete a department a user belongs to, and counts only active members", async () => {
    const created = await admin.post("/api/departments", { code: "PR", name: "公关部" });
    const id = created.body.id as string;
    const user = await admin.post("/api/users", {
      username: "pr.staff",
      displayName: "公关专员",
      password: "Strong-pass-123",
      roles: ["dept_staff"],
      departmentIds: [id],
    });
    expect(user.status).toBe(201);
    const countOf = async () =>
      ((await admin.get("/api/departments")).body.items as DepartmentItem[]).find((d) => d.id === id)?.memberCount;
    expect(await countOf()).toBe(1);

    const refused = await admin.delete(`/api/departments/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("IN_USE");

    await admin.patch(`/api/users/${user.body.id}`, { active: false });
    expect(await countOf()).toBe(0);
  });

  it("deletes a department nothing refers to, audited", async () => {
    const created = await admin.post("/api/departments", { code: "TEMP", name: "临时部门" });
    const removed = await admin.delete(`/api/departments/${created.body.id}`);
    expect(removed.status).toBe(204);
    expect(await listCodes(admin)).not.toContain("TEMP");
    const audit = await admin.get(`/api/audit?entityType=department&entityId=${created.body.id}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      "department.created",
      "department.deleted",
    ]);
  });

  it("lets no one but the administrator create, change or delete departments", async () => {
    const id = departmentId("QA");
    for (const username of ["cshead", "csagent", "depthead", "qa", "mgmtrep", "res1"]) {
      const client = await t.as(username);
      const responses = [
        await client.post("/api/departments", { code: "X1", name: "越权部" }),
        await client.patch(`/api/departments/${id}`, { name: "越权" }),
        await client.delete(`/api/departments/${id}`),
      ];
      for (const response of responses) {
        expect(response.status, username).toBe(403);
        expect(response.body.error.code).toBe("FORBIDDEN");
      }
    }
    const codes = await listCodes(admin);
    expect(codes).not.toContain("X1");
    expect(codes).toContain("QA");
  });

  it("answers 404 for another organisation's department and for unknown ids, 400 for malformed ones", async () => {
    const adminB = await t.as("adminb");
    const id = departmentId("QA");
    expect((await adminB.patch(`/api/departments/${id}`, { name: "跨租户" })).status).toBe(404);
    expect((await adminB.delete(`/api/departments/${id}`)).status).toBe(404);
    expect((await admin.patch("/api/departments/01890000-0000-7000-8000-000000000000", { name: "无" })).status).toBe(
      404,
    );
    expect((await admin.delete("/api/departments/not-a-uuid")).status).toBe(400);
    const qa = ((await admin.get("/api/departments")).body.items as Array<DepartmentItem & { name: string }>).find(
      (d) => d.id === id,
    );
    expect(qa?.name).toBe("品质管理部");
  });
});
