import type { NotificationTopic as DomainNotificationTopic, NotificationParams } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { NOTIFICATION_CHANNELS } from "./channels.js";
import * as outbox from "./outbox.repository.js";

/** What in-app notifications are about; the web app renders each topic from its params. */
export type NotificationTopic = DomainNotificationTopic;

export interface NotificationMessage {
  orgId: string;
  recipientUserIds: readonly string[];
  topic: NotificationTopic;
  caseId: string | null;
  params: NotificationParams;
}

/**
 * Queues a message for every recipient on every channel. Call it with the transaction of
 * the state change it announces: the message is sent if and only if the change commits,
 * and a channel that is down delays it instead of losing it.
 */
export async function enqueueNotification(tx: DbOrTx, message: NotificationMessage): Promise<void> {
  // A user who is both department head and repair lead is told once.
  const recipients = [...new Set(message.recipientUserIds)];
  if (recipients.length === 0) return;
  const now = nowIso();
  const payload: outbox.OutboxPayload = { caseId: message.caseId, params: message.params };
  const rows = recipients.flatMap((recipientUserId) =>
    NOTIFICATION_CHANNELS.map(
      (channel): outbox.NewOutboxRow => ({
        id: newId(),
        org_id: message.orgId,
        channel,
        topic: message.topic,
        recipient_user_id: recipientUserId,
        payload_json: JSON.stringify(payload),
        created_at: now,
        available_at: now,
      }),
    ),
  );
  await outbox.insertOutboxRows(tx, rows);
}
