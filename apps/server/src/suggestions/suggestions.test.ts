import { mondayOf, zonedDateOf } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("weekly classification of suggestions into topics (R-4.7.1, R-4.7.2) on %s", (kind) => {
  let t: TestApp;
  const week = mondayOf(zonedDateOf("Asia/Shanghai", new Date().toISOString()));
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  async function suggestion(content: string, estate: "E1" | "E2" = "E1", extra: Record<string, unknown> = {}) {
    const agent = await t.as("cshead");
    const response = await agent.post("/api/cases", {
      kind: "suggestion",
      estateId: t.world.a.estates[estate],
      channel: "walk_in",
      visitor: { name: "王先生", phone: "13712345678" },
      publicArea: "小区东门",
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "suggestion", "AMENITY"),
      content,
      wantsCallback: false,
      similarCasesAcknowledged: true,
      ...extra,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  }

  it("R-4.7.1/R-4.7.2: shows the week's suggestions, proposes groupings, classifies, groups into a topic and notifies its handlers", async () => {
    const lift1 = await suggestion("3栋电梯经常故障，希望尽快维修");
    const parcel1 = await suggestion("建议在东门增设快递柜");
    const lift2 = await suggestion("3栋的电梯又故障了，请尽快修好", "E2");
    const parcel2 = await suggestion("东门能不能增设一个快递柜");
    const cshead = await t.as("cshead");

    const screen = await cshead.get(`/api/suggestions/week?weekStart=${week}`);
    expect(screen.status).toBe(200);
    expect(screen.body.weekStart).toBe(week);
    expect(screen.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([lift1, parcel1, lift2, parcel2]);
    expect(screen.body.suggestedGroupings.map((g: { caseIds: string[] }) => g.caseIds)).toEqual([
      [lift1, lift2],
      [parcel1, parcel2],
    ]);
    // The E1-only agent sees only E1's suggestions.
    const agent = await t.as("csagent");
    expect(
      (await agent.get(`/api/suggestions/week?weekStart=${week}`)).body.items.map((i: { caseId: string }) => i.caseId),
    ).toEqual([lift1, parcel1, parcel2]);

    const classified = await cshead.post("/api/suggestions/classifications", {
      weekStart: week,
      items: [
        { caseId: parcel1, classification: "facilities" },
        { caseId: parcel2, classification: "facilities" },
      ],
    });
    expect(classified.status).toBe(204);
    expect(
      (
        await cshead.post("/api/suggestions/classifications", {
          weekStart: week,
          items: [{ caseId: lift1, classification: "nonsense" }],
        })
      ).status,
    ).toBe(400);

    const created = await cshead.post("/api/suggestion-topics", {
      weekStart: week,
      title: "3栋电梯频繁故障",
      classification: "facilities",
      departmentId: t.world.a.catalogue.departments.get("SEC"),
      caseIds: [lift1, lift2],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "open", caseCount: 2, estateId: null, departmentName: "秩序维护部" });
    expect(created.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([lift1, lift2]);
    const topicId = created.body.id as string;

    const after = (await cshead.get(`/api/suggestions/week?weekStart=${week}`)).body;
    expect(after.items.find((i: { caseId: string }) => i.caseId === lift2)).toMatchObject({
      topicId,
      classification: "facilities",
      topicTitle: "3栋电梯频繁故障",
    });
    expect(after.suggestedGroupings.map((g: { caseIds: string[] }) => g.caseIds)).toEqual([[parcel1, parcel2]]);

    const notified = await cshead.post(`/api/suggestion-topics/${topicId}/notify`);
    expect(notified.status).toBe(200);
    expect(notified.body.status).toBe("notified");
    await drainOutbox(t.database.db);
    const depthead = await t.as("depthead");
    const notices = (await depthead.get("/api/notifications")).body.items;
    expect(
      notices.some(
        (n: { topic: string; params: { topicId: string } }) =>
          n.topic === "topic.assigned" && n.params.topicId === topicId,
      ),
    ).toBe(true);

    // The department sees its topic and answers it; a department not named does not see it.
    expect((await depthead.get("/api/suggestion-topics")).body.items.map((i: { id: string }) => i.id)).toContain(
      topicId,
    );
    const answered = await depthead.post(`/api/suggestion-topics/${topicId}/answer`, {
      answer: "已联系电梯维保单位更换主板",
    });
    expect(answered.body).toMatchObject({ status: "answered", answer: "已联系电梯维保单位更换主板" });
    expect((await (await t.as("worker")).get(`/api/suggestion-topics/${topicId}`)).status).toBe(404);
    expect((await (await t.as("adminb")).get(`/api/suggestion-topics/${topicId}`)).status).toBe(404);
    // A topic over several estates is centre-wide: customer service of each estate sees it.
    expect(
      (await agent.get(`/api/suggestion-topics?weekStart=${week}`)).body.items.map((i: { id: string }) => i.id),
    ).toContain(topicId);
  });

  it("R-4.7.2: a topic regroups its source cases; cases from another organisation or not suggestions are refused", async () => {
    const a = await suggestion("小区里遛狗不牵绳，很危险");
    const b = await suggestion("遛狗不牵绳的太多了");
    const cshead = await t.as("cshead");
    const topic = (
      await cshead.post("/api/suggestion-topics", {
        weekStart: week,
        title: "遛狗不牵绳",
        classification: "management",
        caseIds: [a],
      })
    ).body;
    expect(topic.estateId).toBe(t.world.a.estates.E1);
    const updated = await cshead.patch(`/api/suggestion-topics/${topic.id}`, {
      caseIds: [a, b],
      handlerId: t.world.a.users.deptstaff,
    });
    expect(updated.body).toMatchObject({ caseCount: 2, handlerName: expect.any(String) });
    expect((await cshead.post(`/api/suggestion-topics/${topic.id}/notify`)).status).toBe(200);

    const complaint = await cshead.post("/api/cases", {
      kind: "complaint",
      estateId: t.world.a.estates.E1,
      channel: "phone",
      residentId: t.world.a.residents.res1,
      unitId: t.world.a.units["E1-1-101"],
      categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "complaint", "SECURITY"),
      content: "保安不作为",
      similarCasesAcknowledged: true,
    });
    const refused = await cshead.post("/api/suggestion-topics", {
      weekStart: week,
      title: "x",
      classification: "other",
      caseIds: [complaint.body.id],
    });
    expect(refused.status).toBe(400);
    // Administrators do not classify (customer service does); organisation B's cannot even try.
    const adminb = await t.as("adminb");
    expect(
      (
        await adminb.post("/api/suggestion-topics", {
          weekStart: week,
          title: "x",
          classification: "other",
          caseIds: [a],
        })
      ).status,
    ).toBe(403);
    // Without a department or handler there is nobody to notify.
    const lonely = (
      await cshead.post("/api/suggestion-topics", {
        weekStart: week,
        title: "y",
        classification: "other",
        caseIds: [b],
      })
    ).body;
    expect((await cshead.post(`/api/suggestion-topics/${lonely.id}/notify`)).status).toBe(400);
  });
});
