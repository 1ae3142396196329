import { type CaseEvent, CHANNEL_LABELS, CHANNELS, type Locale } from "@estate-desk/domain";

export type CaseEventKey =
  | "caseEvents.registered"
  | "caseEvents.registeredForwarded"
  | "caseEvents.forwarded"
  | "caseEvents.routed"
  | "caseEvents.dispatched"
  | "caseEvents.intakeCompleted"
  | "caseEvents.intakeCompletedRenumbered"
  | "caseEvents.similarFlagged"
  | "caseEvents.noted"
  | "caseEvents.replied"
  | "caseEvents.markedDuplicate"
  | "caseEvents.duplicateLinked"
  | "caseEvents.other";

export interface CaseEventText {
  key: CaseEventKey;
  params: {
    channel: string;
    department: string;
    forwardedBy: string;
    previousNumber: string;
    numbers: string;
    number: string;
    type: string;
  };
}

function text(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.filter((item) => typeof item === "string").join("、");
  return "";
}

/**
 * A timeline entry as a sentence in the reader's language. Events carry their type and raw
 * values (channel `phone`, names as recorded); types this version does not know yet are
 * shown by their name rather than hidden.
 */
export function caseEventText(event: Pick<CaseEvent, "type" | "data">, locale: Locale): CaseEventText {
  const data = event.data;
  const rawChannel = text(data, "channel");
  const channel = CHANNELS.find((candidate) => candidate === rawChannel);
  const params: CaseEventText["params"] = {
    channel: channel ? CHANNEL_LABELS[channel][locale] : rawChannel,
    department: text(data, "departmentName"),
    forwardedBy: text(data, "forwardedByName"),
    previousNumber: text(data, "previousNumber"),
    numbers: text(data, "numbers"),
    number: text(data, "originalNumber") || text(data, "duplicateNumber"),
    type: event.type,
  };
  switch (event.type) {
    case "registered":
      return {
        key:
          channel === "forwarded" && params.forwardedBy !== ""
            ? "caseEvents.registeredForwarded"
            : "caseEvents.registered",
        params,
      };
    case "forwarded":
      return { key: "caseEvents.forwarded", params };
    case "routed":
      return { key: "caseEvents.routed", params };
    case "dispatched":
      return { key: "caseEvents.dispatched", params };
    case "intake_completed":
      return {
        key: params.previousNumber === "" ? "caseEvents.intakeCompleted" : "caseEvents.intakeCompletedRenumbered",
        params,
      };
    case "similar_case_flagged":
      return { key: "caseEvents.similarFlagged", params };
    case "noted":
      return { key: "caseEvents.noted", params };
    case "replied":
      return { key: "caseEvents.replied", params };
    case "marked_duplicate":
      return { key: "caseEvents.markedDuplicate", params };
    case "duplicate_linked":
      return { key: "caseEvents.duplicateLinked", params };
    default:
      return { key: "caseEvents.other", params };
  }
}

export type ResidentEventKey =
  | "residentEvents.registered"
  | "residentEvents.routed"
  | "residentEvents.dispatched"
  | "residentEvents.intakeCompleted"
  | "residentEvents.replied";

/**
 * The steps a resident sees of their case: only the milestones, in words for them; internal
 * events (flags, notes, duplicates) are left out.
 */
export function residentEventKey(type: string): ResidentEventKey | null {
  switch (type) {
    case "registered":
      return "residentEvents.registered";
    case "routed":
      return "residentEvents.routed";
    case "dispatched":
      return "residentEvents.dispatched";
    case "intake_completed":
      return "residentEvents.intakeCompleted";
    case "replied":
      return "residentEvents.replied";
    default:
      return null;
  }
}
