import { type Kysely, sql } from "kysely";
import { type ChainedFields, entryHash, GENESIS_HASH } from "../../audit/audit-chain.js";
import { columnTypes, kindOf } from "../dialect.js";

/**
 * Records control (R-4.12.1–, QP-02, issue #8 part A):
 * - the audit log becomes append-only and hash-chained per organisation: position, previous
 *   hash and own hash on every entry, one chain-head row per organisation that writers lock,
 *   existing entries chained here, and triggers refusing UPDATE and DELETE on both databases;
 * - the monthly handover of completed complaint records to QA, with its items (a handed-over
 *   case is locked) and addenda for later corrections;
 * - the monthly QA inspection: sampled entries with their checklist and findings, and QA's own
 *   tracking survey of residents;
 * - when a departed resident's personal data was anonymised (PIPL).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const postgres = kindOf(db) === "postgres";

  // --- Audit chain -------------------------------------------------------------------------
  await db.schema.alterTable("audit_log").addColumn("chain_seq", "integer").execute();
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("entry_hash", "text").execute();
  await db.schema
    .createTable("audit_chain_heads")
    .addColumn("org_id", t.id, (c) => c.primaryKey().references("organisations.id"))
    .addColumn("last_seq", "integer", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .execute();

  const rows = await db.selectFrom("audit_log").selectAll().orderBy("org_id").orderBy("at").orderBy("id").execute();
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const row of rows) {
    const head = heads.get(row.org_id) ?? { seq: 0, hash: GENESIS_HASH };
    const seq = head.seq + 1;
    const hash = entryHash({ ...(row as ChainedFields), chain_seq: seq }, head.hash);
    await db
      .updateTable("audit_log")
      .set({ chain_seq: seq, prev_hash: head.hash, entry_hash: hash })
      .where("id", "=", row.id)
      .execute();
    heads.set(row.org_id, { seq, hash });
  }
  for (const [orgId, head] of heads) {
    await db
      .insertInto("audit_chain_heads")
      .values({ org_id: orgId, last_seq: head.seq, last_hash: head.hash })
      .execute();
  }
  await db.schema
    .createIndex("audit_log_chain_unique")
    .on("audit_log")
    .columns(["org_id", "chain_seq"])
    .unique()
    .execute();

  // Append-only: the database itself refuses to change or remove an entry, whoever asks.
  if (postgres) {
    await sql`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (R-4.12.3)' USING ERRCODE = 'raise_exception';
      END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (R-4.12.3)'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (R-4.12.3)'); END`.execute(db);
  }

  // --- Monthly handover (R-4.12.2) ----------------------------------------------------------
  await db.schema
    .createTable("record_handovers")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    /** The month handed over, `YYYY-MM` in the organisation's time zone. */
    .addColumn("period", "text", (c) => c.notNull())
    /** `handed_over` (customer service prepared and handed the batch) or `received` (QA signed). */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("case_count", "integer", (c) => c.notNull())
    .addColumn("prepared_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("prepared_at", t.timestamp, (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("received_by", t.id, (c) => c.references("users.id"))
    .addColumn("received_at", t.timestamp)
    .addColumn("signature_upload_id", t.id, (c) => c.references("uploads.id"))
    .addColumn("receipt_note", "text")
    .addUniqueConstraint("record_handovers_period_unique", ["org_id", "period"])
    .execute();
  await db.schema
    .createTable("record_handover_items")
    .addColumn("handover_id", t.id, (c) => c.notNull().references("record_handovers.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("case_number", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("record_handover_items_pk", ["handover_id", "case_id"])
    .execute();
  // A case is in at most one batch; this index is also what the edit lock looks up.
  await db.schema
    .createIndex("record_handover_items_case_unique")
    .on("record_handover_items")
    .column("case_id")
    .unique()
    .execute();
  await db.schema
    .createTable("case_addenda")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("author_id", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("at", t.timestamp, (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("case_addenda_case_idx").on("case_addenda").columns(["case_id", "at"]).execute();

  // --- Monthly QA inspection (R-4.12.1) -----------------------------------------------------
  await db.schema
    .createTable("qa_inspections")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("period", "text", (c) => c.notNull())
    /** `open` or `closed`. */
    .addColumn("status", "text", (c) => c.notNull())
    /** The seed of the sample: the same seed over the same register draws the same entries. */
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("sample_size", "integer", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .addColumn("opened_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("opened_at", t.timestamp, (c) => c.notNull())
    .addColumn("closed_by", t.id, (c) => c.references("users.id"))
    .addColumn("closed_at", t.timestamp)
    .addColumn("summary", "text")
    .addUniqueConstraint("qa_inspections_period_unique", ["org_id", "period"])
    .execute();
  await db.schema
    .createTable("qa_inspection_items")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("inspection_id", t.id, (c) => c.notNull().references("qa_inspections.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    /** The checklist answers as JSON: `{complete, routedInTime, callbackDone, nonconformityClosed}`, each true/false/null. */
    .addColumn("checks_json", t.json, (c) => c.notNull())
    .addColumn("finding", "text")
    .addColumn("checked_by", t.id, (c) => c.references("users.id"))
    .addColumn("checked_at", t.timestamp)
    .addUniqueConstraint("qa_inspection_items_case_unique", ["inspection_id", "case_id"])
    .execute();
  await db.schema
    .createTable("qa_tracking_calls")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("inspection_id", t.id, (c) => c.notNull().references("qa_inspections.id"))
    .addColumn("case_id", t.id, (c) => c.references("cases.id"))
    .addColumn("called_name", "text", (c) => c.notNull())
    .addColumn("called_phone", "text")
    /** `satisfied`, `neutral`, `dissatisfied` or `unreachable`. */
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("called_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("called_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("qa_tracking_calls_inspection_idx")
    .on("qa_tracking_calls")
    .column("inspection_id")
    .execute();

  // --- Personal information (PIPL) ----------------------------------------------------------
  await db.schema.alterTable("residents").addColumn("anonymised_at", t.timestamp).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("residents").dropColumn("anonymised_at").execute();
  for (const table of [
    "qa_tracking_calls",
    "qa_inspection_items",
    "qa_inspections",
    "case_addenda",
    "record_handover_items",
    "record_handovers",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (kindOf(db) === "postgres") {
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(db);
    await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db);
    await sql`DROP FUNCTION audit_log_refuse_change()`.execute(db);
  } else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
  }
  await db.schema.dropIndex("audit_log_chain_unique").execute();
  await db.schema.dropTable("audit_chain_heads").execute();
  await db.schema.alterTable("audit_log").dropColumn("entry_hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("prev_hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("chain_seq").execute();
}
