import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  type Locale,
  type Notification,
  type NotificationTopic,
} from "@estate-desk/domain";

export type NotificationTextKey =
  | "notifications.topics.routed"
  | "notifications.topics.routedNoDepartment"
  | "notifications.topics.dispatched"
  | "notifications.topics.forwarded"
  | "notifications.topics.reply"
  | "notifications.topics.assigned"
  | "notifications.topics.resultReturned"
  | "notifications.topics.sentBack"
  | "notifications.topics.sentBackNoReason"
  | "notifications.topics.coordinationRequested"
  | "notifications.topics.major"
  | "notifications.topics.urged"
  | "notifications.topics.callbackReplyDue"
  | "notifications.topics.callbackRateShort"
  | "notifications.topics.acceptApproaching"
  | "notifications.topics.arriveApproaching"
  | "notifications.topics.arrivePassed"
  | "notifications.topics.resultApproaching"
  | "notifications.topics.acceptPassed"
  | "notifications.topics.resultPassed"
  | "notifications.topics.escalatedCsHead"
  | "notifications.topics.escalatedManagement"
  | "notifications.topics.ncCandidate"
  | "notifications.topics.ncAssigned"
  | "notifications.topics.ncFixed"
  | "notifications.topics.ncSignOffRequested"
  | "notifications.topics.ncEscalated"
  | "notifications.topics.topicAssigned"
  | "notifications.topics.handoverDue"
  | "notifications.topics.handedOver"
  | "notifications.topics.other";

// A type alias, not an interface: i18next wants the options to fit an index signature.
export type NotificationParams = {
  number: string;
  kind: string;
  /** The kind as written mid-sentence ("your repair request"). */
  kindInSentence: string;
  estate: string;
  department: string;
  category: string;
  reason: string;
  /** Nonconformities and suggestion topics (issue #7): a description or title. */
  detail: string;
  /** Records notifications: the month `YYYY-MM` and the number of records. */
  period: string;
  total: string;
};

export interface NotificationText {
  key: NotificationTextKey;
  params: NotificationParams;
}

function param(notification: Notification, name: string): string {
  const value = notification.params[name];
  return value === null || value === undefined ? "" : String(value);
}

type TopicSentence = (params: NotificationParams, notification: Notification) => NotificationTextKey;

/** Complaint sections have acceptance and result deadlines; repairs also an arrival deadline. */
const byDeadline =
  (accept: NotificationTextKey, arrive: NotificationTextKey, result: NotificationTextKey): TopicSentence =>
  (_params, notification) => {
    const deadline = param(notification, "deadline");
    return deadline === "accept" ? accept : deadline === "arrive" ? arrive : result;
  };

/** One sentence per topic: a Record over the domain's topics, so a new topic is a compile error here. */
const TOPIC_TEXT: Record<NotificationTopic, TopicSentence> = {
  "case.routed": (params) =>
    params.department === "" ? "notifications.topics.routedNoDepartment" : "notifications.topics.routed",
  "case.dispatched": () => "notifications.topics.dispatched",
  "case.forwarded": () => "notifications.topics.forwarded",
  "case.reply": () => "notifications.topics.reply",
  "case.assigned": () => "notifications.topics.assigned",
  "case.result_returned": () => "notifications.topics.resultReturned",
  "case.sent_back": (params) =>
    params.reason === "" ? "notifications.topics.sentBackNoReason" : "notifications.topics.sentBack",
  "case.coordination_requested": () => "notifications.topics.coordinationRequested",
  "case.major": () => "notifications.topics.major",
  "case.urged": () => "notifications.topics.urged",
  "callback.reply_due": () => "notifications.topics.callbackReplyDue",
  "callback.rate_short": () => "notifications.topics.callbackRateShort",
  "records.handover_due": () => "notifications.topics.handoverDue",
  "records.handed_over": () => "notifications.topics.handedOver",
  "case.deadline_approaching": byDeadline(
    "notifications.topics.acceptApproaching",
    "notifications.topics.arriveApproaching",
    "notifications.topics.resultApproaching",
  ),
  "case.deadline_passed": byDeadline(
    "notifications.topics.acceptPassed",
    "notifications.topics.arrivePassed",
    "notifications.topics.resultPassed",
  ),
  // Level 3 reaches the customer-service head, level 4 the management representative.
  "case.escalated": (_params, notification) =>
    Number(notification.params.level) >= 4
      ? "notifications.topics.escalatedManagement"
      : "notifications.topics.escalatedCsHead",
  "nonconformity.candidate": () => "notifications.topics.ncCandidate",
  "nonconformity.assigned": () => "notifications.topics.ncAssigned",
  "nonconformity.fixed": () => "notifications.topics.ncFixed",
  "nonconformity.sign_off_requested": () => "notifications.topics.ncSignOffRequested",
  "nonconformity.escalated": () => "notifications.topics.ncEscalated",
  "topic.assigned": () => "notifications.topics.topicAssigned",
};

/**
 * The sentence of a notification in the reader's language. The server stores the topic and
 * raw values (kind as `complaint`, names as recorded), so the same notification reads
 * correctly after a language switch.
 */
export function notificationText(notification: Notification, locale: Locale): NotificationText {
  const rawKind = param(notification, "kind");
  const kind = CASE_KINDS.find((candidate) => candidate === rawKind);
  const kindLabel = kind ? CASE_KIND_LABELS[kind][locale] : rawKind;
  const params: NotificationParams = {
    number: param(notification, "number"),
    kind: kindLabel,
    kindInSentence: locale === "en" ? kindLabel.toLowerCase() : kindLabel,
    estate: param(notification, "estateName"),
    department: param(notification, "departmentName"),
    category: param(notification, "categoryName"),
    reason: param(notification, "reason"),
    detail: param(notification, "description") || param(notification, "title"),
    period: param(notification, "period"),
    total: param(notification, "count"),
  };
  // A topic newer than this build (the server may be updated first) still reads sensibly.
  const sentence = Object.hasOwn(TOPIC_TEXT, notification.topic) ? TOPIC_TEXT[notification.topic] : undefined;
  return { key: sentence ? sentence(params, notification) : "notifications.topics.other", params };
}

/** Where a notification leads: staff open the case in the register, residents in their portal. */
export function notificationPath(notification: Notification, kind: "staff" | "resident"): string | null {
  // Issue #7: nonconformities and suggestion topics have pages of their own.
  const nonconformityId = notification.params.nonconformityId;
  if (kind === "staff" && typeof nonconformityId === "string") return `/quality/nonconformities/${nonconformityId}`;
  const topicId = notification.params.topicId;
  if (kind === "staff" && typeof topicId === "string") return `/quality/topics/${topicId}`;
  if (notification.caseId === null) return null;
  return kind === "resident" ? `/portal/cases/${notification.caseId}` : `/cases/${notification.caseId}`;
}
