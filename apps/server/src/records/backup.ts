/**
 * Backup and restore (issue #8 item 8; R-4.12.3 "protected from loss"). A backup is taken
 * online while the server runs, and is consistent: SQLite's backup API copies the database
 * page by page under its own locking (better-sqlite3 `.backup()`); on PostgreSQL `pg_dump`
 * reads everything in one snapshot. A restore refuses to overwrite a database that holds data
 * unless forced, and puts the backup in place in one step (SQLite backup API onto the target,
 * `pg_restore --single-transaction`).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase } from "../db/database.js";
import { databaseKindOf } from "../db/dialect.js";

const run = promisify(execFile);

export interface DatabaseTarget {
  /** `sqlite:<file>` or `postgres://…` as in DATABASE_URL (resolved by loadConfig). */
  url: string;
  /** PostgreSQL: the schema holding the tables (DATABASE_SCHEMA); the whole database when absent. */
  schema?: string | undefined;
}

function sqliteFile(url: string): string {
  const file = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  if (file === ":memory:" || file === "")
    throw new Error("an in-memory SQLite database cannot be backed up or restored");
  return file;
}

export async function backupDatabase(target: DatabaseTarget, outFile: string): Promise<void> {
  const out = path.resolve(outFile);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (databaseKindOf(target.url) === "sqlite") {
    const source = new SQLite(sqliteFile(target.url), { readonly: true, fileMustExist: true });
    try {
      await source.backup(out);
    } finally {
      source.close();
    }
    return;
  }
  const args = ["--format=custom", "--no-owner", "--no-privileges", `--file=${out}`, `--dbname=${target.url}`];
  if (target.schema) args.push(`--schema=${target.schema}`);
  await run("pg_dump", args, { maxBuffer: 16 * 1024 * 1024 });
}

/** The tables of the target, with the number of rows of each (at most 1 counted: "has data?"). */
async function tablesWithData(target: DatabaseTarget): Promise<string[]> {
  if (databaseKindOf(target.url) === "sqlite" && !fs.existsSync(sqliteFile(target.url))) return [];
  const handle = openDatabase(target.url, { schema: target.schema, poolSize: 1 });
  try {
    const tables = await listTables(handle.db, handle.kind, target.schema);
    const withData: string[] = [];
    for (const table of tables) {
      const row = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} limit 1`.execute(handle.db);
      if (row.rows.length > 0) withData.push(table);
    }
    return withData;
  } finally {
    await handle.close();
  }
}

export class RestoreRefused extends Error {}

export async function restoreDatabase(
  target: DatabaseTarget,
  backupFile: string,
  options: { force?: boolean } = {},
): Promise<void> {
  const file = path.resolve(backupFile);
  if (!fs.existsSync(file)) throw new RestoreRefused(`no backup file at ${file}`);
  const holding = await tablesWithData(target);
  if (holding.length > 0 && !options.force) {
    throw new RestoreRefused(
      `the target database holds data (${holding.slice(0, 5).join(", ")}${holding.length > 5 ? ", …" : ""}); pass --force to overwrite it`,
    );
  }
  if (databaseKindOf(target.url) === "sqlite") {
    const targetFile = sqliteFile(target.url);
    fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      // The backup API writes every page of the backup onto the target through SQLite's own
      // locking, so a stale WAL of the target cannot survive next to the restored pages.
      await source.backup(targetFile);
    } finally {
      source.close();
    }
    return;
  }
  await run(
    "pg_restore",
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${target.url}`,
      file,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
}

/** Every ordinary table of the database (or schema), for the empty-check and for comparisons. */
export async function listTables(
  // biome-ignore lint/suspicious/noExplicitAny: works on any schema, including one restored from an older backup.
  db: import("kysely").Kysely<any>,
  kind: "sqlite" | "postgres",
  schema?: string,
): Promise<string[]> {
  if (kind === "sqlite") {
    const result = await sql<{ name: string }>`select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%' order by name`.execute(
      db,
    );
    return result.rows.map((row) => row.name);
  }
  const result = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = ${schema ?? "public"} and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return result.rows.map((row) => row.name);
}
