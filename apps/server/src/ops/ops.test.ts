// Issue #6 item 4: operators get readiness and Prometheus metrics. Real HTTP, real databases.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_NAMES } from "../db/migrate.js";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const TOKEN = "scrape-me-0123456789";

/** The value of one sample line of the exposition (labels exactly as given), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testDatabases())("operations endpoints on %s", (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("readiness: the database answers and every migration of this build is applied", async () => {
    const response = await t.anonymous().get("/api/ready");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "ready",
      database: kind,
      appliedMigrations: MIGRATION_NAMES.length,
      expectedMigrations: MIGRATION_NAMES.length,
      problems: [],
    });
  });

  it("readiness answers 503 while a migration of this build is missing, and is ready again once it is applied", async () => {
    const last = MIGRATION_NAMES.at(-1) as string;
    const row = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration where name = ${last}`.execute(t.database.db);
    await sql`delete from kysely_migration where name = ${last}`.execute(t.database.db);
    try {
      const response = await t.anonymous().get("/api/ready");
      expect(response.status).toBe(503);
      expect(response.body.status).toBe("not_ready");
      expect(response.body.problems).toEqual([`migrations not applied: ${last}`]);
    } finally {
      const original = row.rows[0] as { name: string; timestamp: string };
      await sql`insert into kysely_migration (name, timestamp) values (${original.name}, ${original.timestamp})`.execute(
        t.database.db,
      );
    }
    expect((await t.anonymous().get("/api/ready")).status).toBe(200);
  });

  it("metrics are for administrators: anonymous 401, other roles 403", async () => {
    expect((await t.anonymous().get("/api/metrics")).status).toBe(401);
    expect((await (await t.as("csagent")).get("/api/metrics")).status).toBe(403);
    expect((await (await t.as("cshead")).get("/api/metrics")).status).toBe(403);
  });

  it("metrics count requests per route template with a latency histogram, and show the outbox and the database", async () => {
    const clerk = await t.as("csagent");
    const created = await clerk.post("/api/cases", await phoneComplaint(t));
    expect(created.status).toBe(201);
    await clerk.get(`/api/cases/${created.body.id}`);
    await t.anonymous().get("/api/health");

    const admin = await t.as("admin");
    const response = await admin.get("/api/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body as string;
    expect(sample(text, 'estate_desk_http_requests_total{method="POST",route="/api/cases",status="201"}')).toBe(1);
    // The route template, never the case id: one series however many cases are read.
    expect(sample(text, 'estate_desk_http_requests_total{method="GET",route="/api/cases/:id",status="200"}')).toBe(1);
    expect(text).not.toContain(created.body.id);
    expect(
      sample(text, 'estate_desk_http_request_duration_seconds_bucket{method="POST",route="/api/cases",le="+Inf"}'),
    ).toBe(1);
    expect(
      sample(text, 'estate_desk_http_request_duration_seconds_count{method="GET",route="/api/health"}'),
    ).toBeGreaterThanOrEqual(1);
    // No outbox worker runs in the test app: the complaint's notification waits.
    expect(sample(text, "estate_desk_outbox_pending")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "estate_desk_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(text).toContain("# TYPE estate_desk_scheduler_runs_total counter");
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    if (kind === "sqlite") {
      expect(sample(text, "estate_desk_sqlite_synchronous")).toBe(2);
      expect(sample(text, "estate_desk_sqlite_size_bytes")).toBeGreaterThan(0);
    } else {
      expect(sample(text, "estate_desk_db_pool_max")).toBeGreaterThan(0);
      expect(sample(text, "estate_desk_db_pool_connections")).toBeGreaterThanOrEqual(1);
    }
  });

  it("scheduled jobs appear with their runs and whether the last one failed", async () => {
    await t.database.db
      .insertInto("job_leases")
      .values([
        {
          job_name: "ops-test-ok",
          holder: "h",
          lease_until: null,
          last_started_at: null,
          last_finished_at: new Date().toISOString(),
          last_error: null,
          run_count: 3,
        },
        {
          job_name: "ops-test-failing",
          holder: "h",
          lease_until: null,
          last_started_at: null,
          last_finished_at: null,
          last_error: "boom",
          run_count: 1,
        },
      ])
      .execute();
    const text = (await (await t.as("admin")).get("/api/metrics")).body as string;
    expect(sample(text, 'estate_desk_scheduler_runs_total{job="ops-test-ok"}')).toBe(3);
    expect(sample(text, 'estate_desk_scheduler_last_run_failed{job="ops-test-ok"}')).toBe(0);
    expect(sample(text, 'estate_desk_scheduler_last_run_failed{job="ops-test-failing"}')).toBe(1);
  });

  it("a scraper reads /metrics with the METRICS_TOKEN bearer token, and nothing without it", async () => {
    const anonymous = t.anonymous();
    expect((await anonymous.get("/metrics")).status).toBe(401);
    const wrong = await anonymous.request("GET", "/metrics", undefined, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const right = await anonymous.request("GET", "/metrics", undefined, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(right.body as string).toContain("# TYPE estate_desk_http_requests_total counter");
  });
});

describe("metrics for scrapers without METRICS_TOKEN", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("sqlite", { seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("/metrics does not exist when no token is configured", async () => {
    const response = await t
      .anonymous()
      .request("GET", "/metrics", undefined, { headers: { authorization: "Bearer " } });
    expect(response.status).toBe(404);
  });
});
