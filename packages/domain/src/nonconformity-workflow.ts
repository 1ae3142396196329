/**
 * Nonconformities and callback inspections: the state machine
 * of a nonconformity as data (the server enforces it, the web app shows only the buttons that
 * apply), the request and response schemas, the formal report QR-019 and the seeded sample
 * of performed callbacks the customer-service head inspects.
 */

import { z } from "zod";
import {
  callbackInspectionMethodSchema,
  callbackInspectionResultSchema,
  callbackMethodSchema,
  callbackStatusSchema,
  type NonconformityStatus,
  nonconformityCloseReasonSchema,
  nonconformitySourceSchema,
  nonconformityStatusSchema,
} from "./callbacks.js";
import { idSchema } from "./org.js";
import type { Role } from "./roles.js";
import { seededRandom } from "./seeded-random.js";
import { satisfactionSchema } from "./work-order-workflow.js";

/**
 * The steps of a nonconformity:
 * - `confirm` / `dismiss`: the customer-service head decides on a candidate;
 * - `record_fix`: the responsible person or department (or the head) records the fix, which
 *   plans a new callback on the same subject;
 * - `close`: the latest callback of the nonconformity found the resident (basically) satisfied;
 * - `propose_unreasonable`: the head records why the complaint is unreasonable;
 * - `sign_off`: the management representative signs that off, which closes it.
 */
export const NONCONFORMITY_ACTIONS = [
  "confirm",
  "dismiss",
  "record_fix",
  "close",
  "propose_unreasonable",
  "sign_off",
] as const;
export const nonconformityActionSchema = z.enum(NONCONFORMITY_ACTIONS);
export type NonconformityAction = z.infer<typeof nonconformityActionSchema>;

/**
 * From which states each action is possible and which roles may take it. `record_fix` is
 * also open to the responsible person and the heads/members of the responsible department
 * (a scope rule the server adds).
 */
export const NONCONFORMITY_RULES: Record<
  NonconformityAction,
  { from: readonly NonconformityStatus[]; roles: readonly Role[] }
> = {
  confirm: { from: ["candidate"], roles: ["cs_head"] },
  dismiss: { from: ["candidate"], roles: ["cs_head"] },
  record_fix: { from: ["open"], roles: ["cs_head"] },
  close: { from: ["fixed"], roles: ["cs_head"] },
  propose_unreasonable: { from: ["open", "fixed"], roles: ["cs_head"] },
  sign_off: { from: ["open", "fixed"], roles: ["mgmt_rep"] },
};

/** Satisfaction on the verifying callback that lets a nonconformity close. */
export const NONCONFORMITY_SATISFIED = ["satisfied", "basically_satisfied"] as const;

/** Default deadline when the head gives none: two working days of eight hours. */
export const DEFAULT_NONCONFORMITY_DUE_WORKING_HOURS = 16;

export const nonconformityActionInputSchema = z
  .object({
    action: nonconformityActionSchema,
    /** confirm: who must fix it — a person, a department, or both. */
    responsibleUserId: idSchema.optional(),
    responsibleDepartmentId: idSchema.optional(),
    /** confirm: the deadline in working hours on the organisation's business calendar. */
    dueInWorkingHours: z.number().int().min(1).max(2000).optional(),
    /** dismiss: the reason; record_fix: what was done; propose_unreasonable: why; sign_off, close: a note. */
    comment: z.string().trim().min(1).max(4000).optional(),
    /** record_fix: who performs the new callback (default: the original caller, else the head). */
    callerId: idSchema.optional(),
    /** record_fix: how (default phone, R-4.6.2). */
    method: callbackMethodSchema.optional(),
  })
  .describe("NonconformityActionInput");
export type NonconformityActionInput = z.infer<typeof nonconformityActionInputSchema>;

/** customer service records a nonconformity it found itself (source `manual`). */
export const nonconformityCreateSchema = z
  .object({
    description: z.string().trim().min(1).max(4000),
    caseId: idSchema.optional(),
    estateId: idSchema.optional(),
  })
  .describe("NonconformityCreate");
