// Issue #6 item 4 ("several instances"): two real server processes (main.ts) on one
// PostgreSQL schema behave as one application — a session made on one works on the
// other and ends on both, a change made through one is seen live through the other (the
// bell's unread count streamed by the other instance), and every scheduled job runs once
// per period however many instances schedule it (leases in job_leases). Needs TEST_DATABASE_URL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneComplaint } from "../testing/cases.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import {
  freePort,
  type ServerProcess,
  signIn,
  sleep,
  startServerProcess,
  stopGracefully,
  waitUntilReady,
} from "./server-process.js";

const databaseUrl = process.env.TEST_DATABASE_URL;

/** Reads `event: unread` counts from a server-sent event stream until `until` says stop. */
async function readUnreadCounts(
  url: string,
  cookie: string,
  until: (counts: number[]) => boolean,
  timeoutMs: number,
): Promise<number[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const counts: number[] = [];
  try {
    const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    while (!until(counts)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (/^event: unread$/m.test(message) && data) counts.push((JSON.parse(data) as { count: number }).count);
        end = buffer.indexOf("\n\n");
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return counts;
}

describe.skipIf(!databaseUrl)("two server processes on one PostgreSQL schema (issue #6)", () => {
  let t: TestApp;
  const servers: ServerProcess[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp("postgres");
    const schema = t.database.schema as string;
    for (let i = 0; i < 2; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-instance-"));
      dataDirs.push(dataDir);
      servers.push(
        startServerProcess({
          port: await freePort(),
          dataDir,
          env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, SCHEDULER: "on", SCHEDULER_FAST: "1" },
        }),
      );
    }
    await Promise.all(servers.map((server) => waitUntilReady(server, 90_000)));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map(stopGracefully));
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it("a session made on one instance works on the other, and signing out on one ends it on both", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const session = await signIn(a.baseUrl, "csagent", TEST_PASSWORD);
    const me = await fetch(`${b.baseUrl}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe("csagent");
    const logout = await fetch(`${b.baseUrl}/api/auth/logout`, {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    });
    expect(logout.status).toBeLessThan(300);
    expect((await fetch(`${a.baseUrl}/api/auth/me`, { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it("a complaint registered through one instance reaches the bell streamed by the other", {
    timeout: 60_000,
  }, async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const head = await signIn(b.baseUrl, "depthead", TEST_PASSWORD);
    const clerk = await signIn(a.baseUrl, "csagent", TEST_PASSWORD);
    const stream = readUnreadCounts(
      `${b.baseUrl}/api/notifications/stream`,
      head.cookie,
      (counts) => counts.length >= 2 && (counts.at(-1) as number) > (counts[0] as number),
      45_000,
    );
    await sleep(1000); // the stream's first count is sent before the complaint exists
    // 安全秩序 routes to 秩序维护部, whose head is depthead: the outbox of either instance tells him.
    const body = await phoneComplaint(t, { similarCasesAcknowledged: true });
    const created = await fetch(`${a.baseUrl}/api/cases`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: clerk.cookie, "x-csrf-token": clerk.csrfToken },
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    const counts = await stream;
    expect(counts.length).toBeGreaterThanOrEqual(2);
    expect((counts.at(-1) as number) - (counts[0] as number)).toBe(1);
  });

  it("every scheduled job runs once per period, never once per instance", { timeout: 60_000 }, async () => {
    const db = t.database.db;
    const leases = async () => db.selectFrom("job_leases").selectAll().orderBy("job_name").execute();
    const before = await leases();
    const startedAt = Date.now();
    await sleep(12_000);
    const after = await leases();
    const elapsedPeriods = (Date.now() - startedAt) / 2000; // SCHEDULER_FAST: every 2 seconds
    const names = after.map((lease) => lease.job_name);
    expect(names).toEqual(expect.arrayContaining(["complaint-deadlines", "repair-deadlines"]));
    const pids = servers.map((server) => String(server.child.pid));
    for (const lease of after) {
      const runs = lease.run_count - (before.find((b) => b.job_name === lease.job_name)?.run_count ?? 0);
      // Two instances ticking together would double this; a lease per period keeps it at one.
      expect(runs, lease.job_name).toBeGreaterThanOrEqual(2);
      expect(runs, lease.job_name).toBeLessThanOrEqual(Math.ceil(elapsedPeriods) + 1);
      expect(lease.last_error, lease.job_name).toBeNull();
      expect(pids).toContain(lease.holder?.split(":")[1]);
    }
  });
});
