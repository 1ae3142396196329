/**
 * Free-text search of cases without an external engine. Text is cut into overlapping
 * two-character terms ("卫生间漏水" → 卫生 生间 间漏 漏水), which finds any Chinese word of two
 * or more characters, any run of four digits of a phone number and any part of a unit or
 * case number, whatever the word segmentation would have been.
 *
 * SQLite keeps the terms in a contentless FTS5 index whose rowid is `cases.search_rowid`, and
 * a query is a phrase of consecutive terms, so a match is an exact substring. PostgreSQL keeps
 * them in `cases.search_terms` (text[]) under a GIN index, and a query needs every term.
 * This file and dialect.ts are the only places that know the difference.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import type { DbOrTx } from "./database.js";
import { type DatabaseKind, kindOf } from "./dialect.js";

const WORD_RUNS = /[\p{L}\p{N}]+/gu;

function runsOf(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD_RUNS) ?? [];
}

function bigramsOf(run: string): string[] {
  const characters = [...run];
  if (characters.length < 2) return characters;
  const terms: string[] = [];
  for (let i = 0; i < characters.length - 1; i++) terms.push(`${characters[i]}${characters[i + 1]}`);
  return terms;
}

/** The terms a case is found by: every bigram of every word run of its searchable texts. */
export function searchTermsOf(...texts: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const run of runsOf(text)) for (const term of bigramsOf(run)) terms.add(term);
  }
  return [...terms];
}

/** A search needs at least two letters or digits, or it would match nearly everything. */
export function isSearchable(query: string): boolean {
  return runsOf(query).join("").length >= 2;
}

function ftsQueryOf(query: string): string {
  return runsOf(query)
    .map((run) => ([...run].length < 2 ? `"${run}"*` : `"${bigramsOf(run).join(" ")}"`))
    .join(" AND ");
}

/** A condition on `cases` that holds for the cases matching the free-text query. */
export function caseMatches(kind: DatabaseKind, query: string): Expression<SqlBool> {
  if (kind === "sqlite") {
    return sql<SqlBool>`cases.search_rowid in (select rowid from case_search where case_search match ${ftsQueryOf(query)})`;
  }
  // Single characters are not terms on PostgreSQL: the other terms still narrow the search.
  const terms = runsOf(query).flatMap((run) => ([...run].length < 2 ? [] : bigramsOf(run)));
  return sql<SqlBool>`cases.search_terms @> ${terms}::text[]`;
}

/**
 * The value of the dialect's search column for a new case. SQLite needs a fresh integer key
 * for the FTS5 row; writes are serialised there, so max + 1 inside the transaction is safe.
 */
export async function searchColumnsForNewCase(
  db: DbOrTx,
  terms: string[],
): Promise<{ search_rowid: number } | { search_terms: string[] }> {
  if (kindOf(db) === "postgres") return { search_terms: terms };
  const row = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.max("search_rowid").as("last"))
    .executeTakeFirst();
  return { search_rowid: Number(row?.last ?? 0) + 1 };
}

export type SearchColumns = Awaited<ReturnType<typeof searchColumnsForNewCase>>;

/** Completes the index entry of a case just inserted with `searchColumnsForNewCase`. */
export async function indexNewCase(db: DbOrTx, columns: SearchColumns, terms: string[]): Promise<void> {
  if ("search_rowid" in columns) {
    await sql`insert into case_search (rowid, terms) values (${columns.search_rowid}, ${terms.join(" ")})`.execute(db);
  }
}

/** Replaces the terms of a case whose searchable text changed. */
export async function reindexCase(db: DbOrTx, caseId: string, terms: string[]): Promise<void> {
  if (kindOf(db) === "postgres") {
    await db.updateTable("cases").set({ search_terms: terms }).where("id", "=", caseId).execute();
    return;
  }
  const row = await db.selectFrom("cases").select("search_rowid").where("id", "=", caseId).executeTakeFirstOrThrow();
  await sql`delete from case_search where rowid = ${row.search_rowid}`.execute(db);
  await sql`insert into case_search (rowid, terms) values (${row.search_rowid}, ${terms.join(" ")})`.execute(db);
}
