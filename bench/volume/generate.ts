/**
 * The volume generator (issue #6 item 1):
 *
 *   npm run bench:data -- --cases 1000000 [--sqlite data/bench.sqlite | --database-url postgres://… [--schema bench]] [--seed 42]
 *
 * Creates a fresh database (the SQLite file is replaced; the PostgreSQL schema is dropped
 * and recreated), runs the migrations, and fills it with one organisation of ~120 estates, its
 * staff and residents, and a year of cases with everything their status implies. The same
 * seed gives the same data. Parts are listed below, one module per table group: a new
 * table group (callback records, say) is one more module in parts/ added to the lists.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { openDatabase } from "../../apps/server/src/db/database.js";
import { SCHEMA_CHANGE_LOCK } from "../../apps/server/src/db/dialect.js";
import { migrateToLatest } from "../../apps/server/src/db/migrate.js";
import { seededRandom } from "../../apps/server/src/demo/generators.js";
import { newId } from "../../apps/server/src/http/ids.js";
import { createStarterCatalogue } from "../../apps/server/src/org/starter-catalogue.js";
import { intOption, parseArgs, stringOption } from "../lib/args.js";
import { chainedAuditSink } from "./chained-audit-sink.js";
import { callbacksPart } from "./parts/callbacks.js";
import { casesStream, type FatedCase } from "./parts/cases.js";
import { complaintHandlingPart } from "./parts/complaint-handling.js";
import { estatesPart } from "./parts/estates.js";
import { notificationsPart } from "./parts/notifications.js";
import { registrationPart } from "./parts/registration.js";
import { BENCH_PASSWORD, staffPart } from "./parts/staff.js";
import { workOrdersPart } from "./parts/work-orders.js";
import { type BulkSink, postgresSink, sqliteSink } from "./sink.js";
import type { CasePart, SetupPart, World } from "./world.js";

/** Written once, in order, before the cases. */
export const SETUP_PARTS: SetupPart[] = [estatesPart, staffPart];
/** Called for every chunk of cases, in order (parents before children). */
export const CASE_PARTS: CasePart[] = [
  registrationPart,
  complaintHandlingPart,
  workOrdersPart,
  callbacksPart,
  notificationsPart,
];

export type GenerateTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string; schema: string };

export interface GenerateOptions {
  target: GenerateTarget;
  cases: number;
  seed?: number;
  log?: (line: string) => void;
}

export const BENCH_ORG_CODE = "BENCH";

/** Drops and recreates the schema, under the lock migrations take (see db/dialect.ts). */
async function freshPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("select pg_advisory_lock($1)", [SCHEMA_CHANGE_LOCK]);
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
    await admin.query("select pg_advisory_unlock($1)", [SCHEMA_CHANGE_LOCK]);
  } finally {
    await admin.end();
  }
}

