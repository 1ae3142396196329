/**
 * The complaint state machine, as data: which actions exist, in which
 * states each is possible, who may take it and what it must carry. The server enforces it;
 * the web app shows only the actions the server says the user may take now.
 *
 * A complaint has one handling section per department it is routed to (QR-023; several
 * when it spans departments, R-4.3.3). The complaint's own status follows its sections:
 * routed → accepted → in progress → result returned, then customer service checks the
 * result and the complaint awaits its callback, then closes.
 */
import { z } from "zod";
import type { CaseStatus } from "./cases.js";
import type { Role } from "./roles.js";

export const HANDLING_STATUSES = ["routed", "accepted", "in_progress", "returned", "reassigned"] as const;
export const handlingStatusSchema = z.enum(HANDLING_STATUSES);
export type HandlingStatus = z.infer<typeof handlingStatusSchema>;

/** Sections still part of the complaint: a section reassigned to another department is history. */
export const ACTIVE_HANDLING_STATUSES: readonly HandlingStatus[] = ["routed", "accepted", "in_progress", "returned"];

export const COMPLAINT_ACTIONS = [
  "accept",
  "assign",
  "return_result",
  "check",
  "reassign",
  "involve",
  "request_coordination",
  "record_coordination",
  "flag_major",
  "sign_off",
  "pause",
  "resume",
  "follow_up",
  "withdraw",
  "close",
  "reopen",
] as const;
export const complaintActionSchema = z.enum(COMPLAINT_ACTIONS);
export type ComplaintAction = z.infer<typeof complaintActionSchema>;

export type ActionField = "comment" | "measures" | "result" | "departmentId" | "assigneeId" | "outcome";

export interface ComplaintActionRule {
  /** Complaint statuses in which the action is possible. */
  from: readonly CaseStatus[];
  /** Roles that may take it; the server also checks the department and estates of the actor. */
  roles: readonly Role[];
  /** The handling-section statuses it needs, when it acts on one department's section. */
  handlingFrom?: readonly HandlingStatus[];
  /** What the request must carry. */
  requires: readonly ActionField[];
}

const HANDLING: readonly CaseStatus[] = ["routed", "accepted", "in_progress"];
const OPEN: readonly CaseStatus[] = [...HANDLING, "result_returned", "awaiting_callback"];
const CUSTOMER_SERVICE: readonly Role[] = ["cs_agent", "cs_head"];
const DEPARTMENT_HEADS: readonly Role[] = ["dept_head", "cs_head", "mgmt_rep"];

export const COMPLAINT_RULES: Record<ComplaintAction, ComplaintActionRule> = {
  // the department receiving the form arranges handling at once.
  accept: { from: HANDLING, roles: DEPARTMENT_HEADS, handlingFrom: ["routed"], requires: [] },
  assign: {
    from: HANDLING,
    roles: DEPARTMENT_HEADS,
    handlingFrom: ["accepted", "in_progress"],
    requires: ["assigneeId"],
  },
  // …and returns the result, with the form, to customer service.
  return_result: {
    from: HANDLING,
    roles: ["dept_head", "dept_staff", "cs_head", "cs_agent", "mgmt_rep"],
    handlingFrom: ["accepted", "in_progress"],
    requires: ["measures", "result"],
  },
  // customer service checks the measures taken: accepted, or sent back with a reason.
  check: { from: ["result_returned"], roles: CUSTOMER_SERVICE, requires: ["outcome"] },
  reassign: {
    from: HANDLING,
    roles: [...CUSTOMER_SERVICE, "mgmt_rep"],
    handlingFrom: ["routed", "accepted", "in_progress"],
    requires: ["departmentId", "comment"],
  },
  // a complaint spanning departments.
  involve: {
    from: [...HANDLING, "result_returned"],
    roles: [...CUSTOMER_SERVICE, "mgmt_rep"],
    requires: ["departmentId", "comment"],
  },
  request_coordination: {
    from: [...HANDLING, "result_returned"],
    roles: CUSTOMER_SERVICE,
    requires: ["comment"],
  },
  record_coordination: { from: [...HANDLING, "result_returned"], roles: ["mgmt_rep"], requires: ["comment"] },
  // major complaints go to the management representative, who signs them off.
  flag_major: { from: OPEN, roles: [...CUSTOMER_SERVICE, "mgmt_rep"], requires: ["comment"] },
  sign_off: { from: ["result_returned"], roles: ["mgmt_rep"], requires: ["comment"] },
  // The deadline clock stops while the complaint waits on the resident.
  pause: {
    from: HANDLING,
    roles: ["dept_head", "dept_staff", ...CUSTOMER_SERVICE, "mgmt_rep"],
    requires: ["comment"],
  },
  resume: { from: HANDLING, roles: ["dept_head", "dept_staff", ...CUSTOMER_SERVICE, "mgmt_rep"], requires: [] },
  // customer service tracks what the departments do.
  follow_up: { from: OPEN, roles: CUSTOMER_SERVICE, requires: ["comment"] },
  withdraw: { from: OPEN, roles: CUSTOMER_SERVICE, requires: ["comment"] },
  close: { from: ["awaiting_callback"], roles: ["cs_head"], requires: ["comment"] },
  reopen: { from: ["closed", "withdrawn"], roles: ["cs_head"], requires: ["comment"] },
};

