/**
 * Callbacks and the weekly callback plan (R-4.4.1–,
 * request and response schemas, the organisation's callback settings, the
 * week arithmetic in the organisation's time zone, and the reproducible, stratified sample
 * of last week's dispatch orders. Pure: no I/O.
 */

import { z } from "zod";
import { clockTimeSchema, WEEKDAYS } from "./business-calendar.js";
import {
  callbackExemptionReasonSchema,
  callbackMethodSchema,
  callbackOutcomeSchema,
  callbackPlanStatusSchema,
  callbackStatusSchema,
  callbackSubjectTypeSchema,
} from "./callbacks.js";
import { seededRandom } from "./seeded-random.js";
import { satisfactionSchema } from "./work-order-workflow.js";

// ---------------------------------------------------------------------------------------------
// Settings (org_settings key `callbacks`)

/** at least 90 % of complaints are called back. */
export const COMPLAINT_CALLBACK_TARGET_PERCENT = 90;

export const callbackSettingsSchema = z
  .object({
    /** When the scheduler proposes the week's plan, in the organisation's time zone. */
    planWeekday: z.enum(WEEKDAYS),
    planTime: clockTimeSchema,
    /** at least this share of last week's dispatch orders is called back. */
    repairRatePercent: z.int().min(30).max(100),
    /** set by the customer-service head. */
    topicRatePercent: z.int().min(0).max(100),
  })
  .describe("CallbackSettings");
export type CallbackSettings = z.infer<typeof callbackSettingsSchema>;

export const DEFAULT_CALLBACK_SETTINGS: CallbackSettings = {
  planWeekday: "mon",
  planTime: "09:00",
  repairRatePercent: 30,
  topicRatePercent: 100,
};

// ---------------------------------------------------------------------------------------------
// Requests

const opinionSchema = z.string().trim().max(2000);

/** What the caller records when the callback is made. */
export const callbackResultInputSchema = z
  .object({
    method: callbackMethodSchema.optional(),
    outcome: callbackOutcomeSchema.exclude(["answered_by_letter"]),
    /** Required when the resident was reached, unless they are waiting for an appointed reply. */
    satisfaction: satisfactionSchema.optional(),
    opinion: opinionSchema.optional(),
    /** the resident's signature, required on site and refused for phone and letter. */
    signatureId: z.uuid().optional(),
    /** what the resident raised that cannot be answered at once, and when we reply. */
    replyQuestion: z.string().trim().min(1).max(2000).optional(),
    replyDueAt: z.iso.datetime().optional(),
    /** When it was performed, if not now (recording a visit afterwards). */
    performedAt: z.iso.datetime().optional(),
  })
  .describe("CallbackResultInput");
export type CallbackResultInput = z.infer<typeof callbackResultInputSchema>;

/** Plans a callback (assigned caller, due) or records one performed directly (`result`). */
export const callbackCreateInputSchema = z
  .object({
    subjectType: callbackSubjectTypeSchema,
    caseId: z.uuid().optional(),
    workOrderId: z.uuid().optional(),
    topicId: z.uuid().optional(),
    method: callbackMethodSchema,
    assigneeId: z.uuid().optional(),
    dueAt: z.iso.datetime().optional(),
    /** the callback whose appointed reply this one brings. */
    followUpOfId: z.uuid().optional(),
    /** Adds the callback to a weekly plan (the head adding an item while reviewing it). */
    planId: z.uuid().optional(),
    result: callbackResultInputSchema.optional(),
  })
  .describe("CallbackCreateInput");
export type CallbackCreateInput = z.infer<typeof callbackCreateInputSchema>;

/** The head changes a planned item: caller, method, due date; or removes it from the plan. */
export const callbackUpdateInputSchema = z
  .object({
    assigneeId: z.uuid().nullable().optional(),
    method: callbackMethodSchema.optional(),
    dueAt: z.iso.datetime().nullable().optional(),
    cancelled: z.literal(true).optional(),
  })
  .describe("CallbackUpdateInput");
export type CallbackUpdateInput = z.infer<typeof callbackUpdateInputSchema>;

/** why a complaint needs no callback; the reply letter is required. */
export const callbackExemptionInputSchema = z
  .object({
    reason: callbackExemptionReasonSchema,
    note: z.string().trim().max(2000).optional(),
    /** The written reply (PDF or image) uploaded first through /api/files. */
    letterId: z.uuid(),
  })
  .describe("CallbackExemptionInput");
export type CallbackExemptionInput = z.infer<typeof callbackExemptionInputSchema>;

/** The head assigns many planned items at once. */
export const callbackPlanAssignInputSchema = z
  .object({
    assignments: z
      .array(z.object({ callbackId: z.uuid(), assigneeId: z.uuid(), method: callbackMethodSchema.optional() }))
      .max(1000),
    /** Marks the plan reviewed and assigned. */
    confirm: z.boolean().default(false),
  })
  .describe("CallbackPlanAssignInput");
