/**
 * Free-text search of cases without an external engine. Text is cut into overlapping
 * two-character terms ("卫生间漏水" → 卫生 生间 间漏 漏水), which finds any Chinese word of two
 * or more characters, any run of four digits of a phone number and any part of a unit or
 * case number, whatever the word segmentation would have been. A query is a phrase of
 * consecutive terms per word run, so a match is an exact substring; a one-character run
 * matches as a prefix.
 *
 * SQLite keeps the terms in a contentless FTS5 index whose rowid is `cases.search_rowid`.
 * PostgreSQL keeps them with their positions in `cases.search_vector` (a tsvector built
 * directly from the terms, never through a text-search parser, so the database's locale
 * does not matter) under a GIN index. This file and dialect.ts are the only places that
 * know the difference.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
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

/** The word runs of a case's searchable texts, each cut into its terms, in order. */
export type SearchTerms = string[][];

export function searchTermsOf(...texts: (string | null | undefined)[]): SearchTerms {
  const runs: SearchTerms = [];
  for (const text of texts) {
    if (!text) continue;
    for (const run of runsOf(text)) runs.push(bigramsOf(run));
  }
  return runs;
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

// Terms are letters and digits only, so they need no quoting beyond the quotes themselves.
function tsQueryOf(query: string): string {
  return runsOf(query)
    .map((run) =>
      [...run].length < 2
        ? `'${run}':*`
        : `(${bigramsOf(run)
            .map((term) => `'${term}'`)
            .join(" <-> ")})`,
    )
    .join(" & ");
}

/**
 * The tsvector literal of the terms: each term with its positions, one position skipped
 * between runs so that a phrase never spans two words. PostgreSQL caps positions at 16383;
 * later terms still match, only not as phrases. Exported for the volume generator (bench/),
 * which writes the column in bulk.
 */
export function tsVectorOf(runs: SearchTerms): string {
  const positions = new Map<string, number[]>();
  let position = 1;
  for (const run of runs) {
    for (const term of run) {
      const list = positions.get(term) ?? [];
      if (list.length < 256) list.push(Math.min(position, 16383));
      positions.set(term, list);
      position += 1;
    }
    position += 1;
  }
  return [...positions].map(([term, at]) => `'${term}':${at.join(",")}`).join(" ");
}

/** A condition on `cases` that holds for the cases matching the free-text query. */
export function caseMatches(kind: DatabaseKind, query: string): Expression<SqlBool> {
  if (kind === "sqlite") {
    return sql<SqlBool>`cases.search_rowid in (select rowid from case_search where case_search match ${ftsQueryOf(query)})`;
  }
  return sql<SqlBool>`cases.search_vector @@ ${tsQueryOf(query)}::tsquery`;
}

export type SearchColumns = { search_rowid: number } | { search_vector: RawBuilder<string> };

/**
 * The dialect's search column for a new case. SQLite needs a fresh integer key for the FTS5
 * row; writes are serialised there, so max + 1 inside the transaction is safe.
 */
export async function searchColumnsForNewCase(db: DbOrTx, terms: SearchTerms): Promise<SearchColumns> {
  if (kindOf(db) === "postgres") return { search_vector: sql<string>`${tsVectorOf(terms)}::tsvector` };
  const row = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.max("search_rowid").as("last"))
    .executeTakeFirst();
  return { search_rowid: Number(row?.last ?? 0) + 1 };
}

/** Completes the index entry of a case just inserted with `searchColumnsForNewCase`. */
export async function indexNewCase(db: DbOrTx, columns: SearchColumns, terms: SearchTerms): Promise<void> {
  if ("search_rowid" in columns) {
    await sql`insert into case_search (rowid, terms) values (${columns.search_rowid}, ${terms.flat().join(" ")})`.execute(
      db,
    );
  }
}

/** Replaces the terms of a case whose searchable text changed. */
export async function reindexCase(db: DbOrTx, caseId: string, terms: SearchTerms): Promise<void> {
  if (kindOf(db) === "postgres") {
    await db
      .updateTable("cases")
      .set({ search_vector: sql<string>`${tsVectorOf(terms)}::tsvector` })
      .where("id", "=", caseId)
      .execute();
    return;
  }
  const row = await db.selectFrom("cases").select("search_rowid").where("id", "=", caseId).executeTakeFirstOrThrow();
  await sql`delete from case_search where rowid = ${row.search_rowid}`.execute(db);
  await sql`insert into case_search (rowid, terms) values (${row.search_rowid}, ${terms.flat().join(" ")})`.execute(db);
}
