import type { NotificationParams } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import { newId } from "../http/ids.js";
import { insertNotificationOnce } from "./notifications.repository.js";

/**
 * The channels a notification is queued on: the in-app inbox always, e-mail when the
 * recipient has an address and SMTP is configured, and each matching webhook subscription
 * (SMS / WeChat gateways). Their deliverers are built from the configuration in deliverers.ts.
 */
export const NOTIFICATION_CHANNELS = ["in_app", "email", "webhook"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export function isNotificationChannel(channel: string): channel is NotificationChannel {
  return (NOTIFICATION_CHANNELS as readonly string[]).includes(channel);
}

/** One outbox message as a deliverer receives it. */
export interface OutboxDelivery {
  id: string;
  orgId: string;
  channel: string;
  topic: string;
  recipientUserId: string | null;
  caseId: string | null;
  params: NotificationParams;
  /** When the message was queued: the time of the event it announces. */
  createdAt: string;
  /** Failed attempts so far. */
  attempts: number;
  /** E-mail: the recipient's address when the message was queued. */
  email?: string | undefined;
  /** Webhook: the subscription to deliver to. */
  webhookId?: string | undefined;
  /** Webhook: who the notification is for, as the gateway needs it (null for a test event). */
  recipient?: WebhookRecipient | null | undefined;
}

/** The recipient as a webhook receives it: an SMS gateway needs the phone number. */
export interface WebhookRecipient {
  id: string;
  name: string;
  phone: string | null;
}

export interface DeliveryContext {
  db: Db;
  now: string;
}

/**
 * Hands one message to its channel; throws to have it retried later. Delivery is at least
 * once (a worker that dies after delivering and before recording it leaves the message to
 * be delivered again), so a deliverer must tolerate seeing the same message id twice.
 */
export type Deliverer = (message: OutboxDelivery, context: DeliveryContext) => Promise<void>;
export type Deliverers = Readonly<Partial<Record<NotificationChannel, Deliverer>>>;

/** Writes the message into the recipient's in-app inbox, once per outbox message. */
export const deliverInApp: Deliverer = async (message, { db }) => {
  if (message.recipientUserId === null) throw new Error("in-app message without a recipient");
  await insertNotificationOnce(db, {
    id: newId(),
    org_id: message.orgId,
    user_id: message.recipientUserId,
    outbox_id: message.id,
    topic: message.topic,
    case_id: message.caseId,
    params_json: JSON.stringify(message.params),
    created_at: message.createdAt,
    read_at: null,
  });
};

export const DEFAULT_DELIVERERS: Deliverers = { in_app: deliverInApp };