export type NonconformityCreate = z.infer<typeof nonconformityCreateSchema>;

export const nonconformityListQuerySchema = z.object({
  status: nonconformityStatusSchema.optional(),
  /** `active`: candidates, open and fixed — what still needs someone. */
  view: z.enum(["active", "all"]).default("active"),
});

export const nonconformityCallbackSchema = z.object({
  id: z.string(),
  sequence: z.number().int(),
  status: callbackStatusSchema,
  method: callbackMethodSchema,
  assignedToName: z.string().nullable(),
  performedAt: z.string().nullable(),
  performedByName: z.string().nullable(),
  satisfaction: satisfactionSchema.nullable(),
  opinion: z.string().nullable(),
});

export const nonconformityListItemSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    estateId: z.string().nullable(),
    estateName: z.string().nullable(),
    source: nonconformitySourceSchema,
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    topicId: z.string().nullable(),
    topicTitle: z.string().nullable(),
    status: nonconformityStatusSchema,
    description: z.string(),
    responsibleUserName: z.string().nullable(),
    responsibleDepartmentName: z.string().nullable(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int(),
    createdAt: z.string(),
  })
  .describe("NonconformityListItem");
export type NonconformityListItem = z.infer<typeof nonconformityListItemSchema>;

export const nonconformitySchema = nonconformityListItemSchema
  .extend({
    sourceId: z.string().nullable(),
    workOrderId: z.string().nullable(),
    responsibleUserId: z.string().nullable(),
    responsibleDepartmentId: z.string().nullable(),
    confirmedByName: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    fixDescription: z.string().nullable(),
    fixedByName: z.string().nullable(),
    fixedAt: z.string().nullable(),
    closeReason: nonconformityCloseReasonSchema.nullable(),
    closeNote: z.string().nullable(),
    closedByName: z.string().nullable(),
    closedAt: z.string().nullable(),
    signedOffByName: z.string().nullable(),
    signedOffAt: z.string().nullable(),
    callbacks: z.array(nonconformityCallbackSchema),
    hasReport: z.boolean(),
    availableActions: z.array(nonconformityActionSchema),
  })
  .describe("Nonconformity");
export type Nonconformity = z.infer<typeof nonconformitySchema>;

/** who signs which part of the formal report QR-019. */
export const REPORT_SIGNATURE_PARTS = ["reporter", "responsible", "verifier", "approver"] as const;
export const reportSignaturePartSchema = z.enum(REPORT_SIGNATURE_PARTS);
export type ReportSignaturePart = z.infer<typeof reportSignaturePartSchema>;

const reportText = z.string().trim().max(8000);

export const nonconformityReportInputSchema = z
  .object({
    description: z.string().trim().min(1).max(8000),
    causeAnalysis: reportText.nullable().optional(),
    correction: reportText.nullable().optional(),
    correctiveAction: reportText.nullable().optional(),
    verification: reportText.nullable().optional(),
    effective: z.boolean().nullable().optional(),
  })
  .describe("NonconformityReportInput");
export type NonconformityReportInput = z.infer<typeof nonconformityReportInputSchema>;

export const reportSignatureInputSchema = z
  .object({ part: reportSignaturePartSchema, signatureUploadId: idSchema })
  .describe("ReportSignatureInput");
export type ReportSignatureInput = z.infer<typeof reportSignatureInputSchema>;

export const reportSignatureSchema = z.object({
  part: reportSignaturePartSchema,
  userId: z.string(),
  name: z.string(),
  uploadId: z.string(),
  signedAt: z.string(),
  /** Where the signature image is served (API path). */
  imageUrl: z.string(),
});
export type ReportSignature = z.infer<typeof reportSignatureSchema>;

/**
 * The typed view model of QR-019 《不合格报告》: everything a printed page or a PDF renders,
 * in the order of the paper form.
 */
