import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf, countCases, phoneComplaint, phoneRepair, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("intake: registering and routing cases on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    // Each test starts with an empty register, so that the 7-day duplicate check and the day's numbering are its own.
    const db = t.database.db;
    for (const table of [
      "notifications",
      "outbox",
      "case_comments",
      "case_events",
      "case_photos",
      "case_handlings",
      "work_orders",
    ] as const) {
      await db.deleteFrom(table).execute();
    }
    await db.updateTable("cases").set({ duplicate_of_id: null }).execute();
    await db.deleteFrom("cases").execute();
    await db.deleteFrom("case_counters").execute();
  });

  it("R-4.1.2/R-4.1.3: a phone complaint is registered, numbered and its handling form routed to the category's department", async () => {
    const agent = await t.as("csagent");
    const response = await agent.post("/api/cases", await phoneComplaint(t));
    expect(response.status).toBe(201);
    const created = response.body;
    expect(created.number).toMatch(/^TS-E1-\d{8}-0001$/);
    expect(created).toMatchObject({
      kind: "complaint",
      status: "routed",
      channel: "phone",
      estateName: "E1 花园",
      unitLabel: "1栋 1-101",
      contactName: "住户res1",
      contactPhone: "13900001001",
      categoryName: "安全秩序",
      departmentName: "秩序维护部",
      urgency: "normal",
      receivedByName: "csagent",
      wantsCallback: true,
      callbackPhone: "13900001001",
    });
    expect(created.events.map((e: { type: string }) => e.type)).toEqual(["registered", "routed"]);

    const handlings = await t.database.db.selectFrom("case_handlings").selectAll().execute();
    expect(handlings).toHaveLength(1);
    expect(handlings[0]).toMatchObject({
      case_id: created.id,
      department_id: t.world.a.catalogue.departments.get("SEC"),
      status: "routed",
    });
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["case.registered"]);

    // The department head of 秩序维护部 is told; the department staff member is not.
    await drainOutbox(t.database.db);
    const head = await t.as("depthead");
    const notices = await head.get("/api/notifications");
    expect(notices.body.items).toEqual([
      expect.objectContaining({
        topic: "case.routed",
        caseId: created.id,
        params: expect.objectContaining({ number: created.number }),
      }),
    ]);
    const staff = await t.as("deptstaff");
    expect((await staff.get("/api/notifications")).body.items).toEqual([]);
  });

  it("R-4.2.2/R-4.2.3: a repair request creates its dispatch order with the category's trade and tells the estate's repair team leader", async () => {
    const agent = await t.as("csagent");
    const response = await agent.post("/api/cases", { ...(await phoneRepair(t)), urgency: "urgent" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ kind: "repair", status: "dispatched", urgency: "urgent" });
    expect(response.body.number).toMatch(/^BX-E1-\d{8}-0001$/);
    expect(response.body.workOrder).toMatchObject({
      status: "dispatched",
      tradeId: t.world.a.catalogue.trades.get("PLUMB_ELEC"),
    });
    expect(response.body.events.map((e: { type: string }) => e.type)).toEqual(["registered", "dispatched"]);

    await drainOutbox(t.database.db);
    const lead = await t.as("repairlead");
    const notices = (await lead.get("/api/notifications")).body.items;
    expect(notices).toEqual([expect.objectContaining({ topic: "case.dispatched", caseId: response.body.id })]);
  });

  it("R-4.1.5: a suggestion goes into the register for the weekly classification", async () => {
    const agent = await t.as("csagent");
    const response = await agent.post("/api/cases", {
      kind: "suggestion",
      estateId: t.world.a.estates.E1,
      channel: "walk_in",
      visitor: { name: "王先生", phone: "13712345678" },
      publicArea: "小区东门",
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "suggestion", "AMENITY"),
      content: "建议在东门增设快递柜",
      wantsCallback: false,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: "registered",
      number: expect.stringMatching(/^JY-E1-/),
      contactName: "王先生",
      contactPhone: "13712345678",
      publicArea: "小区东门",
      unitLabel: null,
      wantsCallback: false,
    });
  });

  it("numbers each kind per estate and per day of the organisation's time zone", async () => {
    const agent = await t.as("cshead");
    // 16:30 UTC on the 28th is already the 29th in Shanghai.
    const late = await agent.post("/api/cases", await phoneComplaint(t, { receivedAt: "2026-11-28T16:30:00Z" }));
    expect(late.body.number).toBe("TS-E1-20261129-0001");
    const second = await agent.post(
      "/api/cases",
      await phoneComplaint(t, { receivedAt: "2026-11-29T01:00:00+08:00", unitId: t.world.a.units["E1-1-102"] }),
    );
    expect(second.body.number).toBe("TS-E1-20261129-0002");
    const otherEstate = await agent.post(
      "/api/cases",
      await phoneComplaint(t, {
        receivedAt: "2026-11-29T02:00:00Z",
        estateId: t.world.a.estates.E2,
        unitId: t.world.a.units["E2-1-101"],
        residentId: t.world.a.residents.res2,
      }),
    );
    expect(otherEstate.body.number).toBe("TS-E2-20261129-0001");
    const repair = await agent.post("/api/cases", await phoneRepair(t, { receivedAt: "2026-11-29T03:00:00Z" }));
    expect(repair.body.number).toBe("BX-E1-20261129-0001");
  });

  it("gives twenty simultaneous intakes twenty different consecutive numbers", async () => {
    const agent = await t.as("cshead");
    const bodies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        phoneComplaint(t, {
          receivedAt: "2026-11-20T02:00:00Z",
          unitId: null,
          publicArea: `${i + 1}号楼大堂`,
          similarCasesAcknowledged: true,
        }),
      ),
    );
    const responses = await Promise.all(bodies.map((body) => agent.post("/api/cases", body)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = responses.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `TS-E1-20261120-${String(i + 1).padStart(4, "0")}`));
  });

  it("R-4.1.3: the clerk may route to another department than the category's default", async () => {
    const agent = await t.as("csagent");
    const response = await agent.post(
      "/api/cases",
      await phoneComplaint(t, { departmentId: t.world.a.catalogue.departments.get("ENV") }),
    );
    expect(response.body.departmentName).toBe("环境部");
  });

  it("points out a similar open case on the same unit within 7 days, and saves only when the clerk confirms", async () => {
    const agent = await t.as("csagent");
    const first = await agent.post("/api/cases", await phoneRepair(t));
    const again = await agent.post("/api/cases", await phoneRepair(t, { content: "还是漏水" }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("SIMILAR_CASE");
    expect(again.body.error.details.similar).toEqual([
      expect.objectContaining({ id: first.body.id, number: first.body.number }),
    ]);
    expect(await countCases(t.database.db)).toBe(1);
    const confirmed = await agent.post(
      "/api/cases",
      await phoneRepair(t, { content: "还是漏水", similarCasesAcknowledged: true }),
    );
    expect(confirmed.status).toBe(201);
    // A complaint about the same unit is another matter: no warning.
    expect((await agent.post("/api/cases", await phoneComplaint(t))).status).toBe(201);
  });

  it("attaches the clerk's own photos, and refuses someone else's upload", async () => {
    const agent = await t.as("csagent");
    const photo = await uploadPhoto(agent);
    const response = await agent.post("/api/cases", await phoneRepair(t, { photoIds: [photo] }));
    expect(response.status).toBe(201);
    expect(response.body.photos).toEqual([
      expect.objectContaining({ fileId: photo, contentType: "image/png", width: 40, height: 30 }),
    ]);
    const image = await fetch(t.baseUrl + response.body.photos[0].url, { headers: { cookie: agent.cookie ?? "" } });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");

    const head = await t.as("cshead");
    const stolen = await head.post(
      "/api/cases",
      await phoneComplaint(t, { photoIds: [photo], unitId: t.world.a.units["E1-1-102"] }),
    );
    expect(stolen.status).toBe(400);
    expect(JSON.stringify(stolen.body.error.details)).toContain("photoIds");
  });

  describe("bad input is refused with a 4xx naming the field, and nothing is written", () => {
    const cases: [string, (t: TestApp) => Promise<Record<string, unknown>>, string][] = [
      [
        "an unknown category",
        async (t) => phoneComplaint(t, { categoryId: "0190d4a0-0000-7000-8000-000000000000" }),
        "categoryId",
      ],
      [
        "a repair category on a complaint",
        async (t) =>
          phoneComplaint(t, { categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK") }),
        "categoryId",
      ],
      ["a unit of another estate", async (t) => phoneComplaint(t, { unitId: t.world.a.units["E2-1-101"] }), "unitId"],
      ["another organisation's estate", async (t) => phoneComplaint(t, { estateId: t.world.b.estates.EB }), "estateId"],
      [
        "another organisation's resident",
        async (t) => phoneComplaint(t, { residentId: t.world.b.residents.resb }),
        "residentId",
      ],
      ["empty content", async (t) => phoneComplaint(t, { content: "   " }), "content"],
      [
        "a visitor with a phone number that is not a phone number",
        async (t) => phoneComplaint(t, { residentId: null, visitor: { name: "李女士", phone: "12345" } }),
        "visitor",
      ],
      [
        "both a resident and a visitor",
        async (t) => phoneComplaint(t, { visitor: { name: "李女士", phone: "13912345678" } }),
        "visitor",
      ],
      [
        "a time of receipt in the future",
        async (t) => phoneComplaint(t, { receivedAt: "2099-01-01T00:00:00Z" }),
        "receivedAt",
      ],
      [
        "a forwarded case without who forwarded it",
        async (t) => phoneComplaint(t, { channel: "forwarded" }),
        "forwardedByName",
      ],
      ["a resident's portal channel", async (t) => phoneComplaint(t, { channel: "portal" }), "channel"],
    ];
    it.each(cases)("%s", async (_name, build, field) => {
      const agent = await t.as("cshead");
      const response = await agent.post("/api/cases", await build(t));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(JSON.stringify(response.body.error.details)).toContain(field);
      expect(await countCases(t.database.db)).toBe(0);
    });
  });

  it("lets only customer service register cases, and only in its own estates", async () => {
    for (const username of ["deptstaff", "depthead", "repairlead", "worker", "qa", "res1"]) {
      const client = await t.as(username);
      expect((await client.post("/api/cases", await phoneComplaint(t))).status, username).toBe(403);
    }
    const agent = await t.as("csagent");
    const outside = await agent.post(
      "/api/cases",
      await phoneComplaint(t, {
        estateId: t.world.a.estates.E2,
        unitId: t.world.a.units["E2-1-101"],
        residentId: t.world.a.residents.res2,
      }),
    );
    expect(outside.status).toBe(400);
    expect(await countCases(t.database.db)).toBe(0);
  });

  describe("forwarding (R-4.1.4, R-4.2.4)", () => {
    it("any staff member passes a case on; it waits in customer service's queue marked with who passed it on", async () => {
      const guard = await t.as("deptstaff");
      const forwarded = await guard.post("/api/cases/forward", {
        kind: "repair",
        estateId: t.world.a.estates.E1,
        publicArea: "2栋电梯厅",
        content: "巡逻时住户反映 2 栋电梯按钮失灵",
      });
      expect(forwarded.status).toBe(201);
      expect(forwarded.body).toMatchObject({
        status: "pending_intake",
        channel: "forwarded",
        forwardedByName: "deptstaff",
        forwardedByDepartmentName: "秩序维护部",
        categoryId: null,
      });
      // The one who passed it on can follow it.
      expect((await guard.get(`/api/cases/${forwarded.body.id}`)).status).toBe(200);

      await drainOutbox(t.database.db);
      const head = await t.as("cshead");
      expect((await head.get("/api/notifications")).body.items).toEqual([
        expect.objectContaining({ topic: "case.forwarded", caseId: forwarded.body.id }),
      ]);
      const queue = await head.get("/api/cases?status=pending_intake");
      expect(queue.body.items.map((c: { id: string }) => c.id)).toEqual([forwarded.body.id]);

      const completed = await head.post(`/api/cases/${forwarded.body.id}/complete`, {
        categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "LIFT_FAULT"),
      });
      expect(completed.status).toBe(200);
      expect(completed.body).toMatchObject({
        status: "dispatched",
        urgency: "urgent",
        categoryName: "电梯故障",
        forwardedByName: "deptstaff",
      });
      expect(completed.body.workOrder.tradeId).toBe(t.world.a.catalogue.trades.get("LIFT"));
      expect(completed.body.events.map((e: { type: string }) => e.type)).toEqual([
        "registered",
        "intake_completed",
        "dispatched",
      ]);

      const again = await head.post(`/api/cases/${forwarded.body.id}/complete`, {
        categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "LIFT_FAULT"),
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("INVALID_TRANSITION");
    });

    it("renumbers a forwarded case completed as another kind", async () => {
      const guard = await t.as("deptstaff");
      const forwarded = await guard.post("/api/cases/forward", {
        kind: "suggestion",
        estateId: t.world.a.estates.E1,
        unitId: t.world.a.units["E1-1-102"],
        content: "住户投诉保洁不及时",
      });
      expect(forwarded.body.number).toMatch(/^JY-/);
      const head = await t.as("cshead");
      const completed = await head.post(`/api/cases/${forwarded.body.id}/complete`, {
        kind: "complaint",
        categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "complaint", "CLEANING"),
      });
      expect(completed.status).toBe(200);
      expect(completed.body.number).toMatch(/^TS-E1-\d{8}-0001$/);
      expect(completed.body).toMatchObject({ status: "routed", departmentName: "环境部" });
    });

    it("residents cannot forward", async () => {
      const resident = await t.as("res1");
      const response = await resident.post("/api/cases/forward", {
        kind: "repair",
        estateId: t.world.a.estates.E1,
        content: "x",
      });
      expect(response.status).toBe(403);
    });
  });
});