/** Migrates the fresh database and creates the organisation with the starter catalogue through the app's own code. */
async function createOrganisation(target: GenerateTarget, world: World): Promise<void> {
  const handle =
    target.kind === "sqlite"
      ? openDatabase(`sqlite:${target.file}`)
      : openDatabase(target.url, { schema: target.schema, poolSize: 2 });
  try {
    await migrateToLatest(handle.db, target.kind === "postgres" ? target.schema : undefined);
    const now = world.now.toISOString();
    await handle.db
      .insertInto("organisations")
      .values({
        id: world.orgId,
        code: world.orgCode,
        name: "滨江物业集团",
        time_zone: "Asia/Shanghai",
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await createStarterCatalogue(handle.db, world.orgId);
    const departments = await handle.db
      .selectFrom("departments")
      .selectAll()
      .where("org_id", "=", world.orgId)
      .execute();
    for (const d of departments) world.departments.set(d.code, { id: d.id, name: d.name, function: d.function });
    const trades = await handle.db.selectFrom("trades").selectAll().where("org_id", "=", world.orgId).execute();
    for (const t of trades) world.trades.set(t.code, t.id);
    const categories = await handle.db
      .selectFrom("categories")
      .selectAll()
      .where("org_id", "=", world.orgId)
      .orderBy("sort_order")
      .execute();
    world.categories = categories.map((c) => ({
      id: c.id,
      kind: c.kind,
      code: c.code,
      name: c.name,
      departmentId: c.default_department_id,
      tradeId: c.default_trade_id,
      urgency: c.default_urgency,
    }));
  } finally {
    await handle.close();
  }
}

async function openSink(target: GenerateTarget): Promise<BulkSink> {
  if (target.kind === "sqlite") {
    const database = new SQLite(target.file);
    // A bulk load into a fresh file: a crash means generating again, so no fsync per commit.
    // The server opens the file with synchronous=FULL (db/dialect.ts).
    database.pragma("journal_mode = OFF");
    database.pragma("synchronous = OFF");
    database.pragma("cache_size = -262144");
    return sqliteSink(database);
  }
  const client = new pg.Client({ connectionString: target.url, options: `-c search_path=${target.schema}` });
  await client.connect();
  await client.query("set synchronous_commit = off");
  // Foreign keys are checked by triggers, one parent lookup per row and key; the generator's
  // rows are consistent by construction, so the load skips them (needs a superuser, as a
  // bulk load usually runs; without one the load is only slower).
  await client.query("set session_replication_role = replica").catch(() => undefined);
  return postgresSink(client);
}

/** Planner statistics after the load, as a running database would have them (autovacuum; SQLite's PRAGMA optimize). */
async function finishTarget(target: GenerateTarget): Promise<void> {
  if (target.kind === "sqlite") {
    const database = new SQLite(target.file);
    database.pragma("journal_mode = WAL");
    database.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.url, options: `-c search_path=${target.schema}` });
  await client.connect();
  await client.query("vacuum analyze");
  await client.end();
}

export async function generate(options: GenerateOptions): Promise<{ seconds: number }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const { target } = options;
  if (target.kind === "sqlite") {
    fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${target.file}${suffix}`, { force: true });
  } else {
    await freshPostgresSchema(target.url, target.schema);
  }
  const world: World = {
    random: seededRandom(options.seed ?? 20261129),
    now: new Date(),
    orgId: newId(),
    orgCode: BENCH_ORG_CODE,
    timeZoneOffsetMinutes: 8 * 60,
    departments: new Map(),
    trades: new Map(),
    categories: [],
    estates: [],
    residents: new Map(),
    staff: new Map(),
    staffOfDepartment: new Map(),
    password: BENCH_PASSWORD,
  };
  await createOrganisation(target, world);
  const sink = chainedAuditSink(await openSink(target));
  try {
    await sink.secondaryIndexes.drop();
    for (const part of SETUP_PARTS) {
      const partStarted = Date.now();
      await part.run(world, sink);
      log(`  ${part.name}: ${((Date.now() - partStarted) / 1000).toFixed(1)} s`);
    }
    const units = world.estates.reduce((sum, estate) => sum + estate.units.length, 0);
    log(`  ${world.estates.length} estates, ${units} units, ${world.residents.size} residents`);
    let lastReport = Date.now();
    await casesStream.run(
      world,
      sink,
      options.cases,
      (chunk: FatedCase[]) => {
        for (const part of CASE_PARTS) part.addRows(world, chunk, sink);
      },
      (done) => {
        if (Date.now() - lastReport > 5000 || done === options.cases) {
          lastReport = Date.now();
          const seconds = (Date.now() - started) / 1000;
          log(`  cases: ${done} of ${options.cases} (${seconds.toFixed(0)} s)`);
        }
      },
    );
    for (const part of CASE_PARTS) part.finish?.(world, sink);
    sink.writeChainHeads();
    await sink.flush();
    const indexStarted = Date.now();
    await sink.secondaryIndexes.restore();
    log(`  indexes: ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`);
  } finally {
    await sink.close();
  }
  await finishTarget(target);
  return { seconds: (Date.now() - started) / 1000 };
}

export function targetFromOptions(options: Map<string, string | true>, defaultFile: string): GenerateTarget {
  const url = stringOption(options, "database-url");
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error("--database-url must be a postgres:// URL (use --sqlite FILE for SQLite)");
    return { kind: "postgres", url, schema: stringOption(options, "schema") ?? "bench" };
  }
  return {
    kind: "sqlite",
    file: path.resolve(process.env.INIT_CWD ?? process.cwd(), stringOption(options, "sqlite") ?? defaultFile),
  };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  const options = parseArgs(process.argv.slice(2));
  const cases = intOption(options, "cases", 100_000);
  const target = targetFromOptions(options, "data/bench.sqlite");
  const seed = intOption(options, "seed", 20261129);
  console.log(
    `Generating ${cases} cases into ${target.kind === "sqlite" ? target.file : `${target.url} (schema ${target.schema})`}`,
  );
  const { seconds } = await generate({ target, cases, seed });
  console.log(`Done in ${seconds.toFixed(1)} s. Every generated account's password is ${BENCH_PASSWORD}.`);
}
