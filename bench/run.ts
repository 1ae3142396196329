/**
 * The benchmarks (issue #6 item 2):
 *
 *   npm run bench -- --quick                                  100,000 cases, 10 s per scenario, SQLite
 *   npm run bench -- --quick --database postgres              the same on PostgreSQL (schema `bench`)
 *   npm run bench -- --cases 1000000 --database sqlite        the full-size figures (30 s per scenario)
 *
 * Options: --duration S, --connections N (50), --only intake,search, --reuse (keep the generated
 * database when it already holds at least that many cases, e.g. from `npm run bench:data`), --database-url URL (PostgreSQL; default
 * postgres://postgres@127.0.0.1:5432/test), --sqlite FILE (default data/bench.sqlite),
 * --profile (the server writes a --cpu-prof profile into data/bench-profile/).
 *
 * Generates the data, starts the real server (main.ts, as `npm start` does; scheduler off so
 * that escalation runs do not land inside a measurement) on it, signs in as a customer-service
 * agent with a real session cookie and CSRF token, runs each scenario with autocannon while
 * sampling the server's RSS, then measures the floor in the same run, and ends with one JSON
 * line per scenario.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import pg from "pg";
import { type FloorResult, postgresFloor, sqliteFloor } from "./floor.js";
import { intOption, parseArgs, stringOption } from "./lib/args.js";
import { type Fixture, SCENARIOS, type Scenario } from "./scenarios.js";
import { BENCH_ORG_CODE, type GenerateTarget, generate, targetFromOptions } from "./volume/generate.js";
import { BENCH_PASSWORD, benchUsername } from "./volume/parts/staff.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

interface ScenarioLine {
  scenario: string;
  database: "sqlite" | "postgres";
  cases: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  rss_mb: number | null;
  errors?: number;
  /** Latency with one connection: the time one request takes when nothing queues before it. */
  single_p50_ms?: number;
  single_p99_ms?: number;
  floor_rps?: number;
  ratio?: number;
}

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

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Samples a process's resident memory every 200 ms; `stop()` returns the highest seen. */
function sampleRss(pid: number) {
  let highest = rssMb(pid);
  const timer = setInterval(() => {
    highest = Math.max(highest, rssMb(pid));
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(highest, rssMb(pid));
    },
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output.join("")}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`server did not start:\n${output.join("")}`);
}

function startServer(target: GenerateTarget, port: number, profile: boolean) {
  const output: string[] = [];
  const args = ["--import", "tsx"];
  if (profile) args.push("--cpu-prof", `--cpu-prof-dir=${path.join(repoRoot, "data/bench-profile")}`);
  args.push("apps/server/src/main.ts");
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      COOKIE_SECURE: "false",
      DATABASE_URL: target.kind === "sqlite" ? `sqlite:${target.file}` : target.url,
      DATABASE_SCHEMA: target.kind === "postgres" ? target.schema : "",
      DATA_DIR: path.join(repoRoot, "data/bench-files"),
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_DIST: "/nonexistent",
      DEMO_DATA: "false",
      SCHEDULER: "off",
      LOG_LEVEL: "warn",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => {
    output.push(chunk.toString());
    process.stderr.write(chunk);
  });
  return { child, output };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

async function signIn(baseUrl: string, role: "cs_agent" | "qa"): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: benchUsername(role), password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] as string)
    .find((pair) => pair.startsWith("ed_session="));
  const body = (await response.json()) as { csrfToken: string };
  if (!cookie) throw new Error("no session cookie");
  return { cookie, csrfToken: body.csrfToken };
}

const FIXTURE_QUERIES = {
  org: "select id from organisations where code = ?",
  user: "select id from users where username = ?",
  category:
    "select id, default_department_id from categories where org_id = ? and kind = 'complaint' and code = 'NOISE'",
  units: `select u.id, u.estate_id, e.code as estate_code, ru.resident_id, r.phone
            from resident_units ru join units u on u.id = ru.unit_id join estates e on e.id = u.estate_id
            join residents r on r.id = ru.resident_id
           where ru.org_id = ? and ru.relation = 'owner' order by ru.id limit 5000`,
  estates: "select id from estates where org_id = ? order by code",
  cases: "select id from cases where org_id = ? and id >= ? order by id limit 2000",
};

interface FixtureRows {
  org: { id: string };
  user: { id: string };
  category: { id: string; default_department_id: string };
  units: { id: string; estate_id: string; estate_code: string; resident_id: string; phone: string }[];
  estates: { id: string }[];
  cases: { id: string }[];
}

