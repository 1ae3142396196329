/**
 * Operators' metrics in the Prometheus text format (issue #6 item 4): request rate and
 * latency per route, the outbox's depth and the age of its oldest pending message, the
 * scheduled jobs' runs and last outcome, the database pool (PostgreSQL) or file (SQLite),
 * and the process's memory and event-loop delay. Request figures are this process's; outbox
 * and scheduler figures come from the database and so are the same on every instance.
 */
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { DatabaseHandle } from "../db/database.js";

/** Upper bounds of the latency histogram, in seconds: the targets are 10–50 ms, so it is fine below 0.1 s. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RouteSeries {
  method: string;
  route: string;
  /** Requests by status code. */
  statuses: Map<number, number>;
  /** Cumulative counts per bucket, then +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

/** Label values are quoted; backslashes, quotes and newlines escaped as the format requires. */
function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export class RequestMetrics {
  private series = new Map<string, RouteSeries>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = { method, route, statuses: new Map(), buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    series.statuses.set(status, (series.statuses.get(status) ?? 0) + 1);
    const buckets = series.buckets;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= (BUCKETS[i] as number)) buckets[i] = (buckets[i] ?? 0) + 1;
    buckets[BUCKETS.length] = (buckets[BUCKETS.length] ?? 0) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  render(lines: string[]): void {
    lines.push("# HELP estate_desk_http_requests_total HTTP requests answered by this process, by route and status.");
    lines.push("# TYPE estate_desk_http_requests_total counter");
    const all = [...this.series.values()].sort(
      (a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method),
    );
    for (const s of all) {
      for (const [status, count] of [...s.statuses].sort((a, b) => a[0] - b[0])) {
        lines.push(
          `estate_desk_http_requests_total{method="${s.method}",route="${label(s.route)}",status="${status}"} ${count}`,
        );
      }
    }
    lines.push("# HELP estate_desk_http_request_duration_seconds Time to answer, by route.");
    lines.push("# TYPE estate_desk_http_request_duration_seconds histogram");
    for (const s of all) {
      const labels = `method="${s.method}",route="${label(s.route)}"`;
      BUCKETS.forEach((bound, i) => {
        lines.push(`estate_desk_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${s.buckets[i]}`);
      });
      lines.push(`estate_desk_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.buckets[BUCKETS.length]}`);
      lines.push(`estate_desk_http_request_duration_seconds_sum{${labels}} ${s.sum.toFixed(6)}`);
      lines.push(`estate_desk_http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
  }
}

/** Counts every answered request under its route template (`/api/cases/:id`), never the raw URL. */
export function installRequestMetrics(app: FastifyInstance, metrics: RequestMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}

function gauge(lines: string[], name: string, help: string, value: number, labels = ""): void {
  lines.push(`# HELP ${name} ${help}`);
  lines.push(`# TYPE ${name} gauge`);
  lines.push(`${name}${labels ? `{${labels}}` : ""} ${Number.isFinite(value) ? value : 0}`);
}

const eventLoopDelay = monitorEventLoopDelay({ resolution: 20 });
eventLoopDelay.enable();

async function renderOutbox(database: DatabaseHandle, lines: string[]): Promise<void> {
  const pending = await database.db
    .selectFrom("outbox")
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.min("created_at").as("oldest")])
    .where("delivered_at", "is", null)
    .where("dead_at", "is", null)
    .executeTakeFirst();
  const dead = await database.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    // A dead message was never delivered: with delivered_at first, outbox_pending_idx
    // answers this without reading the delivered millions.
    .where("delivered_at", "is", null)
    .where("dead_at", "is not", null)
    .executeTakeFirst();
  const oldest = pending?.oldest ? (Date.now() - Date.parse(String(pending.oldest))) / 1000 : 0;
  gauge(
    lines,
    "estate_desk_outbox_pending",
    "Messages waiting for delivery (all instances).",
    Number(pending?.count ?? 0),
  );
  gauge(
    lines,
    "estate_desk_outbox_oldest_pending_age_seconds",
    "Age of the oldest message still waiting; 0 when none.",
    Math.max(0, Math.round(oldest)),
  );
  gauge(lines, "estate_desk_outbox_dead", "Messages given up after their last attempt.", Number(dead?.count ?? 0));
}

async function renderScheduler(database: DatabaseHandle, lines: string[]): Promise<void> {
  const jobs = await database.db.selectFrom("job_leases").selectAll().orderBy("job_name").execute();
  lines.push("# HELP estate_desk_scheduler_runs_total Runs of each scheduled job, across all instances.");
  lines.push("# TYPE estate_desk_scheduler_runs_total counter");
  for (const job of jobs) lines.push(`estate_desk_scheduler_runs_total{job="${label(job.job_name)}"} ${job.run_count}`);
  lines.push("# HELP estate_desk_scheduler_last_run_failed 1 when the job's last run ended in an error.");
  lines.push("# TYPE estate_desk_scheduler_last_run_failed gauge");
  for (const job of jobs) {
    lines.push(`estate_desk_scheduler_last_run_failed{job="${label(job.job_name)}"} ${job.last_error ? 1 : 0}`);
  }
  lines.push("# HELP estate_desk_scheduler_last_finished_timestamp_seconds When the job's last run finished.");
  lines.push("# TYPE estate_desk_scheduler_last_finished_timestamp_seconds gauge");
  for (const job of jobs) {
    const finished = job.last_finished_at ? Date.parse(job.last_finished_at) / 1000 : 0;
    lines.push(
      `estate_desk_scheduler_last_finished_timestamp_seconds{job="${label(job.job_name)}"} ${Math.round(finished)}`,
    );
  }
}

async function renderDatabase(database: DatabaseHandle, lines: string[]): Promise<void> {
  if (database.poolStats) {
    const stats = database.poolStats();
    gauge(lines, "estate_desk_db_pool_connections", "Open connections of this process's pool.", stats.total);
    gauge(lines, "estate_desk_db_pool_idle", "Idle connections of the pool.", stats.idle);
    gauge(lines, "estate_desk_db_pool_waiting", "Queries waiting for a connection.", stats.waiting);
    gauge(lines, "estate_desk_db_pool_max", "The pool's size.", stats.max);
    return;
  }
  const connection = database.sqlite;
  if (!connection) return;
  const pageCount = Number(connection.pragma("page_count", { simple: true }));
  const pageSize = Number(connection.pragma("page_size", { simple: true }));
  const freePages = Number(connection.pragma("freelist_count", { simple: true }));
  const synchronous = Number(connection.pragma("synchronous", { simple: true }));
  let walBytes = 0;
  try {
    walBytes = fs.statSync(`${connection.name}-wal`).size;
  } catch {
    walBytes = 0;
  }
  gauge(lines, "estate_desk_sqlite_size_bytes", "Size of the SQLite database file.", pageCount * pageSize);
  gauge(lines, "estate_desk_sqlite_free_bytes", "Unused pages inside the file.", freePages * pageSize);
  gauge(lines, "estate_desk_sqlite_wal_bytes", "Size of the write-ahead log.", walBytes);
  gauge(
    lines,
    "estate_desk_sqlite_synchronous",
    "PRAGMA synchronous (2 = FULL: commits survive power loss).",
    synchronous,
  );
}

function renderProcess(lines: string[]): void {
  const memory = process.memoryUsage();
  gauge(lines, "process_resident_memory_bytes", "Resident memory of this process.", memory.rss);
  gauge(lines, "nodejs_heap_used_bytes", "V8 heap in use.", memory.heapUsed);
  const cpu = process.cpuUsage();
  lines.push("# HELP process_cpu_seconds_total CPU time used by this process.");
  lines.push("# TYPE process_cpu_seconds_total counter");
  lines.push(`process_cpu_seconds_total ${((cpu.user + cpu.system) / 1e6).toFixed(3)}`);
  gauge(lines, "process_uptime_seconds", "Seconds since this process started.", Math.round(process.uptime()));
  gauge(
    lines,
    "nodejs_eventloop_delay_p99_seconds",
    "99th percentile of the event loop's delay since the last scrape.",
    eventLoopDelay.percentile(99) / 1e9,
  );
  eventLoopDelay.reset();
}

/** The whole exposition, one scrape. */
export async function renderMetrics(database: DatabaseHandle, requests: RequestMetrics): Promise<string> {
  const lines: string[] = [];
  requests.render(lines);
  await renderOutbox(database, lines);
  await renderScheduler(database, lines);
  await renderDatabase(database, lines);
  renderProcess(lines);
  return `${lines.join("\n")}\n`;
}

/** Whether the database answers and every migration this build knows has been applied. */
export async function checkReadiness(
  database: DatabaseHandle,
  expectedMigrations: readonly string[],
): Promise<{ ready: boolean; problems: string[]; appliedMigrations: number }> {
  const problems: string[] = [];
  let applied: string[] = [];
  try {
    await sql`select 1`.execute(database.db);
  } catch (error) {
    return { ready: false, problems: [`database unreachable: ${(error as Error).message}`], appliedMigrations: 0 };
  }
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    applied = rows.rows.map((row) => row.name);
  } catch {
    problems.push("no migrations applied");
  }
  const missing = expectedMigrations.filter((name) => !applied.includes(name));
  if (missing.length > 0) problems.push(`migrations not applied: ${missing.join(", ")}`);
  // Migrations this build does not know are not a problem: during a rolling upgrade the older
  // instances keep serving beside a newer one that has migrated (migrations only add).
  return { ready: problems.length === 0, problems, appliedMigrations: applied.length };
}
