import type { DbOrTx } from "../db/database.js";

/** What in-app notifications are about; the web app renders each topic from its params. */
export type NotificationTopic = "case.routed" | "case.dispatched" | "case.forwarded" | "case.reply";

export interface NotificationMessage {
  orgId: string;
  recipientUserIds: readonly string[];
  topic: NotificationTopic;
  caseId: string | null;
  params: Record<string, string | number | null>;
}

/**
 * STUB — implemented by the notifications work (helper). Writes one outbox row per recipient
 * and channel inside the caller's transaction.
 */
export async function enqueueNotification(_tx: DbOrTx, _message: NotificationMessage): Promise<void> {}
