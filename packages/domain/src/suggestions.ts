/**
 * Opinions and suggestions and open letters: the weekly
 * classification codes, topics that record one problem once for many source cases, the
 * textual similarity that proposes groupings, and the schemas of open letters.
 */
import { z } from "zod";
import { openLetterStatusSchema, topicStatusSchema } from "./callbacks.js";
import type { Label } from "./labels.js";
import { caseKindSchema, idSchema } from "./org.js";

/** what an opinion or suggestion is about, for the weekly classification. */
export const SUGGESTION_CLASSIFICATIONS = [
  "environment",
  "security",
  "facilities",
  "greening",
  "parking",
  "fees",
  "service",
  "management",
  "other",
] as const;
export const suggestionClassificationSchema = z.enum(SUGGESTION_CLASSIFICATIONS);
export type SuggestionClassification = z.infer<typeof suggestionClassificationSchema>;

export const SUGGESTION_CLASSIFICATION_LABELS: Record<SuggestionClassification, Label> = {
  environment: { "zh-CN": "环境卫生", en: "Cleanliness and environment" },
  security: { "zh-CN": "安全秩序", en: "Security and order" },
  facilities: { "zh-CN": "公共设施", en: "Shared facilities" },
  greening: { "zh-CN": "绿化养护", en: "Landscaping" },
  parking: { "zh-CN": "停车管理", en: "Parking" },
  fees: { "zh-CN": "收费事宜", en: "Fees and charges" },
  service: { "zh-CN": "服务态度", en: "Service manner" },
  management: { "zh-CN": "管理制度", en: "Rules and management" },
  other: { "zh-CN": "其他", en: "Other" },
};

// ---------------------------------------------------------------------------------------
// Textual similarity. Chinese text has no spaces between words, so texts are compared as
// sets of overlapping character pairs (bigrams) rather than words: 电梯经常故障 and 电梯又故障了
// share 电梯 and 故障.

/** Letters, digits and CJK characters, lower-cased; punctuation and spaces dropped. */
export function normaliseForSimilarity(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The set of character bigrams of a text (a one-character text is its own bigram). */
export function characterBigrams(text: string): Set<string> {
  const chars = [...normaliseForSimilarity(text)];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0] as string);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/** Jaccard similarity of two bigram sets: |A ∩ B| / |A ∪ B|, 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Overlap coefficient |A ∩ B| / min(|A|, |B|): a short suggestion fully contained in a long
 * one ("电梯故障" in a paragraph about the lift) still counts as the same problem.
 */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / smaller;
}

/** How alike two texts are, 0–1: the mean of Jaccard and overlap of their bigrams. */
export function textSimilarity(a: string, b: string): number {
  const ga = characterBigrams(a);
  const gb = characterBigrams(b);
  return (jaccard(ga, gb) + overlap(ga, gb)) / 2;
}

/** Measured on paraphrases of one problem (0.24–0.39) against unrelated suggestions (< 0.05). */
export const DEFAULT_GROUPING_THRESHOLD = 0.2;

export interface SimilarityItem {
  id: string;
  text: string;
}

export interface SuggestedGrouping {
  /** The ids of the items that look like one problem, in input order. */
  ids: string[];
  /** The weakest link that joined the group (0–1). */
  score: number;
}

/**
 * proposes groups of items about the same problem. Every pair at or above
 * `threshold` is linked and linked items form one group (single linkage); items with no
 * partner are left out. The customer-service head confirms each grouping into a topic.
 */
export function suggestGroupings(
  items: readonly SimilarityItem[],
  threshold = DEFAULT_GROUPING_THRESHOLD,
): SuggestedGrouping[] {
  const grams = items.map((item) => characterBigrams(item.text));
  const parent = items.map((_item, index) => index);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    return root;
  };
  const weakest = new Map<number, number>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const ga = grams[i] as Set<string>;
      const gb = grams[j] as Set<string>;
      const score = (jaccard(ga, gb) + overlap(ga, gb)) / 2;
      if (score < threshold) continue;
      const ri = find(i);
      const rj = find(j);
      const link = Math.min(score, weakest.get(ri) ?? 1, weakest.get(rj) ?? 1);
      if (ri !== rj) parent[rj] = ri;
      weakest.set(ri, link);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_item, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), index]);
  });
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => ({
      ids: members.map((index) => (items[index] as SimilarityItem).id),
      score: Math.round((weakest.get(root) ?? 0) * 100) / 100,
    }));
}

// ---------------------------------------------------------------------------------------
// The weekly classification screen.

export const weekQuerySchema = z.object({
  /** Monday (YYYY-MM-DD, organisation's time zone); default: the current week. */
  weekStart: z.iso.date().optional(),
});

export const weeklySuggestionSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  kind: caseKindSchema,
  estateId: z.string(),
  estateName: z.string(),
  content: z.string(),
  receivedAt: z.string(),
  /** Who it came from: a resident's name or the department that forwarded it. */
  fromName: z.string().nullable(),
  forwardedByDepartmentName: z.string().nullable(),
  classification: suggestionClassificationSchema.nullable(),
  topicId: z.string().nullable(),
  topicTitle: z.string().nullable(),
});
export type WeeklySuggestion = z.infer<typeof weeklySuggestionSchema>;