function fixtureOf(rows: FixtureRows): Fixture {
  return {
    orgId: rows.org.id,
    userId: rows.user.id,
    categoryId: rows.category.id,
    departmentId: rows.category.default_department_id,
    units: rows.units.map((u) => ({
      id: u.id,
      estateId: u.estate_id,
      estateCode: u.estate_code,
      residentId: u.resident_id,
      phone: u.phone,
    })),
    estateIds: rows.estates.map((e) => e.id),
    caseIds: rows.cases.map((c) => c.id),
  };
}

/** Ids the scenarios use: units with their owners, the estates, and 2,000 cases spread over the year. */
async function loadFixture(target: GenerateTarget): Promise<Fixture> {
  // UUIDv7 ids start with the creation time; starting at a random-looking prefix spreads the sample.
  const casesFrom = "0";
  if (target.kind === "sqlite") {
    const database = new SQLite(target.file, { readonly: true });
    const org = database.prepare(FIXTURE_QUERIES.org).get(BENCH_ORG_CODE) as FixtureRows["org"];
    const rows: FixtureRows = {
      org,
      user: database.prepare(FIXTURE_QUERIES.user).get(benchUsername("cs_agent")) as FixtureRows["user"],
      category: database.prepare(FIXTURE_QUERIES.category).get(org.id) as FixtureRows["category"],
      units: database.prepare(FIXTURE_QUERIES.units).all(org.id) as FixtureRows["units"],
      estates: database.prepare(FIXTURE_QUERIES.estates).all(org.id) as FixtureRows["estates"],
      cases: database
        .prepare("select id from cases where org_id = ? and search_rowid % 97 = 0 limit 2000")
        .all(org.id) as FixtureRows["cases"],
    };
    database.close();
    return fixtureOf(rows);
  }
  const client = new pg.Client({ connectionString: target.url, options: `-c search_path=${target.schema}` });
  await client.connect();
  let index = 0;
  const q = (sql: string) => sql.replace(/\?/g, () => `$${++index}`);
  const one = async <T>(sql: string, params: unknown[]): Promise<T> => {
    index = 0;
    return (await client.query(q(sql), params)).rows[0] as T;
  };
  const all = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    index = 0;
    return (await client.query(q(sql), params)).rows as T[];
  };
  const org = await one<FixtureRows["org"]>(FIXTURE_QUERIES.org, [BENCH_ORG_CODE]);
  const rows: FixtureRows = {
    org,
    user: await one(FIXTURE_QUERIES.user, [benchUsername("cs_agent")]),
    category: await one(FIXTURE_QUERIES.category, [org.id]),
    units: await all(FIXTURE_QUERIES.units, [org.id]),
    estates: await all(FIXTURE_QUERIES.estates, [org.id]),
    cases: await all("select id from cases tablesample system (1) where org_id = $1 limit 2000", [org.id]),
  };
  void casesFrom;
  await client.end();
  return fixtureOf(rows);
}

/** Cases of the generated organisation already in the target (0 when there is none). */
async function countGeneratedCases(target: GenerateTarget): Promise<number> {
  const query = "select count(*) as n from cases where org_id = (select id from organisations where code = 'BENCH')";
  try {
    if (target.kind === "sqlite") {
      if (!fs.existsSync(target.file)) return 0;
      const database = new SQLite(target.file, { readonly: true });
      try {
        return Number((database.prepare(query).get() as { n: number }).n);
      } finally {
        database.close();
      }
    }
    const client = new pg.Client({ connectionString: target.url, options: `-c search_path=${target.schema}` });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(query)).rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  } catch {
    return 0;
  }
}

/** Waits until the server has worked off what the last run left queued (health answers at once again). */
async function drained(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${baseUrl}/api/health`).catch(() => undefined);
    if (performance.now() - started < 50) return;
    await sleep(100);
  }
}

async function runScenario(
  scenario: Scenario,
  fixture: Fixture,
  baseUrl: string,
  session: { cookie: string; csrfToken: string },
  options: { duration: number; connections: number; pid: number },
): Promise<{
  rps: number;
  p50: number;
  p99: number;
  rss: number;
  errors: number;
  single: { p50: number; p99: number };
}> {
  const common = {
    url: baseUrl,
    timeout: 30,
    connections: options.connections,
    headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/json" },
    requests: scenario.requests(fixture),
  };
  const rss = sampleRss(options.pid);
  // A short warm-up (JIT, caches) that is not counted.
  await autocannon({ ...common, duration: Math.min(3, Math.max(1, Math.round(options.duration / 5))) });
  await drained(baseUrl);
  // With 50 connections busy, a request mostly waits for the 49 before it (Little's law:
  // latency ≈ connections / throughput); one connection shows what a request itself costs.
  const single = await autocannon({
    ...common,
    connections: 1,
    duration: Math.max(2, Math.round(options.duration / 3)),
  });
  await drained(baseUrl);
  const result = await autocannon({ ...common, duration: options.duration });
  const highest = rss.stop();
  await drained(baseUrl);
  const ok = scenario.expectStatus >= 200 && scenario.expectStatus < 300 ? result["2xx"] : result.requests.total;
  return {
    rps: Math.round(ok / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rss: highest,
    errors: result.non2xx + result.errors + result.timeouts,
    single: { p50: single.latency.p50, p99: single.latency.p99 },
  };
}

async function bareHttpFloor(duration: number, connections: number): Promise<FloorResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForHealthPath(`http://127.0.0.1:${port}/bare`, child);
    const common = { url: `http://127.0.0.1:${port}/bare`, connections };
    await autocannon({ ...common, duration: 2 });
    const result = await autocannon({ ...common, duration });
    return { rps: Math.round(result["2xx"] / result.duration), p50_ms: result.latency.p50, p99_ms: result.latency.p99 };
  } finally {
    await stopProcess(child);
  }
}

