import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPlannedCallback } from "../nonconformities/callback-rows.testing.js";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const XSS = `<script>alert("xss")</script><img src=x onerror=alert(1)><p onclick="alert(2)">尊敬的业主：<a href="javascript:alert(3)">点此</a></p>`;

describe.each(testDatabases())("open letters (R-4.10.1) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("R-4.10.1: a letter is sanitised, published to the chosen estates' residents only, answers the linked callbacks and is filed in the archive", async () => {
    const cshead = await t.as("cshead");
    const complaint = (await cshead.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true })))
      .body;
    const callbackId = await insertPlannedCallback(t.database.db, {
      orgId: t.world.a.orgId,
      estateId: t.world.a.estates.E1 as string,
      caseId: complaint.id,
      assignedTo: t.world.a.users.csagent as string,
    });

    const created = await cshead.post("/api/open-letters", {
      title: "关于夜间巡逻的公开信",
      bodyHtml: `${XSS}<ul><li>增加夜班巡逻</li></ul>`,
      estateIds: [t.world.a.estates.E1],
      caseIds: [complaint.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.bodyHtml).toBe("<p>尊敬的业主：点此</p><ul><li>增加夜班巡逻</li></ul>");
    expect(created.body).toMatchObject({ status: "draft", caseCount: 1, estateNames: ["E1 花园"] });
    const id = created.body.id as string;
    expect(
      (
        await cshead.post("/api/open-letters", {
          title: "x",
          bodyHtml: "<script>x</script>",
          estateIds: [t.world.a.estates.E1],
        })
      ).status,
    ).toBe(400);

    const res1 = await t.as("res1");
    expect((await res1.get("/api/portal/open-letters")).body.items).toEqual([]);
    expect((await res1.get(`/api/portal/open-letters/${id}`)).status).toBe(404);

    const published = await cshead.post(`/api/open-letters/${id}/publish`, { answerCallbacks: true });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: "published",
      answeredCallbacks: 1,
      publishedByName: expect.any(String),
    });
    const callback = await t.database.db
      .selectFrom("callbacks")
      .selectAll()
      .where("id", "=", callbackId)
      .executeTakeFirstOrThrow();
    expect(callback).toMatchObject({ status: "done", outcome: "answered_by_letter", answered_by_letter_id: id });
    expect(
      (
        await cshead.request("PUT", `/api/open-letters/${id}`, {
          title: "改",
          bodyHtml: "<p>改</p>",
          estateIds: [t.world.a.estates.E1],
        })
      ).status,
    ).toBe(409);

    const portal = (await res1.get("/api/portal/open-letters")).body.items;
    expect(portal).toEqual([expect.objectContaining({ id, title: "关于夜间巡逻的公开信", estateNames: ["E1 花园"] })]);
    expect((await res1.get(`/api/portal/open-letters/${id}`)).body.bodyHtml).not.toMatch(
      /script|onerror|onclick|javascript/i,
    );
    // Residents of other estates and other organisations do not see it.
    const res2 = await t.as("res2");
    expect((await res2.get("/api/portal/open-letters")).body.items).toEqual([]);
    expect((await res2.get(`/api/portal/open-letters/${id}`)).status).toBe(404);
    expect((await (await t.as("resb")).get(`/api/portal/open-letters/${id}`)).status).toBe(404);
    // Staff cannot use the portal route, residents cannot use the archive.
    expect((await cshead.get("/api/portal/open-letters")).status).toBe(403);
    expect((await res1.get("/api/open-letters")).status).toBe(403);

    // The archive: customer service of E1 sees it; a letter for E2 only is not theirs.
    const e2 = (
      await cshead.post("/api/open-letters", {
        title: "E2 通知",
        bodyHtml: "<p>E2</p>",
        estateIds: [t.world.a.estates.E2],
      })
    ).body;
    const agent = await t.as("csagent");
    const archive = (await agent.get("/api/open-letters")).body.items.map((i: { id: string }) => i.id);
    expect(archive).toContain(id);
    expect(archive).not.toContain(e2.id);
    expect((await agent.get(`/api/open-letters/${e2.id}`)).status).toBe(404);
    expect((await (await t.as("adminb")).get(`/api/open-letters/${id}`)).status).toBe(404);

    const withdrawn = await cshead.post(`/api/open-letters/${id}/withdraw`);
    expect(withdrawn.body.status).toBe("withdrawn");
    expect((await res1.get("/api/portal/open-letters")).body.items).toEqual([]);
    expect(
      (await cshead.get("/api/open-letters?status=withdrawn")).body.items.map((i: { id: string }) => i.id),
    ).toEqual([id]);
  });
});
