import { z } from "zod";

/**
 * What an in-app notification is about. The web app renders each topic from its params
 * (case number, kind, estate name, …), so the text follows the reader's language.
 */
export const NOTIFICATION_TOPICS = [
  "case.routed",
  "case.dispatched",
  "case.forwarded",
  "case.reply",
  // Complaint handling (issue #4).
  "case.assigned",
  "case.result_returned",
  "case.sent_back",
  "case.coordination_requested",
  "case.major",
  "case.deadline_approaching",
  "case.deadline_passed",
  "case.escalated",
  // Repairs (issue #5): a resident urges an open repair (催单).
  "case.urged",
  // Callbacks (issue #7): an appointed reply is due soon; a callback rate falls short.
  "callback.reply_due",
  "callback.rate_short",
  // Nonconformities and suggestion topics (issue #7, R-4.7.1, R-4.11): params carry
  // `nonconformityId` / `topicId` so the web app links to the record.
  "nonconformity.candidate",
  "nonconformity.assigned",
  "nonconformity.fixed",
  "nonconformity.sign_off_requested",
  "nonconformity.escalated",
  "topic.assigned",
  // Records (issue #8): the monthly handover is due; a batch was handed to QA.
  "records.handover_due",
  "records.handed_over",
] as const;
export const notificationTopicSchema = z.enum(NOTIFICATION_TOPICS);
export type NotificationTopic = z.infer<typeof notificationTopicSchema>;

/** Display values of a notification: { number, kind, estateName, categoryName?, departmentName? }. */
export const notificationParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

/** One in-app notification of the signed-in user. */
export const notificationSchema = z
  .object({
    id: z.string(),
    topic: notificationTopicSchema,
    caseId: z.string().nullable(),
    params: notificationParamsSchema,
    /** When the event happened (the message was queued), ISO-8601 UTC. */
    createdAt: z.string(),
    /** When the user marked it read; null while unread. */
    readAt: z.string().nullable(),
  })
  .describe("Notification");
export type Notification = z.infer<typeof notificationSchema>;

export const unreadCountSchema = z.object({ count: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;
