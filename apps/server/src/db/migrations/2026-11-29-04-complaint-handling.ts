import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * Complaint handling: what each department's section records (acceptance, the
 * handler, measures and result, its deadlines and how far it has been escalated), and what
 * the complaint records (major complaint, coordination by the management representative,
 * sign-off, the paused clock, customer service's check), plus where the case came from.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const handlingColumns: [string, string][] = [
    ["accepted_at", t.timestamp],
    ["accepted_by", t.id],
    ["assignee_id", t.id],
    ["assigned_at", t.timestamp],
    ["returned_at", t.timestamp],
    ["returned_by", t.id],
    ["measures", "text"],
    ["result", "text"],
    ["accept_due_at", t.timestamp],
    ["result_due_at", t.timestamp],
  ];
  for (const [column, type] of handlingColumns) {
    await db.schema
      .alterTable("case_handlings")
      .addColumn(column, type as "text")
      .execute();
  }
  // 0 nothing yet, 1 approaching the deadline, 2 past it, 3 customer-service head told, 4 management representative told.
  await db.schema
    .alterTable("case_handlings")
    .addColumn("escalation_level", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("case_handlings_assignee_idx")
    .on("case_handlings")
    .columns(["assignee_id", "status"])
    .execute();
  await db.schema
    .createIndex("case_handlings_due_idx")
    .on("case_handlings")
    .columns(["status", "result_due_at"])
    .execute();

  const caseColumns: [string, string][] = [
    ["major_reason", "text"],
    ["signed_off_at", t.timestamp],
    ["signed_off_by", t.id],
    ["coordination_requested_at", t.timestamp],
    ["coordination_decision", "text"],
    ["coordinated_by", t.id],
    ["coordinated_at", t.timestamp],
    ["paused_at", t.timestamp],
    ["pause_reason", "text"],
    ["checked_at", t.timestamp],
    ["checked_by", t.id],
  ];
  await db.schema
    .alterTable("cases")
    .addColumn("is_major", t.flag, (c) => c.notNull().defaultTo(0))
    .execute();
  // media or government sources make a complaint major (settings rule).
  await db.schema
    .alterTable("cases")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("resident"))
    .execute();
  for (const [column, type] of caseColumns) {
    await db.schema
      .alterTable("cases")
      .addColumn(column, type as "text")
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("case_handlings_due_idx").execute();
  await db.schema.dropIndex("case_handlings_assignee_idx").execute();
  for (const column of [
    "escalation_level",
    "result_due_at",
    "accept_due_at",
    "result",
    "measures",
    "returned_by",
    "returned_at",
    "assigned_at",
    "assignee_id",
    "accepted_by",
    "accepted_at",
  ]) {
    await db.schema.alterTable("case_handlings").dropColumn(column).execute();
  }
  for (const column of [
    "checked_by",
    "checked_at",
    "pause_reason",
    "paused_at",
    "coordinated_at",
    "coordinated_by",
    "coordination_decision",
    "coordination_requested_at",
    "signed_off_by",
    "signed_off_at",
    "major_reason",
    "source",
    "is_major",
  ]) {
    await db.schema.alterTable("cases").dropColumn(column).execute();
  }
}
