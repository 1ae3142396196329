import { z } from "zod";
import { complaintSectionsSchema } from "./complaint-workflow.js";
import { caseKindSchema, idSchema, phoneSchema, residentRelationSchema, urgencySchema } from "./org.js";
import { residentUnitSchema } from "./org-people.js";

/** How a case reached the management centre (R-4.1.4, R-4.2.4: forwarded by a named department or person). */
export const CHANNELS = ["phone", "walk_in", "letter", "portal", "forwarded"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Who raised the case; media and government sources make a complaint major. */
export const CASE_SOURCES = ["resident", "media", "government", "other"] as const;
export const caseSourceSchema = z.enum(CASE_SOURCES);
export type CaseSource = z.infer<typeof caseSourceSchema>;

/** The channels customer service records itself; `portal` is the resident's own, `forwarded` another department's. */
export const STAFF_INTAKE_CHANNELS = ["phone", "walk_in", "letter", "forwarded"] as const;

/**
 * Where a case stands. Intake (this module) brings a case to `pending_intake` (forwarded,
 * waiting for customer service), `routed` (a complaint's handling form is with its
 * department, R-4.1.3), `dispatched` (a repair's dispatch order is with the repair team,
 * ) or `registered` (a suggestion waiting for the weekly classification, R-4.7.1).
 * Handling, repair and callback workflows move it on from there.
 */
export const CASE_STATUSES = [
  "pending_intake",
  "registered",
  "routed",
  "accepted",
  "dispatched",
  "in_progress",
  "result_returned",
  "awaiting_callback",
  "closed",
  "withdrawn",
] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Open means someone still has to act on it: the duplicate check and the resident's list use this. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = [
  "pending_intake",
  "registered",
  "routed",
  "accepted",
  "dispatched",
  "in_progress",
  "result_returned",
  "awaiting_callback",
];

/** The letter prefix of case numbers per kind: TS 投诉, BX 报修, JY 建议. */
export const CASE_NUMBER_PREFIX = { complaint: "TS", repair: "BX", suggestion: "JY" } as const;

/** A similar open case on the same unit within this many days is pointed out before saving (issue #3). */
export const SIMILAR_CASE_DAYS = 7;

export const MAX_CASE_PHOTOS = 9;

const contentSchema = z.string().trim().min(1).max(4000);

export const visitorSchema = z.object({
  name: z.string().trim().min(1).max(50),
  phone: phoneSchema,
});

/**
 * Who the case is about: a known resident, or a visitor recorded by name and phone; and
 * where: one unit, or a public area described in words.
 */
const partiesSchema = {
  residentId: idSchema.nullish(),
  visitor: visitorSchema.nullish(),
  unitId: idSchema.nullish(),
  publicArea: z.string().trim().min(1).max(200).nullish(),
};

const callbackSchema = {
  /** Whether the resident wants to hear back (R-4.4.5: no callback when they decline). */
  wantsCallback: z.boolean().default(true),
  callbackPhone: phoneSchema.nullish(),
  /** How and when to reach them, e.g. "工作日晚上 7 点后". */
  callbackNote: z.string().trim().max(200).nullish(),
};

/** Customer service registers a case it received. */
export const caseIntakeSchema = z.object({
  kind: caseKindSchema,
  estateId: idSchema,
  channel: z.enum(STAFF_INTAKE_CHANNELS),
  /** When the case reached the centre; defaults to now, may be earlier (a letter), never later. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  /** the department or person that passed it on, when channel is `forwarded`. */
  forwardedByDepartmentId: idSchema.nullish(),
  forwardedByName: z.string().trim().min(1).max(50).nullish(),
  ...partiesSchema,
  categoryId: idSchema,
  urgency: urgencySchema.optional(),
  content: contentSchema,
  /** Complaints and suggestions: the responsible department; defaults to the category's. */
  departmentId: idSchema.nullish(),
  /** Who raised it; media and government sources can make a complaint major. */
  source: caseSourceSchema.default("resident"),
  /** The clerk flags a major complaint at intake; rules may flag it too. */
  major: z.boolean().default(false),
  majorReason: z.string().trim().min(1).max(500).optional(),
  ...callbackSchema,
  photoIds: z.array(idSchema).max(MAX_CASE_PHOTOS).default([]),
  /** Set after the clerk has seen the similar open cases the server pointed out. */
  similarCasesAcknowledged: z.boolean().default(false),
});
export type CaseIntake = z.infer<typeof caseIntakeSchema>;

