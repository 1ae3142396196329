import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf, phoneComplaint, phoneRepair } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

interface Created {
  id: string;
  number: string;
}

describe.each(testDatabases())("the register (QR-022): search, filters, visibility, detail on %s", (kind) => {
  let t: TestApp;
  let leak: Created;
  let noise: Created;
  let liftE2: Created;
  let suggestion: Created;
  let forwardedByWorker: Created;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const head = await t.as("cshead");
    const create = async (body: Record<string, unknown>): Promise<Created> => {
      const response = await head.post("/api/cases", { similarCasesAcknowledged: true, ...body });
      if (response.status !== 201) throw new Error(JSON.stringify(response.body));
      return response.body;
    };
    leak = await create(
      await phoneRepair(t, { content: "厨房水管漏水，地板已经泡了", receivedAt: "2026-11-02T02:00:00Z" }),
    );
    noise = await create(await phoneComplaint(t, { receivedAt: "2026-11-03T02:00:00Z", urgency: "high" }));
    liftE2 = await create(
      await phoneRepair(t, {
        estateId: t.world.a.estates.E2,
        unitId: null,
        residentId: null,
        visitor: { name: "赵阿姨", phone: "13687654321" },
        publicArea: "3栋电梯",
        categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "LIFT_FAULT"),
        content: "电梯困人，已报警",
        receivedAt: "2026-11-04T02:00:00Z",
      }),
    );
    suggestion = await create({
      kind: "suggestion",
      estateId: t.world.a.estates.E1,
      channel: "letter",
      publicArea: "中心花园",
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "suggestion", "AMENITY"),
      content: "希望增加儿童游乐设施",
      receivedAt: "2026-11-05T02:00:00Z",
    });
    const worker = await t.as("worker");
    const forwarded = await worker.post("/api/cases/forward", {
      kind: "repair",
      estateId: t.world.a.estates.E1,
      unitId: t.world.a.units["E1-1-102"],
      content: "维修时住户说阳台灯不亮",
    });
    forwardedByWorker = forwarded.body;
  });
  afterAll(async () => {
    await t.close();
  });

  const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((c) => c.id);

  it("lists every case newest first for customer service", async () => {
    const head = await t.as("cshead");
    const response = await head.get("/api/cases");
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual([forwardedByWorker.id, suggestion.id, liftE2.id, noise.id, leak.id]);
  });

  it.each([
    ["漏水", () => [leak.id]],
    ["电梯", () => [liftE2.id]],
    ["水管漏水", () => [leak.id]],
    ["13687654321", () => [liftE2.id]],
    ["4321", () => [liftE2.id]],
    ["1-101", () => [noise.id, leak.id]],
    ["赵阿姨", () => [liftE2.id]],
  ])("finds %s", async (query, expected) => {
    const head = await t.as("cshead");
    const response = await head.get(`/api/cases?q=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(expected());
  });

  it("finds a case by its number", async () => {
    const head = await t.as("cshead");
    const response = await head.get(`/api/cases?q=${encodeURIComponent(noise.number)}`);
    expect(ids(response)).toContain(noise.id);
  });

  it("does not find what is not there, and refuses a one-character search", async () => {
    const head = await t.as("cshead");
    expect(ids(await head.get(`/api/cases?q=${encodeURIComponent("停车")}`))).toEqual([]);
    const single = await head.get(`/api/cases?q=${encodeURIComponent("水")}`);
    expect(single.status).toBe(400);
  });

  it("treats search input as text, never as SQL or search syntax", async () => {
    const head = await t.as("cshead");
    for (const attack of [`' OR 1=1 --`, `"漏水" OR *`, "漏水) OR (1=1", "NEAR(漏水 电梯)", "%_%"]) {
      const response = await head.get(`/api/cases?q=${encodeURIComponent(attack)}`);
      expect([200, 400], attack).toContain(response.status);
      if (response.status === 200) expect(ids(response).length, attack).toBeLessThanOrEqual(1);
    }
  });

  it("filters by kind, estate, status, category, department, channel and date range", async () => {
    const head = await t.as("cshead");
    expect(ids(await head.get("/api/cases?kind=repair"))).toEqual([forwardedByWorker.id, liftE2.id, leak.id]);
    expect(ids(await head.get(`/api/cases?estateId=${t.world.a.estates.E2}`))).toEqual([liftE2.id]);
    expect(ids(await head.get("/api/cases?status=routed"))).toEqual([noise.id]);
    expect(ids(await head.get("/api/cases?channel=letter"))).toEqual([suggestion.id]);
    const sec = t.world.a.catalogue.departments.get("SEC");
    expect(ids(await head.get(`/api/cases?departmentId=${sec}`))).toEqual([noise.id]);
    const leakCategory = await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK");
    expect(ids(await head.get(`/api/cases?categoryId=${leakCategory}`))).toEqual([leak.id]);
    const range = await head.get("/api/cases?from=2026-11-03T00:00:00Z&to=2026-11-05T00:00:00Z");
    expect(ids(range)).toEqual([liftE2.id, noise.id]);
    expect(ids(await head.get(`/api/cases?kind=repair&q=%E6%BC%8F%E6%B0%B4&estateId=${t.world.a.estates.E2}`))).toEqual(
      [],
    );
  });

  it("sorts by urgency and by number, and pages with a cursor without repeats or gaps", async () => {
    const head = await t.as("cshead");
    const byUrgency = await head.get("/api/cases?sort=urgency&order=desc");
    expect(ids(byUrgency).slice(0, 2)).toEqual([liftE2.id, noise.id]);
    const byNumber = await head.get("/api/cases?sort=number&order=asc");
    const numbers = byNumber.body.items.map((c: { number: string }) => c.number);
    expect(numbers).toEqual([...numbers].sort());

    for (const sort of ["receivedAt", "number", "urgency"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${cursor}` : "";
        const page = await head.get(`/api/cases?sort=${sort}&limit=2${suffix}`);
        expect(page.status).toBe(200);
        seen.push(...ids(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(5);
      expect(seen.length, sort).toBe(5);
    }
    const page = await head.get("/api/cases?sort=urgency&limit=2");
    expect((await head.get(`/api/cases?sort=number&cursor=${page.body.nextCursor}`)).status).toBe(400);
  });

  describe("who sees what (R-3.0)", () => {
    it("customer service limited to E1 sees only E1's cases", async () => {
      const agent = await t.as("csagent");
      expect(ids(await agent.get("/api/cases"))).toEqual([forwardedByWorker.id, suggestion.id, noise.id, leak.id]);
      expect((await agent.get(`/api/cases/${liftE2.id}`)).status).toBe(404);
      expect(ids(await agent.get(`/api/cases?q=${encodeURIComponent("电梯")}`))).toEqual([]);
    });

    it("a department sees the complaints routed to it, not the repairs", async () => {
      for (const username of ["depthead", "deptstaff"]) {
        const client = await t.as(username);
        expect(ids(await client.get("/api/cases")), username).toEqual([noise.id]);
        expect((await client.get(`/api/cases/${leak.id}`)).status, username).toBe(404);
      }
    });

    it("the repair team leader sees the repairs of his estates", async () => {
      const lead = await t.as("repairlead");
      expect(ids(await lead.get("/api/cases"))).toEqual([forwardedByWorker.id, leak.id]);
    });

    it("a repair worker sees what he passed on", async () => {
      const worker = await t.as("worker");
      expect(ids(await worker.get("/api/cases"))).toEqual([forwardedByWorker.id]);
    });

    it("another organisation sees nothing, and residents use the portal instead", async () => {
      const adminB = await t.as("adminb");
      expect(ids(await adminB.get("/api/cases"))).toEqual([]);
      expect(ids(await adminB.get(`/api/cases?q=${encodeURIComponent("漏水")}`))).toEqual([]);
      expect((await adminB.get(`/api/cases/${leak.id}`)).status).toBe(404);
      const resident = await t.as("res1");
      expect((await resident.get("/api/cases")).status).toBe(403);
      expect((await resident.get(`/api/cases/${leak.id}`)).status).toBe(403);
    });
  });

  describe("comments and duplicates", () => {
    it("keeps internal notes apart from replies to the resident, and tells the resident of a reply", async () => {
      const head = await t.as("cshead");
      const note = await head.post(`/api/cases/${leak.id}/comments`, {
        visibility: "internal",
        body: "楼上 2-101 业主出差，需约时间",
      });
      expect(note.status).toBe(201);
      const reply = await head.post(`/api/cases/${leak.id}/comments`, {
        visibility: "resident",
        body: "维修师傅今天下午三点上门",
      });
      expect(reply.status).toBe(201);
      const detail = await head.get(`/api/cases/${leak.id}`);
      expect(detail.body.comments.map((c: { visibility: string }) => c.visibility)).toEqual(["internal", "resident"]);

      const resident = await t.as("res1");
      const own = await resident.get(`/api/portal/cases/${leak.id}`);
      expect(own.body.replies.map((r: { body: string }) => r.body)).toEqual(["维修师傅今天下午三点上门"]);
      expect(JSON.stringify(own.body)).not.toContain("出差");

      await drainOutbox(t.database.db);
      const notices = (await resident.get("/api/notifications")).body.items;
      expect(notices).toEqual([expect.objectContaining({ topic: "case.reply", caseId: leak.id })]);
    });

    it("refuses comments to those who cannot see the case, and empty ones", async () => {
      const agent = await t.as("csagent");
      expect((await agent.post(`/api/cases/${liftE2.id}/comments`, { visibility: "internal", body: "x" })).status).toBe(
        404,
      );
      const head = await t.as("cshead");
      expect((await head.post(`/api/cases/${leak.id}/comments`, { visibility: "internal", body: " " })).status).toBe(
        400,
      );
      expect((await head.post(`/api/cases/${leak.id}/comments`, { visibility: "public", body: "x" })).status).toBe(400);
    });

    it("marks a case a duplicate of another: both stay, linked", async () => {
      const head = await t.as("cshead");
      const duplicate = await head.post("/api/cases", {
        ...(await phoneRepair(t, { content: "又来电：厨房漏水", similarCasesAcknowledged: true })),
      });
      const marked = await head.post(`/api/cases/${duplicate.body.id}/duplicate`, { originalId: leak.id });
      expect(marked.status).toBe(200);
      expect(marked.body.duplicateOfId).toBe(leak.id);
      const original = await head.get(`/api/cases/${leak.id}`);
      expect(original.body.duplicates).toEqual([{ id: duplicate.body.id, number: duplicate.body.number }]);
      expect(ids(await head.get(`/api/cases?q=${encodeURIComponent("漏水")}`))).toEqual(
        expect.arrayContaining([leak.id, duplicate.body.id]),
      );
      expect((await head.post(`/api/cases/${leak.id}/duplicate`, { originalId: duplicate.body.id })).status).toBe(400);
      expect((await head.post(`/api/cases/${leak.id}/duplicate`, { originalId: leak.id })).status).toBe(400);
      const deptstaff = await t.as("deptstaff");
      expect((await deptstaff.post(`/api/cases/${leak.id}/duplicate`, { originalId: noise.id })).status).toBe(403);
    });
  });

  describe("the intake screen's lookup", () => {
    it("finds a caller by phone number with their units and open cases", async () => {
      const head = await t.as("cshead");
      const response = await head.get("/api/intake/lookup?q=13900001001");
      expect(response.status).toBe(200);
      expect(response.body.residents).toEqual([
        expect.objectContaining({
          id: t.world.a.residents.res1,
          units: [expect.objectContaining({ label: "1栋 1-101", relation: "owner" })],
        }),
      ]);
      const open = response.body.residents[0].openCases.map((c: { id: string }) => c.id);
      expect(open).toEqual(expect.arrayContaining([leak.id, noise.id]));
      expect(response.body.units).toEqual([]);
    });

    it("finds units by number, within the clerk's estates only", async () => {
      const head = await t.as("cshead");
      const all = await head.get(`/api/intake/lookup?q=${encodeURIComponent("1-101")}`);
      expect(all.body.units.map((u: { estateName: string }) => u.estateName).sort()).toEqual(["E1 花园", "E2 花园"]);
      const agent = await t.as("csagent");
      const scoped = await agent.get(`/api/intake/lookup?q=${encodeURIComponent("1-101")}`);
      expect(scoped.body.units.map((u: { estateName: string }) => u.estateName)).toEqual(["E1 花园"]);
      expect(scoped.body.residents).toEqual([]);
      expect(scoped.body.units[0].residents).toEqual([
        expect.objectContaining({ residentId: t.world.a.residents.res1, relation: "owner" }),
      ]);
      const adminB = await t.as("adminb");
      expect((await adminB.get("/api/intake/lookup?q=13900001001")).status).toBe(403);
    });

    it("lists the open cases of a kind on a unit from the last 7 days", async () => {
      const head = await t.as("cshead");
      const recent = await head.post("/api/cases", await phoneRepair(t, { similarCasesAcknowledged: true }));
      const response = await head.get(`/api/intake/similar?kind=repair&unitId=${t.world.a.units["E1-1-101"]}`);
      const similar = response.body.items.map((c: { id: string }) => c.id);
      expect(similar).toContain(recent.body.id);
      // Received on 2 November: older than a week.
      expect(similar).not.toContain(leak.id);
      const agent = await t.as("csagent");
      expect((await agent.get(`/api/intake/similar?kind=repair&unitId=${t.world.a.units["E2-1-101"]}`)).status).toBe(
        404,
      );
    });
  });
});
