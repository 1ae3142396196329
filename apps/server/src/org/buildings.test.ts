import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("buildings (楼栋) of an estate on %s", (kind) => {
  let t: TestApp;
  let e1: string;
  let e2: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    e1 = t.world.a.estates.E1 as string;
    e2 = t.world.a.estates.E2 as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const buildingCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom("buildings")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("lists an estate's buildings with their number of active units", async () => {
    const admin = await t.as("admin");
    const response = await admin.get(`/api/estates/${e1}/buildings`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({ id: t.world.a.buildings.E1, estateId: e1, name: "1栋", sortOrder: 1, unitCount: 2 }),
    ]);
  });

  it("shows staff limited to E1 the buildings of E1 only, and refuses residents and other organisations", async () => {
    const csagent = await t.as("csagent");
    expect((await csagent.get(`/api/estates/${e1}/buildings`)).status).toBe(200);
    const hidden = await csagent.get(`/api/estates/${e2}/buildings`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("NOT_FOUND");
    expect((await (await t.as("res1")).get(`/api/estates/${e1}/buildings`)).status).toBe(403);
    expect((await (await t.as("adminb")).get(`/api/estates/${e1}/buildings`)).status).toBe(404);
  });

  it("lets the administrator add buildings, listed by sort order then name, each audited", async () => {
    const admin = await t.as("admin");
    const second = await admin.post(`/api/estates/${e2}/buildings`, { name: "2栋", sortOrder: 2 });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ estateId: e2, name: "2栋", sortOrder: 2, unitCount: 0, active: true });
    const first = await admin.post(`/api/estates/${e2}/buildings`, { name: " 商铺 " });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: "商铺", sortOrder: 0 });

    const list = await admin.get(`/api/estates/${e2}/buildings`);
    expect(list.body.items.map((building: { name: string }) => building.name)).toEqual(["商铺", "1栋", "2栋"]);

    const audit = await admin.get(`/api/audit?entityType=building&entityId=${second.body.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: "building.created", after: { name: "2栋", estateId: e2 } });
  });

  it("rejects an empty name and a negative sort order, writing nothing", async () => {
    const admin = await t.as("admin");
    const before = await buildingCount();
    const response = await admin.post(`/api/estates/${e1}/buildings`, { name: "  ", sortOrder: -1 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["body/name", "body/sortOrder"]));
    expect(await buildingCount()).toBe(before);
  });

  it("refuses a second building of the same name in one estate, but not in another estate", async () => {
    const admin = await t.as("admin");
    const before = await buildingCount();
    const duplicate = await admin.post(`/api/estates/${e1}/buildings`, { name: "1栋" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "name" } });
    expect(await buildingCount()).toBe(before);
    const elsewhere = await admin.post(`/api/estates/${e1}/buildings`, { name: "2栋", sortOrder: 2 });
    expect(elsewhere.status).toBe(201);
  });

  it("lets only estate managers add buildings: customer service and residents get 403, another organisation 404", async () => {
    const before = await buildingCount();
    for (const username of ["csagent", "cshead", "qa", "res1"]) {
      const client = await t.as(username);
      const response = await client.post(`/api/estates/${e1}/buildings`, { name: `${username}栋` });
      expect(response.status, username).toBe(403);
      expect(response.body.error.code).toBe("FORBIDDEN");
    }
    const adminb = await t.as("adminb");
    expect((await adminb.post(`/api/estates/${e1}/buildings`, { name: "B栋" })).status).toBe(404);
    expect(await buildingCount()).toBe(before);
  });

  it("refuses a building in a deactivated estate", async () => {
    const admin = await t.as("admin");
    const estate = await admin.post("/api/estates", {
      code: "OLD",
      name: "旧小区",
      complaintHotline: "0571-86001234",
      repairHotline: "0571-86001235",
      receptionAddress: "旧小区物业中心",
    });
    await admin.patch(`/api/estates/${estate.body.id}`, { active: false });
    const response = await admin.post(`/api/estates/${estate.body.id}/buildings`, { name: "1栋" });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("INACTIVE_REFERENCE");
  });

  it("renames, reorders and deactivates a building, keeping fields not sent, with before and after audited", async () => {
    const admin = await t.as("admin");
    const created = await admin.post(`/api/estates/${e1}/buildings`, { name: "9栋", sortOrder: 9 });
    const renamed = await admin.patch(`/api/buildings/${created.body.id}`, { name: "9号楼" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "9号楼", sortOrder: 9, active: true });

    const deactivated = await admin.patch(`/api/buildings/${created.body.id}`, { active: false, sortOrder: 3 });
    expect(deactivated.body).toMatchObject({ name: "9号楼", sortOrder: 3, active: false });
    const activeOnly = await admin.get(`/api/estates/${e1}/buildings?active=true`);
    expect(activeOnly.body.items.map((building: { id: string }) => building.id)).not.toContain(created.body.id);

    const audit = await admin.get(`/api/audit?entityType=building&entityId=${created.body.id}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      "building.created",
      "building.updated",
      "building.updated",
    ]);
    expect(audit.body.items[1]).toMatchObject({ before: { name: "9栋" }, after: { name: "9号楼" } });
  });

  it("refuses renaming a building to a taken name, invalid changes, and buildings of another organisation", async () => {
    const admin = await t.as("admin");
    const id = t.world.a.buildings.E1 as string;
    const taken = await admin.patch(`/api/buildings/${id}`, { name: "2栋" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("DUPLICATE");
    expect((await admin.patch(`/api/buildings/${id}`, { name: "" })).status).toBe(400);
    expect((await admin.patch("/api/buildings/not-an-id", { name: "x" })).status).toBe(400);
    const adminb = await t.as("adminb");
    expect((await adminb.patch(`/api/buildings/${id}`, { name: "偷改" })).status).toBe(404);
    expect((await adminb.delete(`/api/buildings/${id}`)).status).toBe(404);
    expect((await (await t.as("csagent")).patch(`/api/buildings/${id}`, { name: "x" })).status).toBe(403);
    const list = await admin.get(`/api/estates/${e1}/buildings`);
    expect(list.body.items.find((building: { id: string }) => building.id === id).name).toBe("1栋");
  });

  it("deletes a building without units, and answers 409 IN_USE for one with units (deactivate it instead)", async () => {
    const admin = await t.as("admin");
    const inUse = await admin.delete(`/api/buildings/${t.world.a.buildings.E1}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("IN_USE");
    expect((await admin.get(`/api/estates/${e1}/buildings`)).body.items.map((b: { name: string }) => b.name)).toContain(
      "1栋",
    );

    const empty = await admin.post(`/api/estates/${e1}/buildings`, { name: "空楼" });
    expect((await admin.delete(`/api/buildings/${empty.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/buildings/${empty.body.id}`)).status).toBe(404);
    const audit = await admin.get(`/api/audit?entityType=building&entityId=${empty.body.id}`);
    expect(audit.body.items.at(-1)).toMatchObject({ action: "building.deleted", before: { name: "空楼" } });
  });
});
