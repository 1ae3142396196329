import type { NotificationParams, NotificationTopic } from "@estate-desk/domain";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { enqueueNotification } from "./outbox.js";
import { drainOutbox } from "./outbox-worker.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases())("in-app notifications on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom("notifications").execute();
    await t.database.db.deleteFrom("outbox").execute();
  });

  /** What a case workflow does: queue in its transaction; then the worker delivers. */
  async function notify(topic: NotificationTopic, usernames: string[], params: NotificationParams): Promise<void> {
    await t.database.db.transaction().execute(async (tx) => {
      await enqueueNotification(tx, {
        orgId: t.world.a.orgId,
        recipientUserIds: usernames.map((name) => t.world.a.users[name] ?? name),
        topic,
        caseId: null,
        params,
      });
    });
    await drainOutbox(t.database.db);
  }

  const routed = (number: string): NotificationParams => ({
    number,
    kind: "complaint",
    estateName: "E1 花园",
    categoryName: "噪音",
    departmentName: "秩序维护部",
  });

  it("shows the department head a routed case with its display params, and nobody else", async () => {
    await notify("case.routed", ["depthead"], routed("TS-20261129-0001"));

    const head = await t.as("depthead");
    const list = await head.get("/api/notifications");
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [
        {
          id: expect.any(String),
          topic: "case.routed",
          caseId: null,
          params: routed("TS-20261129-0001"),
          createdAt: expect.any(String),
          readAt: null,
        },
      ],
      nextCursor: null,
    });
    expect((await head.get("/api/notifications/unread-count")).body).toEqual({ count: 1 });

    for (const other of ["admin", "deptstaff", "res1", "adminb"]) {
      const client = await t.as(other);
      expect((await client.get("/api/notifications")).body.items, other).toEqual([]);
      expect((await client.get("/api/notifications/unread-count")).body, other).toEqual({ count: 0 });
    }
  });

  it("tells a resident the reply to their case", async () => {
    await notify("case.reply", ["res1"], { number: "TS-20261129-0002", kind: "complaint", estateName: "E1 花园" });
    const resident = await t.as("res1");
    const list = await resident.get("/api/notifications?unread=true");
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ topic: "case.reply", params: { number: "TS-20261129-0002" } });
    expect((await (await t.as("res2")).get("/api/notifications")).body.items).toEqual([]);
  });

  it("marks one notification read, then all of them, and filters by read state", async () => {
    for (const number of ["TS-1", "TS-2", "TS-3"]) await notify("case.routed", ["depthead"], routed(number));
    const head = await t.as("depthead");
    expect((await head.get("/api/notifications/unread-count")).body.count).toBe(3);

    const [first] = (await head.get("/api/notifications")).body.items;
    expect((await head.post(`/api/notifications/${first.id}/read`)).status).toBe(204);
    expect((await head.get("/api/notifications/unread-count")).body.count).toBe(2);

    const unread = await head.get("/api/notifications?unread=true");
    expect(unread.body.items).toHaveLength(2);
    expect(unread.body.items.map((item: { id: string }) => item.id)).not.toContain(first.id);
    const read = await head.get("/api/notifications?unread=false");
    expect(read.body.items).toHaveLength(1);
    expect(read.body.items[0].id).toBe(first.id);
    const readAt = read.body.items[0].readAt;
    expect(Date.parse(readAt)).not.toBeNaN();

    // Marking it again keeps the time it was first read.
    await sleep(5);
    expect((await head.post(`/api/notifications/${first.id}/read`)).status).toBe(204);
    expect((await head.get("/api/notifications?unread=false")).body.items[0].readAt).toBe(readAt);

    expect((await head.post("/api/notifications/read-all")).status).toBe(204);
    expect((await head.get("/api/notifications/unread-count")).body.count).toBe(0);
    expect((await head.get("/api/notifications?unread=true")).body.items).toEqual([]);
    expect((await head.get("/api/notifications")).body.items).toHaveLength(3);
  });

  it("answers 404 to marking someone else's notification read and leaves it unread", async () => {
    await notify("case.routed", ["depthead"], routed("TS-20261129-0003"));
    const head = await t.as("depthead");
    const [item] = (await head.get("/api/notifications")).body.items;

    for (const other of ["deptstaff", "admin", "adminb"]) {
      const response = await (await t.as(other)).post(`/api/notifications/${item.id}/read`);
      expect(response.status, other).toBe(404);
      expect(response.body.error.code).toBe("NOT_FOUND");
    }
    // Read-all by someone else touches only their own.
    expect((await (await t.as("deptstaff")).post("/api/notifications/read-all")).status).toBe(204);
    expect((await head.get("/api/notifications/unread-count")).body.count).toBe(1);

    expect((await head.post("/api/notifications/00000000-0000-7000-8000-000000000000/read")).status).toBe(404);
    expect((await head.post("/api/notifications/not-an-id/read")).status).toBe(400);
  });

  it("pages newest first with a cursor", async () => {
    for (let i = 1; i <= 5; i++) {
      await notify("case.dispatched", ["repairlead"], { number: `BX-${i}`, kind: "repair", estateName: "E1 花园" });
      await sleep(3); // distinct creation times, so "newest first" has one answer
    }
    const lead = await t.as("repairlead");
    const numbers: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : "limit=2";
      const page = await lead.get(`/api/notifications?${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      numbers.push(...page.body.items.map((item: { params: NotificationParams }) => item.params.number));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(numbers).toEqual(["BX-5", "BX-4", "BX-3", "BX-2", "BX-1"]);

    expect((await lead.get("/api/notifications?cursor=garbage")).status).toBe(400);
    expect((await lead.get("/api/notifications?unread=maybe")).status).toBe(400);
  });

  it("requires a signed-in user and the CSRF token on writes", async () => {
    expect((await t.anonymous().get("/api/notifications")).status).toBe(401);
    expect((await t.anonymous().get("/api/notifications/unread-count")).status).toBe(401);
    expect((await t.anonymous().post("/api/notifications/read-all")).status).toBe(401);
    const head = await t.as("depthead");
    const response = await head.request("POST", "/api/notifications/read-all", undefined, { csrf: false });
    expect(response.status).toBe(403);
  });

  it("documents the endpoints in the OpenAPI document", async () => {
    const document = (await t.anonymous().get("/api/openapi.json")).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/notifications",
        "/api/notifications/unread-count",
        "/api/notifications/{id}/read",
        "/api/notifications/read-all",
        "/api/notifications/stream",
        "/api/webhooks",
        "/api/webhooks/{id}",
        "/api/webhooks/{id}/test",
        "/api/outbox/dead",
        "/api/outbox/{id}/retry",
        "/api/outbox/stats",
      ]),
    );
  });
});
