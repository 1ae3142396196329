import type { NotificationTopic } from "@estate-desk/domain";

export type TopicLabelKey =
  | "notificationTopics.routed"
  | "notificationTopics.dispatched"
  | "notificationTopics.forwarded"
  | "notificationTopics.reply"
  | "notificationTopics.assigned"
  | "notificationTopics.resultReturned"
  | "notificationTopics.sentBack"
  | "notificationTopics.coordinationRequested"
  | "notificationTopics.major"
  | "notificationTopics.deadlineApproaching"
  | "notificationTopics.deadlinePassed"
  | "notificationTopics.escalated"
  | "notificationTopics.urged"
  | "notificationTopics.callbackReplyDue"
  | "notificationTopics.callbackRateShort"
  | "notificationTopics.ncCandidate"
  | "notificationTopics.ncAssigned"
  | "notificationTopics.ncFixed"
  | "notificationTopics.ncSignOffRequested"
  | "notificationTopics.ncEscalated"
  | "notificationTopics.topicAssigned"
  | "notificationTopics.handoverDue"
  | "notificationTopics.handedOver";

/** A short name per topic for the webhook topic picker; a Record, so a new topic is a compile error. */
export const TOPIC_LABELS: Record<NotificationTopic, TopicLabelKey> = {
  "case.routed": "notificationTopics.routed",
  "case.dispatched": "notificationTopics.dispatched",
  "case.forwarded": "notificationTopics.forwarded",
  "case.reply": "notificationTopics.reply",
  "case.assigned": "notificationTopics.assigned",
  "case.result_returned": "notificationTopics.resultReturned",
  "case.sent_back": "notificationTopics.sentBack",
  "case.coordination_requested": "notificationTopics.coordinationRequested",
  "case.major": "notificationTopics.major",
  "case.deadline_approaching": "notificationTopics.deadlineApproaching",
  "case.deadline_passed": "notificationTopics.deadlinePassed",
  "case.escalated": "notificationTopics.escalated",
  "case.urged": "notificationTopics.urged",
  "callback.reply_due": "notificationTopics.callbackReplyDue",
  "callback.rate_short": "notificationTopics.callbackRateShort",
  "nonconformity.candidate": "notificationTopics.ncCandidate",
  "nonconformity.assigned": "notificationTopics.ncAssigned",
  "nonconformity.fixed": "notificationTopics.ncFixed",
  "nonconformity.sign_off_requested": "notificationTopics.ncSignOffRequested",
  "nonconformity.escalated": "notificationTopics.ncEscalated",
  "topic.assigned": "notificationTopics.topicAssigned",
  "records.handover_due": "notificationTopics.handoverDue",
  "records.handed_over": "notificationTopics.handedOver",
};