/** Any staff member records what a resident told them; customer service completes it. */
export const caseForwardSchema = z.object({
  kind: caseKindSchema,
  estateId: idSchema,
  ...partiesSchema,
  content: contentSchema,
  /** When a resident told them, if not just now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  ...callbackSchema,
  photoIds: z.array(idSchema).max(MAX_CASE_PHOTOS).default([]),
});
export type CaseForward = z.infer<typeof caseForwardSchema>;

/** Customer service completes a forwarded case and routes it. */
export const caseCompletionSchema = z.object({
  kind: caseKindSchema.optional(),
  categoryId: idSchema,
  urgency: urgencySchema.optional(),
  departmentId: idSchema.nullish(),
  content: contentSchema.optional(),
  ...partiesSchema,
  similarCasesAcknowledged: z.boolean().default(false),
});
export type CaseCompletion = z.infer<typeof caseCompletionSchema>;

/** A resident files a case for one of their own units from the portal. */
export const portalCaseSchema = z.object({
  kind: caseKindSchema,
  unitId: idSchema,
  categoryId: idSchema,
  content: contentSchema,
  ...callbackSchema,
  photoIds: z.array(idSchema).max(MAX_CASE_PHOTOS).default([]),
});
export type PortalCase = z.infer<typeof portalCaseSchema>;

export const COMMENT_VISIBILITIES = ["internal", "resident"] as const;
export const commentVisibilitySchema = z.enum(COMMENT_VISIBILITIES);
export type CommentVisibility = z.infer<typeof commentVisibilitySchema>;

export const caseCommentInputSchema = z.object({
  /** `internal` notes are for staff only; `resident` replies are shown in the resident's portal. */
  visibility: commentVisibilitySchema,
  body: z.string().trim().min(1).max(2000),
});

export const caseDuplicateInputSchema = z.object({
  originalId: idSchema,
});

export const REGISTER_SORTS = ["receivedAt", "number", "urgency"] as const;

export const registerQuerySchema = z.object({
  kind: caseKindSchema.optional(),
  estateId: idSchema.optional(),
  status: caseStatusSchema.optional(),
  categoryId: idSchema.optional(),
  departmentId: idSchema.optional(),
  channel: channelSchema.optional(),
  /** Received on or after this instant. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Received before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Free text: two or more characters of content, name, phone, unit or case number. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(REGISTER_SORTS).default("receivedAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

// Responses

export const casePhotoSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
});
export type CasePhoto = z.infer<typeof casePhotoSchema>;

/** One row of the register (QR-022). */
export const caseSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  channel: channelSchema,
  receivedAt: z.string(),
  estateId: z.string(),
  estateName: z.string(),
  unitId: z.string().nullable(),
  unitLabel: z.string().nullable(),
  publicArea: z.string().nullable(),
  residentId: z.string().nullable(),
  /** The resident's or visitor's name. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  urgency: urgencySchema,
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  receivedByName: z.string().nullable(),
  forwardedByName: z.string().nullable(),
  content: z.string(),
  duplicateOfId: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseCommentSchema = z.object({
  id: z.string(),
  visibility: commentVisibilitySchema,
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type CaseComment = z.infer<typeof caseCommentSchema>;

/** The whole case: the register row with the form sections, photos, timeline and comments. */
export const caseDetailSchema = caseSummarySchema.extend({
  visitorName: z.string().nullable(),
  visitorPhone: z.string().nullable(),
  wantsCallback: z.boolean(),
  callbackPhone: z.string().nullable(),
  callbackNote: z.string().nullable(),
  forwardedByDepartmentId: z.string().nullable(),
  forwardedByDepartmentName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  photos: z.array(casePhotoSchema),
  /** QR-024: the repair's dispatch order, when the case is a repair. */
  workOrder: z
    .object({ id: z.string(), status: z.string(), tradeId: z.string().nullable(), dispatchedAt: z.string() })
    .nullable(),
  duplicates: z.array(z.object({ id: z.string(), number: z.string() })),
  events: z.array(caseEventSchema),
  comments: z.array(caseCommentSchema),
  /** QR-023 handling sections and the actions the user may take: complaints only. */
  complaint: complaintSectionsSchema.nullable(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** What the resident sees of their case: no internal notes, no staff names beyond the receiver's role. */
export const residentCaseSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  receivedAt: z.string(),
  estateName: z.string(),
  unitLabel: z.string().nullable(),
  categoryName: z.string().nullable(),
  content: z.string(),
  photos: z.array(casePhotoSchema),
  replies: z.array(caseCommentSchema.omit({ visibility: true })),
  events: z.array(caseEventSchema.pick({ at: true, type: true })),
  /** A repair's dispatch order, for its progress and evaluation under /api/portal/work-orders. */
  workOrderId: z.string().nullable(),
});
export type ResidentCase = z.infer<typeof residentCaseSchema>;

/** A similar open case pointed out before saving: same unit, same kind, within SIMILAR_CASE_DAYS. */
export const similarCaseSchema = caseSummarySchema.pick({
  id: true,
  number: true,
  kind: true,
  status: true,
  receivedAt: true,
  categoryName: true,
  content: true,
});

/** What the intake screen shows for a typed phone number, name or unit. */
export const intakeLookupSchema = z.object({
  residents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string(),
      altPhone: z.string().nullable(),
      units: z.array(residentUnitSchema),
      openCases: z.array(caseSummarySchema),
    }),
  ),
  units: z.array(
    z.object({
      unitId: z.string(),
      estateId: z.string(),
      estateName: z.string(),
      label: z.string(),
      residents: z.array(
        z.object({ residentId: z.string(), name: z.string(), phone: z.string(), relation: residentRelationSchema }),
      ),
      openCases: z.array(caseSummarySchema),
    }),
  ),
});
export type IntakeLookup = z.infer<typeof intakeLookupSchema>;
