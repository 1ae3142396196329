import type { NotificationTopic as DomainNotificationTopic, NotificationParams } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import type { NotificationChannel } from "./channels.js";
import * as outbox from "./outbox.repository.js";
import { subscriptionsFor } from "./webhooks.service.js";

/** What in-app notifications are about; the web app renders each topic from its params. */
export type NotificationTopic = DomainNotificationTopic;

export interface NotificationMessage {
  orgId: string;
  recipientUserIds: readonly string[];
  topic: NotificationTopic;
  caseId: string | null;
  params: NotificationParams;
}

export interface NotificationChannelSettings {
  /** SMTP_URL is set: recipients with an e-mail address are also mailed. */
  email: boolean;
}

/**
 * Whether e-mail rows are queued. It is the process's configuration (SMTP_URL), the same in
 * every server instance, set once when the app is built (notificationsRoutes); kept here
 * because the workflows call enqueueNotification deep inside their transactions, where the
 * configuration is not at hand. Off until configured, so tools that build no app send no mail.
 */
let channelSettings: NotificationChannelSettings = { email: false };

export function configureNotificationChannels(settings: NotificationChannelSettings): void {
  channelSettings = { ...settings };
}

function row(
  message: NotificationMessage,
  channel: NotificationChannel,
  recipientUserId: string,
  payload: outbox.OutboxPayload,
  now: string,
): outbox.NewOutboxRow {
  return {
    id: newId(),
    org_id: message.orgId,
    channel,
    topic: message.topic,
    recipient_user_id: recipientUserId,
    payload_json: JSON.stringify(payload),
    created_at: now,
    available_at: now,
  };
}

/**
 * Queues a message for every recipient on every channel that applies: the in-app inbox,
 * e-mail when configured and the recipient has an address, and each active webhook
 * subscription of the organisation that wants the topic. Call it with the transaction of
 * the state change it announces: the messages are sent if and only if the change commits,
 * and a channel that is down delays its messages instead of losing them.
 */
export async function enqueueNotification(tx: DbOrTx, message: NotificationMessage): Promise<void> {
  // A user who is both department head and repair lead is told once.
  const recipients = [...new Set(message.recipientUserIds)];
  if (recipients.length === 0) return;
  const now = nowIso();
  const base: outbox.OutboxPayload = { caseId: message.caseId, params: message.params };
  const webhooks = await subscriptionsFor(tx, message.orgId, message.topic);
  const email = channelSettings.email;
  // Contact details are read only when a channel needs them: most calls are in-app only.
  const contacts =
    email || webhooks.length > 0
      ? await outbox.findRecipientContacts(tx, message.orgId, recipients)
      : new Map<string, outbox.RecipientContact>();

  const rows = recipients.flatMap((recipientUserId) => {
    const contact = contacts.get(recipientUserId);
    const rowsOfRecipient = [row(message, "in_app", recipientUserId, base, now)];
    if (email && contact?.email && contact.active) {
      rowsOfRecipient.push(row(message, "email", recipientUserId, { ...base, email: contact.email }, now));
    }
    for (const webhook of webhooks) {
      const recipient = { id: recipientUserId, name: contact?.name ?? "", phone: contact?.phone ?? null };
      rowsOfRecipient.push(
        row(message, "webhook", recipientUserId, { ...base, webhookId: webhook.id, recipient }, now),
      );
    }
    return rowsOfRecipient;
  });
  await outbox.insertOutboxRows(tx, rows);
}
