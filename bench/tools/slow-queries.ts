/**
 * Prints every SQL statement a register page, a search and a case detail run, with its
 * duration and (SQLite) query plan — the first thing to read when a scenario misses its target.
 *
 *   node --import tsx bench/tools/slow-queries.ts [sqlite:FILE | postgres://… --schema bench]
 */
import { Kysely, sql } from "kysely";
import { findLiveSession, sessionIdOf } from "../../apps/server/src/auth/sessions.repository.js";
import { getCaseDetail, listRegister } from "../../apps/server/src/cases/register.service.js";
import { createDialect } from "../../apps/server/src/db/dialect.js";
import type { Database } from "../../apps/server/src/db/schema.js";
import { parseArgs, stringOption } from "../lib/args.js";

const [url = "sqlite:data/bench.sqlite", ...rest] = process.argv.slice(2);
const options = parseArgs(rest);
const schema = stringOption(options, "schema") ?? "bench";
const setup = createDialect(url, url.startsWith("postgres") ? { schema } : {});
const logged: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
const db = new Kysely<Database>({
  dialect: setup.dialect,
  log: (event) => {
    logged.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  },
});

const user = await db
  .selectFrom("users")
  .select(["id"])
  .where("username", "=", "bench_cs_agent_1")
  .executeTakeFirstOrThrow();
const session = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).executeTakeFirst();
if (!session) throw new Error("sign in once as bench_cs_agent_1 (run the benchmark) first");
const now = new Date().toISOString();
const resolved = await findLiveSession(db, session.id, now, "2000-01-01T00:00:00.000Z");
if (!resolved) throw new Error("no live session");
void sessionIdOf;
const context = { actor: resolved.actor, requestId: "slow-queries", ip: "127.0.0.1" };
const estate = await db.selectFrom("estates").select("id").orderBy("code").executeTakeFirstOrThrow();
const someCase = await db
  .selectFrom("cases")
  .select("id")
  .where("kind", "=", "complaint")
  .where("status", "=", "closed")
  .limit(1)
  .offset(5000)
  .executeTakeFirstOrThrow();

async function show(label: string, run: () => Promise<unknown>) {
  logged.length = 0;
  const started = performance.now();
  await run();
  console.log(`\n== ${label}: ${(performance.now() - started).toFixed(1)} ms`);
  for (const query of logged) {
    console.log(`${query.ms.toFixed(1).padStart(8)} ms  ${query.sql.slice(0, 160).replace(/\s+/g, " ")}`);
    if (query.ms > 5) {
      const explain =
        setup.kind === "sqlite" ? sql.raw(`explain query plan ${query.sql}`) : sql.raw(`explain analyze ${query.sql}`);
      const compiled = { ...explain.compile(db), parameters: query.parameters };
      const plan = await db.executeQuery<Record<string, unknown>>(compiled as never);
      for (const row of plan.rows) console.log(`              ${Object.values(row).slice(-1)[0]}`);
    }
  }
}

const register = { sort: "receivedAt", order: "desc", limit: 50 } as const;
await show("register page (estate, repairs)", () =>
  listRegister(db, context, { ...register, estateId: estate.id, kind: "repair" }),
);
await show("search 漏水", () => listRegister(db, context, { ...register, q: "漏水" }));
await show("case detail", () => getCaseDetail(db, context, someCase.id));
await db.destroy();
