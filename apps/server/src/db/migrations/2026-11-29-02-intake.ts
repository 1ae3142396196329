import { type Kysely, sql } from "kysely";
import { columnTypes, kindOf } from "../dialect.js";

/**
 * The register (QR-022) of cases with their per-day numbering, the complaint handling
 * sections (QR-023) and repair dispatch orders (QR-024) created at intake, photos and other
 * uploads, the case timeline and comments, the free-text search index, and the outbox with
 * in-app notifications.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const postgres = kindOf(db) === "postgres";

  await db.schema
    .createTable("uploads")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    // Content address of the bytes in the file store: the same photo uploaded twice is stored once.
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("uploaded_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("uploads_uploader_idx").on("uploads").columns(["uploaded_by", "created_at"]).execute();

  await db.schema
    .createTable("case_counters")
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    /** The organisation's local day, YYYYMMDD. */
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_counters_pk", ["org_id", "estate_id", "kind", "day"])
    .execute();

  let cases = db.schema
    .createTable("cases")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("received_at", t.timestamp, (c) => c.notNull())
    .addColumn("received_by", t.id, (c) => c.references("users.id"))
    .addColumn("created_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("forwarded_by_department_id", t.id, (c) => c.references("departments.id"))
    .addColumn("forwarded_by_user_id", t.id, (c) => c.references("users.id"))
    .addColumn("forwarded_by_name", "text")
    .addColumn("resident_id", t.id, (c) => c.references("residents.id"))
    .addColumn("visitor_name", "text")
    .addColumn("visitor_phone", "text")
    .addColumn("unit_id", t.id, (c) => c.references("units.id"))
    .addColumn("public_area", "text")
    .addColumn("category_id", t.id, (c) => c.references("categories.id"))
    .addColumn("urgency", "text", (c) => c.notNull())
    // 0 low … 3 urgent: the register sorts by it, which the text values cannot do.
    .addColumn("urgency_rank", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("department_id", t.id, (c) => c.references("departments.id"))
    .addColumn("wants_callback", t.flag, (c) => c.notNull())
    .addColumn("callback_phone", "text")
    .addColumn("callback_note", "text")
    .addColumn("duplicate_of_id", t.id, (c) => c.references("cases.id"))
    .addColumn("closed_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull());
  // Free-text search (see db/search.ts): PostgreSQL keeps the bigram terms with their
  // positions in the row under a GIN index; SQLite keeps them in an FTS5 index keyed by this integer.
  cases = postgres
    ? cases.addColumn("search_vector", sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    : cases.addColumn("search_rowid", "integer", (c) => c.notNull().unique());
  await cases.addUniqueConstraint("cases_org_number_unique", ["org_id", "number"]).execute();

  // The register's orderings and filters; each ends in id for stable keyset paging.
  await db.schema.createIndex("cases_org_received_idx").on("cases").columns(["org_id", "received_at", "id"]).execute();
  await db.schema
    .createIndex("cases_estate_received_idx")
    .on("cases")
    .columns(["org_id", "estate_id", "received_at", "id"])
    .execute();
  await db.schema
    .createIndex("cases_status_received_idx")
    .on("cases")
    .columns(["org_id", "status", "received_at", "id"])
    .execute();
  await db.schema
    .createIndex("cases_department_received_idx")
    .on("cases")
    .columns(["org_id", "department_id", "received_at", "id"])
    .execute();
  await db.schema
    .createIndex("cases_urgency_received_idx")
    .on("cases")
    .columns(["org_id", "urgency_rank", "received_at", "id"])
    .execute();
  await db.schema
    .createIndex("cases_forwarded_by_idx")
    .on("cases")
    .columns(["forwarded_by_user_id", "received_at"])
    .execute();
  await db.schema.createIndex("cases_unit_received_idx").on("cases").columns(["unit_id", "received_at"]).execute();
  await db.schema.createIndex("cases_resident_idx").on("cases").columns(["resident_id", "received_at"]).execute();
  await db.schema.createIndex("cases_duplicate_of_idx").on("cases").column("duplicate_of_id").execute();
  if (postgres) {
    await sql`CREATE INDEX cases_search_vector_idx ON cases USING GIN (search_vector)`.execute(db);
  } else {
    // Contentless: the index holds only the terms; rows are deleted by rowid (contentless_delete).
    await sql`CREATE VIRTUAL TABLE case_search USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }

  await db.schema
    .createTable("case_photos")
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("upload_id", t.id, (c) => c.notNull().references("uploads.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_photos_pk", ["case_id", "upload_id"])
    .execute();
  await db.schema.createIndex("case_photos_upload_idx").on("case_photos").column("upload_id").execute();

  // QR-023 handling section: one row per department a complaint is routed to.
  await db.schema
    .createTable("case_handlings")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("department_id", t.id, (c) => c.notNull().references("departments.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("routed_at", t.timestamp, (c) => c.notNull())
    .addColumn("routed_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("case_handlings_case_department_unique", ["case_id", "department_id"])
    .execute();
  await db.schema
    .createIndex("case_handlings_department_idx")
    .on("case_handlings")
    .columns(["department_id", "status"])
    .execute();

  // QR-024 dispatch order of a repair, sent to the repair team leader of the estate.
  await db.schema
    .createTable("work_orders")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().unique().references("cases.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("trade_id", t.id, (c) => c.references("trades.id"))
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("dispatched_at", t.timestamp, (c) => c.notNull())
    .addColumn("dispatched_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("work_orders_estate_status_idx")
    .on("work_orders")
    .columns(["org_id", "estate_id", "status"])
    .execute();

  await db.schema
    .createTable("case_events")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("at", t.timestamp, (c) => c.notNull())
    .addColumn("actor_id", t.id, (c) => c.references("users.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("data_json", t.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("case_events_case_idx").on("case_events").columns(["case_id", "at"]).execute();

  await db.schema
    .createTable("case_comments")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addColumn("author_id", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("case_comments_case_idx")
    .on("case_comments")
    .columns(["case_id", "created_at"])
    .execute();

  // Messages to deliver, written in the transaction of the change that causes them; a worker
  // drains them to their channel, so that nothing is lost when a channel is down.
  await db.schema
    .createTable("outbox")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("recipient_user_id", t.id, (c) => c.references("users.id"))
    .addColumn("payload_json", t.json, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("available_at", t.timestamp, (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", t.timestamp)
    .addColumn("last_error", "text")
    .addColumn("delivered_at", t.timestamp)
    .addColumn("dead_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("outbox_pending_idx")
    .on("outbox")
    .columns(["delivered_at", "dead_at", "available_at"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("user_id", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("outbox_id", t.id, (c) => c.unique())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("case_id", t.id, (c) => c.references("cases.id"))
    .addColumn("params_json", t.json, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("read_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (kindOf(db) === "sqlite") await sql`DROP TABLE IF EXISTS case_search`.execute(db);
  for (const table of [
    "notifications",
    "outbox",
    "case_comments",
    "case_events",
    "work_orders",
    "case_handlings",
    "case_photos",
    "cases",
    "case_counters",
    "uploads",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
