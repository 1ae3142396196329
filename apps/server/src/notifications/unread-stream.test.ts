import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { enqueueNotification } from "./outbox.js";
import { drainOutbox } from "./outbox-worker.js";
import { SseReader } from "./test-support.js";

/** The stream polls every 3 s: a change shows within one poll and a little. */
const CHANGE_SHOWS_WITHIN_MS = 5_000;

describe.each(testDatabases())("the live unread count (server-sent events) on %s", (kind) => {
  let t: TestApp;
  let closed = false;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    if (!closed) await t.close();
  });

  async function openStream(client: ApiClient, signal: AbortSignal) {
    const response = await fetch(`${t.baseUrl}/api/notifications/stream`, {
      headers: { cookie: client.cookie ?? "", accept: "text/event-stream" },
      signal,
    });
    if (!response.body) throw new Error("no body");
    return { response, events: new SseReader(response.body.getReader()) };
  }

  async function notifyDeptHead(number: string): Promise<void> {
    await enqueueNotification(t.database.db, {
      orgId: t.world.a.orgId,
      recipientUserIds: [t.world.a.users.depthead ?? ""],
      topic: "case.routed",
      caseId: null,
      params: { number, kind: "complaint", estateName: "E1 花园" },
    });
    await drainOutbox(t.database.db);
  }

  it("sends the count at once and again whenever it changes, and only then", async () => {
    const head = await t.as("depthead");
    const abort = new AbortController();
    const { response, events } = await openStream(head, abort.signal);
    try {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
      expect(await events.next(CHANGE_SHOWS_WITHIN_MS)).toEqual({ event: "unread", data: '{"count":0}' });

      await notifyDeptHead("TS-1");
      expect(await events.next(CHANGE_SHOWS_WITHIN_MS)).toEqual({ event: "unread", data: '{"count":1}' });

      // Someone else's notification changes nothing: the next event is the head's own change.
      await enqueueNotification(t.database.db, {
        orgId: t.world.a.orgId,
        recipientUserIds: [t.world.a.users.deptstaff ?? ""],
        topic: "case.assigned",
        caseId: null,
        params: { number: "TS-2", kind: "complaint" },
      });
      await drainOutbox(t.database.db);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect((await head.post("/api/notifications/read-all")).status).toBe(204);
      expect(await events.next(CHANGE_SHOWS_WITHIN_MS)).toEqual({ event: "unread", data: '{"count":0}' });
    } finally {
      abort.abort();
    }
  });

  it("requires a signed-in user", async () => {
    const response = await fetch(`${t.baseUrl}/api/notifications/stream`);
    expect(response.status).toBe(401);
  });

  it("lets the server close while a stream is open", async () => {
    const abort = new AbortController();
    const { events } = await openStream(await t.as("depthead"), abort.signal);
    try {
      expect((await events.next(CHANGE_SHOWS_WITHIN_MS)).event).toBe("unread");
      const closing = t.close().then(() => "closed");
      closed = true;
      const timeout = new Promise((resolve) => setTimeout(() => resolve("hung"), 5_000));
      expect(await Promise.race([closing, timeout])).toBe("closed");
      // The stream ended rather than being cut.
      await expect(events.next(1_000)).rejects.toThrow("the stream ended");
    } finally {
      abort.abort();
    }
  });
});