export const CHECK_OUTCOMES = ["accepted", "sent_back"] as const;

export const complaintActionInputSchema = z.object({
  action: complaintActionSchema,
  /** The department's handling section the action is about (accept, assign, return_result, reassign). */
  handlingId: z.uuid().optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
  measures: z.string().trim().min(1).max(4000).optional(),
  result: z.string().trim().min(1).max(4000).optional(),
  departmentId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  outcome: z.enum(CHECK_OUTCOMES).optional(),
});
export type ComplaintActionInput = z.infer<typeof complaintActionInputSchema>;

/**
 * The complaint's status from its active handling sections: result returned once every
 * department has returned; in progress while any works on it or some have returned; accepted
 * once any accepted; otherwise routed.
 */
export function complaintStatusOf(sections: readonly HandlingStatus[]): CaseStatus {
  const active = sections.filter((status) => ACTIVE_HANDLING_STATUSES.includes(status));
  if (active.length > 0 && active.every((status) => status === "returned")) return "result_returned";
  if (active.some((status) => status === "in_progress" || status === "returned")) return "in_progress";
  if (active.some((status) => status === "accepted")) return "accepted";
  return "routed";
}

export const complaintHandlingSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  status: handlingStatusSchema,
  routedAt: z.string(),
  acceptedAt: z.string().nullable(),
  acceptedByName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedByName: z.string().nullable(),
  measures: z.string().nullable(),
  result: z.string().nullable(),
  acceptDueAt: z.string().nullable(),
  resultDueAt: z.string().nullable(),
  escalationLevel: z.number(),
});
export type ComplaintHandling = z.infer<typeof complaintHandlingSchema>;

/** The complaint-specific sections of the case form (QR-023). */
export const complaintSectionsSchema = z.object({
  handlings: z.array(complaintHandlingSchema),
  isMajor: z.boolean(),
  majorReason: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  signedOffByName: z.string().nullable(),
  coordinationRequestedAt: z.string().nullable(),
  coordinationDecision: z.string().nullable(),
  coordinatedByName: z.string().nullable(),
  pausedAt: z.string().nullable(),
  pauseReason: z.string().nullable(),
  checkedAt: z.string().nullable(),
  checkedByName: z.string().nullable(),
  /** What the signed-in user may do now, with the handling section it applies to where relevant. */
  availableActions: z.array(z.object({ action: complaintActionSchema, handlingId: z.string().nullable() })),
});
export type ComplaintSections = z.infer<typeof complaintSectionsSchema>;

/** One department's section of a complaint in a work list: the inbox of a department, or customer service's tracking. */
export const handlingQueueItemSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  status: z.string(),
  estateName: z.string(),
  unitLabel: z.string().nullable(),
  publicArea: z.string().nullable(),
  categoryName: z.string().nullable(),
  urgency: z.string(),
  content: z.string(),
  receivedAt: z.string(),
  isMajor: z.boolean(),
  pausedAt: z.string().nullable(),
  handlingId: z.string(),
  handlingStatus: handlingStatusSchema,
  departmentId: z.string(),
  departmentName: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  routedAt: z.string(),
  acceptDueAt: z.string().nullable(),
  resultDueAt: z.string().nullable(),
  escalationLevel: z.number(),
});
export type HandlingQueueItem = z.infer<typeof handlingQueueItemSchema>;

export const HANDLING_QUEUES = ["department", "mine", "tracking"] as const;

/**
 * when a complaint counts as major without anyone flagging it — its category, a
 * repeat from the same unit within a number of days, or its source (media, government).
 */
export const majorComplaintRulesSchema = z.object({
  categoryIds: z.array(z.uuid()).max(200),
  repeatWithinDays: z.int().min(1).max(365).nullable(),
  sources: z.array(z.enum(["resident", "media", "government", "other"])).max(4),
});
export type MajorComplaintRules = z.infer<typeof majorComplaintRulesSchema>;

export const DEFAULT_MAJOR_COMPLAINT_RULES: MajorComplaintRules = {
  categoryIds: [],
  repeatWithinDays: 30,
  sources: ["media", "government"],
};
