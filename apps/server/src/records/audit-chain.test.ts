import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../audit/audit.repository.js";
import { openDatabase } from "../db/database.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { verifyAuditChain } from "./audit-chain-verify.js";

const run = promisify(execFile);
const serverDir = path.resolve(import.meta.dirname, "../..");

/** Runs `npm run verify-records` as an operator would, against the test's database. */
async function verifyRecordsCli(t: TestApp): Promise<{ code: number; out: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.database.url,
    ...(t.database.schema ? { DATABASE_SCHEMA: t.database.schema } : {}),
  };
  try {
    const { stdout } = await run("npx", ["tsx", "src/records/verify-records.cli.ts"], { cwd: serverDir, env });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

async function dropAppendOnlyTriggers(t: TestApp): Promise<void> {
  if (t.database.kind === "postgres") {
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(t.database.db);
  } else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(t.database.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(t.database.db);
  }
}

describe.each(testDatabases())("the tamper-evident audit log (R-4.12.3) on %s", (kind) => {
  let t: TestApp;
  let estateId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    estateId = t.world.a.estates.E1 as string;
    const admin = await t.as("admin");
    for (const name of ["一期", "二期", "三期"]) {
      expect((await admin.patch(`/api/estates/${estateId}`, { name })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("chains every entry of an organisation onto the one before, and proves the chain intact", async () => {
    const qa = await t.as("qa");
    const response = await qa.get("/api/records/audit-chain");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ intact: true, firstBreak: null });
    expect(response.body.entries).toBeGreaterThanOrEqual(3);
    const rows = await t.database.db
      .selectFrom("audit_log")
      .select(["chain_seq", "prev_hash", "entry_hash"])
      .where("org_id", "=", t.world.a.orgId)
      .orderBy("chain_seq")
      .execute();
    rows.forEach((row, index) => {
      expect(row.chain_seq).toBe(index + 1);
      if (index > 0) expect(row.prev_hash).toBe(rows[index - 1]?.entry_hash);
      expect(row.entry_hash).toMatch(/^[0-9a-f]{64}$/);
    });
    const cli = await verifyRecordsCli(t);
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain("0 broken chain(s)");
  });

  it("is append-only: the database refuses to change or delete an entry", async () => {
    const db = t.database.db;
    await expect(db.updateTable("audit_log").set({ action: "forged" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db, t.world.a.orgId)).intact).toBe(true);
  });

  it("names the changed entry when someone gets around the triggers", async () => {
    const db = t.database.db;
    const victim = await db
      .selectFrom("audit_log")
      .select(["id", "chain_seq"])
      .where("org_id", "=", t.world.a.orgId)
      .where("action", "=", "estate.updated")
      .orderBy("chain_seq")
      .executeTakeFirstOrThrow();
    await dropAppendOnlyTriggers(t);
    await db.updateTable("audit_log").set({ after_json: '{"name":"篡改"}' }).where("id", "=", victim.id).execute();

    const qa = await t.as("qa");
    const response = await qa.get("/api/records/audit-chain");
    expect(response.body.intact).toBe(false);
    expect(response.body.firstBreak).toMatchObject({
      entryId: victim.id,
      seq: victim.chain_seq,
      reason: "hash_mismatch",
    });
    const cli = await verifyRecordsCli(t);
    expect(cli.code).toBe(2);
    expect(cli.out).toContain(`first broken entry ${victim.id}`);
    // Organisation B's chain is its own and stays intact.
    expect((await verifyAuditChain(db, t.world.b.orgId)).intact).toBe(true);
  });

  it("names the entry after a removed one, and notices entries cut off the end", async () => {
    const db = t.database.db;
    const orgId = t.world.b.orgId;
    const adminB = await t.as("adminb");
    const estateB = t.world.b.estates.E1 ?? Object.values(t.world.b.estates)[0];
    for (const name of ["B1", "B2", "B3"]) await adminB.patch(`/api/estates/${estateB}`, { name });
    const rows = await db
      .selectFrom("audit_log")
      .select(["id", "chain_seq"])
      .where("org_id", "=", orgId)
      .orderBy("chain_seq")
      .execute();
    const last = rows.at(-1);
    const middle = rows.at(-2);
    if (!last || !middle) throw new Error("expected entries in organisation B");
    await db.deleteFrom("audit_log").where("id", "=", last.id).execute();
    expect((await verifyAuditChain(db, orgId)).firstBreak).toMatchObject({ reason: "head_mismatch" });
    await db
      .deleteFrom("audit_log")
      .where("id", "=", rows.at(-3)?.id ?? "")
      .execute();
    expect((await verifyAuditChain(db, orgId)).firstBreak).toMatchObject({ entryId: middle.id, reason: "gap" });
  });
});

describe.each(testDatabases().filter((kind) => kind === "postgres"))("audit chain under concurrency on %s", (kind) => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it("keeps the chain linear when many transactions write at once from several connections", async () => {
    t = await startTestApp(kind);
    const orgId = t.world.a.orgId;
    // A second pool on the same schema, as a second server instance would have.
    const other = openDatabase(t.database.url, { schema: t.database.schema, poolSize: 5 });
    try {
      const write = (db: typeof t.database.db, n: number) =>
        db.transaction().execute(async (tx) => {
          await recordAudit(
            tx,
            { actor: { userId: null, orgId }, requestId: `r${n}`, ip: "127.0.0.1" },
            { action: "test.concurrent", entityType: "test", entityId: orgId, after: { n } },
          );
          // Hold the transaction open a little so that writers really overlap.
          await sql`select pg_sleep(0.005)`.execute(tx);
        });
      await Promise.all(Array.from({ length: 60 }, (_, n) => write(n % 2 ? other.db : t.database.db, n)));
    } finally {
      await other.close();
    }
    const result = await verifyAuditChain(t.database.db, orgId);
    expect(result).toMatchObject({ intact: true, firstBreak: null });
    const count = await t.database.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(result.entries).toBe(Number(count.n));
  });
});

describe("the records migration (R-4.12.3)", () => {
  it("chains the audit entries that existed before it, per organisation, oldest first", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const { migrateTo, migrateToLatest } = await import("../db/migrate.js");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-chain-"));
    const handle = openDatabase(`sqlite:${path.join(dir, "old.sqlite")}`);
    try {
      await migrateTo(handle.db, "2026-11-29-08-org-settings");
      const now = new Date().toISOString();
      for (const org of ["0190aaaa-0000-7000-8000-000000000001", "0190aaaa-0000-7000-8000-000000000002"]) {
        await sql`insert into organisations (id, code, name, time_zone, active, created_at, updated_at)
          values (${org}, ${org}, ${org}, 'Asia/Shanghai', 1, ${now}, ${now})`.execute(handle.db);
        for (let n = 0; n < 3; n++) {
          await sql`insert into audit_log (id, org_id, at, action, entity_type, entity_id)
            values (${`${org.slice(0, -2)}${n}${org.slice(-1)}`}, ${org}, ${new Date(Date.now() + n).toISOString()},
              'legacy', 'organisation', ${org})`.execute(handle.db);
        }
      }
      await migrateToLatest(handle.db);
      for (const org of ["0190aaaa-0000-7000-8000-000000000001", "0190aaaa-0000-7000-8000-000000000002"]) {
        expect(await verifyAuditChain(handle.db, org)).toMatchObject({ intact: true, entries: 3 });
      }
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
