import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/database.js";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { verifyAuditChain } from "./audit-chain-verify.js";
import { listTables } from "./backup.js";

const run = promisify(execFile);
const serverDir = path.resolve(import.meta.dirname, "../..");

async function cli(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", script, ...args], {
      cwd: serverDir,
      env: { ...process.env, ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** Every row of every table, sorted, so two databases can be compared row by row. */
// biome-ignore lint/suspicious/noExplicitAny: compares any schema.
async function snapshot(db: Kysely<any>, kind: "sqlite" | "postgres", schema?: string) {
  const tables = await listTables(db, kind, schema);
  const contents: Record<string, string[]> = {};
  for (const table of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    contents[table] = result.rows.map((row) => JSON.stringify(row)).sort();
  }
  return contents;
}

describe.each(testDatabases())("backup and restore (issue #8 item 8, R-4.12.3) on %s", (kind) => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-backup-"));
  beforeAll(async () => {
    t = await startTestApp(kind);
    const agent = await t.as("csagent");
    expect((await agent.post("/api/cases", await phoneComplaint(t))).status).toBe(201);
    const admin = await t.as("admin");
    await admin.patch(`/api/estates/${t.world.a.estates.E1}`, { name: "备份花园" });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("restores a backup into a fresh database with every table identical, row by row", {
    timeout: 180_000,
  }, async () => {
    const source = {
      DATABASE_URL: t.database.url,
      ...(t.database.schema ? { DATABASE_SCHEMA: t.database.schema } : {}),
    };
    const backupFile = path.join(dir, kind === "sqlite" ? "backup.sqlite" : "backup.dump");
    // Online: the server keeps running while the backup is taken.
    const backup = await cli("src/records/backup.cli.ts", ["--out", backupFile], source);
    expect(backup.code, backup.out).toBe(0);
    expect(fs.statSync(backupFile).size).toBeGreaterThan(0);

    let fresh: Record<string, string>;
    let cleanup: () => Promise<void>;
    if (kind === "sqlite") {
      fresh = { DATABASE_URL: `sqlite:${path.join(dir, "restored.sqlite")}` };
      cleanup = async () => {};
    } else {
      // A fresh database on the same server, with the schema name the backup carries.
      const base = process.env.TEST_DATABASE_URL as string;
      const name = `restore_${randomBytes(5).toString("hex")}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      fresh = { DATABASE_URL: url.toString(), DATABASE_SCHEMA: t.database.schema as string };
      cleanup = async () => {
        const again = new pg.Client({ connectionString: base });
        await again.connect();
        await again.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await again.end();
      };
    }
    try {
      const restore = await cli("src/records/restore.cli.ts", [backupFile], fresh);
      expect(restore.code, restore.out).toBe(0);
      expect(restore.out).toContain("0 broken");

      const restored = openDatabase(fresh.DATABASE_URL as string, { schema: fresh.DATABASE_SCHEMA, poolSize: 1 });
      try {
        const before = await snapshot(t.database.db, kind, t.database.schema);
        const after = await snapshot(restored.db, kind, t.database.schema);
        expect(Object.keys(before)).toContain("cases");
        expect(before.cases?.length).toBeGreaterThan(0);
        expect(Object.keys(after)).toEqual(Object.keys(before));
        for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
        expect((await verifyAuditChain(restored.db, t.world.a.orgId)).intact).toBe(true);
      } finally {
        await restored.close();
      }

      // A second restore onto the database that now holds data is refused without --force.
      const refused = await cli("src/records/restore.cli.ts", [backupFile], fresh);
      expect(refused.code).toBe(3);
      expect(refused.out).toMatch(/holds data/);
      const forced = await cli("src/records/restore.cli.ts", [backupFile, "--force"], fresh);
      expect(forced.code, forced.out).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
