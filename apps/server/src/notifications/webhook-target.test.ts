import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { createDeliverers } from "./deliverers.js";
import { enqueueNotification } from "./outbox.js";
import { drainOutbox } from "./outbox-worker.js";
import { type HttpReceiver, startHttpReceiver } from "./test-support.js";
import { checkWebhookUrl, isForbiddenAddress } from "./webhook-target.js";

describe("the webhook SSRF guard", () => {
  it("refuses loopback, private, link-local, unique-local, CGNAT, multicast and unspecified addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.10",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "0.0.0.0",
      "0.1.2.3",
      "224.0.0.1",
      "239.255.255.250",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "not-an-address",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of [
      "8.8.8.8",
      "1.1.1.1",
      "172.15.255.255",
      "172.32.0.1",
      "100.63.255.255",
      "100.128.0.1",
      "192.169.0.1",
      "2606:4700:4700::1111",
      "::ffff:8.8.8.8",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });

  it("checks the scheme and every address the host resolves to", async () => {
    const strict = { allowPrivate: false };
    await expect(checkWebhookUrl("http://127.0.0.1:8080/hook", strict)).rejects.toThrow(/private or local address/);
    // Spellings the URL parser turns into 127.0.0.1.
    await expect(checkWebhookUrl("http://2130706433/hook", strict)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(checkWebhookUrl("http://0x7f.1/hook", strict)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(checkWebhookUrl("http://[::1]/hook", strict)).rejects.toThrow(/::1/);
    await expect(checkWebhookUrl("http://[::ffff:169.254.169.254]/", strict)).rejects.toThrow(/private or local/);
    await expect(checkWebhookUrl("http://localhost:3000/", strict)).rejects.toThrow(/private or local/);
    await expect(checkWebhookUrl("https://203.0.113.9/hook", strict)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl("file:///etc/passwd", strict)).rejects.toThrow(/only http and https/);
    await expect(checkWebhookUrl("gopher://example.com/", strict)).rejects.toThrow(/only http and https/);
    await expect(checkWebhookUrl("http://no-such-host.invalid/", strict)).rejects.toThrow(/does not resolve/);
    await expect(checkWebhookUrl("http://127.0.0.1:8080/hook", { allowPrivate: true })).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl("ftp://127.0.0.1/", { allowPrivate: true })).rejects.toThrow(/only http and https/);
  });
});

describe.each(testDatabases())("webhooks to private addresses without ALLOW_PRIVATE_WEBHOOKS on %s", (kind) => {
  let t: TestApp;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it("refuses a loopback or private URL at subscription time", async () => {
    const admin = await t.as("admin");
    for (const url of [
      receiver.url,
      "http://localhost/hook",
      "http://10.0.0.5/hook",
      "http://[::1]:8080/hook",
      "http://169.254.169.254/latest/meta-data",
    ]) {
      const response = await admin.post("/api/webhooks", { url, topics: ["case.routed"] });
      expect(response.status, url).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "VALIDATION_FAILED",
        details: { issues: [{ path: "body/url", message: expect.stringContaining("private or local address") }] },
      });
    }
    expect((await admin.get("/api/webhooks")).body.items).toEqual([]);
  });

  it("fails the delivery, sending nothing, when the target has become private since", async () => {
    // As if the name had pointed to a public address when it was saved: written past the API check.
    const now = new Date().toISOString();
    const webhookId = "0190a0b0-0000-7000-8000-00000000b00c";
    await t.database.db
      .insertInto("webhook_subscriptions")
      .values({
        id: webhookId,
        org_id: t.world.a.orgId,
        url: receiver.url,
        secret: "s3cret",
        topics_json: JSON.stringify(["case.major"]),
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await enqueueNotification(t.database.db, {
      orgId: t.world.a.orgId,
      recipientUserIds: [t.world.a.users.mgmtrep ?? ""],
      topic: "case.major",
      caseId: null,
      params: { number: "TS-1", kind: "complaint" },
    });
    const channels = createDeliverers(t.config);
    try {
      expect(await drainOutbox(t.database.db, { deliverers: channels.deliverers })).toBe(2);
    } finally {
      channels.close();
    }
    const row = await t.database.db
      .selectFrom("outbox")
      .selectAll()
      .where("channel", "=", "webhook")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, dead_at: null });
    expect(row.last_error).toMatch(/127\.0\.0\.1.*private or local address/);
    expect(receiver.requests).toEqual([]);
  });
});
