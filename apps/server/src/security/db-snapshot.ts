/**
 * A fingerprint of every table (found by introspection, so tables added later count too):
 * row count and a hash of the rows' contents. Two equal snapshots mean nothing was inserted,
 * updated or deleted in between — what a rejected request must leave behind.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { TestDatabase } from "../testing/databases.js";

export type Snapshot = Map<string, { count: number; hash: string }>;

/**
 * Columns that change on reads by design: a session's last_seen_at is touched at most once a
 * minute while it is used (auth.plugin.ts), so sessions are compared by count only.
 */
const COUNT_ONLY_TABLES = new Set(["sessions"]);

let tableNames: Promise<string[]> | undefined;
let tableNamesOf: TestDatabase | undefined;

async function tablesOf(database: TestDatabase): Promise<string[]> {
  if (tableNamesOf !== database || !tableNames) {
    tableNamesOf = database;
    tableNames = database.db.introspection.getTables({ withInternalKyselyTables: false }).then((tables) =>
      tables
        .filter((table) => !table.isView)
        .filter((table) => database.schema === undefined || table.schema === database.schema)
        .map((table) => table.name)
        .filter((name) => !name.startsWith("sqlite_") && !name.includes("search")) // FTS shadow tables
        .sort(),
    );
  }
  return tableNames;
}

export async function snapshot(database: TestDatabase): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const table of await tablesOf(database)) {
    // Schema-qualified on PostgreSQL: every test file has its own schema, and only ours counts.
    const name = database.schema ? `${database.schema}.${table}` : table;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db);
    const hash = createHash("sha256");
    if (!COUNT_ONLY_TABLES.has(table)) {
      // Row order is not guaranteed: hash a sorted list of the rows.
      const lines = rows.map((row) => JSON.stringify(row, (_key, value) => normalise(value))).sort();
      for (const line of lines) hash.update(line).update("\n");
    }
    result.set(table, { count: rows.length, hash: hash.digest("hex") });
  }
  return result;
}

function normalise(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString("base64");
  return value;
}

/** The tables that differ between two snapshots, e.g. ["cases: 3 → 4 rows"]; empty when equal. */
export function differences(before: Snapshot, after: Snapshot, ignore: readonly string[] = []): string[] {
  const changes: string[] = [];
  for (const [table, then] of before) {
    if (ignore.includes(table)) continue;
    const now = after.get(table);
    if (!now) changes.push(`${table}: gone`);
    else if (now.count !== then.count) changes.push(`${table}: ${then.count} → ${now.count} rows`);
    else if (now.hash !== then.hash) changes.push(`${table}: rows changed`);
  }
  return changes;
}
