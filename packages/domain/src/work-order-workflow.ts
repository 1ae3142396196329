/**
 * The repair dispatch order (派工单, QR-024) state machine, as data: which
 * steps exist, from which states, who may take them and what they must carry. The server
 * enforces it; the web app shows only the steps the server says the user may take now.
 *
 * dispatched → accepted by the team leader → assigned to a worker of the right
 * trade → on the way → on site → completed with the customer's evaluation and signature
 * → awaiting callback → closed. Also: waiting for parts or the customer (clock
 * paused), transfer to another worker, a second visit, cancelled by the resident, could not
 * be done.
 */
import { z } from "zod";
import {
  finalChargeSchema,
  quoteLineSchema,
  repairBillingSchema,
  repairDispatchModeSchema,
} from "./repair-dispatch.js";
import type { Role } from "./roles.js";

export const WORK_ORDER_STATUSES = [
  "dispatched",
  "accepted",
  "assigned",
  "on_the_way",
  "on_site",
  "waiting",
  "awaiting_evaluation",
  "awaiting_callback",
  "closed",
  "cancelled",
  "not_done",
] as const;
export const workOrderStatusSchema = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof workOrderStatusSchema>;

export const WORK_ORDER_ACTIONS = [
  "accept",
  "claim",
  "assign",
  "transfer",
  "start",
  "arrive",
  "wait",
  "resume",
  "complete",
  "evaluate",
  "revisit",
  "cancel",
  "give_up",
  "return_to_lead",
  "close",
] as const;
export const workOrderActionSchema = z.enum(WORK_ORDER_ACTIONS);
export type WorkOrderAction = z.infer<typeof workOrderActionSchema>;

export type WorkOrderField = "comment" | "workerId" | "workDone" | "evaluation" | "absenceReason" | "waitReason";

export interface WorkOrderRule {
  from: readonly WorkOrderStatus[];
  roles: readonly Role[];
  /** Only the assigned worker (besides the roles that may always act). */
  assignedWorkerOnly?: boolean;
  requires: readonly WorkOrderField[];
  to: WorkOrderStatus | "previous";
}

const LEAD: readonly Role[] = ["repair_lead"];
const WORKER: readonly Role[] = ["repair_worker", "repair_lead"];
const IN_HAND: readonly WorkOrderStatus[] = ["assigned", "on_the_way", "on_site"];

export const WORK_ORDER_RULES: Record<WorkOrderAction, WorkOrderRule> = {
  // the team records its acceptance (who, when) at once…
  accept: { from: ["dispatched"], roles: LEAD, requires: [], to: "accepted" },
  // Pool mode (issue #5 item 7): a worker of the order's trade in its estate claims it (抢单)
  // before the claim time limit; acceptance and assignment in one step.
  claim: { from: ["dispatched"], roles: ["repair_worker"], requires: [], to: "assigned" },
  // …and passes the order to a worker of the right trade.
  assign: { from: ["accepted"], roles: LEAD, requires: ["workerId"], to: "assigned" },
  transfer: { from: [...IN_HAND, "waiting"], roles: LEAD, requires: ["workerId", "comment"], to: "assigned" },
  start: { from: ["assigned"], roles: WORKER, assignedWorkerOnly: true, requires: [], to: "on_the_way" },
  arrive: { from: ["assigned", "on_the_way"], roles: WORKER, assignedWorkerOnly: true, requires: [], to: "on_site" },
  // The clock stops while waiting for parts or for the customer.
  wait: { from: IN_HAND, roles: WORKER, assignedWorkerOnly: true, requires: ["waitReason"], to: "waiting" },
  resume: { from: ["waiting"], roles: WORKER, assignedWorkerOnly: true, requires: [], to: "previous" },
  // the work is recorded and the customer evaluates and signs on the worker's phone,
  // or, when absent, later in the portal.
  complete: {
    from: ["on_site"],
    roles: WORKER,
    assignedWorkerOnly: true,
    requires: ["workDone"],
    to: "awaiting_evaluation",
  },
  evaluate: {
    from: ["awaiting_evaluation"],
    roles: ["repair_worker", "repair_lead", "resident"],
    requires: ["evaluation"],
    to: "awaiting_callback",
  },
  revisit: {
    from: ["on_site", "awaiting_evaluation"],
    roles: WORKER,
    assignedWorkerOnly: true,
    requires: ["comment"],
    to: "assigned",
  },
  return_to_lead: {
    from: ["assigned", "on_the_way"],
    roles: ["repair_worker"],
    assignedWorkerOnly: true,
    requires: ["comment"],
    to: "accepted",
  },
  cancel: {
    from: ["dispatched", "accepted", "assigned", "on_the_way", "waiting"],
    roles: ["resident", "cs_agent", "cs_head", "repair_lead"],
    requires: ["comment"],
    to: "cancelled",
  },
  give_up: { from: [...IN_HAND, "waiting"], roles: WORKER, requires: ["comment"], to: "not_done" },
  close: { from: ["awaiting_callback"], roles: ["cs_head", "cs_agent"], requires: ["comment"], to: "closed" },
};

export const SATISFACTIONS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export const satisfactionSchema = z.enum(SATISFACTIONS);
export type Satisfaction = z.infer<typeof satisfactionSchema>;

