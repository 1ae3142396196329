/**
 * Runs intakes in-process (no HTTP) against a generated database and prints where the time
 * goes: the SQL statements by total time, and with --cpu-prof the JavaScript.
 *
 *   node --import tsx bench/tools/profile-intake.ts sqlite:data/bench.sqlite [count]
 */
import { Kysely } from "kysely";
import { findLiveSession } from "../../apps/server/src/auth/sessions.repository.js";
import { registerCase } from "../../apps/server/src/cases/intake.service.js";
import { createDialect } from "../../apps/server/src/db/dialect.js";
import type { Database } from "../../apps/server/src/db/schema.js";

const [url = "sqlite:data/bench.sqlite", countText = "300"] = process.argv.slice(2);
const setup = createDialect(url, url.startsWith("postgres") ? { schema: "bench" } : {});
const statements = new Map<string, { count: number; ms: number }>();
let logging = false;
const db = new Kysely<Database>({
  dialect: setup.dialect,
  log: (event) => {
    if (!logging) return;
    const key = event.query.sql.replace(/\s+/g, " ").slice(0, 110);
    const entry = statements.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += event.queryDurationMillis;
    statements.set(key, entry);
  },
});
const user = await db
  .selectFrom("users")
  .select("id")
  .where("username", "=", "bench_cs_agent_1")
  .executeTakeFirstOrThrow();
const session = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).executeTakeFirst();
if (!session) throw new Error("sign in once as bench_cs_agent_1 (run the benchmark) first");
const resolved = await findLiveSession(db, session.id, new Date().toISOString(), "2000-01-01T00:00:00.000Z");
if (!resolved) throw new Error("no live session");
const context = { actor: resolved.actor, requestId: "profile", ip: "127.0.0.1" };
const category = await db.selectFrom("categories").select("id").where("code", "=", "NOISE").executeTakeFirstOrThrow();
const units = await db
  .selectFrom("resident_units")
  .select(["unit_id", "estate_id", "resident_id"])
  .where("relation", "=", "owner")
  .limit(500)
  .execute();
const intake = (i: number) => {
  const unit = units[i % units.length] as (typeof units)[number];
  return registerCase(db, context, {
    kind: "complaint",
    estateId: unit.estate_id,
    channel: "phone",
    residentId: unit.resident_id,
    unitId: unit.unit_id,
    categoryId: category.id,
    content: `楼上装修噪音扰民（剖析 ${i}）`,
    similarCasesAcknowledged: true,
    source: "resident",
    major: false,
    wantsCallback: true,
    photoIds: [],
  });
};
const count = Number(countText);
for (let i = 0; i < 20; i++) await intake(i);
logging = true;
const started = performance.now();
for (let i = 0; i < count; i++) await intake(1000 + i);
const total = performance.now() - started;
const sqlMs = [...statements.values()].reduce((sum, entry) => sum + entry.ms, 0);
console.log(`${count} intakes: ${(total / count).toFixed(2)} ms each, of which SQL ${(sqlMs / count).toFixed(2)} ms`);
console.log(`${([...statements.values()].reduce((s, e) => s + e.count, 0) / count).toFixed(1)} statements per intake`);
for (const [key, entry] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
  console.log(`${(entry.ms / count).toFixed(3).padStart(7)} ms ${String(entry.count / count).padStart(4)}×  ${key}`);
}
await db.destroy();