export const nonconformityReportViewSchema = z
  .object({
    formCode: z.literal("TXHY.QR-019"),
    nonconformityId: z.string(),
    number: z.string().nullable(),
    organisationName: z.string(),
    estateName: z.string().nullable(),
    caseNumber: z.string().nullable(),
    source: nonconformitySourceSchema,
    foundAt: z.string(),
    responsibleUserName: z.string().nullable(),
    responsibleDepartmentName: z.string().nullable(),
    dueAt: z.string().nullable(),
    status: nonconformityStatusSchema,
    description: z.string(),
    causeAnalysis: z.string().nullable(),
    correction: z.string().nullable(),
    correctiveAction: z.string().nullable(),
    verification: z.string().nullable(),
    effective: z.boolean().nullable(),
    signatures: z.array(reportSignatureSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("NonconformityReportView");
export type NonconformityReportView = z.infer<typeof nonconformityReportViewSchema>;

// ---------------------------------------------------------------------------------------
// callback inspection.

export const inspectionSampleQuerySchema = z.object({
  callerId: idSchema.optional(),
  /** Monday of the week (YYYY-MM-DD, organisation's time zone) the callbacks were performed in. */
  weekStart: z.iso.date().optional(),
  size: z.coerce.number().int().min(1).max(100).default(5),
  /** Reuse a recorded seed to draw the same sample again; a new one is made when absent. */
  seed: z.string().trim().min(1).max(64).optional(),
});

export const inspectableCallbackSchema = z.object({
  id: z.string(),
  subjectType: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  topicTitle: z.string().nullable(),
  estateName: z.string().nullable(),
  method: callbackMethodSchema,
  performedAt: z.string().nullable(),
  callerId: z.string().nullable(),
  callerName: z.string().nullable(),
  residentName: z.string().nullable(),
  residentPhone: z.string().nullable(),
  satisfaction: satisfactionSchema.nullable(),
  opinion: z.string().nullable(),
  inspected: z.boolean(),
});
export type InspectableCallback = z.infer<typeof inspectableCallbackSchema>;

export const inspectionSampleSchema = z
  .object({ seed: z.string(), population: z.number().int(), items: z.array(inspectableCallbackSchema) })
  .describe("InspectionSample");
export type InspectionSample = z.infer<typeof inspectionSampleSchema>;

export const callbackInspectionInputSchema = z
  .object({
    callbackId: idSchema,
    method: callbackInspectionMethodSchema,
    result: callbackInspectionResultSchema,
    finding: z.string().trim().min(1).max(4000).optional(),
    sampleSeed: z.string().trim().min(1).max(64).optional(),
  })
  .describe("CallbackInspectionInput");
export type CallbackInspectionInput = z.infer<typeof callbackInspectionInputSchema>;

export const callbackInspectionSchema = z
  .object({
    id: z.string(),
    callbackId: z.string(),
    caseNumber: z.string().nullable(),
    callerId: z.string().nullable(),
    callerName: z.string().nullable(),
    inspectorName: z.string(),
    method: callbackInspectionMethodSchema,
    result: callbackInspectionResultSchema,
    finding: z.string().nullable(),
    sampleSeed: z.string().nullable(),
    inspectedAt: z.string(),
    nonconformityId: z.string().nullable(),
  })
  .describe("CallbackInspection");
export type CallbackInspection = z.infer<typeof callbackInspectionSchema>;

export const callerInspectionSummarySchema = z.object({
  callerId: z.string(),
  callerName: z.string(),
  inspected: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  lastInspectedAt: z.string().nullable(),
});
export type CallerInspectionSummary = z.infer<typeof callerInspectionSummarySchema>;

/**
 * a random sample of `size` ids drawn from `seed`, so that an auditor who has the
 * seed draws the same sample again. The ids are sorted first: the order the database returns
 * them in does not matter.
 */
export function sampleWithSeed(ids: readonly string[], size: number, seed: string): string[] {
  const pool = [...ids].sort();
  const random = seededRandom(seed);
  // Partial Fisher–Yates: the first `size` places are the sample.
  const take = Math.min(size, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const swap = pool[i] as string;
    pool[i] = pool[j] as string;
    pool[j] = swap;
  }
  return pool.slice(0, take);
}