export const materialSchema = z.object({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().positive().max(100_000),
  unit: z.string().trim().min(1).max(20),
});

/** What the worker records when the work is done. */
export const workDoneSchema = z.object({
  description: z.string().trim().min(1).max(4000),
  materials: z.array(materialSchema).max(50).default([]),
  minutesSpent: z.int().min(0).max(100_000),
  photosBefore: z.array(z.uuid()).max(9).default([]),
  photosAfter: z.array(z.uuid()).max(9).default([]),
  /** Paid repairs: the charge actually made (may differ from the approved quote, with a reason). */
  finalCharge: finalChargeSchema.optional(),
});

/** The customer's evaluation and signature. */
export const evaluationSchema = z.object({
  satisfaction: satisfactionSchema,
  stars: z.int().min(1).max(5),
  opinion: z.string().trim().max(1000).optional(),
  /** The signature drawn on the screen, uploaded as a PNG. */
  signatureId: z.uuid(),
});

export const workOrderActionInputSchema = z.object({
  action: workOrderActionSchema,
  comment: z.string().trim().min(1).max(2000).optional(),
  workerId: z.uuid().optional(),
  waitReason: z.enum(["parts", "customer"]).optional(),
  workDone: workDoneSchema.optional(),
  evaluation: evaluationSchema.optional(),
  /** The customer was not there to sign: why, with a photo (e.g. of the closed door). */
  absenceReason: z.object({ reason: z.string().trim().min(1).max(500), photoId: z.uuid() }).optional(),
});
export type WorkOrderActionInput = z.infer<typeof workOrderActionInputSchema>;

const photoSchema = z.object({
  fileId: z.string(),
  url: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
});

/** The dispatch order (派工单, QR-024) with every section, as staff and the resident see it. */
export const workOrderSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  number: z.string(),
  status: workOrderStatusSchema,
  urgency: z.string(),
  estateName: z.string(),
  unitLabel: z.string().nullable(),
  publicArea: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  categoryName: z.string().nullable(),
  tradeId: z.string().nullable(),
  tradeName: z.string().nullable(),
  content: z.string(),
  receivedAt: z.string(),
  dispatchedAt: z.string(),
  acceptedAt: z.string().nullable(),
  acceptedByName: z.string().nullable(),
  workerId: z.string().nullable(),
  workerName: z.string().nullable(),
  assignedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  waitingSince: z.string().nullable(),
  waitReason: z.string().nullable(),
  workDescription: z.string().nullable(),
  materials: z.array(materialSchema),
  minutesSpent: z.number().nullable(),
  satisfaction: satisfactionSchema.nullable(),
  stars: z.number().nullable(),
  opinion: z.string().nullable(),
  signatureUrl: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  absenceReason: z.string().nullable(),
  visitCount: z.number(),
  /** How many times the resident urged the repair (催单). */
  urgeCount: z.number(),
  reworkOfId: z.string().nullable(),
  photos: z.array(photoSchema.extend({ phase: z.enum(["before", "after", "absence"]) })),
  /** The steps the signed-in user may take now. */
  availableActions: z.array(workOrderActionSchema),
  // Issue #5, second part.
  estateId: z.string(),
  dispatchMode: repairDispatchModeSchema.nullable(),
  /** Pool mode: workers may claim until then, then the order returns to the leader. */
  poolUntil: z.string().nullable(),
  acceptDueAt: z.string().nullable(),
  arriveDueAt: z.string().nullable(),
  resultDueAt: z.string().nullable(),
  /** Working minutes spent waiting for parts or the customer; the deadlines moved on by them. */
  pausedMinutes: z.number(),
  /** Set by the leader or worker, otherwise the arrival deadline; null once arrived. */
  expectedArrivalAt: z.string().nullable(),
  billing: repairBillingSchema.nullable(),
  quote: z
    .object({
      lines: z.array(quoteLineSchema),
      totalFen: z.number(),
      recordedAt: z.string(),
      recordedByName: z.string().nullable(),
      approvedAt: z.string().nullable(),
      signatureUrl: z.string().nullable(),
    })
    .nullable(),
  finalChargeFen: z.number().nullable(),
  chargeReason: z.string().nullable(),
  /** The callback section of QR-024; filled by the callback module (empty until then). */
  callbacks: z.array(
    z.object({
      at: z.string(),
      byName: z.string().nullable(),
      result: z.string(),
      note: z.string().nullable(),
    }),
  ),
  /** For the resident: when they may urge (催单) again; null when they may now or cannot. */
  nextUrgeAt: z.string().nullable(),
  /** The steps as the resident sees them: who (role and masked name, decision 0007), when. */
  progress: z.array(
    z.object({
      step: z.string(),
      at: z.string(),
      role: z.enum(["repair_lead", "repair_worker", "resident", "system"]).nullable(),
      name: z.string().nullable(),
    }),
  ),
});
export type WorkOrder = z.infer<typeof workOrderSchema>;

export const workerSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  trades: z.array(z.object({ id: z.string(), name: z.string() })),
  openOrders: z.number(),
  /** The worker's own on-duty switch on the phone (default on); automatic dispatch skips those off duty. */
  onDuty: z.boolean(),
});
