/**
 * The scheduled side of callbacks, each run once per period by the scheduler's lease and each
 * step conditional so that a repeated run changes nothing:
 * - `callback-plan`: proposes each organisation's weekly plan when due and closes
 *   the unsampled dispatch orders of ended weeks; the plan row is unique per week.
 * - `callback-replies`: reminds the caller of an appointed reply a day before it is due (once,
 *   `reply_reminded_at`), and raises an overdue-reply nonconformity candidate when it passes
 *   (R-4.9.1, R-4.11.1; one per callback).
 * - `callback-rates`: warns the customer-service heads while the current week falls short of
 *   a target, at most once a day per organisation.
 */
import { COMPLAINT_CALLBACK_TARGET_PERCENT } from "@estate-desk/domain";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { addMinutes } from "../http/clock.js";
import { raiseNonconformityCandidate } from "../nonconformities/nonconformity-candidates.js";
import { enqueueNotification } from "../notifications/outbox.js";
import type { ScheduledJob } from "../scheduler/scheduler.js";
import { closeEndedPlans, orgTimeZone, proposeWeeklyPlan } from "./callback-plan.js";
import { computeRates } from "./callback-rates.js";

/** How long before an appointed reply its owner is reminded. */
export const REPLY_REMINDER_LEAD_MINUTES = 24 * 60;

async function activeOrgs(db: Db): Promise<string[]> {
  return (await db.selectFrom("organisations").select("id").where("active", "=", 1).orderBy("id").execute()).map(
    (o) => o.id,
  );
}

export async function runWeeklyPlans(db: Db, now: string) {
  let proposed = 0;
  let closedOrders = 0;
  for (const orgId of await activeOrgs(db)) {
    closedOrders += await closeEndedPlans(db, orgId, now);
    if (await proposeWeeklyPlan(db, orgId, now)) proposed++;
  }
  return { proposed, closedOrders };
}

export async function runReplyReminders(db: Db, now: string) {
  let reminded = 0;
  let overdue = 0;
  const soon = await db
    .selectFrom("callbacks")
    .leftJoin("cases", "cases.id", "callbacks.case_id")
    .leftJoin("estates", "estates.id", "callbacks.estate_id")
    .leftJoin("suggestion_topics", "suggestion_topics.id", "callbacks.topic_id")
    .select([
      "callbacks.id",
      "callbacks.org_id",
      "callbacks.case_id",
      "callbacks.performed_by",
      "callbacks.reply_due_at",
      "callbacks.reply_question",
      "cases.number",
      "cases.kind",
      "estates.name as estate_name",
      "suggestion_topics.title as topic_title",
    ])
    .where("callbacks.status", "=", "done")
    .where("callbacks.replied_at", "is", null)
    .where("callbacks.reply_reminded_at", "is", null)
    .where("callbacks.reply_due_at", "<=", addMinutes(now, REPLY_REMINDER_LEAD_MINUTES))
    .limit(500)
    .execute();
  for (const callback of soon) {
    await db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable("callbacks")
        .set({ reply_reminded_at: now })
        .where("id", "=", callback.id)
        .where("reply_reminded_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1 || !callback.performed_by) return;
      await enqueueNotification(tx, {
        orgId: callback.org_id,
        recipientUserIds: [callback.performed_by],
        topic: "callback.reply_due",
        caseId: callback.case_id,
        params: {
          number: callback.number ?? callback.topic_title ?? "",
          kind: callback.kind ?? "suggestion",
          estateName: callback.estate_name ?? "",
          dueAt: callback.reply_due_at,
          question: (callback.reply_question ?? "").slice(0, 200),
        },
      });
      reminded++;
    });
  }
  const passed = await db
    .selectFrom("callbacks")
    .leftJoin("cases", "cases.id", "callbacks.case_id")
    .select([
      "callbacks.id",
      "callbacks.org_id",
      "callbacks.estate_id",
      "callbacks.case_id",
      "callbacks.work_order_id",
      "callbacks.topic_id",
      "callbacks.reply_question",
      "callbacks.reply_due_at",
      "cases.number",
    ])
    .where("callbacks.status", "=", "done")
    .where("callbacks.replied_at", "is", null)
    .where("callbacks.reply_due_at", "<", now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("nonconformities")
            .select("nonconformities.id")
            .whereRef("nonconformities.org_id", "=", "callbacks.org_id")
            .where("nonconformities.source", "=", "overdue_reply")
            // source_id is text (it names callbacks, inspections or findings); ids are uuid on PostgreSQL.
            .where(sql<boolean>`nonconformities.source_id = cast(callbacks.id as text)`),
        ),
      ),
    )
    .limit(500)
    .execute();
  for (const callback of passed) {
    await db.transaction().execute(async (tx) => {
      await raiseNonconformityCandidate(
        tx,
        { requestId: "scheduler", ip: "127.0.0.1", actor: { userId: null, orgId: callback.org_id } },
        {
          orgId: callback.org_id,
          estateId: callback.estate_id,
          source: "overdue_reply",
          sourceId: callback.id,
          caseId: callback.case_id,
          workOrderId: callback.work_order_id,
          topicId: callback.topic_id,
          description: `约定答复逾期 Appointed reply overdue ${callback.number ?? ""} (${callback.reply_due_at}): ${callback.reply_question ?? ""}`,
        },
      );
      overdue++;
    });
  }
  return { reminded, overdue };
}

