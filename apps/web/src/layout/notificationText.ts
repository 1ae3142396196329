import { CASE_KIND_LABELS, CASE_KINDS, type Locale, type Notification } from "@estate-desk/domain";

export type NotificationTextKey =
  | "notifications.topics.routed"
  | "notifications.topics.routedNoDepartment"
  | "notifications.topics.dispatched"
  | "notifications.topics.forwarded"
  | "notifications.topics.reply"
  | "notifications.topics.other";

export interface NotificationText {
  key: NotificationTextKey;
  /** `kindInSentence` is the kind as written mid-sentence ("your repair request"). */
  params: {
    number: string;
    kind: string;
    kindInSentence: string;
    estate: string;
    department: string;
    category: string;
  };
}

function param(notification: Notification, name: string): string {
  const value = notification.params[name];
  return value === null || value === undefined ? "" : String(value);
}

/**
 * The sentence of a notification in the reader's language. The server stores the topic and
 * raw values (kind as `complaint`, names as recorded), so the same notification reads
 * correctly after a language switch.
 */
export function notificationText(notification: Notification, locale: Locale): NotificationText {
  const rawKind = param(notification, "kind");
  const kind = CASE_KINDS.find((candidate) => candidate === rawKind);
  const kindLabel = kind ? CASE_KIND_LABELS[kind][locale] : rawKind;
  const params = {
    number: param(notification, "number"),
    kind: kindLabel,
    kindInSentence: locale === "en" ? kindLabel.toLowerCase() : kindLabel,
    estate: param(notification, "estateName"),
    department: param(notification, "departmentName"),
    category: param(notification, "categoryName"),
  };
  switch (notification.topic) {
    case "case.routed":
      return {
        key: params.department === "" ? "notifications.topics.routedNoDepartment" : "notifications.topics.routed",
        params,
      };
    case "case.dispatched":
      return { key: "notifications.topics.dispatched", params };
    case "case.forwarded":
      return { key: "notifications.topics.forwarded", params };
    case "case.reply":
      return { key: "notifications.topics.reply", params };
    default:
      // Topics of later workflows read sensibly before they get their own sentence.
      return { key: "notifications.topics.other", params };
  }
}

/** Where a notification leads: staff open the case in the register, residents in their portal. */
export function notificationPath(notification: Notification, kind: "staff" | "resident"): string | null {
  if (notification.caseId === null) return null;
  return kind === "resident" ? `/portal/cases/${notification.caseId}` : `/cases/${notification.caseId}`;
}
