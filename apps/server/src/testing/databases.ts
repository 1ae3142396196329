import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../db/database.js";
import { type DatabaseKind, SCHEMA_CHANGE_LOCK } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrate.js";

/**
 * The databases every API test runs on: SQLite always, PostgreSQL too when
 * TEST_DATABASE_URL is set. Use with `describe.each(testDatabases())`.
 */
export function testDatabases(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase extends DatabaseHandle {
  /** The URL a second process could open (SQLite file or PostgreSQL with its schema). */
  url: string;
  schema?: string;
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL schema that is
 * dropped on close, so test files run in parallel and never see each other's rows.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-test-"));
    const url = `sqlite:${path.join(dir, "test.sqlite")}`;
    const handle = openDatabase(url);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase(baseUrl, { schema, poolSize: 5 });
  await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    url: baseUrl,
    schema,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      // Under the lock migrations take (db/dialect.ts): a drop must not race another file's migration.
      await cleanup.query("select pg_advisory_lock($1)", [SCHEMA_CHANGE_LOCK]);
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.query("select pg_advisory_unlock($1)", [SCHEMA_CHANGE_LOCK]);
      await cleanup.end();
    },
  };
}