export async function runRateWarnings(db: Db, now: string) {
  let warned = 0;
  for (const orgId of await activeOrgs(db)) {
    const timeZone = await orgTimeZone(db, orgId);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(now));
    const rates = await computeRates(db, { orgId, allEstates: true, estateIds: [], kind: "staff" }, "week", now, now);
    const complaintsShort =
      rates.complaints.ratePercent !== null && rates.complaints.ratePercent < COMPLAINT_CALLBACK_TARGET_PERCENT;
    const repairsShort = rates.repairs.ratePercent !== null && rates.repairs.ratePercent < rates.repairs.targetPercent;
    if (!rates.open || (!complaintsShort && !repairsShort)) continue;
    await db.transaction().execute(async (tx) => {
      // Once a day: the day of the last warning is kept in org_settings and moved conditionally.
      const key = "callback_rate_warning";
      const value = JSON.stringify({ day: today });
      const previous = await tx
        .selectFrom("org_settings")
        .select("value_json")
        .where("org_id", "=", orgId)
        .where("key", "=", key)
        .executeTakeFirst();
      if (previous?.value_json === value) return;
      if (previous) {
        const moved = await tx
          .updateTable("org_settings")
          .set({ value_json: value, updated_at: now })
          .where("org_id", "=", orgId)
          .where("key", "=", key)
          .where("value_json", "=", previous.value_json)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return;
      } else {
        const inserted = await tx
          .insertInto("org_settings")
          .values({ org_id: orgId, key, value_json: value, updated_at: now })
          .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      }
      const heads = await tx
        .selectFrom("users")
        .innerJoin("user_roles", "user_roles.user_id", "users.id")
        .select("users.id")
        .distinct()
        .where("users.org_id", "=", orgId)
        .where("users.active", "=", 1)
        .where("user_roles.role", "=", "cs_head")
        .execute();
      await enqueueNotification(tx, {
        orgId,
        recipientUserIds: heads.map((h) => h.id),
        topic: "callback.rate_short",
        caseId: null,
        params: {
          number: rates.from,
          kind: "callback",
          complaintRate: rates.complaints.ratePercent,
          complaintTarget: rates.complaints.targetPercent,
          repairRate: rates.repairs.ratePercent,
          repairTarget: rates.repairs.targetPercent,
        },
      });
      warned++;
    });
  }
  return { warned };
}

export const callbackPlanJob: ScheduledJob = {
  name: "callback-plan",
  cron: "*/5 * * * *",
  run: runWeeklyPlans,
};

export const callbackRepliesJob: ScheduledJob = {
  name: "callback-replies",
  cron: "* * * * *",
  run: runReplyReminders,
};

export const callbackRatesJob: ScheduledJob = {
  name: "callback-rates",
  cron: "17 * * * *",
  run: runRateWarnings,
};