async function waitForHealthPath(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error("bare server exited");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error("bare server did not start");
}

/** What the figures were measured on: cores, CPU model, memory and how busy it was. */
function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  return `${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load}`;
}

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  const options = parseArgs(process.argv.slice(2));
  const quick = options.has("quick");
  const cases = intOption(options, "cases", quick ? 100_000 : 1_000_000);
  const duration = intOption(options, "duration", quick ? 10 : 30);
  const connections = intOption(options, "connections", 50);
  const databaseKind = stringOption(options, "database") ?? "sqlite";
  if (databaseKind !== "sqlite" && databaseKind !== "postgres") throw new Error("--database is sqlite or postgres");
  if (databaseKind === "postgres" && !options.has("database-url")) options.set("database-url", DEFAULT_POSTGRES_URL);
  const target = targetFromOptions(options, "data/bench.sqlite");
  const only = stringOption(options, "only")?.split(",");
  const scenarios = SCENARIOS.filter((scenario) => !only || only.includes(scenario.name));
  const measureFloor = !only || only.includes("floor") || only.includes("intake");

  const existing = options.has("reuse") ? await countGeneratedCases(target) : 0;
  if (existing >= cases) {
    console.log(`Reusing the generated ${target.kind} database (${existing} cases).`);
  } else {
    console.log(`Generating ${cases} cases on ${target.kind}…`);
    const { seconds } = await generate({ target, cases });
    console.log(`Generated in ${seconds.toFixed(0)} s.`);
  }

  const fixture = await loadFixture(target);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(target, port, options.has("profile"));
  const lines: ScenarioLine[] = [];
  try {
    await waitForHealth(baseUrl, server.child, server.output);
    const sessions = { cs_agent: await signIn(baseUrl, "cs_agent"), qa: await signIn(baseUrl, "qa") };
    const pid = server.child.pid as number;
    for (const scenario of scenarios) {
      console.log(`Scenario ${scenario.name}: ${duration} s, ${connections} connections…`);
      const session = sessions[scenario.signInAs ?? "cs_agent"];
      const result = await runScenario(scenario, fixture, baseUrl, session, { duration, connections, pid });
      if (result.errors > 0)
        console.warn(`  ${result.errors} requests failed or did not answer ${scenario.expectStatus}`);
      lines.push({
        scenario: scenario.name,
        database: target.kind,
        cases,
        rps: result.rps,
        p50_ms: result.p50,
        p99_ms: result.p99,
        rss_mb: result.rss,
        single_p50_ms: result.single.p50,
        single_p99_ms: result.single.p99,
        ...(result.errors > 0 ? { errors: result.errors } : {}),
      });
    }
  } finally {
    await stopProcess(server.child);
  }

  if (measureFloor) {
    console.log(`Floor: intake's writes straight through the driver, ${duration} s…`);
    const floor =
      target.kind === "sqlite"
        ? await sqliteFloor(target.file, fixture, duration)
        : await postgresFloor(target.url, target.schema, fixture, duration, connections);
    console.log(`Floor: a bare Fastify route, ${duration} s…`);
    const http = await bareHttpFloor(duration, connections);
    const floorRps = Math.round(floor.rps);
    lines.push({
      scenario: "floor",
      database: target.kind,
      cases,
      rps: floorRps,
      p50_ms: floor.p50_ms,
      p99_ms: floor.p99_ms,
      rss_mb: null,
    });
    lines.push({
      scenario: "floor_http",
      database: target.kind,
      cases,
      rps: http.rps,
      p50_ms: http.p50_ms,
      p99_ms: http.p99_ms,
      rss_mb: null,
    });
    const intake = lines.find((line) => line.scenario === "intake");
    if (intake) {
      intake.floor_rps = floorRps;
      intake.ratio = Math.round((intake.rps / floorRps) * 100) / 100;
    }
  }
  console.log(`\nMachine: ${machine()}`);
  for (const line of lines) console.log(JSON.stringify(line));
}

await main();
