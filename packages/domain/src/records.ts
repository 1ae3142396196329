import { z } from "zod";
import { seededRandom } from "./seeded-random.js";

/**
 * Records control (R-4.12.1–, QP-02): retention per record type, the monthly handover
 * of completed complaint records to QA with addenda for later corrections, and QA's monthly
 * inspection of the register.
 */

/** The record types with a retention period, in months. */
export const RETENTION_RECORD_TYPES = [
  "complaintRecords",
  "dispatchOrders",
  "callbacks",
  "auditLog",
  "departedResidentData",
] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

/**
 * Quality records are kept at least a year (an ISO 9001 surveillance cycle) and at most fifty;
 * personal data of departed residents only as long as needed (PIPL), at least one month.
 */
export const retentionSettingsSchema = z.object({
  complaintRecords: z.int().min(12).max(600),
  dispatchOrders: z.int().min(12).max(600),
  callbacks: z.int().min(12).max(600),
  auditLog: z.int().min(12).max(600),
  departedResidentData: z.int().min(1).max(600),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** Defaults: quality records three years, the audit log five, departed residents' personal data one. */
export const DEFAULT_RETENTION: RetentionSettings = {
  complaintRecords: 36,
  dispatchOrders: 36,
  callbacks: 36,
  auditLog: 60,
  departedResidentData: 12,
};

/** A calendar month, `YYYY-MM`. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM");

export const handoverStatusSchema = z.enum(["handed_over", "received"]);
export type HandoverStatus = z.infer<typeof handoverStatusSchema>;

export const handoverSchema = z.object({
  id: z.string(),
  period: z.string(),
  status: handoverStatusSchema,
  caseCount: z.number(),
  preparedByName: z.string().nullable(),
  preparedAt: z.string(),
  note: z.string().nullable(),
  receivedByName: z.string().nullable(),
  receivedAt: z.string().nullable(),
  signatureUploadId: z.string().nullable(),
  receiptNote: z.string().nullable(),
});
export type Handover = z.infer<typeof handoverSchema>;

export const handoverCaseSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  estateName: z.string(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
  categoryName: z.string().nullable(),
});
export const handoverDetailSchema = handoverSchema.extend({ cases: z.array(handoverCaseSchema) });
export type HandoverDetail = z.infer<typeof handoverDetailSchema>;

/** A month and whether its completed complaint records were handed over. */
export const handoverMonthSchema = z.object({
  period: z.string(),
  completedCases: z.number(),
  handover: handoverSchema.nullable(),
});
export type HandoverMonth = z.infer<typeof handoverMonthSchema>;

export const prepareHandoverSchema = z.object({
  period: periodSchema,
  note: z.string().trim().max(500).optional(),
});
export const receiveHandoverSchema = z
  .object({
    signatureUploadId: z.uuid().optional(),
    /** Confirmation instead of (or beside) a signature image: the receiver's own words. */
    confirmation: z.string().trim().min(1).max(500).optional(),
  })
  .refine((body) => body.signatureUploadId !== undefined || body.confirmation !== undefined, {
    message: "a signature image or a written confirmation is needed",
  });

export const caseAddendumSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  authorName: z.string().nullable(),
  at: z.string(),
  reason: z.string(),
  text: z.string(),
});
export type CaseAddendum = z.infer<typeof caseAddendumSchema>;
export const newAddendumSchema = z.object({
  reason: z.string().trim().min(1).max(500),
  text: z.string().trim().min(1).max(4000),
});

/**
 * The checklist of the monthly inspection. The inspector answers every item; the
 * server suggests answers from the records (deadlines, callbacks and exemptions,
 * nonconformities) without binding the inspector.
 */
export const INSPECTION_CHECKS = ["complete", "routedInTime", "callbackDone", "nonconformityClosed"] as const;
export type InspectionCheck = (typeof INSPECTION_CHECKS)[number];
export const inspectionChecksSchema = z.object({
  complete: z.boolean().nullable(),
  routedInTime: z.boolean().nullable(),
  callbackDone: z.boolean().nullable(),
  nonconformityClosed: z.boolean().nullable(),
});
export type InspectionChecks = z.infer<typeof inspectionChecksSchema>;

