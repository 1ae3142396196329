import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const newEstate = {
  code: "NEW1",
  name: "新建小区",
  address: "杭州市上城区新路 1 号",
  complaintHotline: "0571-86001234",
  repairHotline: "138 0013 8000",
  receptionAddress: "1 栋一楼物业服务中心",
};

describe.each(testDatabases())("estates and their public page (R-4.1.1, R-4.2.1) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("lets the administrator create an estate with its hotlines and reception address, audited", async () => {
    const admin = await t.as("admin");
    const created = await admin.post("/api/estates", newEstate);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "NEW1",
      name: "新建小区",
      complaintHotline: "0571-86001234",
      repairHotline: "13800138000",
      receptionAddress: "1 栋一楼物业服务中心",
      active: true,
    });
    expect(created.body.publicCode).toMatch(/^[2-9a-z]{6}$/);

    const audit = await admin.get(`/api/audit?entityType=estate&entityId=${created.body.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: "estate.created", actorName: "admin" });
    expect(audit.body.items[0].after.name).toBe("新建小区");
  });

  it("shows the hotlines to anyone on the estate's public page, without sign-in", async () => {
    const admin = await t.as("admin");
    const list = await admin.get("/api/estates?q=NEW1");
    const publicCode = list.body.items[0].publicCode;
    const page = await t.anonymous().get(`/api/public/estates/${publicCode}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      name: "新建小区",
      address: "杭州市上城区新路 1 号",
      complaintHotline: "0571-86001234",
      repairHotline: "13800138000",
      receptionAddress: "1 栋一楼物业服务中心",
      organisationName: "ORG-A 管理中心",
      publicCode,
    });
    expect((await t.anonymous().get("/api/public/estates/nothere")).status).toBe(404);
  });

  it("rejects a hotline that is not a mainland phone number, and an empty reception address, writing nothing", async () => {
    const admin = await t.as("admin");
    const response = await admin.post("/api/estates", {
      ...newEstate,
      code: "BAD1",
      complaintHotline: "12345",
      receptionAddress: " ",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["body/complaintHotline", "body/receptionAddress"]));
    expect((await admin.get("/api/estates?q=BAD1")).body.items).toHaveLength(0);
  });

  it("refuses a second estate with the same code in one organisation", async () => {
    const admin = await t.as("admin");
    const response = await admin.post("/api/estates", { ...newEstate, name: "另一个名字" });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "code" } });
  });

  it("lets another organisation reuse the code, and never shows it across organisations", async () => {
    const adminB = await t.as("adminb");
    const created = await adminB.post("/api/estates", newEstate);
    expect(created.status).toBe(201);
    const admin = await t.as("admin");
    expect((await admin.get(`/api/estates/${created.body.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/estates/${created.body.id}`, { name: "改名" })).status).toBe(404);
    expect((await admin.delete(`/api/estates/${created.body.id}`)).status).toBe(404);
    const codes = (await admin.get("/api/estates?limit=200")).body.items.map((e: { id: string }) => e.id);
    expect(codes).not.toContain(created.body.id);
  });

  it("scopes the list to the estates a staff member is assigned to", async () => {
    const agent = await t.as("csagent");
    const list = await agent.get("/api/estates");
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { code: string }) => e.code)).toEqual(["E1"]);
    expect((await agent.get(`/api/estates/${t.world.a.estates.E2}`)).status).toBe(404);
  });

  it("denies estate changes to every role but the administrator", async () => {
    for (const username of ["cshead", "csagent", "depthead", "repairlead", "worker", "qa", "mgmtrep", "res1"]) {
      const client = await t.as(username);
      const created = await client.post("/api/estates", { ...newEstate, code: `X${username}`.slice(0, 30) });
      expect(created.status, username).toBe(403);
      expect(created.body.error.code).toBe("FORBIDDEN");
      const changed = await client.patch(`/api/estates/${t.world.a.estates.E1}`, { name: "改名" });
      expect(changed.status, username).toBe(403);
    }
    const resident = await t.as("res1");
    expect((await resident.get("/api/estates")).status).toBe(403);
  });

  it("pages with a cursor that neither repeats nor skips rows", async () => {
    const admin = await t.as("admin");
    for (let i = 0; i < 5; i++) {
      expect((await admin.post("/api/estates", { ...newEstate, code: `PAGE${i}`, name: `分页${i}` })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await admin.get(`/api/estates?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((e: { code: string }) => e.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(["E1", "E2", "NEW1", "PAGE0", "PAGE4"]));
    expect((await admin.get("/api/estates?cursor=garbage")).body.error.code).toBe("BAD_CURSOR");
  });

  it("deletes an unreferenced estate but only deactivates one that has buildings", async () => {
    const admin = await t.as("admin");
    const spare = await admin.post("/api/estates", { ...newEstate, code: "SPARE", name: "空小区" });
    expect((await admin.delete(`/api/estates/${spare.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/estates/${spare.body.id}`)).status).toBe(404);

    const inUse = await admin.delete(`/api/estates/${t.world.a.estates.E2}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("IN_USE");
    const deactivated = await admin.patch(`/api/estates/${t.world.a.estates.E2}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    const actions = (await admin.get(`/api/audit?entityType=estate&entityId=${t.world.a.estates.E2}`)).body.items.map(
      (a: { action: string }) => a.action,
    );
    expect(actions).toEqual(["estate.updated"]);
    await admin.patch(`/api/estates/${t.world.a.estates.E2}`, { active: true });
  });
});
