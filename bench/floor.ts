/**
 * The hardware limit the intake scenario is measured against: the same writes a phone
 * complaint's intake makes (case number counter, case with its search entry, handling
 * section, two timeline events, the outbox row, the audit entry and the status update, in
 * one transaction) issued straight through the driver with no HTTP, no validation and no
 * reads — on SQLite one synchronous connection with synchronous=FULL as the server runs it,
 * on PostgreSQL a pool as large as the server's with as many concurrent callers as the HTTP
 * benchmark has connections.
 */
import SQLite from "better-sqlite3";
import pg from "pg";
import { searchTermsOf, tsVectorOf } from "../apps/server/src/db/search.js";
import { newId } from "../apps/server/src/http/ids.js";
import { Histogram } from "./lib/histogram.js";
import type { IntakeFixture } from "./scenarios.js";

export interface FloorResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
}

function intakeRows(fixture: IntakeFixture, n: number) {
  const now = new Date().toISOString();
  const unit = fixture.units[n % fixture.units.length] as IntakeFixture["units"][number];
  const id = newId();
  const content = `楼道灯不亮，请尽快处理（基准 ${n}）`;
  const day = now.slice(0, 10).replaceAll("-", "");
  return { now, unit, id, content, day };
}

export async function sqliteFloor(file: string, fixture: IntakeFixture, seconds: number): Promise<FloorResult> {
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const counter = database.prepare(
    `insert into case_counters (org_id, estate_id, kind, day, last_seq) values (?, ?, 'complaint', ?, 1)
     on conflict (org_id, estate_id, kind, day) do update set last_seq = case_counters.last_seq + 1 returning last_seq`,
  );
  const maxRowid = database.prepare("select max(search_rowid) as last from cases");
  const insertCase = database.prepare(
    `insert into cases (id, org_id, estate_id, kind, number, status, channel, received_at, received_by, created_by,
       resident_id, unit_id, category_id, urgency, urgency_rank, content, department_id, wants_callback, callback_phone,
       created_at, updated_at, search_rowid)
     values (?, ?, ?, 'complaint', ?, 'pending_intake', 'phone', ?, ?, ?, ?, ?, ?, 'normal', 1, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const insertSearch = database.prepare("insert into case_search (rowid, terms) values (?, ?)");
  const insertHandling = database.prepare(
    `insert into case_handlings (id, org_id, case_id, department_id, status, routed_at, routed_by, accept_due_at, result_due_at, created_at, updated_at)
     values (?, ?, ?, ?, 'routed', ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = database.prepare(
    "insert into case_events (id, org_id, case_id, at, actor_id, type, data_json) values (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertOutbox = database.prepare(
    `insert into outbox (id, org_id, channel, topic, recipient_user_id, payload_json, created_at, available_at)
     values (?, ?, 'in_app', 'case.routed', ?, ?, ?, ?)`,
  );
  const updateCase = database.prepare(
    "update cases set status = 'routed', updated_at = ?, source = 'resident' where id = ?",
  );
  const insertAudit = database.prepare(
    `insert into audit_log (id, org_id, at, actor_id, action, entity_type, entity_id, before_json, after_json, request_id, ip)
     values (?, ?, ?, ?, 'case.registered', 'case', ?, null, ?, ?, '127.0.0.1')`,
  );
  const intake = database.transaction((n: number) => {
    const { now, unit, id, content, day } = intakeRows(fixture, n);
    const { last_seq } = counter.get(fixture.orgId, unit.estateId, day) as { last_seq: number };
    const number = `TS-${unit.estateCode}-${day}-${String(last_seq).padStart(4, "0")}`;
    const rowid = Number((maxRowid.get() as { last: number }).last) + 1;
    insertCase.run(
      id,
      fixture.orgId,
      unit.estateId,
      number,
      now,
      fixture.userId,
      fixture.userId,
      unit.residentId,
      unit.id,
      fixture.categoryId,
      content,
      fixture.departmentId,
      unit.phone,
      now,
      now,
      rowid,
    );
    insertSearch.run(rowid, searchTermsOf(number, content, unit.phone).flat().join(" "));
    insertHandling.run(newId(), fixture.orgId, id, fixture.departmentId, now, fixture.userId, now, now, now, now);
    insertEvent.run(newId(), fixture.orgId, id, now, fixture.userId, "registered", '{"channel":"phone"}');
    insertEvent.run(newId(), fixture.orgId, id, now, fixture.userId, "routed", '{"departmentId":null}');
    insertOutbox.run(
      newId(),
      fixture.orgId,
      fixture.userId,
      JSON.stringify({ caseId: id, params: { number } }),
      now,
      now,
    );
    updateCase.run(now, id);
    insertAudit.run(newId(), fixture.orgId, now, fixture.userId, id, JSON.stringify({ id, number, content }), newId());
  });
  const histogram = new Histogram();
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < seconds * 1000) {
    const t = performance.now();
    intake(n++);
    histogram.record(performance.now() - t);
  }
  const elapsed = (performance.now() - started) / 1000;
  database.close();
  return { rps: n / elapsed, p50_ms: histogram.percentile(50), p99_ms: histogram.percentile(99) };
}

export async function postgresFloor(
  url: string,
  schema: string,
  fixture: IntakeFixture,
  seconds: number,
  callers: number,
  poolSize = 10,
): Promise<FloorResult> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}` });
  const histogram = new Histogram();
  let n = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const one = async (i: number) => {
    const { now, unit, id, content, day } = intakeRows(fixture, i);
    const client = await pool.connect();
    try {
      await client.query("begin");
      const counter = await client.query<{ last_seq: number }>(
        `insert into case_counters (org_id, estate_id, kind, day, last_seq) values ($1, $2, 'complaint', $3, 1)
         on conflict (org_id, estate_id, kind, day) do update set last_seq = case_counters.last_seq + 1 returning last_seq`,
        [fixture.orgId, unit.estateId, day],
      );
      const number = `TS-${unit.estateCode}-${day}-${String(counter.rows[0]?.last_seq).padStart(4, "0")}`;
      await client.query(
        `insert into cases (id, org_id, estate_id, kind, number, status, channel, received_at, received_by, created_by,
           resident_id, unit_id, category_id, urgency, urgency_rank, content, department_id, wants_callback, callback_phone,
           created_at, updated_at, search_vector)
         values ($1, $2, $3, 'complaint', $4, 'pending_intake', 'phone', $5, $6, $6, $7, $8, $9, 'normal', 1, $10, $11, 1, $12, $5, $5, $13::tsvector)`,
        [
          id,
          fixture.orgId,
          unit.estateId,
          number,
          now,
          fixture.userId,
          unit.residentId,
          unit.id,
          fixture.categoryId,
          content,
          fixture.departmentId,
          unit.phone,
          tsVectorOf(searchTermsOf(number, content, unit.phone)),
        ],
      );
      await client.query(
        `insert into case_handlings (id, org_id, case_id, department_id, status, routed_at, routed_by, accept_due_at, result_due_at, created_at, updated_at)
         values ($1, $2, $3, $4, 'routed', $5, $6, $5, $5, $5, $5)`,
        [newId(), fixture.orgId, id, fixture.departmentId, now, fixture.userId],
      );
      for (const type of ["registered", "routed"]) {
        await client.query(
          "insert into case_events (id, org_id, case_id, at, actor_id, type, data_json) values ($1, $2, $3, $4, $5, $6, '{}')",
          [newId(), fixture.orgId, id, now, fixture.userId, type],
        );
      }
      await client.query(
        `insert into outbox (id, org_id, channel, topic, recipient_user_id, payload_json, created_at, available_at)
         values ($1, $2, 'in_app', 'case.routed', $3, $4, $5, $5)`,
        [newId(), fixture.orgId, fixture.userId, JSON.stringify({ caseId: id, params: { number } }), now],
      );
      await client.query("update cases set status = 'routed', updated_at = $1, source = 'resident' where id = $2", [
        now,
        id,
      ]);
      await client.query(
        `insert into audit_log (id, org_id, at, actor_id, action, entity_type, entity_id, before_json, after_json, request_id, ip)
         values ($1, $2, $3, $4, 'case.registered', 'case', $5, null, $6, $7, '127.0.0.1')`,
        [newId(), fixture.orgId, now, fixture.userId, id, JSON.stringify({ id, number, content }), newId()],
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    } finally {
      client.release();
    }
  };
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await one(n++);
        histogram.record(performance.now() - t);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  return { rps: done / elapsed, p50_ms: histogram.percentile(50), p99_ms: histogram.percentile(99) };
}
