import { createHmac, timingSafeEqual } from "node:crypto";
import type { NotificationTopic } from "@estate-desk/domain";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { type ChannelDeliverers, createDeliverers } from "./deliverers.js";
import { enqueueNotification } from "./outbox.js";
import { backoffMs, drainOutbox, MAX_ATTEMPTS } from "./outbox-worker.js";
import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from "./test-support.js";

/** What a receiver does: recompute the signature over the raw body with the shared secret. */
function verifySignature(secret: string, request: Pick<ReceivedRequest, "headers" | "body">): boolean {
  const timestamp = String(request.headers["x-estatedesk-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex")}`;
  const given = String(request.headers["x-estatedesk-signature"]);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

describe.each(testDatabases())("signed webhooks on %s", (kind) => {
  let t: TestApp;
  let receiver: HttpReceiver;
  let channels: ChannelDeliverers;
  /** A real case, so that the in-app rows queued beside the webhook rows can be delivered too. */
  let caseId: string;

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    // The receiver listens on 127.0.0.1, which the SSRF guard refuses unless told otherwise.
    t = await startTestApp(kind, {
      env: { ALLOW_PRIVATE_WEBHOOKS: "true", PUBLIC_URL: "https://desk.example.com" },
    });
    await t.database.db
      .updateTable("users")
      .set({ phone: "13800000001" })
      .where("id", "=", t.world.a.users.depthead ?? "")
      .execute();
    caseId = (await (await t.as("csagent")).post("/api/cases", await phoneComplaint(t))).body.id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom("notifications").execute();
    await t.database.db.deleteFrom("outbox").execute();
    await t.database.db.deleteFrom("webhook_subscriptions").execute();
    receiver.requests.length = 0;
    receiver.status = 200;
    channels = createDeliverers(t.config);
  });
  afterEach(() => channels.close());

  async function subscribe(topics: NotificationTopic[]): Promise<{ id: string; secret: string }> {
    const response = await (await t.as("admin")).post("/api/webhooks", { url: receiver.url, topics });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function notify(topic: NotificationTopic, usernames: string[]): Promise<void> {
    await enqueueNotification(t.database.db, {
      orgId: t.world.a.orgId,
      recipientUserIds: usernames.map((name) => t.world.a.users[name] ?? name),
      topic,
      caseId,
      params: { number: "TS-20261129-0007", kind: "complaint", estateName: "E1 花园", departmentName: "秩序维护部" },
    });
  }

  const drain = (now?: () => string) => drainOutbox(t.database.db, { deliverers: channels.deliverers, now });
  const webhookRows = () =>
    t.database.db.selectFrom("outbox").selectAll().where("channel", "=", "webhook").orderBy("id").execute();

  it("creates a subscription whose secret is shown once and never audited", async () => {
    const admin = await t.as("admin");
    const created = await admin.post("/api/webhooks", {
      url: receiver.url,
      topics: ["case.routed", "case.routed", "case.escalated"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: receiver.url,
      topics: ["case.routed", "case.escalated"],
      active: true,
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const list = await admin.get("/api/webhooks");
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, url: receiver.url })]);
    expect(list.body.items[0]).not.toHaveProperty("secret");

    const changed = await admin.patch(`/api/webhooks/${created.body.id}`, { topics: ["case.major"], active: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ topics: ["case.major"], active: false });
    expect(changed.body).not.toHaveProperty("secret");
    expect((await admin.delete(`/api/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await admin.get("/api/webhooks")).body.items).toEqual([]);

    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "before_json", "after_json"])
      .where("entity_id", "=", created.body.id)
      .orderBy("at")
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.created", "webhook.updated", "webhook.deleted"]);
    expect(JSON.stringify(audit)).not.toContain(created.body.secret);
  });

  it("POSTs each recipient's event signed with the secret, and a tampered body fails verification", async () => {
    const { secret } = await subscribe(["case.routed"]);
    await notify("case.routed", ["depthead", "deptstaff"]);
    // Not subscribed to this topic: in-app only.
    await notify("case.dispatched", ["depthead"]);
    const rows = await webhookRows();
    expect(rows).toHaveLength(2);

    expect(await drain()).toBe(5);
    expect(receiver.requests).toHaveLength(2);
    const request = receiver.requests.find(
      (received) => JSON.parse(received.body).recipient.id === t.world.a.users.depthead,
    );
    if (!request) throw new Error("no request for depthead");
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hooks/estate-desk");
    expect(request.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request.headers["x-estatedesk-event"]).toBe("case.routed");
    expect(rows.map((row) => row.id)).toContain(request.headers["x-estatedesk-delivery"]);
    const timestamp = Number(request.headers["x-estatedesk-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(request.headers["x-estatedesk-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

    expect(verifySignature(secret, request)).toBe(true);
    expect(
      verifySignature(secret, { ...request, body: request.body.replace("TS-20261129-0007", "TS-20261129-0008") }),
    ).toBe(false);
    expect(verifySignature("not-the-secret", request)).toBe(false);

    expect(JSON.parse(request.body)).toEqual({
      id: request.headers["x-estatedesk-delivery"],
      topic: "case.routed",
      createdAt: expect.any(String),
      caseId,
      params: { number: "TS-20261129-0007", kind: "complaint", estateName: "E1 花园", departmentName: "秩序维护部" },
      recipient: { id: t.world.a.users.depthead, name: "depthead", phone: "13800000001" },
      text: {
        zh: "投诉 TS-20261129-0007（E1 花园） 已派至秩序维护部",
        en: "Complaint TS-20261129-0007 (E1 花园) was routed to 秩序维护部",
      },
      link: `https://desk.example.com/cases/${caseId}`,
    });
    expect((await webhookRows()).every((row) => row.delivered_at !== null)).toBe(true);
  });

  it("retries a failing receiver, dead-letters it, and delivers it after an operator's retry", async () => {
    await subscribe(["case.major"]);
    receiver.status = 500;
    await notify("case.major", ["mgmtrep"]);
    let clock = Date.now();
    const now = () => new Date(clock).toISOString();
    expect(await drain(now)).toBe(2);
    expect(await t.database.db.selectFrom("notifications").select("id").execute()).toHaveLength(1);
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      clock += backoffMs(attempts);
      expect(await drain(now)).toBe(1);
    }
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);
    const [row] = await webhookRows();
    if (!row) throw new Error("no webhook row");
    expect(row).toMatchObject({
      attempts: MAX_ATTEMPTS,
      delivered_at: null,
      last_error: "the webhook answered HTTP 500",
    });

    const admin = await t.as("admin");
    const dead = await admin.get("/api/outbox/dead");
    expect(dead.status).toBe(200);
    expect(dead.body).toEqual({
      items: [
        {
          id: row.id,
          channel: "webhook",
          topic: "case.major",
          recipient: { id: t.world.a.users.mgmtrep, name: "mgmtrep" },
          target: receiver.url,
          attempts: MAX_ATTEMPTS,
          lastError: "the webhook answered HTTP 500",
          createdAt: row.created_at,
          deadAt: row.dead_at,
        },
      ],
      nextCursor: null,
    });
    const stats = await admin.get("/api/outbox/stats");
    expect(stats.body.channels).toEqual([
      { channel: "in_app", pending: 0, oldestPendingAt: null, oldestPendingAgeSeconds: null, dead: 0 },
      { channel: "email", pending: 0, oldestPendingAt: null, oldestPendingAgeSeconds: null, dead: 0 },
      { channel: "webhook", pending: 0, oldestPendingAt: null, oldestPendingAgeSeconds: null, dead: 1 },
    ]);

    receiver.status = 204;
    expect((await admin.post(`/api/outbox/${row.id}/retry`)).status).toBe(204);
    const requeued = (await webhookRows())[0];
    expect(requeued).toMatchObject({ attempts: 0, dead_at: null, delivered_at: null });
    expect((await admin.get("/api/outbox/stats")).body.channels[2]).toMatchObject({ pending: 1, dead: 0 });
    // Due at once, by the real clock.
    expect(await drain()).toBe(1);
    expect((await webhookRows())[0]?.delivered_at).toEqual(expect.any(String));
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS + 1);
    expect(receiver.requests.at(-1)?.headers["x-estatedesk-delivery"]).toBe(row.id);
    expect((await admin.get("/api/outbox/dead")).body.items).toEqual([]);

    // Only a dead message can be retried.
    expect((await admin.post(`/api/outbox/${row.id}/retry`)).status).toBe(409);
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", row.id)
      .execute();
    expect(audit).toEqual([{ action: "outbox.retried" }]);
  });

  it("pages the dead letters newest first", async () => {
    await subscribe(["case.major"]);
    await notify("case.major", ["mgmtrep", "cshead", "admin"]);
    const rows = await webhookRows();
    let minute = 0;
    for (const row of rows) {
      minute++;
      await t.database.db
        .updateTable("outbox")
        .set({
          attempts: MAX_ATTEMPTS,
          last_error: "gone",
          dead_at: new Date(Date.UTC(2026, 10, 29, 8, minute)).toISOString(),
        })
        .where("id", "=", row.id)
        .execute();
    }
    const admin = await t.as("admin");
    const first = await admin.get("/api/outbox/dead?limit=2");
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([rows[2]?.id, rows[1]?.id]);
    const second = await admin.get(`/api/outbox/dead?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: rows[0]?.id })], nextCursor: null });
  });

  it("sends a signed test event on request, and drops what was queued for a deleted webhook", async () => {
    const { id, secret } = await subscribe(["case.routed"]);
    const admin = await t.as("admin");
    const queued = await admin.post(`/api/webhooks/${id}/test`);
    expect(queued.status).toBe(202);
    expect(await drain()).toBe(1);
    const [request] = receiver.requests;
    if (!request) throw new Error("no test event");
    expect(request.headers["x-estatedesk-event"]).toBe("webhook.test");
    expect(request.headers["x-estatedesk-delivery"]).toBe(queued.body.outboxId);
    expect(verifySignature(secret, request)).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({
      topic: "webhook.test",
      recipient: null,
      caseId: null,
      link: null,
      text: { zh: "物业服务台 Webhook 测试消息", en: "Estate Desk webhook test message" },
    });

    expect((await admin.patch(`/api/webhooks/${id}`, { active: false })).status).toBe(200);
    expect((await admin.post(`/api/webhooks/${id}/test`)).status).toBe(409);
    expect((await admin.patch(`/api/webhooks/${id}`, { active: true })).status).toBe(200);
    await notify("case.routed", ["depthead"]);
    expect((await admin.delete(`/api/webhooks/${id}`)).status).toBe(204);
    expect(await drain()).toBe(2);
    expect(receiver.requests).toHaveLength(1);
    expect((await webhookRows()).every((row) => row.delivered_at !== null)).toBe(true);
  });

  it("validates the URL and topics", async () => {
    const admin = await t.as("admin");
    for (const body of [
      { url: "ftp://example.com/hook", topics: ["case.routed"] },
      { url: "not a url", topics: ["case.routed"] },
      { url: "https://user:password@example.com/hook", topics: ["case.routed"] },
      { url: receiver.url, topics: [] },
      { url: receiver.url, topics: ["case.unknown"] },
    ]) {
      const response = await admin.post("/api/webhooks", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await admin.get("/api/webhooks")).body.items).toEqual([]);
  });

  it("lets only settings managers of the organisation near webhooks and the outbox", async () => {
    const { id } = await subscribe(["case.major"]);
    receiver.status = 500;
    await notify("case.major", ["mgmtrep"]);
    const [row] = await webhookRows();
    await t.database.db
      .updateTable("outbox")
      .set({ attempts: MAX_ATTEMPTS, dead_at: new Date().toISOString(), last_error: "HTTP 500" })
      .where("id", "=", row?.id ?? "")
      .execute();

    for (const username of ["csagent", "depthead", "res1"]) {
      const client = await t.as(username);
      const denied = [
        await client.get("/api/webhooks"),
        await client.post("/api/webhooks", { url: receiver.url, topics: ["case.routed"] }),
        await client.patch(`/api/webhooks/${id}`, { active: false }),
        await client.delete(`/api/webhooks/${id}`),
        await client.post(`/api/webhooks/${id}/test`),
        await client.get("/api/outbox/dead"),
        await client.get("/api/outbox/stats"),
        await client.post(`/api/outbox/${row?.id}/retry`),
      ];
      expect(
        denied.map((response) => response.status),
        username,
      ).toEqual(Array(denied.length).fill(403));
    }

    // Another organisation's administrator: org A's ids look unknown, and its lists are its own.
    const other = await t.as("adminb");
    expect((await other.patch(`/api/webhooks/${id}`, { active: false })).status).toBe(404);
    expect((await other.delete(`/api/webhooks/${id}`)).status).toBe(404);
    expect((await other.post(`/api/webhooks/${id}/test`)).status).toBe(404);
    expect((await other.post(`/api/outbox/${row?.id}/retry`)).status).toBe(404);
    expect((await other.get("/api/webhooks")).body.items).toEqual([]);
    expect((await other.get("/api/outbox/dead")).body.items).toEqual([]);
    expect((await other.get("/api/outbox/stats")).body.channels.every((c: { dead: number }) => c.dead === 0)).toBe(
      true,
    );

    // The customer-service head manages settings too (R-4.3.2 deadlines live there).
    expect((await (await t.as("cshead")).get("/api/outbox/dead")).body.items).toHaveLength(1);
    expect((await t.anonymous().get("/api/webhooks")).status).toBe(401);
    const admin = await t.as("admin");
    expect(
      (await admin.request("POST", "/api/webhooks", { url: receiver.url, topics: ["case.routed"] }, { csrf: false }))
        .status,
    ).toBe(403);
    expect((await admin.get("/api/webhooks")).body.items[0]).toMatchObject({ id, active: true });
  });
});
