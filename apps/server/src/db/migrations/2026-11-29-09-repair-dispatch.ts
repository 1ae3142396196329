import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * Repairs, second part (issue #5 items 1, 4, 7, 8): the paused clock, dispatch modes per estate
 * and category (leader, pool 抢单 with a claim time limit, automatic), workers' on-duty flag,
 * the expected arrival the resident sees, and paid repairs (有偿维修): the estate's price
 * list, the quote the customer approves with a signature before work starts, the final charge.
 * Money is integer fen.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const columns: [string, string][] = [
    ["dispatch_mode", "text"],
    ["pool_until", t.timestamp],
    ["expected_arrival_at", t.timestamp],
    ["billing", "text"],
    ["quote_json", t.json],
    ["quote_total_fen", "integer"],
    ["quote_recorded_at", t.timestamp],
    ["quote_recorded_by", t.id],
    ["quote_approved_at", t.timestamp],
    ["quote_approved_by", t.id],
    ["quote_signature_upload_id", t.id],
    ["final_charge_fen", "integer"],
    ["charge_reason", "text"],
  ];
  for (const [column, type] of columns) {
    await db.schema
      .alterTable("work_orders")
      .addColumn(column, type as "text")
      .execute();
  }
  // Working minutes the order spent waiting for parts or the customer: the deadlines moved on by them.
  await db.schema
    .alterTable("work_orders")
    .addColumn("paused_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("work_orders_pool_idx").on("work_orders").columns(["status", "pool_until"]).execute();

  await db.schema
    .createTable("repair_dispatch_rules")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    // Null: the estate's rule for every category without its own.
    .addColumn("category_id", t.id, (c) => c.references("categories.id"))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("claim_minutes", "integer", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("repair_dispatch_rules_estate_idx")
    .on("repair_dispatch_rules")
    .columns(["estate_id", "category_id"])
    .execute();

  // No row: the worker is on duty.
  await db.schema
    .createTable("repair_worker_duty")
    .addColumn("user_id", t.id, (c) => c.primaryKey().references("users.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("on_duty", t.flag, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("repair_price_items")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("price_fen", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("repair_price_items_code_uq", ["estate_id", "code"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("repair_price_items").execute();
  await db.schema.dropTable("repair_worker_duty").execute();
  await db.schema.dropIndex("repair_dispatch_rules_estate_idx").execute();
  await db.schema.dropTable("repair_dispatch_rules").execute();
  await db.schema.dropIndex("work_orders_pool_idx").execute();
  for (const column of [
    "paused_minutes",
    "charge_reason",
    "final_charge_fen",
    "quote_signature_upload_id",
    "quote_approved_by",
    "quote_approved_at",
    "quote_recorded_by",
    "quote_recorded_at",
    "quote_total_fen",
    "quote_json",
    "billing",
    "expected_arrival_at",
    "pool_until",
    "dispatch_mode",
  ]) {
    await db.schema.alterTable("work_orders").dropColumn(column).execute();
  }
}
