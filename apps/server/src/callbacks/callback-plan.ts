/**
 * The weekly callback plan. At the organisation's
 * configured weekday and time the scheduler proposes it: every complaint awaiting its callback
 * that is not exempt, a stratified sample of last week's completed dispatch orders drawn from a
 * recorded seed (sampleWorkOrders in packages/domain), and suggestion topics at the head's rate.
 * The customer-service head reviews and assigns it. When the week is over, the dispatch orders
 * of the sampled week that were not sampled close (a recorded step with its audit entry).
 *
 * Runs once per organisation and week with any number of instances: the plan row is unique
 * per (org, week) and is inserted before anything else in the transaction.
 */
import { randomBytes } from "node:crypto";
import {
  addDays,
  type CallbackPlan,
  type CallbackPlanAssignInput,
  type CallbackSettings,
  callbackSettingsSchema,
  DEFAULT_CALLBACK_SETTINGS,
  planDueAt,
  sampleTopics,
  sampleWorkOrders,
  weekStartOf,
  zonedInstant,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { canSeeEstate } from "../auth/policy.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import type { CandidateContext } from "../nonconformities/nonconformity-candidates.js";
import * as repo from "./callbacks.repository.js";
import { CALLER_ROLES, closeWorkOrder } from "./callbacks.service.js";

const SETTING_KEY = "callbacks";

export async function getCallbackSettings(db: DbOrTx, orgId: string): Promise<CallbackSettings> {
  const row = await db
    .selectFrom("org_settings")
    .select("value_json")
    .where("org_id", "=", orgId)
    .where("key", "=", SETTING_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_CALLBACK_SETTINGS;
  const parsed = callbackSettingsSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : DEFAULT_CALLBACK_SETTINGS;
}

export async function setCallbackSettings(
  db: Db,
  context: RequestContext,
  settings: CallbackSettings,
): Promise<CallbackSettings> {
  const orgId = context.actor.orgId;
  const before = await getCallbackSettings(db, orgId);
  const now = nowIso();
  const value = JSON.stringify(settings);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("org_settings")
      .values({ org_id: orgId, key: SETTING_KEY, value_json: value, updated_at: now })
      .onConflict((oc) => oc.columns(["org_id", "key"]).doUpdateSet({ value_json: value, updated_at: now }))
      .execute();
    await recordAudit(tx, context, {
      action: "settings.callbacks",
      entityType: "organisation",
      entityId: orgId,
      before,
      after: settings,
    });
  });
  return settings;
}

export async function orgTimeZone(db: DbOrTx, orgId: string): Promise<string> {
  const row = await db.selectFrom("organisations").select("time_zone").where("id", "=", orgId).executeTakeFirst();
  return row?.time_zone ?? "Asia/Shanghai";
}

function systemContext(orgId: string): CandidateContext {
  return { requestId: "scheduler", ip: "127.0.0.1", actor: { userId: null, orgId } };
}

/** The dispatch orders completed in the week starting `weekStart` (the candidates of the next week's sample). */
export async function ordersCompletedIn(db: DbOrTx, orgId: string, timeZone: string, weekStart: string) {
  const rows = await db
    .selectFrom("work_orders")
    .select(["id", "case_id", "estate_id", "worker_id", "trade_id", "satisfaction", "rework_of_id", "status"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("work_orders as rework")
            .select("rework.id")
            .whereRef("rework.rework_of_id", "=", "work_orders.id"),
        )
        .as("was_reworked"),
    )
    .where("org_id", "=", orgId)
    .where("completed_at", ">=", zonedInstant(timeZone, weekStart))
    .where("completed_at", "<", zonedInstant(timeZone, addDays(weekStart, 7)))
    .where("status", "in", ["awaiting_evaluation", "awaiting_callback", "closed"])
    .execute();
  return rows.map((row) => ({
    ...row,
    dissatisfied: row.satisfaction === "dissatisfied",
    reworked: row.rework_of_id !== null || Boolean(row.was_reworked),
  }));
}

interface PlanSummaryJson {
  complaints: number;
  exemptComplaints: number;
  workOrdersCompleted: number;
  workOrdersSampled: number;
  workersCovered: number;
  tradesCovered: number;
  topics: number;
  topicsSampled: number;
  sampledWeekStart: string;
  sampleReasons: Record<string, string>;
}

