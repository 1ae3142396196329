/** The only code of the open-letters module that touches Kysely. */
import type { Insertable, Updateable } from "kysely";
import type { DbOrTx } from "../db/database.js";
import type { OpenLetterTable } from "../db/schema.js";

function letters(db: DbOrTx) {
  return db
    .selectFrom("open_letters as letter")
    .leftJoin("suggestion_topics as topic", "topic.id", "letter.topic_id")
    .innerJoin("users as creator", "creator.id", "letter.created_by")
    .leftJoin("users as publisher", "publisher.id", "letter.published_by")
    .selectAll("letter")
    .select([
      "topic.title as topic_title",
      "creator.display_name as created_by_name",
      "publisher.display_name as published_by_name",
    ]);
}

export type LetterView = Awaited<ReturnType<ReturnType<typeof letters>["executeTakeFirstOrThrow"]>>;

export async function findLetter(db: DbOrTx, orgId: string, id: string): Promise<LetterView | undefined> {
  return letters(db).where("letter.org_id", "=", orgId).where("letter.id", "=", id).executeTakeFirst();
}

/** Letters addressed to at least one of the estates (every estate of the organisation when null). */
export async function listLetters(
  db: DbOrTx,
  orgId: string,
  estateIds: readonly string[] | null,
  options: { publishedOnly: boolean },
): Promise<LetterView[]> {
  let query = letters(db).where("letter.org_id", "=", orgId);
  if (estateIds !== null) {
    if (estateIds.length === 0) return [];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("open_letter_estates")
          .select("open_letter_estates.letter_id")
          .whereRef("open_letter_estates.letter_id", "=", "letter.id")
          .where("open_letter_estates.estate_id", "in", estateIds),
      ),
    );
  }
  if (options.publishedOnly) query = query.where("letter.status", "=", "published");
  return query.orderBy("letter.created_at", "desc").orderBy("letter.id", "desc").limit(500).execute();
}

export async function findLetterEstates(db: DbOrTx, letterIds: readonly string[]) {
  if (letterIds.length === 0) return [];
  return db
    .selectFrom("open_letter_estates")
    .innerJoin("estates", "estates.id", "open_letter_estates.estate_id")
    .select(["open_letter_estates.letter_id", "estates.id", "estates.name"])
    .where("open_letter_estates.letter_id", "in", letterIds)
    .orderBy("estates.name")
    .execute();
}

export async function findLetterCases(db: DbOrTx, letterIds: readonly string[]) {
  if (letterIds.length === 0) return [];
  return db
    .selectFrom("open_letter_cases")
    .innerJoin("cases", "cases.id", "open_letter_cases.case_id")
    .select(["open_letter_cases.letter_id", "cases.id", "cases.number", "cases.content", "cases.estate_id"])
    .where("open_letter_cases.letter_id", "in", letterIds)
    .orderBy("cases.number")
    .execute();
}

export async function insertLetter(db: DbOrTx, row: Insertable<OpenLetterTable>): Promise<void> {
  await db.insertInto("open_letters").values(row).execute();
}

export async function updateLetterIf(
  db: DbOrTx,
  id: string,
  status: OpenLetterTable["status"],
  changes: Updateable<OpenLetterTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("open_letters")
    .set(changes)
    .where("id", "=", id)
    .where("status", "=", status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceLetterLinks(
  db: DbOrTx,
  letterId: string,
  estateIds: readonly string[],
  caseIds: readonly string[],
): Promise<void> {
  await db.deleteFrom("open_letter_estates").where("letter_id", "=", letterId).execute();
  await db.deleteFrom("open_letter_cases").where("letter_id", "=", letterId).execute();
  if (estateIds.length > 0) {
    await db
      .insertInto("open_letter_estates")
      .values(estateIds.map((estateId) => ({ letter_id: letterId, estate_id: estateId })))
      .execute();
  }
  if (caseIds.length > 0) {
    await db
      .insertInto("open_letter_cases")
      .values(caseIds.map((caseId) => ({ letter_id: letterId, case_id: caseId })))
      .execute();
  }
}

/** the planned callbacks of the linked cases and topic, answered by the letter. */
export async function answerPlannedCallbacks(
  db: DbOrTx,
  input: {
    orgId: string;
    letterId: string;
    caseIds: readonly string[];
    topicId: string | null;
    by: string;
    now: string;
  },
): Promise<number> {
  if (input.caseIds.length === 0 && !input.topicId) return 0;
  const result = await db
    .updateTable("callbacks")
    .set({
      status: "done",
      outcome: "answered_by_letter",
      answered_by_letter_id: input.letterId,
      performed_by: input.by,
      performed_at: input.now,
      updated_at: input.now,
    })
    .where("org_id", "=", input.orgId)
    .where("status", "=", "planned")
    .where((eb) => {
      const links = [];
      if (input.caseIds.length > 0) links.push(eb("case_id", "in", input.caseIds));
      if (input.topicId) links.push(eb("topic_id", "=", input.topicId));
      return eb.or(links);
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countAnsweredCallbacks(db: DbOrTx, letterId: string): Promise<number> {
  const row = await db
    .selectFrom("callbacks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("answered_by_letter_id", "=", letterId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The estates of the resident's active units: the letters published there are theirs to read. */
export async function findResidentEstateIds(db: DbOrTx, orgId: string, residentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("resident_units")
    .select("estate_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where("resident_id", "=", residentId)
    .where("active", "=", 1)
    .execute();
  return rows.map((row) => row.estate_id);
}

export async function findTopicInOrg(db: DbOrTx, orgId: string, topicId: string) {
  return db
    .selectFrom("suggestion_topics")
    .select(["id", "estate_id"])
    .where("org_id", "=", orgId)
    .where("id", "=", topicId)
    .executeTakeFirst();
}

export async function findOrganisationName(db: DbOrTx, orgId: string): Promise<string> {
  const row = await db.selectFrom("organisations").select("name").where("id", "=", orgId).executeTakeFirst();
  return row?.name ?? "";
}
