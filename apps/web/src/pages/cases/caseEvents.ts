import { type CaseEvent, CHANNEL_LABELS, CHANNELS, type Locale } from "@estate-desk/domain";

/**
 * Every timeline event type the server writes: intake (issue #3), complaint handling and its
 * deadlines (issue #4). `EVENT_TEXT` below is a Record over this list, so adding a type here
 * without a sentence is a compile error.
 */
export const CASE_EVENT_TYPES = [
  // Intake, notes and duplicates (issue #3).
  "registered",
  "forwarded",
  "routed",
  "dispatched",
  "intake_completed",
  "similar_case_flagged",
  "noted",
  "replied",
  "marked_duplicate",
  "duplicate_linked",
  // Complaint handling (issue #4).
  "handling_accepted",
  "handling_assigned",
  "result_returned",
  "checked",
  "sent_back",
  "reassigned",
  "department_involved",
  "coordination_requested",
  "coordinated",
  "flagged_major",
  "signed_off",
  "paused",
  "resumed",
  "followed_up",
  "withdrawn",
  "closed",
  "reopened",
  // Deadlines and escalation, written by the scheduler.
  "deadline_approaching",
  "deadline_passed",
  "escalated",
  // Repairs (issue #5): rework, and one event per step of the dispatch order.
  "rework_opened",
  "urged",
  "work_order.accept",
  "work_order.assign",
  "work_order.transfer",
  "work_order.start",
  "work_order.arrive",
  "work_order.wait",
  "work_order.resume",
  "work_order.complete",
  "work_order.evaluate",
  "work_order.revisit",
  "work_order.return_to_lead",
  "work_order.cancel",
  "work_order.give_up",
  "work_order.close",
  // Repairs, second part (issue #5 items 4, 7, 8): dispatch modes, paid repairs, expected arrival.
  "work_order.claim",
  "work_order.pool_opened",
  "work_order.pool_expired",
  "work_order.auto_assign",
  "work_order.auto_assign_failed",
  "work_order.quote",
  "work_order.quote_approved",
  "work_order.warranty",
  "work_order.expected_arrival",
  // Callbacks (issue #7).
  "callback_planned",
  "callback_recorded",
  "callback_exempted",
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

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
  | "caseEvents.handlingAccepted"
  | "caseEvents.handlingAssigned"
  | "caseEvents.handlingAssignedNoName"
  | "caseEvents.resultReturned"
  | "caseEvents.checkedAccepted"
  | "caseEvents.sentBack"
  | "caseEvents.reassigned"
  | "caseEvents.departmentInvolved"
  | "caseEvents.coordinationRequested"
  | "caseEvents.coordinated"
  | "caseEvents.flaggedMajor"
  | "caseEvents.signedOff"
  | "caseEvents.paused"
  | "caseEvents.resumed"
  | "caseEvents.followedUp"
  | "caseEvents.withdrawn"
  | "caseEvents.closed"
  | "caseEvents.reopened"
  | "caseEvents.acceptApproaching"
  | "caseEvents.resultApproaching"
  | "caseEvents.acceptPassed"
  | "caseEvents.arriveApproaching"
  | "caseEvents.arrivePassed"
  | "caseEvents.resultPassed"
  | "caseEvents.escalatedCsHead"
  | "caseEvents.escalatedManagement"
  | "caseEvents.workOrderAccept"
  | "caseEvents.workOrderAssign"
  | "caseEvents.workOrderTransfer"
  | "caseEvents.workOrderStart"
  | "caseEvents.workOrderArrive"
  | "caseEvents.workOrderWait"
  | "caseEvents.workOrderResume"
  | "caseEvents.workOrderComplete"
  | "caseEvents.workOrderEvaluate"
  | "caseEvents.workOrderRevisit"
  | "caseEvents.workOrderReturnToLead"
  | "caseEvents.workOrderCancel"
  | "caseEvents.workOrderGiveUp"
  | "caseEvents.workOrderClose"
  | "caseEvents.workOrderClaim"
  | "caseEvents.workOrderPoolOpened"
  | "caseEvents.workOrderPoolExpired"
  | "caseEvents.workOrderAutoAssign"
  | "caseEvents.workOrderAutoAssignFailed"
  | "caseEvents.workOrderQuote"
  | "caseEvents.workOrderQuoteApproved"
  | "caseEvents.workOrderWarranty"
  | "caseEvents.workOrderExpectedArrival"
  | "caseEvents.reworkOpenedFrom"
  | "caseEvents.reworkOpenedTo"
  | "caseEvents.urged"
  | "caseEvents.callbackPlanned"
  | "caseEvents.callbackSatisfied"
  | "caseEvents.callbackBasicallySatisfied"
  | "caseEvents.callbackDissatisfied"
  | "caseEvents.callbackUnreachable"
  | "caseEvents.callbackReplyLater"
  | "caseEvents.callbackExempted"
  | "caseEvents.other";

// A type alias, not an interface: i18next wants the options to fit an index signature.
export type CaseEventParams = {
  channel: string;
  department: string;
  fromDepartment: string;
  forwardedBy: string;
  previousNumber: string;
  numbers: string;
  number: string;
  assignee: string;
  minutes: string;
  times: string;
  type: string;
  /** The callback's number on its subject. */
  sequence: string;
};

export interface CaseEventText {
  key: CaseEventKey;
  params: CaseEventParams;
  /** The free text the person wrote with the step (comment, reason, decision), shown under it. */
  note: string | null;
}

/**
 * Names the events refer to by id only (the assignee of `handling_assigned`, the department of
 * `reassigned` and `department_involved`), resolved from the case's own handling sections.
 */
export interface EventNames {
  users: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
}

const NO_NAMES: EventNames = { users: new Map(), departments: new Map() };

function text(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.filter((item) => typeof item === "string").join("、");
  return "";
}

function noteOf(data: Record<string, unknown>): string | null {
  for (const name of ["comment", "reason", "decision"]) {
    const value = text(data, name);
    if (value !== "") return value;
  }
  return null;
}

type EventSentence = (params: CaseEventParams, data: Record<string, unknown>) => CaseEventKey;

/** Complaint sections have acceptance and result deadlines; repairs also an arrival deadline. */
const deadlineKey =
  (accept: CaseEventKey, arrive: CaseEventKey, result: CaseEventKey): EventSentence =>
  (_params, data) => {
    const deadline = text(data, "deadline");
    return deadline === "accept" ? accept : deadline === "arrive" ? arrive : result;
  };

const EVENT_TEXT: Record<CaseEventType, EventSentence> = {
  registered: (params, data) =>
    text(data, "channel") === "forwarded" && params.forwardedBy !== ""
      ? "caseEvents.registeredForwarded"
      : "caseEvents.registered",
  forwarded: () => "caseEvents.forwarded",
  routed: () => "caseEvents.routed",
  dispatched: () => "caseEvents.dispatched",
  intake_completed: (params) =>
    params.previousNumber === "" ? "caseEvents.intakeCompleted" : "caseEvents.intakeCompletedRenumbered",
  similar_case_flagged: () => "caseEvents.similarFlagged",
  noted: () => "caseEvents.noted",
  replied: () => "caseEvents.replied",
  marked_duplicate: () => "caseEvents.markedDuplicate",
  duplicate_linked: () => "caseEvents.duplicateLinked",
  handling_accepted: () => "caseEvents.handlingAccepted",
  handling_assigned: (params) =>
    params.assignee === "" ? "caseEvents.handlingAssignedNoName" : "caseEvents.handlingAssigned",
  result_returned: () => "caseEvents.resultReturned",
  checked: () => "caseEvents.checkedAccepted",
  sent_back: () => "caseEvents.sentBack",
  reassigned: () => "caseEvents.reassigned",
  department_involved: () => "caseEvents.departmentInvolved",
  coordination_requested: () => "caseEvents.coordinationRequested",
  coordinated: () => "caseEvents.coordinated",
  flagged_major: () => "caseEvents.flaggedMajor",
  signed_off: () => "caseEvents.signedOff",
  paused: () => "caseEvents.paused",
  resumed: () => "caseEvents.resumed",
  followed_up: () => "caseEvents.followedUp",
  withdrawn: () => "caseEvents.withdrawn",
  closed: () => "caseEvents.closed",
  reopened: () => "caseEvents.reopened",
  deadline_approaching: deadlineKey(
    "caseEvents.acceptApproaching",
    "caseEvents.arriveApproaching",
    "caseEvents.resultApproaching",
  ),
  deadline_passed: deadlineKey("caseEvents.acceptPassed", "caseEvents.arrivePassed", "caseEvents.resultPassed"),
  // Level 3 goes to the customer-service head, level 4 to the management representative.
  escalated: (_params, data) =>
    Number(data.level) >= 4 ? "caseEvents.escalatedManagement" : "caseEvents.escalatedCsHead",
  urged: () => "caseEvents.urged",
  rework_opened: (_params, data) =>
    text(data, "reworkNumber") === "" ? "caseEvents.reworkOpenedFrom" : "caseEvents.reworkOpenedTo",
  "work_order.accept": () => "caseEvents.workOrderAccept",
  "work_order.assign": () => "caseEvents.workOrderAssign",
  "work_order.transfer": () => "caseEvents.workOrderTransfer",
  "work_order.start": () => "caseEvents.workOrderStart",
  "work_order.arrive": () => "caseEvents.workOrderArrive",
  "work_order.wait": () => "caseEvents.workOrderWait",
  "work_order.resume": () => "caseEvents.workOrderResume",
  "work_order.complete": () => "caseEvents.workOrderComplete",
  "work_order.evaluate": () => "caseEvents.workOrderEvaluate",
  "work_order.revisit": () => "caseEvents.workOrderRevisit",
  "work_order.return_to_lead": () => "caseEvents.workOrderReturnToLead",
  "work_order.cancel": () => "caseEvents.workOrderCancel",
  "work_order.give_up": () => "caseEvents.workOrderGiveUp",
  "work_order.close": () => "caseEvents.workOrderClose",
  "work_order.claim": () => "caseEvents.workOrderClaim",
  "work_order.pool_opened": () => "caseEvents.workOrderPoolOpened",
  "work_order.pool_expired": () => "caseEvents.workOrderPoolExpired",
  "work_order.auto_assign": () => "caseEvents.workOrderAutoAssign",
  "work_order.auto_assign_failed": () => "caseEvents.workOrderAutoAssignFailed",
  "work_order.quote": () => "caseEvents.workOrderQuote",
  "work_order.quote_approved": () => "caseEvents.workOrderQuoteApproved",
  "work_order.warranty": () => "caseEvents.workOrderWarranty",
  "work_order.expected_arrival": () => "caseEvents.workOrderExpectedArrival",
  callback_planned: () => "caseEvents.callbackPlanned",
  callback_recorded: (_params, data) => {
    if (text(data, "outcome") !== "reached") return "caseEvents.callbackUnreachable";
    switch (text(data, "satisfaction")) {
      case "satisfied":
        return "caseEvents.callbackSatisfied";
      case "basically_satisfied":
        return "caseEvents.callbackBasicallySatisfied";
      case "dissatisfied":
        return "caseEvents.callbackDissatisfied";
      default:
        return "caseEvents.callbackReplyLater";
    }
  },
  callback_exempted: () => "caseEvents.callbackExempted",
};

function isCaseEventType(type: string): type is CaseEventType {
  return Object.hasOwn(EVENT_TEXT, type);
}

/**
 * A timeline entry as a sentence in the reader's language. Events carry their type and raw
 * values (channel `phone`, names as recorded); types this version does not know yet are
 * shown by their name rather than hidden.
 */
export function caseEventText(
  event: Pick<CaseEvent, "type" | "data">,
  locale: Locale,
  names: EventNames = NO_NAMES,
): CaseEventText {
  const data = event.data;
  const rawChannel = text(data, "channel");
  const channel = CHANNELS.find((candidate) => candidate === rawChannel);
  const departmentId = text(data, "toDepartmentId") || text(data, "departmentId");
  const params: CaseEventParams = {
    channel: channel ? CHANNEL_LABELS[channel][locale] : rawChannel,
    department: text(data, "departmentName") || names.departments.get(departmentId) || "",
    fromDepartment: text(data, "fromDepartmentName"),
    forwardedBy: text(data, "forwardedByName"),
    previousNumber: text(data, "previousNumber"),
    numbers: text(data, "numbers"),
    number: text(data, "originalNumber") || text(data, "duplicateNumber") || text(data, "reworkNumber"),
    assignee:
      text(data, "assigneeName") || text(data, "workerName") || (names.users.get(text(data, "assigneeId")) ?? ""),
    minutes: text(data, "pausedWorkingMinutes"),
    times: text(data, "count"),
    type: event.type,
    sequence: text(data, "sequence"),
  };
  if (!isCaseEventType(event.type)) return { key: "caseEvents.other", params, note: null };
  return { key: EVENT_TEXT[event.type](params, data), params, note: noteOf(data) };
}

export type ResidentEventKey =
  | "residentEvents.registered"
  | "residentEvents.routed"
  | "residentEvents.dispatched"
  | "residentEvents.intakeCompleted"
  | "residentEvents.replied"
  | "residentEvents.resultReturned"
  | "residentEvents.closed"
  | "residentEvents.withdrawn";

/**
 * The steps a resident sees of their case: only the milestones, in words for them; internal
 * events (flags, notes, duplicates, deadlines, coordination) are left out.
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
    case "checked":
      return "residentEvents.resultReturned";
    case "closed":
      return "residentEvents.closed";
    case "withdrawn":
      return "residentEvents.withdrawn";
    default:
      return null;
  }
}
