import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const STRONG_PASSWORD = "Portal-pass-2024";

describe.each(testDatabases())("residents (业主/住户) on %s", (kind) => {
  let t: TestApp;
  let e1: string;
  let e2: string;
  let unitE1a: string;
  let unitE1b: string;
  let unitE2a: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    e1 = t.world.a.estates.E1 as string;
    e2 = t.world.a.estates.E2 as string;
    unitE1a = t.world.a.units["E1-1-101"] as string;
    unitE1b = t.world.a.units["E1-1-102"] as string;
    unitE2a = t.world.a.units["E2-1-101"] as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const countOf = async (table: "residents" | "resident_units" | "users") =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const namesOf = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

  describe("reading", () => {
    it("lists residents by name with their units and whether they have a portal login", async () => {
      const admin = await t.as("admin");
      const response = await admin.get("/api/residents");
      expect(response.status).toBe(200);
      expect(response.body.items[0]).toEqual({
        id: t.world.a.residents.res1,
        name: "住户res1",
        phone: "13900001001",
        altPhone: null,
        note: null,
        active: true,
        hasAccount: true,
        units: [
          {
            unitId: unitE1a,
            estateId: e1,
            estateName: "E1 花园",
            buildingName: "1栋",
            unitNumber: "1-101",
            label: "1栋 1-101",
            relation: "owner",
          },
        ],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(namesOf(response.body)).toEqual(["住户res1", "住户res2"]);
    });

    it("shows staff limited to E1 only residents of E1 (R-3.0), and hides them from other organisations", async () => {
      const csagent = await t.as("csagent");
      expect(namesOf((await csagent.get("/api/residents")).body)).toEqual(["住户res1"]);
      expect((await csagent.get(`/api/residents/${t.world.a.residents.res2}`)).status).toBe(404);
      expect((await csagent.get(`/api/residents?estateId=${e2}`)).status).toBe(404);
      expect((await csagent.get(`/api/residents?unitId=${unitE2a}`)).status).toBe(404);

      const adminb = await t.as("adminb");
      expect((await adminb.get(`/api/residents/${t.world.a.residents.res1}`)).status).toBe(404);
      expect(namesOf((await adminb.get("/api/residents")).body)).toEqual(["住户resb"]);
    });

    it("refuses residents and staff without resident access (403)", async () => {
      expect((await (await t.as("res1")).get("/api/residents")).status).toBe(403);
      expect((await (await t.as("deptstaff")).get(`/api/residents/${t.world.a.residents.res1}`)).status).toBe(403);
    });
  });

  describe("writing", () => {
    it("registers a resident with contact numbers and units (R-4.1.2), audited", async () => {
      const cshead = await t.as("cshead");
      const created = await cshead.post("/api/residents", {
        name: "张三",
        phone: "139 0000 2001",
        altPhone: "0571-88776655",
        note: "夜间勿扰",
        units: [
          { unitId: unitE1b, relation: "tenant" },
          { unitId: unitE2a, relation: "family" },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: "张三",
        phone: "13900002001",
        altPhone: "0571-88776655",
        note: "夜间勿扰",
        hasAccount: false,
        active: true,
      });
      expect(
        created.body.units.map((unit: { label: string; relation: string }) => [unit.label, unit.relation]),
      ).toEqual([
        ["1栋 1-102", "tenant"],
        ["1栋 1-101", "family"],
      ]);
      const audit = await cshead.get(`/api/audit?entityType=resident&entityId=${created.body.id}`);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: "resident.created", after: expect.objectContaining({ name: "张三" }) }),
      ]);
    });

    it("finds residents by part of the name or by phone digits, and by estate or unit", async () => {
      const admin = await t.as("admin");
      expect(namesOf((await admin.get(`/api/residents?q=${encodeURIComponent("张")}`)).body)).toEqual(["张三"]);
      expect(namesOf((await admin.get("/api/residents?q=2001")).body)).toEqual(["张三"]);
      expect(namesOf((await admin.get("/api/residents?q=057188776")).body)).toEqual(["张三"]);
      expect(namesOf((await admin.get(`/api/residents?estateId=${e2}`)).body)).toEqual(["住户res2", "张三"]);
      expect(namesOf((await admin.get(`/api/residents?unitId=${unitE1b}`)).body)).toEqual(["张三"]);
    });

    it("shows E1 staff only the E1 units of a resident who also lives in E2", async () => {
      const csagent = await t.as("csagent");
      const list = await csagent.get(`/api/residents?q=${encodeURIComponent("张三")}`);
      expect(list.body.items[0].units.map((unit: { estateId: string }) => unit.estateId)).toEqual([e1]);
    });

    it("pages through residents with a cursor", async () => {
      const admin = await t.as("admin");
      const first = await admin.get("/api/residents?limit=2");
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await admin.get(`/api/residents?limit=2&cursor=${first.body.nextCursor}`);
      expect(namesOf(second.body)).toEqual(["张三"]);
      expect(second.body.nextCursor).toBeNull();
    });

    it("rejects an invalid phone number and an unknown relation, writing nothing", async () => {
      const cshead = await t.as("cshead");
      const before = await countOf("residents");
      const response = await cshead.post("/api/residents", {
        name: "李四",
        phone: "12345",
        units: [{ unitId: unitE1a, relation: "landlord" }],
      });
      expect(response.status).toBe(400);
      const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(["body/phone", "body/units/0/relation"]));
      expect(await countOf("residents")).toBe(before);
    });

    it("never links a resident to a unit of another organisation or outside the staff member's estates", async () => {
      const before = { residents: await countOf("residents"), links: await countOf("resident_units") };
      const cshead = await t.as("cshead");
      const foreign = await cshead.post("/api/residents", {
        name: "王五",
        phone: "13900002002",
        units: [{ unitId: t.world.b.units["EB-1-101"], relation: "owner" }],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.details.issues[0].path).toBe("body/units/0/unitId");

      const csagent = await t.as("csagent");
      const outOfScope = await csagent.post("/api/residents", {
        name: "王五",
        phone: "13900002002",
        units: [{ unitId: unitE2a, relation: "owner" }],
      });
      expect(outOfScope.status).toBe(400);
      const noUnit = await csagent.post("/api/residents", { name: "王五", phone: "13900002002" });
      expect(noUnit.status).toBe(400);
      expect(noUnit.body.error.details.issues[0].path).toBe("body/units");
      const twice = await cshead.post("/api/residents", {
        name: "王五",
        phone: "13900002002",
        units: [
          { unitId: unitE1a, relation: "owner" },
          { unitId: unitE1a, relation: "tenant" },
        ],
      });
      expect(twice.status).toBe(400);
      expect({ residents: await countOf("residents"), links: await countOf("resident_units") }).toEqual(before);
    });

    it("refuses linking a resident to a deactivated unit", async () => {
      const admin = await t.as("admin");
      const unit = await admin.post("/api/units", { buildingId: t.world.a.buildings.E1, number: "1-150" });
      await admin.patch(`/api/units/${unit.body.id}`, { active: false });
      const response = await admin.post("/api/residents", {
        name: "赵六",
        phone: "13900002003",
        units: [{ unitId: unit.body.id, relation: "owner" }],
      });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe("INACTIVE_REFERENCE");
    });

    it("lets all-estates staff register a resident without a unit, whom only they then see", async () => {
      const cshead = await t.as("cshead");
      const created = await cshead.post("/api/residents", { name: "无房客", phone: "13900002004" });
      expect(created.status).toBe(201);
      expect(created.body.units).toEqual([]);
      expect((await (await t.as("csagent")).get(`/api/residents/${created.body.id}`)).status).toBe(404);
    });

    it("lets only customer service and administrators change residents", async () => {
      const before = await countOf("residents");
      for (const username of ["qa", "repairlead", "res1"]) {
        const client = await t.as(username);
        const response = await client.post("/api/residents", {
          name: "越权",
          phone: "13900002005",
          units: [{ unitId: unitE1a, relation: "owner" }],
        });
        expect(response.status, username).toBe(403);
        expect((await client.patch(`/api/residents/${t.world.a.residents.res1}`, { name: "越权" })).status).toBe(403);
      }
      const adminb = await t.as("adminb");
      expect((await adminb.patch(`/api/residents/${t.world.a.residents.res1}`, { name: "越权" })).status).toBe(404);
      expect((await adminb.delete(`/api/residents/${t.world.a.residents.res1}`)).status).toBe(404);
      expect(
        (await (await t.as("csagent")).patch(`/api/residents/${t.world.a.residents.res2}`, { name: "x" })).status,
      ).toBe(404);
      expect(await countOf("residents")).toBe(before);
    });
  });

  describe("changing units and status", () => {
    it("keeps the units when only the name changes, and audits before and after", async () => {
      const admin = await t.as("admin");
      const created = await admin.post("/api/residents", {
        name: "钱七",
        phone: "13900003001",
        units: [{ unitId: unitE1a, relation: "tenant" }],
      });
      const renamed = await admin.patch(`/api/residents/${created.body.id}`, {
        name: "钱七七",
        altPhone: "13900003002",
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: "钱七七", phone: "13900003001", altPhone: "13900003002" });
      expect(renamed.body.units).toHaveLength(1);
      const audit = await admin.get(`/api/audit?entityType=resident&entityId=${created.body.id}`);
      expect(audit.body.items[1]).toMatchObject({
        action: "resident.updated",
        before: { name: "钱七" },
        after: { name: "钱七七" },
      });
    });

    it("replaces the set of units: removed links are deactivated, not deleted, and come back when listed again", async () => {
      const admin = await t.as("admin");
      const created = await admin.post("/api/residents", {
        name: "孙八",
        phone: "13900003003",
        units: [{ unitId: unitE1a, relation: "owner" }],
      });
      const id = created.body.id;
      const moved = await admin.patch(`/api/residents/${id}`, { units: [{ unitId: unitE1b, relation: "tenant" }] });
      expect(moved.status).toBe(200);
      expect(moved.body.units.map((unit: { unitId: string }) => unit.unitId)).toEqual([unitE1b]);
      const occupants = (await admin.get(`/api/units/${unitE1a}`)).body.residents;
      expect(occupants.map((occupant: { residentId: string }) => occupant.residentId)).not.toContain(id);
      const kept = await t.database.db
        .selectFrom("resident_units")
        .select(["unit_id", "active"])
        .where("resident_id", "=", id)
        .orderBy("unit_id")
        .execute();
      expect(kept).toHaveLength(2);
      expect(kept.find((link) => link.unit_id === unitE1a)?.active).toBe(0);

      const back = await admin.patch(`/api/residents/${id}`, {
        units: [
          { unitId: unitE1a, relation: "family" },
          { unitId: unitE1b, relation: "tenant" },
        ],
      });
      expect(back.body.units.map((unit: { relation: string }) => unit.relation)).toEqual(["family", "tenant"]);
      expect(
        await t.database.db.selectFrom("resident_units").select("id").where("resident_id", "=", id).execute(),
      ).toHaveLength(2);
    });

    it("leaves the links a staff member cannot see alone when they replace a resident's units", async () => {
      const admin = await t.as("admin");
      const created = await admin.post("/api/residents", {
        name: "周九",
        phone: "13900003004",
        units: [
          { unitId: unitE1a, relation: "owner" },
          { unitId: unitE2a, relation: "owner" },
        ],
      });
      const csagent = await t.as("csagent");
      const changed = await csagent.patch(`/api/residents/${created.body.id}`, {
        units: [{ unitId: unitE1b, relation: "owner" }],
      });
      expect(changed.status).toBe(200);
      expect(changed.body.units.map((unit: { unitId: string }) => unit.unitId)).toEqual([unitE1b]);
      const full = await admin.get(`/api/residents/${created.body.id}`);
      expect(full.body.units.map((unit: { unitId: string }) => unit.unitId).sort()).toEqual([unitE1b, unitE2a].sort());
    });

    it("deactivating a resident ends their portal login; reactivating restores it", async () => {
      const admin = await t.as("admin");
      const res2 = await t.as("res2");
      const id = t.world.a.residents.res2 as string;
      const deactivated = await admin.patch(`/api/residents/${id}`, { active: false });
      expect(deactivated.body.active).toBe(false);
      expect((await res2.get("/api/auth/me")).status).toBe(401);
      await expect(t.as("res2")).rejects.toThrow();
      expect(namesOf((await admin.get("/api/residents?active=false")).body)).toEqual(["住户res2"]);

      await admin.patch(`/api/residents/${id}`, { active: true });
      expect((await (await t.as("res2")).get("/api/auth/me")).status).toBe(200);
    });

    it("deletes a resident nothing refers to, with their unit links; one with a login answers 409 IN_USE", async () => {
      const admin = await t.as("admin");
      const inUse = await admin.delete(`/api/residents/${t.world.a.residents.res1}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.error.code).toBe("IN_USE");
      expect((await admin.get(`/api/residents/${t.world.a.residents.res1}`)).status).toBe(200);

      const created = await admin.post("/api/residents", {
        name: "吴十",
        phone: "13900003005",
        units: [{ unitId: unitE1a, relation: "owner" }],
      });
      expect((await admin.delete(`/api/residents/${created.body.id}`)).status).toBe(204);
      expect((await admin.get(`/api/residents/${created.body.id}`)).status).toBe(404);
      const audit = await admin.get(`/api/audit?entityType=resident&entityId=${created.body.id}`);
      expect(audit.body.items.at(-1)).toMatchObject({ action: "resident.deleted", before: { name: "吴十" } });
    });

    it("does not let E1 staff delete a resident who also lives in E2", async () => {
      const admin = await t.as("admin");
      const created = await admin.post("/api/residents", {
        name: "郑十一",
        phone: "13900003006",
        units: [
          { unitId: unitE1a, relation: "owner" },
          { unitId: unitE2a, relation: "owner" },
        ],
      });
      const response = await (await t.as("csagent")).delete(`/api/residents/${created.body.id}`);
      expect(response.status).toBe(409);
      expect((await admin.get(`/api/residents/${created.body.id}`)).body.units).toHaveLength(2);
    });
  });

  describe("portal accounts", () => {
    it("creates a resident's portal login, which can then sign in", async () => {
      const cshead = await t.as("cshead");
      const created = await cshead.post("/api/residents", {
        name: "冯十二",
        phone: "13900004001",
        units: [{ unitId: unitE1b, relation: "owner" }],
      });
      const account = await cshead.post(`/api/residents/${created.body.id}/account`, {
        username: "Feng12",
        password: STRONG_PASSWORD,
      });
      expect(account.status).toBe(201);
      expect(account.body).toEqual({ userId: expect.any(String), username: "feng12" });
      expect((await cshead.get(`/api/residents/${created.body.id}`)).body.hasAccount).toBe(true);

      const portal = t.anonymous();
      const login = await portal.login("feng12", STRONG_PASSWORD);
      expect(login.body.roles).toEqual(["resident"]);

      const again = await cshead.post(`/api/residents/${created.body.id}/account`, {
        username: "feng12b",
        password: STRONG_PASSWORD,
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "account" } });
      const audit = await cshead.get(`/api/audit?entityType=resident&entityId=${created.body.id}`);
      expect(audit.body.items.at(-1)).toMatchObject({
        action: "resident.account.created",
        after: { username: "feng12" },
      });
    });

    it("refuses a taken user name, a weak password, and residents outside the staff member's scope", async () => {
      const cshead = await t.as("cshead");
      const created = await cshead.post("/api/residents", {
        name: "陈十三",
        phone: "13900004002",
        units: [{ unitId: unitE2a, relation: "owner" }],
      });
      const before = await countOf("users");
      const taken = await cshead.post(`/api/residents/${created.body.id}/account`, {
        username: "admin",
        password: STRONG_PASSWORD,
      });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "username" } });
      const weak = await cshead.post(`/api/residents/${created.body.id}/account`, {
        username: "chen13",
        password: "short",
      });
      expect(weak.status).toBe(400);
      expect(weak.body.error.code).toBe("PASSWORD_TOO_WEAK");
      const csagent = await t.as("csagent");
      const hidden = await csagent.post(`/api/residents/${created.body.id}/account`, {
        username: "chen13",
        password: STRONG_PASSWORD,
      });
      expect(hidden.status).toBe(404);
      const qa = await t.as("qa");
      expect(
        (await qa.post(`/api/residents/${created.body.id}/account`, { username: "chen13", password: STRONG_PASSWORD }))
          .status,
      ).toBe(403);
      expect(await countOf("users")).toBe(before);
    });
  });
});
