// Issue #4, "Done when": a test with two server processes on one PostgreSQL shows each
// escalation notice sent exactly once. Two real servers (main.ts) run the scheduler on the
// same schema, the deadline job every 2 seconds (SCHEDULER_FAST); afterwards every expected
// timeline event and outbox message exists once. Needs TEST_DATABASE_URL.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { phoneComplaint } from "../testing/cases.js";
import { backdateHandlings } from "../testing/deadlines.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const baseUrl = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface ServerProcess {
  child: ChildProcess;
  port: number;
  output: string[];
}

function startServer(port: number, schema: string, dataDir: string, databaseUrl: string): ServerProcess {
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      WEB_DIST: "/nonexistent",
      DEMO_DATA: "false",
      SCHEDULER: "on",
      SCHEDULER_FAST: "1",
      SMTP_URL: "",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, port, output };
}

async function waitUntilHealthy(server: ServerProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output.join("")}`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`server on port ${server.port} did not start:\n${server.output.join("")}`);
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

describe.skipIf(!baseUrl)("two server processes on one PostgreSQL (issue #4 item 6)", () => {
  let t: TestApp;
  const servers: ServerProcess[] = [];
  const dataDirs: string[] = [];
  beforeAll(async () => {
    t = await startTestApp("postgres");
  });
  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it("sends each escalation notice exactly once, and proposes the weekly callback plan once (issue #7)", {
    timeout: 60_000,
  }, async () => {
    const schema = t.database.schema;
    if (!schema || !baseUrl) throw new Error("no PostgreSQL schema");
    const db = t.database.db;
    const agent = await t.as("cshead");
    const head = await t.as("depthead");
    const register = async () => {
      const response = await agent.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    // A: never accepted. B: accepted and assigned to deptstaff. C: paused, waiting on the resident.
    const unaccepted = await register();
    const accepted = await register();
    const paused = await register();
    const acceptedSection = await backdateHandlings(db, accepted, new Date().toISOString());
    expect(
      (await head.post(`/api/cases/${accepted}/actions`, { action: "accept", handlingId: acceptedSection })).status,
    ).toBe(200);
    const assign = { action: "assign", handlingId: acceptedSection, assigneeId: t.world.a.users.deptstaff };
    expect((await head.post(`/api/cases/${accepted}/actions`, assign)).status).toBe(200);
    expect((await agent.post(`/api/cases/${paused}/actions`, { action: "pause", comment: "等住户回复" })).status).toBe(
      200,
    );
    // Routed 30 days ago: every deadline is long past, up to the management representative.
    const longAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    for (const caseId of [unaccepted, accepted, paused]) await backdateHandlings(db, caseId, longAgo);

    // Issue #7: the weekly callback plan of organisation A is due from the start of the week.
    await db
      .insertInto("org_settings")
      .values({
        org_id: t.world.a.orgId,
        key: "callbacks",
        value_json: JSON.stringify({
          planWeekday: "mon",
          planTime: "00:00",
          repairRatePercent: 30,
          topicRatePercent: 100,
        }),
        updated_at: new Date().toISOString(),
      })
      .execute();

    const started = Date.now();
    for (let i = 0; i < 2; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-instance-"));
      dataDirs.push(dataDir);
      servers.push(startServer(await freePort(), schema, dataDir, baseUrl));
    }
    await Promise.all(servers.map((server) => waitUntilHealthy(server, started + 30_000)));

    // Both evaluate every 2 seconds; wait for several runs (and, usually, both holders).
    const holders = new Set<string>();
    let runCount = 0;
    while (Date.now() - started < 40_000) {
      const lease = await db
        .selectFrom("job_leases")
        .selectAll()
        .where("job_name", "=", "complaint-deadlines")
        .executeTakeFirst();
      if (lease?.holder) holders.add(lease.holder);
      runCount = lease?.run_count ?? 0;
      expect(lease?.last_error ?? null).toBeNull();
      if (runCount >= 6 && (holders.size >= 2 || runCount >= 10)) break;
      await sleep(250);
    }
    await Promise.all(servers.map(stopServer));
    expect(runCount).toBeGreaterThanOrEqual(6);
    const pids = servers.map((server) => String(server.child.pid));
    for (const holder of holders) expect(pids).toContain(holder.split(":")[1]);

    const events = await db
      .selectFrom("case_events")
      .select(["case_id", "type", "data_json"])
      .where("case_id", "in", [unaccepted, accepted, paused])
      .where("type", "in", ["deadline_approaching", "deadline_passed", "escalated"])
      .execute();
    const eventKeys = events.map((e) => {
      const data = JSON.parse(e.data_json) as { level: number; deadline: string };
      return `${e.case_id === unaccepted ? "A" : e.case_id === accepted ? "B" : "C"} ${e.type} ${data.level} ${data.deadline}`;
    });
    expect(eventKeys.sort()).toEqual([
      "A deadline_passed 2 accept",
      "A escalated 3 accept",
      "A escalated 4 accept",
      "B deadline_passed 2 result",
      "B escalated 3 result",
      "B escalated 4 result",
    ]);

    const users = t.world.a.users;
    const nameOf = new Map(Object.entries(users).map(([name, id]) => [id, name]));
    const messages = await db
      .selectFrom("outbox")
      .select(["topic", "recipient_user_id", "payload_json"])
      .where("topic", "in", ["case.deadline_approaching", "case.deadline_passed", "case.escalated"])
      .execute();
    const messageKeys = messages.map((m) => {
      const payload = JSON.parse(m.payload_json) as { caseId: string; params: { level: number } };
      const label = payload.caseId === unaccepted ? "A" : payload.caseId === accepted ? "B" : "C";
      return `${label} ${m.topic}:${payload.params.level} → ${nameOf.get(m.recipient_user_id ?? "")}`;
    });
    expect(messageKeys.sort()).toEqual([
      "A case.deadline_passed:2 → depthead",
      "A case.escalated:3 → cshead",
      "A case.escalated:4 → mgmtrep",
      "B case.deadline_passed:2 → depthead",
      "B case.deadline_passed:2 → deptstaff",
      "B case.escalated:3 → cshead",
      "B case.escalated:4 → mgmtrep",
    ]);

    // Delivered once each too (the servers' outbox workers claim each message once).
    await drainOutbox(db, { limit: 500 });
    const delivered = await db
      .selectFrom("notifications")
      .select(["case_id", "user_id", "topic"])
      .where("topic", "in", ["case.deadline_approaching", "case.deadline_passed", "case.escalated"])
      .execute();
    expect(delivered).toHaveLength(messageKeys.length);
    // Issue #7: both instances ran the callback-plan job; organisation A got exactly one plan.
    const planLease = await db
      .selectFrom("job_leases")
      .selectAll()
      .where("job_name", "=", "callback-plan")
      .executeTakeFirst();
    expect(planLease?.run_count ?? 0).toBeGreaterThanOrEqual(2);
    expect(planLease?.last_error ?? null).toBeNull();
    const plans = await db.selectFrom("callback_plans").select(["org_id", "week_start"]).execute();
    expect(plans.filter((plan) => plan.org_id === t.world.a.orgId)).toHaveLength(1);
    const proposed = await db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "callback_plan.proposed")
      .where("org_id", "=", t.world.a.orgId)
      .execute();
    expect(proposed).toHaveLength(1);
    console.info(
      `two instances: ${runCount} runs of complaint-deadlines, by ${holders.size} holder(s) seen, in ${Date.now() - started} ms`,
    );
  });
});
