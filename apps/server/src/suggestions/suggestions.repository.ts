/** The only code of the suggestions module that touches Kysely: weekly reviews and topics. */
import type { Insertable, Updateable } from "kysely";
import type { CaseVisibility, EstateScope } from "../auth/policy.js";
import { visibleTo } from "../cases/cases.repository.js";
import type { DbOrTx } from "../db/database.js";
import type { SuggestionReviewTable, SuggestionTopicTable } from "../db/schema.js";

/** Suggestion cases received between two instants that the actor may see, with their review and topic. */
export async function findSuggestionsReceived(
  db: DbOrTx,
  orgId: string,
  visibility: CaseVisibility,
  from: string,
  to: string,
) {
  return db
    .selectFrom("cases")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .leftJoin("residents", "residents.id", "cases.resident_id")
    .leftJoin("departments as forwarder", "forwarder.id", "cases.forwarded_by_department_id")
    .leftJoin("suggestion_reviews as review", "review.case_id", "cases.id")
    .leftJoin("suggestion_topics as topic", "topic.id", "review.topic_id")
    .select([
      "cases.id",
      "cases.number",
      "cases.kind",
      "cases.estate_id",
      "estates.name as estate_name",
      "cases.content",
      "cases.received_at",
      "cases.status",
      "residents.name as resident_name",
      "cases.visitor_name",
      "cases.forwarded_by_name",
      "forwarder.name as forwarded_by_department_name",
      "review.classification",
      "review.topic_id",
      "topic.title as topic_title",
    ])
    .where("cases.org_id", "=", orgId)
    .where("cases.kind", "=", "suggestion")
    .where("cases.received_at", ">=", from)
    .where("cases.received_at", "<", to)
    .where(visibleTo(visibility))
    .orderBy("cases.received_at")
    .orderBy("cases.id")
    .execute();
}

/** The suggestion cases named, if the actor may see every one of them. */
export async function findVisibleSuggestionCases(
  db: DbOrTx,
  orgId: string,
  visibility: CaseVisibility,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("cases")
    .select(["cases.id", "cases.estate_id", "cases.kind", "cases.number"])
    .where("cases.org_id", "=", orgId)
    .where("cases.id", "in", ids)
    .where("cases.kind", "=", "suggestion")
    .where(visibleTo(visibility))
    .execute();
}

export async function findReview(db: DbOrTx, caseId: string) {
  return db.selectFrom("suggestion_reviews").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

export async function insertReview(db: DbOrTx, row: Insertable<SuggestionReviewTable>): Promise<void> {
  await db.insertInto("suggestion_reviews").values(row).execute();
}

export async function updateReview(
  db: DbOrTx,
  caseId: string,
  changes: Updateable<SuggestionReviewTable>,
): Promise<void> {
  await db.updateTable("suggestion_reviews").set(changes).where("case_id", "=", caseId).execute();
}

export async function detachTopicCases(db: DbOrTx, topicId: string): Promise<void> {
  await db.updateTable("suggestion_reviews").set({ topic_id: null }).where("topic_id", "=", topicId).execute();
}

export async function insertTopic(db: DbOrTx, row: Insertable<SuggestionTopicTable>): Promise<void> {
  await db.insertInto("suggestion_topics").values(row).execute();
}

export async function updateTopic(db: DbOrTx, id: string, changes: Updateable<SuggestionTopicTable>): Promise<void> {
  await db.updateTable("suggestion_topics").set(changes).where("id", "=", id).execute();
}

function topics(db: DbOrTx) {
  return db
    .selectFrom("suggestion_topics as topic")
    .leftJoin("estates", "estates.id", "topic.estate_id")
    .leftJoin("departments", "departments.id", "topic.department_id")
    .leftJoin("users as handler", "handler.id", "topic.handler_id")
    .innerJoin("users as creator", "creator.id", "topic.created_by")
    .selectAll("topic")
    .select([
      "estates.name as estate_name",
      "departments.name as department_name",
      "handler.display_name as handler_name",
      "creator.display_name as created_by_name",
    ])
    .select((eb) =>
      eb
        .selectFrom("suggestion_reviews")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("suggestion_reviews.topic_id", "=", "topic.id")
        .as("case_count"),
    );
}

export type TopicView = Awaited<ReturnType<ReturnType<typeof topics>["executeTakeFirstOrThrow"]>>;

/** Who sees a topic: customer service, QA, management and administrators of its estate; its handler and department. */
export interface TopicVisibility {
  estates: EstateScope;
  everything: boolean;
  userId: string;
  departmentIds: string[];
}

function visibleTopics(query: ReturnType<typeof topics>, visibility: TopicVisibility) {
  return query.where((eb) => {
    const estateOk = visibility.estates.all
      ? eb.lit(true)
      : visibility.estates.estateIds.length === 0
        ? eb("topic.estate_id", "is", null)
        : eb.or([eb("topic.estate_id", "is", null), eb("topic.estate_id", "in", visibility.estates.estateIds)]);
    const mine = [eb("topic.handler_id", "=", visibility.userId)];
    if (visibility.departmentIds.length > 0) mine.push(eb("topic.department_id", "in", visibility.departmentIds));
    return eb.and([estateOk, visibility.everything ? eb.lit(true) : eb.or(mine)]);
  });
}

export async function findTopic(db: DbOrTx, orgId: string, id: string, visibility: TopicVisibility) {
  return visibleTopics(topics(db), visibility)
    .where("topic.org_id", "=", orgId)
    .where("topic.id", "=", id)
    .executeTakeFirst();
}

export async function listTopics(db: DbOrTx, orgId: string, visibility: TopicVisibility, weekStart?: string) {
  let query = visibleTopics(topics(db), visibility).where("topic.org_id", "=", orgId);
  if (weekStart) query = query.where("topic.week_start", "=", weekStart);
  return query.orderBy("topic.created_at", "desc").orderBy("topic.id", "desc").limit(500).execute();
}

export async function findTopicCases(db: DbOrTx, topicId: string) {
  return db
    .selectFrom("suggestion_reviews as review")
    .innerJoin("cases", "cases.id", "review.case_id")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .leftJoin("residents", "residents.id", "cases.resident_id")
    .select([
      "cases.id",
      "cases.number",
      "cases.estate_id",
      "estates.name as estate_name",
      "cases.content",
      "cases.received_at",
      "cases.status",
      "residents.name as resident_name",
      "cases.visitor_name",
      "cases.forwarded_by_name",
    ])
    .where("review.topic_id", "=", topicId)
    .orderBy("cases.received_at")
    .execute();
}

export async function findTopicLetters(db: DbOrTx, topicId: string) {
  return db
    .selectFrom("open_letters")
    .select(["id", "title", "status"])
    .where("topic_id", "=", topicId)
    .orderBy("created_at")
    .execute();
}
