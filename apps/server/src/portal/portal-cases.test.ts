import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("residents file and follow their cases in the portal on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("a resident files a repair for their own unit with a photo, gets its number, and it is dispatched at once", async () => {
    const resident = await t.as("res1");
    const photo = await uploadPhoto(resident, 64, 48);
    const response = await resident.post("/api/portal/cases", {
      kind: "repair",
      unitId: t.world.a.units["E1-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK"),
      content: "阳台地漏堵塞，雨天积水",
      photoIds: [photo],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      number: expect.stringMatching(/^BX-E1-\d{8}-0001$/),
      status: "dispatched",
      unitLabel: "1栋 1-101",
      categoryName: "漏水渗水",
      photos: [expect.objectContaining({ width: 64, height: 48 })],
    });
    const image = await fetch(t.baseUrl + response.body.photos[0].url, { headers: { cookie: resident.cookie ?? "" } });
    expect(image.status).toBe(200);

    // Customer service sees it in the register, with the channel and the resident.
    const head = await t.as("cshead");
    const detail = await head.get(`/api/cases/${response.body.id}`);
    expect(detail.body).toMatchObject({ channel: "portal", contactName: "住户res1", receivedByName: null });
    const staffImage = await fetch(t.baseUrl + detail.body.photos[0].url, { headers: { cookie: head.cookie ?? "" } });
    expect(staffImage.status).toBe(200);

    await drainOutbox(t.database.db);
    const lead = await t.as("repairlead");
    expect((await lead.get("/api/notifications")).body.items).toEqual([
      expect.objectContaining({ topic: "case.dispatched", caseId: response.body.id }),
    ]);

    const list = await resident.get("/api/portal/cases");
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([response.body.id]);
  });

  it("flags a second open repair of the same unit instead of refusing the resident", async () => {
    const resident = await t.as("res1");
    const response = await resident.post("/api/portal/cases", {
      kind: "repair",
      unitId: t.world.a.units["E1-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "PIPE_BLOCK"),
      content: "地漏还是堵",
    });
    expect(response.status).toBe(201);
    expect(response.body.events.map((e: { type: string }) => e.type)).toContain("similar_case_flagged");
  });

  it("refuses a unit that is not the resident's, a category of the wrong kind, and another resident's upload", async () => {
    const resident = await t.as("res1");
    const notMine = await resident.post("/api/portal/cases", {
      kind: "repair",
      unitId: t.world.a.units["E2-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK"),
      content: "x",
    });
    expect(notMine.status).toBe(400);
    expect(JSON.stringify(notMine.body.error.details)).toContain("unitId");
    const wrongKind = await resident.post("/api/portal/cases", {
      kind: "complaint",
      unitId: t.world.a.units["E1-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK"),
      content: "x",
    });
    expect(wrongKind.status).toBe(400);
    const other = await t.as("res2");
    const othersPhoto = await uploadPhoto(other);
    const stolen = await resident.post("/api/portal/cases", {
      kind: "complaint",
      unitId: t.world.a.units["E1-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "complaint", "CLEANING"),
      content: "楼道垃圾无人清理",
      photoIds: [othersPhoto],
    });
    expect(stolen.status).toBe(400);
  });

  it("never shows one resident another's case or photo", async () => {
    const resident = await t.as("res1");
    const own = (await resident.get("/api/portal/cases")).body.items.find(
      (c: { photos: unknown[] }) => c.photos.length > 0,
    );
    const other = await t.as("res2");
    expect((await other.get(`/api/portal/cases/${own.id}`)).status).toBe(404);
    expect((await other.get(own.photos[0].url)).status).toBe(404);
    expect((await other.get("/api/portal/cases")).body.items).toEqual([]);
    const residentB = await t.as("resb");
    expect((await residentB.get(`/api/portal/cases/${own.id}`)).status).toBe(404);
  });

  it("shows a resident a case customer service registered about their unit, without internal notes", async () => {
    const head = await t.as("cshead");
    const registered = await head.post("/api/cases", {
      kind: "complaint",
      estateId: t.world.a.estates.E1,
      channel: "phone",
      visitor: { name: "租客小刘", phone: "13511112222" },
      unitId: t.world.a.units["E1-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "complaint", "NOISE"),
      content: "楼上装修噪音",
    });
    await head.post(`/api/cases/${registered.body.id}/comments`, {
      visibility: "internal",
      body: "内部：已联系装修方",
    });
    const resident = await t.as("res1");
    const seen = await resident.get(`/api/portal/cases/${registered.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.replies).toEqual([]);
    expect(seen.body.events.map((e: { type: string }) => e.type)).not.toContain("noted");
  });

  it("lists the active categories of a kind for the resident to choose from", async () => {
    const resident = await t.as("res1");
    const response = await resident.get("/api/portal/categories?kind=repair");
    expect(response.status).toBe(200);
    expect(response.body.items.map((c: { name: string }) => c.name)).toContain("漏水渗水");
    expect(response.body.items.every((c: { kind: string }) => c.kind === "repair")).toBe(true);
    const residentB = await t.as("resb");
    const other = (await residentB.get("/api/portal/categories?kind=repair")).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(other).not.toContain(response.body.items[0].id);
    expect((await (await t.as("cshead")).get("/api/portal/categories")).status).toBe(403);
  });

  it("is for residents only", async () => {
    const staff = await t.as("cshead");
    expect(
      (
        await staff.post("/api/portal/cases", {
          kind: "repair",
          unitId: t.world.a.units["E1-1-101"],
          categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK"),
          content: "x",
        })
      ).status,
    ).toBe(403);
    expect((await staff.get("/api/portal/cases")).status).toBe(403);
  });
});
