import { randomBytes } from "node:crypto";
import {
  type NotificationTopic,
  notificationTopicSchema,
  type Webhook,
  type WebhookCreated,
  type WebhookInput,
  type WebhookUpdate,
} from "@estate-desk/domain";
import { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db, DbOrTx } from "../db/database.js";
import { fromFlag, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as outbox from "./outbox.repository.js";
import { WEBHOOK_TEST_TOPIC } from "./templates.js";
import { checkWebhookUrl, WebhookTargetError, type WebhookTargetPolicy } from "./webhook-target.js";
import * as repo from "./webhooks.repository.js";

const storedTopicsSchema = z.array(z.string());

/** Topics no longer in the domain list are dropped rather than failing the whole list. */
function topicsOf(row: repo.WebhookRow): NotificationTopic[] {
  return storedTopicsSchema.parse(JSON.parse(row.topics_json)).flatMap((topic) => {
    const parsed = notificationTopicSchema.safeParse(topic);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Never includes the secret: this is also what goes into audit entries. */
export function presentWebhook(row: repo.WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    topics: topicsOf(row),
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The organisation's active subscriptions that want the topic (enqueueNotification fans out to them). */
export async function subscriptionsFor(
  db: DbOrTx,
  orgId: string,
  topic: NotificationTopic,
): Promise<repo.WebhookRow[]> {
  const rows = await repo.listActiveWebhooks(db, orgId);
  return rows.filter((row) => topicsOf(row).includes(topic));
}

/** A refused URL is a 400 on the `url` field, with the reason (private address, scheme, …). */
async function assertAllowedUrl(url: string, policy: WebhookTargetPolicy): Promise<void> {
  try {
    await checkWebhookUrl(url, policy);
  } catch (error) {
    if (error instanceof WebhookTargetError) {
      throw new AppError("VALIDATION_FAILED", { issues: [{ path: "body/url", message: error.message }] });
    }
    throw error;
  }
}

/** A webhook of the actor's organisation, or 404 (other organisations' ids look unknown). */
async function getOwnWebhook(db: Db, context: RequestContext, id: string): Promise<repo.WebhookRow> {
  const row = await repo.findWebhook(db, context.actor.orgId, id);
  if (!row) throw notFound("webhook", id);
  return row;
}

export async function listWebhooks(db: Db, context: RequestContext): Promise<{ items: Webhook[] }> {
  const rows = await repo.listWebhooks(db, context.actor.orgId);
  return { items: rows.map(presentWebhook) };
}

export async function createWebhook(
  db: Db,
  context: RequestContext,
  input: WebhookInput,
  policy: WebhookTargetPolicy,
): Promise<WebhookCreated> {
  await assertAllowedUrl(input.url, policy);
  const now = nowIso();
  const row: repo.WebhookRow = {
    id: newId(),
    org_id: context.actor.orgId,
    url: input.url,
    secret: randomBytes(32).toString("hex"),
    topics_json: JSON.stringify(input.topics),
    active: toFlag(input.active),
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (tx) => {
    await repo.insertWebhook(tx, row);
    await recordAudit(tx, context, {
      action: "webhook.created",
      entityType: "webhook",
      entityId: row.id,
      after: presentWebhook(row),
    });
  });
  return { ...presentWebhook(row), secret: row.secret };
}

export async function updateWebhook(
  db: Db,
  context: RequestContext,
  id: string,
  input: WebhookUpdate,
  policy: WebhookTargetPolicy,
): Promise<Webhook> {
  const before = await getOwnWebhook(db, context, id);
  const after: repo.WebhookRow = {
    ...before,
    url: input.url ?? before.url,
    topics_json: input.topics === undefined ? before.topics_json : JSON.stringify(input.topics),
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  // Re-checked on reactivation too: the guard may have been stricter than when it was saved.
  if (input.url !== undefined || input.active === true) await assertAllowedUrl(after.url, policy);
  await db.transaction().execute(async (tx) => {
    await repo.updateWebhook(tx, before.org_id, id, {
      url: after.url,
      topics_json: after.topics_json,
      active: after.active,
      updated_at: after.updated_at,
    });
    await recordAudit(tx, context, {
      action: "webhook.updated",
      entityType: "webhook",
      entityId: id,
      before: presentWebhook(before),
      after: presentWebhook(after),
    });
  });
  return presentWebhook(after);
}

/** Messages still queued for it are dropped by the deliverer: there is nowhere left to send them. */
export async function deleteWebhook(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getOwnWebhook(db, context, id);
  await db.transaction().execute(async (tx) => {
    await repo.deleteWebhook(tx, before.org_id, id);
    await recordAudit(tx, context, {
      action: "webhook.deleted",
      entityType: "webhook",
      entityId: id,
      before: presentWebhook(before),
    });
  });
}

/** Queues a signed test event to the webhook, delivered by the outbox like any other. */
export async function sendTestEvent(db: Db, context: RequestContext, id: string): Promise<{ outboxId: string }> {
  const webhook = await getOwnWebhook(db, context, id);
  if (!fromFlag(webhook.active)) throw new AppError("INVALID_TRANSITION", { reason: "the webhook is inactive" });
  const now = nowIso();
  const payload: outbox.OutboxPayload = { caseId: null, params: {}, webhookId: webhook.id, recipient: null };
  const outboxId = newId();
  await db.transaction().execute(async (tx) => {
    await outbox.insertOutboxRows(tx, [
      {
        id: outboxId,
        org_id: webhook.org_id,
        channel: "webhook",
        topic: WEBHOOK_TEST_TOPIC,
        recipient_user_id: null,
        payload_json: JSON.stringify(payload),
        created_at: now,
        available_at: now,
      },
    ]);
    await recordAudit(tx, context, {
      action: "webhook.tested",
      entityType: "webhook",
      entityId: webhook.id,
      after: { outboxId },
    });
  });
  return { outboxId };
}