interface PlanItem {
  subject_type: "complaint" | "work_order" | "topic";
  estate_id: string | null;
  case_id: string | null;
  work_order_id: string | null;
  topic_id: string | null;
}

/**
 * Puts a subject on the plan. A callback already planned for it (a nonconformity's follow-up,
 * or one carried over from an earlier week) moves into this plan instead of a second one.
 */
async function addPlanItem(tx: DbOrTx, orgId: string, planId: string, now: string, item: PlanItem): Promise<void> {
  let open = tx
    .selectFrom("callbacks")
    .select(["id", "plan_id"])
    .where("org_id", "=", orgId)
    .where("status", "=", "planned");
  if (item.work_order_id) open = open.where("work_order_id", "=", item.work_order_id);
  else if (item.topic_id) open = open.where("topic_id", "=", item.topic_id);
  else open = open.where("case_id", "=", item.case_id ?? "").where("work_order_id", "is", null);
  const planned = await open.execute();
  if (planned.length > 0) {
    await tx
      .updateTable("callbacks")
      .set({ plan_id: planId, updated_at: now })
      .where(
        "id",
        "in",
        planned.map((p) => p.id),
      )
      .execute();
    return;
  }
  // a subject waiting for an appointed reply gets its follow-up callback, which brings it.
  let pending = tx
    .selectFrom("callbacks")
    .select("id")
    .where("org_id", "=", orgId)
    .where("status", "=", "done")
    .where("reply_due_at", "is not", null)
    .where("replied_at", "is", null);
  if (item.work_order_id) pending = pending.where("work_order_id", "=", item.work_order_id);
  else if (item.topic_id) pending = pending.where("topic_id", "=", item.topic_id);
  else pending = pending.where("case_id", "=", item.case_id ?? "").where("work_order_id", "is", null);
  const awaitingReply = await pending.orderBy("sequence", "desc").executeTakeFirst();
  await tx
    .insertInto("callbacks")
    .values({
      id: newId(),
      org_id: orgId,
      ...item,
      plan_id: planId,
      follow_up_of_id: awaitingReply?.id ?? null,
      sequence: await repo.nextSequence(tx, {
        caseId: item.case_id,
        workOrderId: item.work_order_id,
        topicId: item.topic_id,
      }),
      status: "planned",
      // repairs are called back mainly by phone; so are complaints unless the head changes it.
      method: "phone",
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** the complaints awaiting their callback, with whether each is exempt. */
async function complaintsAwaitingCallback(tx: DbOrTx, orgId: string) {
  return tx
    .selectFrom("cases")
    .select(["id", "estate_id"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("callback_exemptions")
            .select("case_id")
            .whereRef("callback_exemptions.case_id", "=", "cases.id"),
        )
        .as("exempt"),
    )
    .where("org_id", "=", orgId)
    .where("kind", "=", "complaint")
    .where("status", "=", "awaiting_callback")
    .orderBy("id")
    .execute();
}

/**
 * The head's "propose now" when the week already has its plan: complaints that reached
 * "awaiting callback" since are added (the repair sample stays as its seed drew it).
 * Returns the plan id, or null when the week has no open plan.
 */
export async function addNewComplaintsToPlan(db: Db, context: RequestContext, now: string): Promise<string | null> {
  const orgId = context.actor.orgId;
  const weekStart = weekStartOf(await orgTimeZone(db, orgId), now);
  const plan = await db
    .selectFrom("callback_plans")
    .select(["id", "status"])
    .where("org_id", "=", orgId)
    .where("week_start", "=", weekStart)
    .executeTakeFirst();
  if (!plan || plan.status === "closed") return null;
  await db.transaction().execute(async (tx) => {
    let added = 0;
    for (const complaint of await complaintsAwaitingCallback(tx, orgId)) {
      if (complaint.exempt) continue;
      const inPlan = await tx
        .selectFrom("callbacks")
        .select("id")
        .where("plan_id", "=", plan.id)
        .where("case_id", "=", complaint.id)
        .where("work_order_id", "is", null)
        .where("status", "=", "planned")
        .executeTakeFirst();
      if (inPlan) continue;
      await addPlanItem(tx, orgId, plan.id, now, {
        subject_type: "complaint",
        estate_id: complaint.estate_id,
        case_id: complaint.id,
        work_order_id: null,
        topic_id: null,
      });
      added++;
    }
    await recordAudit(tx, context, {
      action: "callback_plan.refreshed",
      entityType: "callback_plan",
      entityId: plan.id,
      after: { addedComplaints: added },
    });
  });
  return plan.id;
}

/**
 * Proposes the plan of the week `now` falls in, once it is due (or at once with `force`, the
 * head's button). Returns the plan id, or null when it is not due or already exists.
 */
export async function proposeWeeklyPlan(
  db: Db,
  orgId: string,
  now: string,
  options: { force?: boolean; seed?: string } = {},
): Promise<string | null> {
  const timeZone = await orgTimeZone(db, orgId);
  const settings = await getCallbackSettings(db, orgId);
  const weekStart = weekStartOf(timeZone, now);
  if (!options.force && Date.parse(now) < Date.parse(planDueAt(timeZone, weekStart, settings))) return null;
  const existing = await db
    .selectFrom("callback_plans")
    .select("id")
    .where("org_id", "=", orgId)
    .where("week_start", "=", weekStart)
    .executeTakeFirst();
  if (existing) return null;
  const seed = options.seed ?? randomBytes(8).toString("hex");
  const context = systemContext(orgId);
  return db.transaction().execute(async (tx) => {
    const planId = newId();
    const inserted = await tx
      .insertInto("callback_plans")
      .values({
        id: planId,
        org_id: orgId,
        week_start: weekStart,
        status: "proposed",
        seed,
        repair_rate_percent: settings.repairRatePercent,
        topic_rate_percent: settings.topicRatePercent,
        summary_json: "{}",
        proposed_at: now,
      })
      .onConflict((oc) => oc.columns(["org_id", "week_start"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null; // another instance proposed it

    const addItem = (item: PlanItem) => addPlanItem(tx, orgId, planId, now, item);

    // every complaint awaiting its callback, except the exempt.
    const complaints = await complaintsAwaitingCallback(tx, orgId);
    const due = complaints.filter((c) => !c.exempt);
    for (const complaint of due) {
      await addItem({
        subject_type: "complaint",
        estate_id: complaint.estate_id,
        case_id: complaint.id,
        work_order_id: null,
        topic_id: null,
      });
    }

    // last week's dispatch orders, sampled from the seed.
    const sampledWeekStart = addDays(weekStart, -7);
    const orders = await ordersCompletedIn(tx, orgId, timeZone, sampledWeekStart);
    const sample = sampleWorkOrders(
      orders.map((o) => ({
        id: o.id,
        workerId: o.worker_id,
        tradeId: o.trade_id,
        dissatisfied: o.dissatisfied,
        reworked: o.reworked,
      })),
      settings.repairRatePercent,
      seed,
    );
    const byId = new Map(orders.map((o) => [o.id, o]));
    for (const picked of sample) {
      const order = byId.get(picked.id);
      if (!order) continue;
      await addItem({
        subject_type: "work_order",
        estate_id: order.estate_id,
        case_id: order.case_id,
        work_order_id: order.id,
        topic_id: null,
      });
    }

    // the topics classified last week, at the head's rate.
    const topics = await tx
      .selectFrom("suggestion_topics")
      .select(["id", "estate_id"])
      .where("org_id", "=", orgId)
      .where("week_start", "=", sampledWeekStart)
      .where("status", "!=", "closed")
      .execute();
    const topicIds = sampleTopics(
      topics.map((t) => t.id),
      settings.topicRatePercent,
      seed,
    );
    const topicById = new Map(topics.map((t) => [t.id, t]));
    for (const topicId of topicIds) {
      await addItem({
        subject_type: "topic",
        estate_id: topicById.get(topicId)?.estate_id ?? null,
        case_id: null,
        work_order_id: null,
        topic_id: topicId,
      });
    }

    const sampled = sample.flatMap((s) => (byId.get(s.id) ? [byId.get(s.id)] : []));
    const summary: PlanSummaryJson = {
      complaints: due.length,
      exemptComplaints: complaints.length - due.length,
      workOrdersCompleted: orders.length,
      workOrdersSampled: sample.length,
      workersCovered: new Set(sampled.flatMap((o) => (o?.worker_id ? [o.worker_id] : []))).size,
      tradesCovered: new Set(sampled.flatMap((o) => (o?.trade_id ? [o.trade_id] : []))).size,
      topics: topics.length,
      topicsSampled: topicIds.length,
      sampledWeekStart,
      sampleReasons: Object.fromEntries(sample.map((s) => [s.id, s.reason])),
    };
    await tx
      .updateTable("callback_plans")
      .set({ summary_json: JSON.stringify(summary) })
      .where("id", "=", planId)
      .execute();
    await recordAudit(tx, context, {
      action: "callback_plan.proposed",
      entityType: "callback_plan",
      entityId: planId,
      after: { weekStart, seed, ...summary },
    });
    // The customer-service heads review it.
    return planId;
  });
}

/**
 * When a plan's week is over, the dispatch orders of its sampled week that are still waiting
 * for a callback and were not sampled close: one recorded step each, with its audit entry.
 */
export async function closeEndedPlans(db: Db, orgId: string, now: string): Promise<number> {
  const timeZone = await orgTimeZone(db, orgId);
  const currentWeek = weekStartOf(timeZone, now);
  const plans = await db
    .selectFrom("callback_plans")
    .select(["id", "week_start"])
    .where("org_id", "=", orgId)
    .where("week_start", "<", currentWeek)
    .where("status", "!=", "closed")
    .execute();
  let closedOrders = 0;
  const context = systemContext(orgId);
  for (const plan of plans) {
    await db.transaction().execute(async (tx) => {
      const moved = await tx
        .updateTable("callback_plans")
        .set({ status: "closed", closed_at: now })
        .where("id", "=", plan.id)
        .where("status", "!=", "closed")
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      const orders = await ordersCompletedIn(tx, orgId, timeZone, addDays(plan.week_start, -7));
      for (const order of orders.filter((o) => o.status === "awaiting_callback")) {
        const callback = await tx
          .selectFrom("callbacks")
          .select("id")
          .where("work_order_id", "=", order.id)
          .where("status", "in", ["planned", "done"])
          .executeTakeFirst();
        if (callback) continue; // sampled (or called back by hand): it closes by its callback
        if (await closeWorkOrder(tx, context, order.id, order.case_id, now, { unsampled: true, planId: plan.id })) {
          closedOrders++;
        }
      }
      await recordAudit(tx, context, {
        action: "callback_plan.closed",
        entityType: "callback_plan",
        entityId: plan.id,
        after: { weekStart: plan.week_start, closedOrders },
      });
    });
  }
  return closedOrders;
}

// ---------------------------------------------------------------------------------------------
// Reading and reviewing plans

export async function findPlanRow(db: DbOrTx, orgId: string, planId: string) {
  return db
    .selectFrom("callback_plans")
    .leftJoin("users", "users.id", "callback_plans.reviewed_by")
    .selectAll("callback_plans")
    .select("users.display_name as reviewed_by_name")
    .where("callback_plans.org_id", "=", orgId)
    .where("callback_plans.id", "=", planId)
    .executeTakeFirst();
}

export async function getPlan(db: DbOrTx, context: RequestContext, planId: string): Promise<CallbackPlan> {
  const plan = await findPlanRow(db, context.actor.orgId, planId);
  if (!plan) throw notFound("callback plan", planId);
  const summary = JSON.parse(plan.summary_json) as Partial<PlanSummaryJson>;
  const items = await repo
    .callbackViews(db)
    .where("callbacks.org_id", "=", context.actor.orgId)
    .where("callbacks.plan_id", "=", planId)
    .where("callbacks.status", "!=", "cancelled")
    .orderBy("callbacks.subject_type")
    .orderBy("callbacks.id")
    .execute();
  return {
    id: plan.id,
    weekStart: plan.week_start,
    status: plan.status,
    seed: plan.seed,
    repairRatePercent: plan.repair_rate_percent,
    topicRatePercent: plan.topic_rate_percent,
    summary: {
      complaints: summary.complaints ?? 0,
      exemptComplaints: summary.exemptComplaints ?? 0,
      workOrdersCompleted: summary.workOrdersCompleted ?? 0,
      workOrdersSampled: summary.workOrdersSampled ?? 0,
      workersCovered: summary.workersCovered ?? 0,
      tradesCovered: summary.tradesCovered ?? 0,
      topics: summary.topics ?? 0,
      topicsSampled: summary.topicsSampled ?? 0,
      sampledWeekStart: summary.sampledWeekStart ?? addDays(plan.week_start, -7),
    },
    proposedAt: plan.proposed_at,
    reviewedByName: plan.reviewed_by_name,
    reviewedAt: plan.reviewed_at,
    closedAt: plan.closed_at,
    items: items
      .filter((item) => item.estate_id === null || canSeeEstate(context.actor, item.estate_id))
      .map((item) => repo.presentCallback(item, summary.sampleReasons ?? {})),
  };
}

export async function listPlans(db: DbOrTx, context: RequestContext) {
  const rows = await db
    .selectFrom("callback_plans")
    .select(["id", "week_start", "status", "proposed_at", "reviewed_at", "closed_at"])
    .where("org_id", "=", context.actor.orgId)
    .orderBy("week_start", "desc")
    .limit(60)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    weekStart: r.week_start,
    status: r.status,
    proposedAt: r.proposed_at,
    reviewedAt: r.reviewed_at,
    closedAt: r.closed_at,
  }));
}

/** the head assigns items to callers (and confirms the reviewed plan). */
export async function assignPlan(
  db: Db,
  context: RequestContext,
  planId: string,
  input: CallbackPlanAssignInput,
): Promise<CallbackPlan> {
  await db.transaction().execute(async (tx) => {
    const plan = await findPlanRow(tx, context.actor.orgId, planId);
    if (!plan) throw notFound("callback plan", planId);
    if (plan.status === "closed") throw new AppError("INVALID_TRANSITION", { status: plan.status });
    const now = nowIso();
    const callers = new Set(
      (
        await tx
          .selectFrom("users")
          .innerJoin("user_roles", "user_roles.user_id", "users.id")
          .select("users.id")
          .where("users.org_id", "=", context.actor.orgId)
          .where("users.active", "=", 1)
          .where("user_roles.role", "in", CALLER_ROLES)
          .execute()
      ).map((u) => u.id),
    );
    for (const [index, assignment] of input.assignments.entries()) {
      if (!callers.has(assignment.assigneeId)) {
        throw new AppError("VALIDATION_FAILED", {
          issues: [{ path: `body/assignments/${index}/assigneeId`, message: "not a customer-service user" }],
        });
      }
      const updated = await tx
        .updateTable("callbacks")
        .set({
          assigned_to: assignment.assigneeId,
          assigned_at: now,
          ...(assignment.method ? { method: assignment.method } : {}),
          updated_at: now,
        })
        .where("id", "=", assignment.callbackId)
        .where("plan_id", "=", planId)
        .where("status", "=", "planned")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new AppError("VALIDATION_FAILED", {
          issues: [{ path: `body/assignments/${index}/callbackId`, message: "not a planned item of this plan" }],
        });
      }
    }
    if (input.confirm) {
      await tx
        .updateTable("callback_plans")
        .set({ status: "assigned", reviewed_by: context.actor.userId, reviewed_at: now })
        .where("id", "=", planId)
        .execute();
    }
    await recordAudit(tx, context, {
      action: "callback_plan.assigned",
      entityType: "callback_plan",
      entityId: planId,
      after: { assignments: input.assignments.length, confirm: input.confirm },
    });
  });
  return getPlan(db, context, planId);
}

/** A caller's list for the week (or every open item for the head): planned callbacks, oldest due first. */
export async function listWorklist(db: DbOrTx, context: RequestContext, scope: "mine" | "all" | "unassigned") {
  let query = repo
    .callbackViews(db)
    .where("callbacks.org_id", "=", context.actor.orgId)
    .where("callbacks.status", "=", "planned");
  if (scope === "mine") query = query.where("callbacks.assigned_to", "=", context.actor.userId);
  if (scope === "unassigned") query = query.where("callbacks.assigned_to", "is", null);
  const rows = await query.orderBy("callbacks.due_at").orderBy("callbacks.created_at").limit(500).execute();
  return rows
    .filter((row) => row.estate_id === null || canSeeEstate(context.actor, row.estate_id))
    .map((row) => repo.presentCallback(row));
}