export type CallbackPlanAssignInput = z.infer<typeof callbackPlanAssignInputSchema>;

// ---------------------------------------------------------------------------------------------
// Responses

export const callbackSchema = z
  .object({
    id: z.string(),
    subjectType: callbackSubjectTypeSchema,
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    workOrderId: z.string().nullable(),
    topicId: z.string().nullable(),
    topicTitle: z.string().nullable(),
    nonconformityId: z.string().nullable(),
    planId: z.string().nullable(),
    followUpOfId: z.string().nullable(),
    sequence: z.int(),
    status: callbackStatusSchema,
    method: callbackMethodSchema,
    estateName: z.string().nullable(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    dueAt: z.string().nullable(),
    performedById: z.string().nullable(),
    performedByName: z.string().nullable(),
    performedAt: z.string().nullable(),
    outcome: callbackOutcomeSchema.nullable(),
    satisfaction: satisfactionSchema.nullable(),
    opinion: z.string().nullable(),
    signatureUrl: z.string().nullable(),
    replyQuestion: z.string().nullable(),
    replyDueAt: z.string().nullable(),
    repliedAt: z.string().nullable(),
    /** A planned item: whom to call and about what (the worklist). */
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    summary: z.string().nullable(),
    /** Why the sample took a dispatch order: `dissatisfied`, `rework`, `worker`, `trade`, `random`. */
    sampleReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe("Callback");
export type Callback = z.infer<typeof callbackSchema>;

export const callbackExemptionSchema = z
  .object({
    caseId: z.string(),
    reason: callbackExemptionReasonSchema,
    note: z.string().nullable(),
    letterUrl: z.string().nullable(),
    letterFileName: z.string().nullable(),
    letterContentType: z.string().nullable(),
    recordedByName: z.string().nullable(),
    recordedAt: z.string(),
  })
  .describe("CallbackExemption");
export type CallbackExemption = z.infer<typeof callbackExemptionSchema>;

/** Every callback of a subject in order and the exemption, if any. */
export const callbackHistorySchema = z
  .object({ items: z.array(callbackSchema), exemption: callbackExemptionSchema.nullable() })
  .describe("CallbackHistory");
export type CallbackHistory = z.infer<typeof callbackHistorySchema>;

export const callbackPlanSummarySchema = z.object({
  complaints: z.int(),
  exemptComplaints: z.int(),
  workOrdersCompleted: z.int(),
  workOrdersSampled: z.int(),
  workersCovered: z.int(),
  tradesCovered: z.int(),
  topics: z.int(),
  topicsSampled: z.int(),
  /** The week whose dispatch orders were sampled (the Monday, YYYY-MM-DD). */
  sampledWeekStart: z.string(),
});
export type CallbackPlanSummary = z.infer<typeof callbackPlanSummarySchema>;

export const callbackPlanSchema = z
  .object({
    id: z.string(),
    weekStart: z.string(),
    status: callbackPlanStatusSchema,
    seed: z.string(),
    repairRatePercent: z.int(),
    topicRatePercent: z.int(),
    summary: callbackPlanSummarySchema,
    proposedAt: z.string(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    items: z.array(callbackSchema),
  })
  .describe("CallbackPlan");
export type CallbackPlan = z.infer<typeof callbackPlanSchema>;

const rateSchema = z.object({
  /** Called back (reached) / eligible, in percent with one decimal; null when nothing was eligible. */
  ratePercent: z.number().nullable(),
  targetPercent: z.int(),
  eligible: z.int(),
  calledBack: z.int(),
});

export const callbackRatesSchema = z
  .object({
    period: z.enum(["week", "month"]),
    /** First day of the period (YYYY-MM-DD, organisation's time zone) and the day after its end. */
    from: z.string(),
    to: z.string(),
    /** Whether the period is still running (a warning is due while it falls short). */
    open: z.boolean(),
    /** complaints awaiting callback in the period; exempt complaints counted apart. */
    complaints: rateSchema.extend({ exempt: z.int() }),
    /** the dispatch orders completed in the week before. */
    repairs: rateSchema,
    byEstate: z.array(
      z.object({
        estateId: z.string(),
        estateName: z.string(),
        complaints: rateSchema.extend({ exempt: z.int() }),
        repairs: rateSchema,
      }),
    ),
    byCaller: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        performed: z.int(),
        reached: z.int(),
        dissatisfied: z.int(),
        planned: z.int(),
      }),
    ),
  })
  .describe("CallbackRates");
export type CallbackRates = z.infer<typeof callbackRatesSchema>;

// ---------------------------------------------------------------------------------------------
// Weeks in the organisation's time zone

const DAY_MS = 86_400_000;
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(timeZone: string, instant: number): number {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
}

function dayKey(wallClock: number): string {
  return new Date(wallClock).toISOString().slice(0, 10);
}

/** Adds days to a calendar date (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return dayKey(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** The Monday (YYYY-MM-DD) of the week an instant falls in, in the time zone. */
export function weekStartOf(timeZone: string, iso: string): string {
  const wall = wallClockOf(timeZone, Date.parse(iso));
  const dayStart = Math.floor(wall / DAY_MS) * DAY_MS;
  const mondayBased = (new Date(dayStart).getUTCDay() + 6) % 7;
  return dayKey(dayStart - mondayBased * DAY_MS);
}

/** The instant (ISO UTC) of a wall-clock time on a date in the time zone. */
export function zonedInstant(timeZone: string, day: string, clockTime = "00:00"): string {
  const wall = Date.parse(`${day}T${clockTime === "24:00" ? "23:59" : clockTime}:00Z`);
  let instant = wall - (wallClockOf(timeZone, wall) - wall);
  // Once more with the offset at the result (a transition between the two guesses).
  instant = wall - (wallClockOf(timeZone, instant) - instant);
  return new Date(instant).toISOString();
}

/** When this week's plan is due: the configured weekday and time of the week that starts on `weekStart`. */
export function planDueAt(timeZone: string, weekStart: string, settings: CallbackSettings): string {
  return zonedInstant(timeZone, addDays(weekStart, WEEKDAYS.indexOf(settings.planWeekday)), settings.planTime);
}

// ---------------------------------------------------------------------------------------------
// The reproducible sample of last week's dispatch orders

export interface SampleCandidate {
  id: string;
  workerId: string | null;
  tradeId: string | null;
  dissatisfied: boolean;
  reworked: boolean;
}

export type SampleReason = "dissatisfied" | "rework" | "worker" | "trade" | "random";

export interface SampledOrder {
  id: string;
  reason: SampleReason;
}

/** The least number of orders the sample must hold: the rate of the total, rounded up. */
export function sampleTarget(total: number, ratePercent: number): number {
  return Math.ceil((total * ratePercent) / 100);
}

/**
 * at least `ratePercent` of the orders (rounded up), always every dissatisfied and
 * reworked order, then one order of every worker and every trade not yet represented, then
 * random orders up to the target. Every random choice comes from `seed`, and the candidates
 * are taken in id order, so the same seed and the same orders give the same sample whatever
 * order the database returned them in.
 */
export function sampleWorkOrders(
  candidates: readonly SampleCandidate[],
  ratePercent: number,
  seed: string,
): SampledOrder[] {
  const random = seededRandom(seed);
  const orders = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen = new Map<string, SampleReason>();
  const pick = (pool: readonly SampleCandidate[]): SampleCandidate | undefined =>
    pool.length === 0 ? undefined : pool[Math.floor(random() * pool.length)];

  for (const order of orders) {
    if (order.dissatisfied) chosen.set(order.id, "dissatisfied");
    else if (order.reworked) chosen.set(order.id, "rework");
  }
  const covered = (key: "workerId" | "tradeId", value: string) =>
    orders.some((o) => chosen.has(o.id) && o[key] === value);
  const workers = [...new Set(orders.flatMap((o) => (o.workerId ? [o.workerId] : [])))].sort();
  for (const worker of workers) {
    if (covered("workerId", worker)) continue;
    const own = orders.filter((o) => o.workerId === worker);
    // Prefer an order of a trade not yet represented: fewer orders cover every stratum.
    const newTrade = own.filter((o) => o.tradeId !== null && !covered("tradeId", o.tradeId));
    const order = pick(newTrade.length > 0 ? newTrade : own);
    if (order) chosen.set(order.id, "worker");
  }
  const trades = [...new Set(orders.flatMap((o) => (o.tradeId ? [o.tradeId] : [])))].sort();
  for (const trade of trades) {
    if (covered("tradeId", trade)) continue;
    const order = pick(orders.filter((o) => o.tradeId === trade));
    if (order) chosen.set(order.id, "trade");
  }
  const target = sampleTarget(orders.length, ratePercent);
  const rest = orders.filter((o) => !chosen.has(o.id));
  while (chosen.size < target && rest.length > 0) {
    const index = Math.floor(random() * rest.length);
    const [order] = rest.splice(index, 1);
    if (order) chosen.set(order.id, "random");
  }
  return orders.flatMap((o) => {
    const reason = chosen.get(o.id);
    return reason ? [{ id: o.id, reason }] : [];
  });
}

/** topics at the head's rate, drawn from the same seed (after the orders). */
export function sampleTopics(topicIds: readonly string[], ratePercent: number, seed: string): string[] {
  const random = seededRandom(`${seed}:topics`);
  const rest = [...topicIds].sort();
  const target = sampleTarget(rest.length, ratePercent);
  const chosen: string[] = [];
  while (chosen.length < target && rest.length > 0) {
    const [id] = rest.splice(Math.floor(random() * rest.length), 1);
    if (id) chosen.push(id);
  }
  return chosen.sort();
}
