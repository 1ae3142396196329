import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * Closing the loop: callbacks on complaints, dispatch orders and
 * suggestion topics, the weekly callback plan, exemptions with their reply letter, the
 * weekly classification of suggestions into topics, open letters, inspections of callbacks,
 * and nonconformities with their formal report (QR-019).
 *
 * One migration for the whole of #7 so that the callback, suggestion and nonconformity
 * modules share one schema. `nonconformities.source_id` names a callback, an inspection or
 * a QA finding depending on `source`, so it carries no foreign key.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // the weekly classification of opinions and suggestions; several
  // opinions on one problem become one topic (one topic, many source cases).
  await db.schema
    .createTable("suggestion_topics")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.references("estates.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("classification", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("department_id", t.id, (c) => c.references("departments.id"))
    .addColumn("handler_id", t.id, (c) => c.references("users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("week_start", "text", (c) => c.notNull())
    .addColumn("notified_at", t.timestamp)
    .addColumn("answer", "text")
    .addColumn("answered_at", t.timestamp)
    .addColumn("created_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("suggestion_topics_week_idx")
    .on("suggestion_topics")
    .columns(["org_id", "week_start"])
    .execute();

  await db.schema
    .createTable("suggestion_reviews")
    .addColumn("case_id", t.id, (c) => c.primaryKey().references("cases.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("classification", "text", (c) => c.notNull())
    .addColumn("topic_id", t.id, (c) => c.references("suggestion_topics.id"))
    .addColumn("week_start", "text", (c) => c.notNull())
    .addColumn("reviewed_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("reviewed_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("suggestion_reviews_topic_idx").on("suggestion_reviews").column("topic_id").execute();

  // open letters answer a common problem; filed in the callback archive.
  await db.schema
    .createTable("open_letters")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("topic_id", t.id, (c) => c.references("suggestion_topics.id"))
    .addColumn("published_at", t.timestamp)
    .addColumn("published_by", t.id, (c) => c.references("users.id"))
    .addColumn("created_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("open_letter_estates")
    .addColumn("letter_id", t.id, (c) => c.notNull().references("open_letters.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addPrimaryKeyConstraint("open_letter_estates_pk", ["letter_id", "estate_id"])
    .execute();
  await db.schema
    .createTable("open_letter_cases")
    .addColumn("letter_id", t.id, (c) => c.notNull().references("open_letters.id"))
    .addColumn("case_id", t.id, (c) => c.notNull().references("cases.id"))
    .addPrimaryKeyConstraint("open_letter_cases_pk", ["letter_id", "case_id"])
    .execute();

  // found from callback results, inspections, overdue replies or QA findings; fixed
  // by a responsible person or department within a deadline; closed only when the resident
  // is satisfied, or as unreasonable with the management representative's sign-off.
  await db.schema
    .createTable("nonconformities")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.references("estates.id"))
    .addColumn("number", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("case_id", t.id, (c) => c.references("cases.id"))
    .addColumn("work_order_id", t.id, (c) => c.references("work_orders.id"))
    .addColumn("topic_id", t.id, (c) => c.references("suggestion_topics.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("responsible_user_id", t.id, (c) => c.references("users.id"))
    .addColumn("responsible_department_id", t.id, (c) => c.references("departments.id"))
    .addColumn("due_at", t.timestamp)
    .addColumn("confirmed_by", t.id, (c) => c.references("users.id"))
    .addColumn("confirmed_at", t.timestamp)
    .addColumn("fix_description", "text")
    .addColumn("fixed_by", t.id, (c) => c.references("users.id"))
    .addColumn("fixed_at", t.timestamp)
    .addColumn("close_reason", "text")
    .addColumn("close_note", "text")
    .addColumn("closed_by", t.id, (c) => c.references("users.id"))
    .addColumn("closed_at", t.timestamp)
    .addColumn("signed_off_by", t.id, (c) => c.references("users.id"))
    .addColumn("signed_off_at", t.timestamp)
    .addColumn("escalation_level", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  // One candidate per finding, however often the finding is reported.
  await db.schema
    .createIndex("nonconformities_source_idx")
    .on("nonconformities")
    .columns(["org_id", "source", "source_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("nonconformities_status_idx")
    .on("nonconformities")
    .columns(["org_id", "status"])
    .execute();
  await db.schema.createIndex("nonconformities_case_idx").on("nonconformities").column("case_id").execute();

  // the formal nonconformity report (QR-019), one per nonconformity where required.
  await db.schema
    .createTable("nonconformity_reports")
    .addColumn("nonconformity_id", t.id, (c) => c.primaryKey().references("nonconformities.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("cause_analysis", "text")
    .addColumn("correction", "text")
    .addColumn("corrective_action", "text")
    .addColumn("verification", "text")
    .addColumn("effective", t.flag)
    // [{role, userId, name, uploadId, signedAt}]: who signed each part, with their signature image.
    .addColumn("signatures_json", t.json, (c) => c.notNull())
    .addColumn("created_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  // the weekly plan proposed by the scheduler and assigned by the
  // customer-service head. The repair sample is drawn from `seed` so an auditor can redraw it.
  await db.schema
    .createTable("callback_plans")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("week_start", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("repair_rate_percent", "integer", (c) => c.notNull())
    .addColumn("topic_rate_percent", "integer", (c) => c.notNull())
    .addColumn("summary_json", t.json, (c) => c.notNull())
    .addColumn("proposed_at", t.timestamp, (c) => c.notNull())
    .addColumn("reviewed_by", t.id, (c) => c.references("users.id"))
    .addColumn("reviewed_at", t.timestamp)
    .addColumn("closed_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("callback_plans_week_idx")
    .on("callback_plans")
    .columns(["org_id", "week_start"])
    .unique()
    .execute();

  // no callback is needed; the complaint is still handled and closes without one.
  await db.schema
    .createTable("callback_exemptions")
    .addColumn("case_id", t.id, (c) => c.primaryKey().references("cases.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("letter_upload_id", t.id, (c) => c.references("uploads.id"))
    .addColumn("recorded_by", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", t.timestamp, (c) => c.notNull())
    .execute();

  // every callback, planned or performed, kept in
  // order per subject (a complaint, a dispatch order or a suggestion topic).
  await db.schema
    .createTable("callbacks")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.references("estates.id"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("case_id", t.id, (c) => c.references("cases.id"))
    .addColumn("work_order_id", t.id, (c) => c.references("work_orders.id"))
    .addColumn("topic_id", t.id, (c) => c.references("suggestion_topics.id"))
    .addColumn("nonconformity_id", t.id, (c) => c.references("nonconformities.id"))
    .addColumn("plan_id", t.id, (c) => c.references("callback_plans.id"))
    .addColumn("follow_up_of_id", t.id, (c) => c.references("callbacks.id"))
    .addColumn("sequence", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("assigned_to", t.id, (c) => c.references("users.id"))
    .addColumn("assigned_at", t.timestamp)
    .addColumn("due_at", t.timestamp)
    .addColumn("performed_by", t.id, (c) => c.references("users.id"))
    .addColumn("performed_at", t.timestamp)
    .addColumn("outcome", "text")
    .addColumn("satisfaction", "text")
    .addColumn("opinion", "text")
    .addColumn("signature_upload_id", t.id, (c) => c.references("uploads.id"))
    .addColumn("reply_question", "text")
    .addColumn("reply_due_at", t.timestamp)
    .addColumn("replied_at", t.timestamp)
    .addColumn("reply_reminded_at", t.timestamp)
    .addColumn("answered_by_letter_id", t.id, (c) => c.references("open_letters.id"))
    .addColumn("created_by", t.id, (c) => c.references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("callbacks_case_idx").on("callbacks").columns(["case_id", "sequence"]).execute();
  await db.schema
    .createIndex("callbacks_work_order_idx")
    .on("callbacks")
    .columns(["work_order_id", "sequence"])
    .execute();
  await db.schema.createIndex("callbacks_topic_idx").on("callbacks").columns(["topic_id", "sequence"]).execute();
  await db.schema.createIndex("callbacks_plan_idx").on("callbacks").columns(["plan_id", "assigned_to"]).execute();
  await db.schema.createIndex("callbacks_performed_idx").on("callbacks").columns(["org_id", "performed_at"]).execute();
  await db.schema.createIndex("callbacks_reply_due_idx").on("callbacks").columns(["org_id", "reply_due_at"]).execute();

  // the customer-service head's inspections of performed callbacks, per caller.
  await db.schema
    .createTable("callback_inspections")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("callback_id", t.id, (c) => c.notNull().references("callbacks.id"))
    .addColumn("caller_id", t.id, (c) => c.references("users.id"))
    .addColumn("inspector_id", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("finding", "text")
    .addColumn("sample_seed", "text")
    .addColumn("inspected_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("callback_inspections_caller_idx")
    .on("callback_inspections")
    .columns(["org_id", "caller_id", "inspected_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "callback_inspections",
    "callbacks",
    "callback_exemptions",
    "callback_plans",
    "nonconformity_reports",
    "nonconformities",
    "open_letter_cases",
    "open_letter_estates",
    "open_letters",
    "suggestion_reviews",
    "suggestion_topics",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
