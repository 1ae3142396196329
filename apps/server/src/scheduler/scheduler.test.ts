// The scheduler's lease (architecture: "each run guarded by a lease row in the database so
// that with N instances each job runs once"; issue #4 item 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../db/database.js";
import { createTestDatabase, type TestDatabase, testDatabases } from "../testing/databases.js";
import { startTestApp } from "../testing/test-app.js";
import { tryTakeLease } from "./job-leases.repository.js";
import { type ScheduledJob, startScheduler } from "./scheduler.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases())("scheduler on %s", (kind) => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // A second connection pool to the same database, as a second server process would have.
    second = openDatabase(database.url, { schema: database.schema });
  });
  afterAll(async () => {
    await second.close();
    await database.close();
  });

  async function leaseOf(name: string) {
    return database.db.selectFrom("job_leases").selectAll().where("job_name", "=", name).executeTakeFirstOrThrow();
  }

  it("runs a job once per period across two instances on the same database", async () => {
    const runs: { instance: string; at: number }[] = [];
    const job = (instance: string): ScheduledJob => ({
      name: "probe",
      cron: "* * * * * *",
      async run(_db, now) {
        runs.push({ instance, at: Date.parse(now) });
        await sleep(50);
      },
    });
    const a = startScheduler(database.db, [job("a")], { holder: "a" });
    const b = startScheduler(second.db, [job("b")], { holder: "b" });
    await sleep(4500);
    await Promise.all([a.stop(), b.stop()]);

    // Each one-second period ran in exactly one of the two.
    const periods = runs.map((run) => Math.floor(run.at / 1000));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(periods).size).toBe(runs.length);
    const lease = await leaseOf("probe");
    expect(lease.run_count).toBe(runs.length);
    expect(lease.last_error).toBeNull();
    expect(["a", "b"]).toContain(lease.holder);
  });

  it("records a failure and the next success, never overlaps a slow run, and lets stop() wait for it", async () => {
    let calls = 0;
    let active = 0;
    let maxActive = 0;
    const flaky: ScheduledJob = {
      name: "flaky",
      cron: "* * * * * *",
      async run() {
        calls += 1;
        active += 1;
        maxActive = Math.max(maxActive, active);
        // The first run is slower than a period: the ticks meanwhile are skipped, not stacked.
        await sleep(calls === 1 ? 1500 : 10);
        active -= 1;
        if (calls === 1) throw new Error("the calendar is broken");
      },
    };
    const scheduler = startScheduler(database.db, [flaky], { holder: "solo" });
    await sleep(1300);
    expect(calls).toBe(1);
    await scheduler.stop(); // waits for the slow first run to finish
    expect(active).toBe(0);
    const failed = await leaseOf("flaky");
    expect(failed.last_error).toBe("the calendar is broken");
    expect(failed.last_finished_at).not.toBeNull();

    // After stop() nothing runs any more; a new scheduler runs it again and clears the error.
    const again = startScheduler(database.db, [flaky], { holder: "solo" });
    await sleep(2200);
    await again.stop();
    expect(maxActive).toBe(1);
    const recovered = await leaseOf("flaky");
    expect(recovered.last_error).toBeNull();
    expect(recovered.run_count).toBe(calls);
  });

  it("gives the lease to exactly one of many simultaneous claims", async () => {
    const now = new Date().toISOString();
    const leaseUntil = new Date(Date.now() + 60_000).toISOString();
    const claims = await Promise.all(
      ["p1", "p2", "p3", "p4"].map((holder, i) =>
        tryTakeLease(i % 2 === 0 ? database.db : second.db, { jobName: "race", holder, now, leaseUntil }),
      ),
    );
    expect(claims.filter((claim) => claim !== undefined)).toEqual([1]);
  });
});

describe("GET /api/scheduler/jobs", () => {
  it("lists the jobs' leases to settings managers only", async () => {
    const t = await startTestApp("sqlite");
    try {
      const now = new Date().toISOString();
      await tryTakeLease(t.database.db, { jobName: "complaint-deadlines", holder: "host:1:abc", now, leaseUntil: now });
      const admin = await t.as("admin");
      const listed = await admin.get("/api/scheduler/jobs");
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        {
          name: "complaint-deadlines",
          holder: "host:1:abc",
          leaseUntil: now,
          lastStartedAt: now,
          lastFinishedAt: null,
          lastError: null,
          runCount: 1,
        },
      ]);
      expect((await (await t.as("depthead")).get("/api/scheduler/jobs")).status).toBe(403);
      expect((await t.anonymous().get("/api/scheduler/jobs")).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
