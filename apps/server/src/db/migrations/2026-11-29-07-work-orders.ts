import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * Repairs: what the dispatch order (QR-024) records through its life — acceptance by
 * the team leader, the worker and their steps, the work done and materials, the customer's
 * evaluation and signature or why they could not sign, second visits, the paused clock — and
 * the photos taken before and after, and links to rework orders.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const columns: [string, string][] = [
    ["accepted_at", t.timestamp],
    ["accepted_by", t.id],
    ["worker_id", t.id],
    ["assigned_at", t.timestamp],
    ["started_at", t.timestamp],
    ["arrived_at", t.timestamp],
    ["completed_at", t.timestamp],
    ["status_before_wait", "text"],
    ["waiting_since", t.timestamp],
    ["wait_reason", "text"],
    ["work_description", "text"],
    ["materials_json", t.json],
    ["minutes_spent", "integer"],
    ["satisfaction", "text"],
    ["stars", "integer"],
    ["opinion", "text"],
    ["signature_upload_id", t.id],
    ["evaluated_at", t.timestamp],
    ["evaluated_by", t.id],
    ["absence_reason", "text"],
    ["absence_upload_id", t.id],
    ["rework_of_id", t.id],
    ["closed_at", t.timestamp],
    ["last_urged_at", t.timestamp],
    ["accept_due_at", t.timestamp],
    ["arrive_due_at", t.timestamp],
    ["result_due_at", t.timestamp],
  ];
  for (const [column, type] of columns) {
    await db.schema
      .alterTable("work_orders")
      .addColumn(column, type as "text")
      .execute();
  }
  await db.schema
    .alterTable("work_orders")
    .addColumn("visit_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // As for complaint sections: 0 none, 1 approaching, 2 passed, 3 customer-service head, 4 management representative.
  await db.schema
    .alterTable("work_orders")
    .addColumn("escalation_level", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Resident nudges (催单): counted for statistics, limited to one per interval.
  await db.schema
    .alterTable("work_orders")
    .addColumn("urge_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("work_orders_worker_idx").on("work_orders").columns(["worker_id", "status"]).execute();
  await db.schema.createIndex("work_orders_rework_idx").on("work_orders").column("rework_of_id").execute();

  await db.schema
    .createTable("work_order_photos")
    .addColumn("work_order_id", t.id, (c) => c.notNull().references("work_orders.id"))
    .addColumn("upload_id", t.id, (c) => c.notNull().references("uploads.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_order_photos_pk", ["work_order_id", "upload_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("work_order_photos").execute();
  await db.schema.dropIndex("work_orders_rework_idx").execute();
  await db.schema.dropIndex("work_orders_worker_idx").execute();
  for (const column of [
    "escalation_level",
    "result_due_at",
    "arrive_due_at",
    "accept_due_at",
    "urge_count",
    "last_urged_at",
    "visit_count",
    "closed_at",
    "rework_of_id",
    "absence_upload_id",
    "absence_reason",
    "evaluated_by",
    "evaluated_at",
    "signature_upload_id",
    "opinion",
    "stars",
    "satisfaction",
    "minutes_spent",
    "materials_json",
    "work_description",
    "wait_reason",
    "waiting_since",
    "status_before_wait",
    "completed_at",
    "arrived_at",
    "started_at",
    "assigned_at",
    "worker_id",
    "accepted_by",
    "accepted_at",
  ]) {
    await db.schema.alterTable("work_orders").dropColumn(column).execute();
  }
}
