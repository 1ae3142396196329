// Issue #6 item 5, crash safety: the server runs as a real process on a SQLite file
// (synchronous=FULL, db/dialect.ts) under a concurrent load of intakes and is killed with
// SIGKILL at random moments, 20 times, restarted after each. Afterwards every intake that
// was answered 201 is in the database with everything intake writes in its transaction
// (register row, search entry, handling form, timeline, audit entry, outbox row), no
// case exists without them, case numbers run without gaps per estate, kind and day
// and SQLite's integrity check passes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneComplaint } from "../testing/cases.js";
import { createTestDatabase, type TestDatabase } from "../testing/databases.js";
import { seedWorld, TEST_PASSWORD, type World } from "../testing/fixtures.js";
import type { TestApp } from "../testing/test-app.js";
import {
  freePort,
  killHard,
  type ServerProcess,
  signIn,
  sleep,
  startServerProcess,
  stopGracefully,
  waitUntilReady,
} from "./server-process.js";

const ROUNDS = 20;
const WRITERS = 6;

describe("crash safety on SQLite (issue #6 item 5)", () => {
  let database: TestDatabase;
  let world: World;
  let dataDir: string;
  let file: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    world = await seedWorld(database.db);
    file = database.url.slice("sqlite:".length);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-crash-"));
  });
  afterAll(async () => {
    if (server) await stopGracefully(server);
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged intake and nothing half-written across ${ROUNDS} SIGKILLs`, {
    timeout: 900_000,
  }, async () => {
    const intake = await phoneComplaint({ world, database } as unknown as TestApp, { similarCasesAcknowledged: true });
    const acknowledged = new Map<string, string>(); // case id → number
    let session: { cookie: string; csrfToken: string } | undefined;
    let attempted = 0;
    // Kill moments after the round's first answered intake (so the load is running), spread
    // deterministically over 0–400 ms so that they fall at different points of a transaction.
    const killAfter = (round: number) => (round * 7919) % 400;

    for (let round = 0; round < ROUNDS; round++) {
      const port = await freePort();
      server = startServerProcess({ port, dataDir, env: { DATABASE_URL: database.url, SCHEDULER: "off" } });
      const startedAt = Date.now();
      await waitUntilReady(server);
      if (process.env.CRASH_DEBUG)
        console.error(`round ${round}: ready after ${Date.now() - startedAt} ms, ${acknowledged.size} acknowledged`);
      // The session lives in the database: signed in once, it outlives every crash.
      session ??= await signIn(server.baseUrl, "csagent", TEST_PASSWORD);
      const current = server;
      let stopped = false;
      const writer = async (w: number) => {
        for (let n = 0; !stopped; n++) {
          attempted += 1;
          try {
            const response = await fetch(`${current.baseUrl}/api/cases`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                cookie: session?.cookie ?? "",
                "x-csrf-token": session?.csrfToken ?? "",
              },
              body: JSON.stringify({ ...intake, content: `崩溃测试 第${round}轮 ${w}-${n}` }),
            });
            const body = (await response.json()) as { id?: string; number?: string };
            if (response.status === 201 && body.id && body.number) acknowledged.set(body.id, body.number);
            else if (response.status !== 201)
              throw new Error(`intake answered ${response.status}: ${JSON.stringify(body)}`);
          } catch (error) {
            // The connection dies with the process; anything else is a real failure.
            if (error instanceof Error && error.message.startsWith("intake answered")) throw error;
            return;
          }
        }
      };
      const before = acknowledged.size;
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      for (let waited = 0; acknowledged.size === before && waited < 20_000; waited += 20) await sleep(20);
      await sleep(killAfter(round));
      await killHard(current);
      stopped = true;
      await Promise.all(writers);
    }
    // Recovery: the server starts on what the last crash left and answers ready.
    server = startServerProcess({
      port: await freePort(),
      dataDir,
      env: { DATABASE_URL: database.url, SCHEDULER: "off" },
    });
    await waitUntilReady(server);
    await stopGracefully(server);
    server = undefined;

    expect(acknowledged.size).toBeGreaterThanOrEqual(ROUNDS);
    expect(attempted).toBeGreaterThan(acknowledged.size);

    const check = new SQLite(file, { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(check.pragma("foreign_key_check")).toEqual([]);

      const cases = check
        .prepare("select id, number, search_rowid, estate_id, kind from cases where org_id = ?")
        .all(world.a.orgId) as { id: string; number: string; search_rowid: number; estate_id: string; kind: string }[];
      const byId = new Map(cases.map((row) => [row.id, row]));
      // Every answered intake is there, under the number it was answered with.
      for (const [id, number] of acknowledged) expect(byId.get(id)?.number, `acknowledged case ${number}`).toBe(number);

      // Nothing half-written: each case has every row intake writes in the same transaction.
      const missing = (sqlText: string) =>
        (check.prepare(sqlText).all(world.a.orgId) as { number: string }[]).map((row) => row.number);
      expect(
        missing(
          "select number from cases c where org_id = ? and not exists (select 1 from case_handlings h where h.case_id = c.id)",
        ),
      ).toEqual([]);
      expect(
        missing(
          "select number from cases c where org_id = ? and not exists (select 1 from case_events e where e.case_id = c.id and e.type = 'registered')",
        ),
      ).toEqual([]);
      expect(
        missing(
          "select number from cases c where org_id = ? and not exists (select 1 from case_events e where e.case_id = c.id and e.type = 'routed')",
        ),
      ).toEqual([]);
      expect(
        missing(
          "select number from cases c where org_id = ? and not exists (select 1 from audit_log a where a.entity_id = c.id and a.action = 'case.registered')",
        ),
      ).toEqual([]);
      expect(missing("select number from cases c where org_id = ? and status <> 'routed'")).toEqual([]);
      const outboxPayloads = (
        check.prepare("select payload_json from outbox where topic = 'case.routed'").all() as { payload_json: string }[]
      ).map((row) => (JSON.parse(row.payload_json) as { caseId: string }).caseId);
      const withOutbox = new Set(outboxPayloads);
      expect(cases.filter((row) => !withOutbox.has(row.id)).map((row) => row.number)).toEqual([]);
      const indexed = new Set(
        (check.prepare("select rowid from case_search").all() as { rowid: number }[]).map((row) => row.rowid),
      );
      expect(cases.filter((row) => !indexed.has(row.search_rowid)).map((row) => row.number)).toEqual([]);

      // Numbers without gaps: per counter, exactly 1…last_seq were handed out and kept.
      const counters = check
        .prepare("select estate_id, kind, day, last_seq from case_counters where org_id = ?")
        .all(world.a.orgId) as { estate_id: string; kind: string; day: string; last_seq: number }[];
      expect(counters.length).toBeGreaterThan(0);
      for (const counter of counters) {
        const sequences = cases
          .filter(
            (row) =>
              row.estate_id === counter.estate_id &&
              row.kind === counter.kind &&
              row.number.includes(`-${counter.day}-`),
          )
          .map((row) => Number(row.number.split("-").at(-1)))
          .sort((a, b) => a - b);
        expect(sequences).toEqual(Array.from({ length: counter.last_seq }, (_, i) => i + 1));
      }
      expect(cases.length).toBe(counters.reduce((sum, counter) => sum + counter.last_seq, 0));
    } finally {
      check.close();
    }
  });
});
