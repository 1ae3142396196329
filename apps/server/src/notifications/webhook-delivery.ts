import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { type NotificationTopic, notificationTopicSchema } from "@estate-desk/domain";
import type { Deliverer, OutboxDelivery } from "./channels.js";
import { renderNotification, WEBHOOK_TEST_TOPIC } from "./templates.js";
import { checkWebhookUrl, guardedLookup, type WebhookTargetPolicy } from "./webhook-target.js";
import { findWebhook } from "./webhooks.repository.js";

/** A receiver that has not answered by then counts as failed; well below the outbox lease (60 s). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. The timestamp is signed with the body
 * so that a receiver can refuse an old request replayed by someone who captured it.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The JSON a receiver gets: the event, who it is for, and ready-made bilingual text for SMS. */
export function webhookBody(message: OutboxDelivery, publicUrl: string | null) {
  const topic = webhookTopic(message.topic);
  const rendered = renderNotification(topic, message.params, message.caseId, publicUrl);
  return {
    id: message.id,
    topic,
    createdAt: message.createdAt,
    caseId: message.caseId,
    params: message.params,
    recipient: message.recipient ?? null,
    text: { zh: rendered.zh, en: rendered.en },
    link: rendered.link,
  };
}

function webhookTopic(topic: string): NotificationTopic | typeof WEBHOOK_TEST_TOPIC {
  if (topic === WEBHOOK_TEST_TOPIC) return topic;
  return notificationTopicSchema.parse(topic);
}

/** POSTs the body and resolves on a 2xx answer; anything else rejects, so the outbox retries. */
function post(url: URL, body: string, headers: Record<string, string>, policy: WebhookTargetPolicy): Promise<void> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise<void>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy),
        // A fresh connection each time: a pooled socket would skip the guarded lookup.
        agent: false,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // Only the status matters; the body is read and discarded so the socket can close.
        response.resume();
        response.on("end", () => {
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`the webhook answered HTTP ${status}`));
        });
        response.on("error", reject);
      },
    );
    request.on("error", (error) => {
      reject(
        error.name === "AbortError" || error.name === "TimeoutError"
          ? new Error(`the webhook did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)
          : error,
      );
    });
    request.end(body);
  });
}

export interface WebhookDelivererOptions extends WebhookTargetPolicy {
  publicUrl: string | null;
}

/**
 * Delivers a webhook row: signed POST of the event to the subscription's URL, after the SSRF
 * guard has passed again (DNS may have changed since the subscription was saved).
 */
export function createWebhookDeliverer(options: WebhookDelivererOptions): Deliverer {
  const policy: WebhookTargetPolicy = { allowPrivate: options.allowPrivate };
  return async (message, { db }) => {
    if (!message.webhookId) throw new Error("webhook message without a subscription");
    const subscription = await findWebhook(db, message.orgId, message.webhookId);
    // Deleted: there is nowhere to send it any more, so it is done rather than retried.
    if (!subscription) return;
    // Deactivated: kept failing (and eventually dead), so that reactivating and retrying sends it.
    if (subscription.active !== 1) throw new Error("the webhook subscription is inactive");
    const url = await checkWebhookUrl(subscription.url, policy);
    const body = JSON.stringify(webhookBody(message, options.publicUrl));
    // The real time, not the outbox clock: receivers compare it with theirs to refuse replays.
    const timestamp = String(Math.floor(Date.now() / 1000));
    await post(
      url,
      body,
      {
        "content-type": "application/json; charset=utf-8",
        "user-agent": "EstateDesk-Webhook/1",
        "x-estatedesk-event": message.topic,
        "x-estatedesk-delivery": message.id,
        "x-estatedesk-timestamp": timestamp,
        "x-estatedesk-signature": signWebhook(subscription.secret, timestamp, body),
      },
      policy,
    );
  };
}
