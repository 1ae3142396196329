import { z } from "zod";
import { notificationTopicSchema } from "./notifications.js";

/**
 * The API shapes of webhooks and of the outbox views, shared by the server and the web
 * app's settings screens (消息推送).
 */

const topicsSchema = z
  .array(notificationTopicSchema)
  .min(1)
  .transform((topics) => [...new Set(topics)]);

/** An organisation's webhook subscription, without its secret (shown once, at creation). */
export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    topics: z.array(notificationTopicSchema),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("Webhook");
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookCreatedSchema = webhookSchema
  .extend({
    /** Key of the HMAC-SHA256 in `X-EstateDesk-Signature`: shown only in this answer. */
    secret: z.string(),
  })
  .describe("WebhookCreated");
export type WebhookCreated = z.infer<typeof webhookCreatedSchema>;

export const webhookInputSchema = z.object({
  /** http(s) only; private and loopback addresses are refused unless ALLOW_PRIVATE_WEBHOOKS. */
  url: z.string().trim().min(1).max(2000),
  topics: topicsSchema,
  active: z.boolean().default(true),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const webhookUpdateSchema = z.object({
  url: webhookInputSchema.shape.url.optional(),
  topics: topicsSchema.optional(),
  active: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>;

export const webhookTestSchema = z.object({ outboxId: z.string() }).describe("WebhookTestQueued");

/** A message the outbox gave up on after its last attempt. */
export const deadMessageSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    topic: z.string(),
    recipient: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    /** Where it was going: the e-mail address or the webhook URL (null when the webhook was deleted). */
    target: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deadAt: z.string(),
  })
  .describe("DeadMessage");
export type DeadMessage = z.infer<typeof deadMessageSchema>;

export const outboxStatsSchema = z
  .object({
    channels: z.array(
      z.object({
        channel: z.string(),
        /** Neither delivered nor given up yet (including those waiting for a retry). */
        pending: z.number().int(),
        /** When the oldest pending message was queued, and how long ago in seconds; null with none. */
        oldestPendingAt: z.string().nullable(),
        oldestPendingAgeSeconds: z.number().int().nullable(),
        dead: z.number().int(),
      }),
    ),
  })
  .describe("OutboxStats");
export type OutboxStats = z.infer<typeof outboxStatsSchema>;
