/**
 * The vocabulary of closing the loop: callbacks, the weekly plan,
 * exemptions, suggestion topics, open letters, callback inspections and nonconformities.
 * The callback and nonconformity modules extend this file with their request schemas.
 */
import { z } from "zod";

/** What a callback is about (R-4.4.1 complaints, R-4.6.1 dispatch orders, R-4.7.3 suggestion topics). */
export const CALLBACK_SUBJECT_TYPES = ["complaint", "work_order", "topic"] as const;
export const callbackSubjectTypeSchema = z.enum(CALLBACK_SUBJECT_TYPES);
export type CallbackSubjectType = z.infer<typeof callbackSubjectTypeSchema>;

/** on-site visit, phone, letter. Only on-site callbacks carry a signature. */
export const CALLBACK_METHODS = ["on_site", "phone", "letter"] as const;
export const callbackMethodSchema = z.enum(CALLBACK_METHODS);
export type CallbackMethod = z.infer<typeof callbackMethodSchema>;

export const CALLBACK_STATUSES = ["planned", "done", "cancelled"] as const;
export const callbackStatusSchema = z.enum(CALLBACK_STATUSES);
export type CallbackStatus = z.infer<typeof callbackStatusSchema>;

/** Whether the resident was reached; satisfaction is recorded only when they were. */
export const CALLBACK_OUTCOMES = ["reached", "unreachable", "answered_by_letter"] as const;
export const callbackOutcomeSchema = z.enum(CALLBACK_OUTCOMES);
export type CallbackOutcome = z.infer<typeof callbackOutcomeSchema>;

/** the three reasons a complaint needs no callback. */
export const CALLBACK_EXEMPTION_REASONS = ["no_contact", "declined", "written_reply_only"] as const;
export const callbackExemptionReasonSchema = z.enum(CALLBACK_EXEMPTION_REASONS);
export type CallbackExemptionReason = z.infer<typeof callbackExemptionReasonSchema>;

export const CALLBACK_PLAN_STATUSES = ["proposed", "assigned", "closed"] as const;
export const callbackPlanStatusSchema = z.enum(CALLBACK_PLAN_STATUSES);
export type CallbackPlanStatus = z.infer<typeof callbackPlanStatusSchema>;

export const TOPIC_STATUSES = ["open", "notified", "answered", "closed"] as const;
export const topicStatusSchema = z.enum(TOPIC_STATUSES);
export type TopicStatus = z.infer<typeof topicStatusSchema>;

export const OPEN_LETTER_STATUSES = ["draft", "published", "withdrawn"] as const;
export const openLetterStatusSchema = z.enum(OPEN_LETTER_STATUSES);
export type OpenLetterStatus = z.infer<typeof openLetterStatusSchema>;

/** how the head checked a callback, and what they found. */
export const CALLBACK_INSPECTION_METHODS = ["called_again", "reviewed_record"] as const;
export const callbackInspectionMethodSchema = z.enum(CALLBACK_INSPECTION_METHODS);
export type CallbackInspectionMethod = z.infer<typeof callbackInspectionMethodSchema>;

export const CALLBACK_INSPECTION_RESULTS = ["passed", "failed"] as const;
export const callbackInspectionResultSchema = z.enum(CALLBACK_INSPECTION_RESULTS);
export type CallbackInspectionResult = z.infer<typeof callbackInspectionResultSchema>;

/** where a nonconformity was found. */
export const NONCONFORMITY_SOURCES = [
  "callback",
  "callback_inspection",
  "overdue_reply",
  "qa_inspection",
  "manual",
] as const;
export const nonconformitySourceSchema = z.enum(NONCONFORMITY_SOURCES);
export type NonconformitySource = z.infer<typeof nonconformitySourceSchema>;

/**
 * candidate → open (confirmed: responsible, deadline) → fixed → closed (resident satisfied
 * on a new callback, or unreasonable with the management representative's sign-off);
 * a candidate the head rejects is dismissed.
 */
export const NONCONFORMITY_STATUSES = ["candidate", "open", "fixed", "closed", "dismissed"] as const;
export const nonconformityStatusSchema = z.enum(NONCONFORMITY_STATUSES);
export type NonconformityStatus = z.infer<typeof nonconformityStatusSchema>;

export const NONCONFORMITY_CLOSE_REASONS = ["satisfied", "unreasonable"] as const;
export const nonconformityCloseReasonSchema = z.enum(NONCONFORMITY_CLOSE_REASONS);
export type NonconformityCloseReason = z.infer<typeof nonconformityCloseReasonSchema>;
