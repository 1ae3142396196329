import type { NotificationParams } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import { newId } from "../http/ids.js";
import { insertNotificationOnce } from "./notifications.repository.js";

/**
 * The channels every notification is queued on. E-mail and webhooks (SMS / WeChat
 * gateways) are added here together with their deliverer below; the outbox and its worker
 * need no change.
 */
export const NOTIFICATION_CHANNELS = ["in_app"] as const;
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
