import type { DeadMessage, OutboxStats } from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { decodeCursor, toPage } from "../http/paging.js";
import { NOTIFICATION_CHANNELS } from "./channels.js";
import * as outbox from "./outbox.repository.js";
import { findWebhookUrls } from "./webhooks.repository.js";

/** The channel fields of a payload, read leniently: a dead letter is shown even if its payload is odd. */
function payloadOf(row: Pick<outbox.OutboxRow, "payload_json">): { email?: unknown; webhookId?: unknown } {
  try {
    const parsed: unknown = JSON.parse(row.payload_json);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

const webhookIdOf = (row: Pick<outbox.OutboxRow, "channel" | "payload_json">): string | null => {
  const { webhookId } = payloadOf(row);
  return row.channel === "webhook" && typeof webhookId === "string" ? webhookId : null;
};

function targetOf(
  row: Pick<outbox.OutboxRow, "channel" | "payload_json">,
  webhookUrls: Map<string, string>,
): string | null {
  const payload = payloadOf(row);
  if (row.channel === "email" && typeof payload.email === "string") return payload.email;
  const webhookId = webhookIdOf(row);
  return webhookId === null ? null : (webhookUrls.get(webhookId) ?? null);
}

export async function listDeadMessages(
  db: Db,
  context: RequestContext,
  query: { cursor?: string | undefined; limit: number },
) {
  const orgId = context.actor.orgId;
  const rows = await outbox.listDeadMessages(db, orgId, { after: decodeCursor(query.cursor), limit: query.limit });
  const webhookIds = [...new Set(rows.flatMap((row) => webhookIdOf(row) ?? []))];
  const webhookUrls = await findWebhookUrls(db, orgId, webhookIds);
  return toPage(
    rows,
    query.limit,
    (row) => row.dead_at,
    (row): DeadMessage => ({
      id: row.id,
      channel: row.channel,
      topic: row.topic,
      recipient: row.recipient_user_id === null ? null : { id: row.recipient_user_id, name: row.recipient_name },
      target: targetOf(row, webhookUrls),
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      deadAt: row.dead_at,
    }),
  );
}

/** Puts a dead message back in the queue with a fresh set of attempts; 409 when it is not dead. */
export async function retryDeadMessage(db: Db, context: RequestContext, id: string): Promise<void> {
  const orgId = context.actor.orgId;
  const message = await outbox.findOutboxMessage(db, orgId, id);
  if (!message) throw notFound("outbox message", id);
  await db.transaction().execute(async (tx) => {
    if (!(await outbox.requeueDeadMessage(tx, orgId, id, nowIso()))) {
      throw new AppError("INVALID_TRANSITION", {
        reason: message.delivered_at ? "the message was delivered" : "the message is still being retried",
      });
    }
    await recordAudit(tx, context, {
      action: "outbox.retried",
      entityType: "outbox",
      entityId: id,
      before: { channel: message.channel, topic: message.topic, attempts: message.attempts, deadAt: message.dead_at },
    });
  });
}

/** Queue depth and age per channel, for operators: a growing or ageing queue means a channel is down. */
export async function outboxStats(db: Db, context: RequestContext, now = nowIso()): Promise<OutboxStats> {
  const orgId = context.actor.orgId;
  const [pending, dead] = await Promise.all([
    outbox.countPendingByChannel(db, orgId),
    outbox.countDeadByChannel(db, orgId),
  ]);
  const pendingOf = new Map(pending.map((row) => [row.channel, row]));
  const channels = [...new Set<string>([...NOTIFICATION_CHANNELS, ...pendingOf.keys(), ...dead.keys()])];
  return {
    channels: channels.map((channel) => {
      const oldest = pendingOf.get(channel)?.oldest_created_at ?? null;
      return {
        channel,
        pending: pendingOf.get(channel)?.pending ?? 0,
        oldestPendingAt: oldest,
        oldestPendingAgeSeconds:
          oldest === null ? null : Math.max(0, Math.floor((Date.parse(now) - Date.parse(oldest)) / 1000)),
        dead: dead.get(channel) ?? 0,
      };
    }),
  };
}