export const inspectionItemSchema = z.object({
  id: z.string(),
  position: z.number(),
  caseId: z.string(),
  caseNumber: z.string(),
  estateName: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  checks: inspectionChecksSchema,
  /** What the system found by itself, to help the inspector (not binding). */
  suggested: z.object({
    complete: z.boolean(),
    routedInTime: z.boolean().nullable(),
    /** A callback reached the resident with no reply outstanding, or the case is exempt. */
    callbackDone: z.boolean(),
    /** Null when the case has no nonconformity; else whether every one is closed or dismissed. */
    nonconformityClosed: z.boolean().nullable(),
  }),
  finding: z.string().nullable(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type InspectionItem = z.infer<typeof inspectionItemSchema>;

export const trackingResultSchema = z.enum(["satisfied", "neutral", "dissatisfied", "unreachable"]);
export type TrackingResult = z.infer<typeof trackingResultSchema>;
export const trackingCallSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  calledName: z.string(),
  calledPhone: z.string().nullable(),
  result: trackingResultSchema,
  note: z.string().nullable(),
  calledByName: z.string().nullable(),
  calledAt: z.string(),
});
export type TrackingCall = z.infer<typeof trackingCallSchema>;

export const inspectionSchema = z.object({
  id: z.string(),
  period: z.string(),
  status: z.enum(["open", "closed"]),
  seed: z.string(),
  sampleSize: z.number(),
  population: z.number(),
  openedByName: z.string().nullable(),
  openedAt: z.string(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  summary: z.string().nullable(),
  checkedCount: z.number(),
  findingCount: z.number(),
});
export type Inspection = z.infer<typeof inspectionSchema>;
export const inspectionDetailSchema = inspectionSchema.extend({
  items: z.array(inspectionItemSchema),
  calls: z.array(trackingCallSchema),
});
export type InspectionDetail = z.infer<typeof inspectionDetailSchema>;

export const openInspectionSchema = z.object({
  period: periodSchema,
  sampleSize: z.int().min(1).max(200),
  /** Given to re-draw a known sample; otherwise the server draws a seed and records it. */
  seed: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/)
    .optional(),
});
export const checkInspectionItemSchema = z.object({
  checks: inspectionChecksSchema,
  finding: z.string().trim().max(2000).nullable().optional(),
});
export const newTrackingCallSchema = z.object({
  caseId: z.uuid().nullable().optional(),
  calledName: z.string().trim().min(1).max(100),
  calledPhone: z.string().trim().max(30).nullable().optional(),
  result: trackingResultSchema,
  note: z.string().trim().max(1000).nullable().optional(),
});
export const closeInspectionSchema = z.object({ summary: z.string().trim().min(1).max(4000) });

/**
 * The sample of an inspection: `size` positions out of `population`, drawn from the seed
 * (seeded-random.ts) with a partial Fisher–Yates shuffle, so the same seed over the same
 * ordered register always draws the same entries.
 */
export function drawSample(seed: string, population: number, size: number): number[] {
  const next = seededRandom(seed);
  const positions = Array.from({ length: population }, (_, index) => index);
  const take = Math.min(size, population);
  for (let index = 0; index < take; index++) {
    const pick = index + Math.floor(next() * (population - index));
    [positions[index], positions[pick]] = [positions[pick] as number, positions[index] as number];
  }
  return positions.slice(0, take);
}

function zoneOffsetMs(timeZone: string, instantMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    value("year"),
    value("month") - 1,
    value("day"),
    value("hour"),
    value("minute"),
    value("second"),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant a month begins in a time zone (its first midnight), as an ISO string. */
function monthStart(year: number, month: number, timeZone: string): string {
  const guess = Date.UTC(year, month - 1, 1);
  const first = guess - zoneOffsetMs(timeZone, guess);
  return new Date(guess - zoneOffsetMs(timeZone, first)).toISOString();
}

/** `[from, to)` of a month `YYYY-MM` in the organisation's time zone. */
export function periodBounds(period: string, timeZone: string): { from: string; to: string } {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return { from: monthStart(year, month, timeZone), to: monthStart(next.year, next.month, timeZone) };
}

/** The month `YYYY-MM` an instant falls in, in a time zone. */
export function periodOf(iso: string, timeZone: string): string {
  const time = Date.parse(iso);
  const local = new Date(time + zoneOffsetMs(timeZone, time));
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month before `YYYY-MM`. */
export function previousPeriod(period: string): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}