export const suggestionWeekSchema = z
  .object({
    weekStart: z.string(),
    weekEnd: z.string(),
    items: z.array(weeklySuggestionSchema),
    /** Groupings proposed by textual similarity among the items not yet in a topic. */
    suggestedGroupings: z.array(z.object({ caseIds: z.array(z.string()), score: z.number() })),
  })
  .describe("SuggestionWeek");
export type SuggestionWeek = z.infer<typeof suggestionWeekSchema>;

export const classifySuggestionsSchema = z
  .object({
    weekStart: z.iso.date(),
    items: z
      .array(z.object({ caseId: idSchema, classification: suggestionClassificationSchema }))
      .min(1)
      .max(500),
  })
  .describe("ClassifySuggestions");
export type ClassifySuggestions = z.infer<typeof classifySuggestionsSchema>;

export const topicCreateSchema = z
  .object({
    weekStart: z.iso.date(),
    title: z.string().trim().min(1).max(200),
    classification: suggestionClassificationSchema,
    description: z.string().trim().max(4000).nullable().optional(),
    departmentId: idSchema.nullable().optional(),
    handlerId: idSchema.nullable().optional(),
    caseIds: z.array(idSchema).min(1).max(200),
  })
  .describe("TopicCreate");
export type TopicCreate = z.infer<typeof topicCreateSchema>;

export const topicUpdateSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    classification: suggestionClassificationSchema.optional(),
    description: z.string().trim().max(4000).nullable().optional(),
    departmentId: idSchema.nullable().optional(),
    handlerId: idSchema.nullable().optional(),
    /** Replaces the topic's source cases. */
    caseIds: z.array(idSchema).min(1).max(200).optional(),
  })
  .describe("TopicUpdate");
export type TopicUpdate = z.infer<typeof topicUpdateSchema>;

export const topicAnswerSchema = z.object({ answer: z.string().trim().min(1).max(8000) }).describe("TopicAnswer");

export const topicListItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    classification: suggestionClassificationSchema,
    estateId: z.string().nullable(),
    estateName: z.string().nullable(),
    status: topicStatusSchema,
    weekStart: z.string(),
    departmentName: z.string().nullable(),
    handlerName: z.string().nullable(),
    caseCount: z.number().int(),
    notifiedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
  })
  .describe("TopicListItem");
export type TopicListItem = z.infer<typeof topicListItemSchema>;

export const topicSourceCaseSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  estateName: z.string(),
  content: z.string(),
  receivedAt: z.string(),
  fromName: z.string().nullable(),
  status: z.string(),
});

export const topicSchema = topicListItemSchema
  .extend({
    description: z.string().nullable(),
    departmentId: z.string().nullable(),
    handlerId: z.string().nullable(),
    answer: z.string().nullable(),
    createdByName: z.string(),
    createdAt: z.string(),
    cases: z.array(topicSourceCaseSchema),
    letters: z.array(z.object({ id: z.string(), title: z.string(), status: openLetterStatusSchema })),
  })
  .describe("Topic");
export type Topic = z.infer<typeof topicSchema>;

export const topicListQuerySchema = z.object({ weekStart: z.iso.date().optional() });

// ---------------------------------------------------------------------------------------
// Open letters.

export const openLetterInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    /** Rich text as HTML; the server keeps only a small allow-list of tags, without attributes. */
    bodyHtml: z.string().max(100_000),
    topicId: idSchema.nullable().optional(),
    caseIds: z.array(idSchema).max(500).default([]),
    estateIds: z.array(idSchema).min(1).max(200),
  })
  .describe("OpenLetterInput");
export type OpenLetterInput = z.infer<typeof openLetterInputSchema>;

export const openLetterPublishSchema = z
  .object({
    /** Answer the linked cases' planned callbacks with this letter (R-4.10.1). */
    answerCallbacks: z.boolean(),
  })
  .describe("OpenLetterPublish");

export const openLetterListItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: openLetterStatusSchema,
    topicId: z.string().nullable(),
    topicTitle: z.string().nullable(),
    estateNames: z.array(z.string()),
    caseCount: z.number().int(),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe("OpenLetterListItem");
export type OpenLetterListItem = z.infer<typeof openLetterListItemSchema>;

export const openLetterSchema = openLetterListItemSchema
  .extend({
    bodyHtml: z.string(),
    organisationName: z.string(),
    estateIds: z.array(z.string()),
    cases: z.array(z.object({ caseId: z.string(), number: z.string(), content: z.string() })),
    publishedByName: z.string().nullable(),
    createdByName: z.string(),
    /** Callbacks this letter answered. */
    answeredCallbacks: z.number().int(),
  })
  .describe("OpenLetter");
export type OpenLetter = z.infer<typeof openLetterSchema>;

/** What a resident sees of a published letter in the portal. */
export const portalOpenLetterSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    bodyHtml: z.string(),
    organisationName: z.string(),
    estateNames: z.array(z.string()),
    publishedAt: z.string(),
  })
  .describe("PortalOpenLetter");
export type PortalOpenLetter = z.infer<typeof portalOpenLetterSchema>;

// ---------------------------------------------------------------------------------------
// Weeks (architecture: weeks start on Monday in the organisation's time zone).

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addCalendarDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week a calendar date (YYYY-MM-DD) falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addCalendarDays(day, weekday === 0 ? -6 : 1 - weekday);
}
