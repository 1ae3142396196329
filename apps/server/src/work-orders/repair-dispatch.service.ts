/**
 * How a repair reaches a worker (issue #5 item 7): per estate and category the leader assigns,
 * or workers of the order's trade claim it from a pool (抢单) until a time limit after which it
 * returns to the leader, or the server assigns the least-loaded worker of the trade on duty.
 * Also the workers' on-duty switch and the organisation's repair settings (urge interval).
 */
import {
  type CaseStatus,
  DEFAULT_REPAIR_SETTINGS,
  type RepairDispatchMode,
  type RepairDispatchRule,
  type RepairDispatchRuleInput,
  type RepairSettings,
  repairSettingsSchema,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { assertEstateVisible, canSeeEstate } from "../auth/policy.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { addMinutes, nowIso } from "../http/clock.js";
import { notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
import type { ScheduledJob } from "../scheduler/scheduler.js";
import * as repo from "./work-orders.repository.js";

// ---------------------------------------------------------------------------------------
// Organisation settings

const SETTINGS_KEY = "repair_settings";

export async function getRepairSettings(db: DbOrTx, orgId: string): Promise<RepairSettings> {
  const row = await db
    .selectFrom("org_settings")
    .select("value_json")
    .where("org_id", "=", orgId)
    .where("key", "=", SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_REPAIR_SETTINGS;
  const parsed = repairSettingsSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : DEFAULT_REPAIR_SETTINGS;
}

export async function setRepairSettings(db: Db, context: RequestContext, value: RepairSettings) {
  const { orgId } = context.actor;
  const before = await getRepairSettings(db, orgId);
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("org_settings")
      .values({ org_id: orgId, key: SETTINGS_KEY, value_json: JSON.stringify(value), updated_at: now })
      .onConflict((oc) =>
        oc.columns(["org_id", "key"]).doUpdateSet({ value_json: JSON.stringify(value), updated_at: now }),
      )
      .execute();
    await recordAudit(tx, context, {
      action: "settings.repair_settings",
      entityType: "organisation",
      entityId: orgId,
      before,
      after: value,
    });
  });
  return value;
}

// ---------------------------------------------------------------------------------------
// Dispatch rules

function ruleView(db: DbOrTx) {
  return db
    .selectFrom("repair_dispatch_rules")
    .innerJoin("estates", "estates.id", "repair_dispatch_rules.estate_id")
    .leftJoin("categories", "categories.id", "repair_dispatch_rules.category_id")
    .selectAll("repair_dispatch_rules")
    .select(["estates.name as estate_name", "categories.name as category_name"]);
}

function presentRule(
  row: Awaited<ReturnType<ReturnType<typeof ruleView>["executeTakeFirstOrThrow"]>>,
): RepairDispatchRule {
  return {
    id: row.id,
    estateId: row.estate_id,
    estateName: row.estate_name,
    categoryId: row.category_id,
    categoryName: row.category_name,
    mode: row.mode,
    claimMinutes: row.claim_minutes,
    updatedAt: row.updated_at,
  };
}

export async function listDispatchRules(db: DbOrTx, actor: Actor): Promise<RepairDispatchRule[]> {
  const rows = await ruleView(db)
    .where("repair_dispatch_rules.org_id", "=", actor.orgId)
    .orderBy("estates.name")
    .orderBy("categories.name")
    .execute();
  return rows.filter((row) => canSeeEstate(actor, row.estate_id)).map(presentRule);
}

/** Sets the rule of an estate (and category): one rule per pair, replaced when set again. */
export async function setDispatchRule(
  db: Db,
  context: RequestContext,
  input: RepairDispatchRuleInput,
): Promise<RepairDispatchRule> {
  const { actor } = context;
  const estate = await db
    .selectFrom("estates")
    .select(["id"])
    .where("org_id", "=", actor.orgId)
    .where("id", "=", input.estateId)
    .executeTakeFirst();
  if (!estate) throw notFound("estate", input.estateId);
  assertEstateVisible(actor, estate.id, "estate");
  if (input.categoryId) {
    const category = await db
      .selectFrom("categories")
      .select("id")
      .where("org_id", "=", actor.orgId)
      .where("kind", "=", "repair")
      .where("id", "=", input.categoryId)
      .executeTakeFirst();
    if (!category) throw invalidField("categoryId", "not a repair category of this organisation");
  }
  const now = nowIso();
  const id = await db.transaction().execute(async (tx) => {
    let query = tx
      .selectFrom("repair_dispatch_rules")
      .selectAll()
      .where("org_id", "=", actor.orgId)
      .where("estate_id", "=", input.estateId);
    query = input.categoryId
      ? query.where("category_id", "=", input.categoryId)
      : query.where("category_id", "is", null);
    const existing = await query.executeTakeFirst();
    const values = { mode: input.mode, claim_minutes: input.claimMinutes, updated_at: now };
    if (existing) {
      await tx.updateTable("repair_dispatch_rules").set(values).where("id", "=", existing.id).execute();
    } else {
      await tx
        .insertInto("repair_dispatch_rules")
        .values({
          id: newId(),
          org_id: actor.orgId,
          estate_id: input.estateId,
          category_id: input.categoryId,
          created_at: now,
          ...values,
        })
        .execute();
    }
    const ruleId = existing?.id ?? (await query.select("id").executeTakeFirstOrThrow()).id;
    await recordAudit(tx, context, {
      action: "repairs.dispatch_rule",
      entityType: "repair_dispatch_rule",
      entityId: ruleId,
      before: existing ? { mode: existing.mode, claimMinutes: existing.claim_minutes } : null,
      after: {
        estateId: input.estateId,
        categoryId: input.categoryId,
        mode: input.mode,
        claimMinutes: input.claimMinutes,
      },
    });
    return ruleId;
  });
  return presentRule(await ruleView(db).where("repair_dispatch_rules.id", "=", id).executeTakeFirstOrThrow());
}

export async function deleteDispatchRule(db: Db, context: RequestContext, id: string): Promise<void> {
  const { actor } = context;
  const rule = await db
    .selectFrom("repair_dispatch_rules")
    .selectAll()
    .where("org_id", "=", actor.orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!rule || !canSeeEstate(actor, rule.estate_id)) throw notFound("dispatch rule", id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("repair_dispatch_rules").where("id", "=", id).execute();
    await recordAudit(tx, context, {
      action: "repairs.dispatch_rule_deleted",
      entityType: "repair_dispatch_rule",
      entityId: id,
      before: { estateId: rule.estate_id, categoryId: rule.category_id, mode: rule.mode },
    });
  });
}

/** The category's own rule, else the estate's, else the leader assigns. */
export async function resolveDispatchMode(
  db: DbOrTx,
  orgId: string,
  estateId: string,
  categoryId: string | null,
): Promise<{ mode: RepairDispatchMode; claimMinutes: number }> {
  const rules = await db
    .selectFrom("repair_dispatch_rules")
    .select(["category_id", "mode", "claim_minutes"])
    .where("org_id", "=", orgId)
    .where("estate_id", "=", estateId)
    .execute();
  const rule =
    (categoryId ? rules.find((r) => r.category_id === categoryId) : undefined) ??
    rules.find((r) => r.category_id === null);
  return rule ? { mode: rule.mode, claimMinutes: rule.claim_minutes } : { mode: "leader", claimMinutes: 0 };
}

// ---------------------------------------------------------------------------------------
// On duty

export async function isOnDuty(db: DbOrTx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("repair_worker_duty")
    .select("on_duty")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? row.on_duty === 1 : true;
}

export async function setOnDuty(db: Db, context: RequestContext, onDuty: boolean): Promise<boolean> {
  const { actor } = context;
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("repair_worker_duty")
      .values({ user_id: actor.userId, org_id: actor.orgId, on_duty: onDuty ? 1 : 0, updated_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ on_duty: onDuty ? 1 : 0, updated_at: now }))
      .execute();
    await recordAudit(tx, context, {
      action: "repairs.on_duty",
      entityType: "user",
      entityId: actor.userId,
      after: { onDuty },
    });
  });
  return onDuty;
}

// ---------------------------------------------------------------------------------------
// At dispatch

/**
 * Applies the estate's dispatch mode to a freshly dispatched order, inside the intake
 * transaction. Returns the case status that follows: still `dispatched` unless assigned at once.
 */
export async function applyDispatchMode(
  tx: DbOrTx,
  order: {
    id: string;
    orgId: string;
    estateId: string;
    caseId: string;
    categoryId: string | null;
    tradeId: string | null;
  },
  params: Record<string, string | null>,
  now: string,
): Promise<CaseStatus> {
  const { mode, claimMinutes } = await resolveDispatchMode(tx, order.orgId, order.estateId, order.categoryId);
  await tx.updateTable("work_orders").set({ dispatch_mode: mode }).where("id", "=", order.id).execute();
  if (mode === "leader") return "dispatched";
  const workers = (await repo.findWorkers(tx, order.orgId, order.estateId)).filter(
    (w) => order.tradeId === null || w.trades.some((t) => t.id === order.tradeId),
  );
  const event = async (type: string, data: Record<string, unknown>) =>
    cases.insertEvent(tx, {
      id: newId(),
      org_id: order.orgId,
      case_id: order.caseId,
      at: now,
      actor_id: null,
      type,
      data_json: JSON.stringify(data),
    });
  if (mode === "pool") {
    const poolUntil = addMinutes(now, claimMinutes);
    await tx.updateTable("work_orders").set({ pool_until: poolUntil }).where("id", "=", order.id).execute();
    await event("work_order.pool_opened", { claimMinutes, poolUntil });
    await enqueueNotification(tx, {
      orgId: order.orgId,
      recipientUserIds: workers.filter((w) => w.onDuty).map((w) => w.id),
      topic: "case.dispatched",
      caseId: order.caseId,
      params: { ...params, pool: 1 },
    });
    return "dispatched";
  }
  // Automatic: the least-loaded active worker of the trade in the estate who is on duty.
  const candidates = workers
    .filter((w) => w.onDuty)
    .sort((a, b) => a.openOrders - b.openOrders || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const chosen = candidates[0];
  if (!chosen) {
    await event("work_order.auto_assign_failed", { reason: "no_worker_on_duty" });
    return "dispatched";
  }
  await tx
    .updateTable("work_orders")
    .set({ status: "assigned", accepted_at: now, worker_id: chosen.id, assigned_at: now, updated_at: now })
    .where("id", "=", order.id)
    .where("status", "=", "dispatched")
    .execute();
  await event("work_order.auto_assign", {
    workerId: chosen.id,
    workerName: chosen.name,
    reason: "least_loaded_on_duty",
    openOrders: chosen.openOrders,
    candidates: candidates.length,
  });
  await enqueueNotification(tx, {
    orgId: order.orgId,
    recipientUserIds: [chosen.id],
    topic: "case.assigned",
    caseId: order.caseId,
    params,
  });
  return "in_progress";
}

// ---------------------------------------------------------------------------------------
// The pool

/** The trades the user holds. */
export async function tradeIdsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("user_trades").select("trade_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.trade_id);
}

/** A repair worker of the order's estate and trade, for an order dispatched to the pool. */
export function poolMember(actor: Actor, tradeIds: readonly string[], order: repo.WorkOrderView): boolean {
  return (
    actor.kind === "staff" &&
    actor.roles.includes("repair_worker") &&
    order.dispatch_mode === "pool" &&
    canSeeEstate(actor, order.estate_id) &&
    (order.trade_id === null || tradeIds.includes(order.trade_id))
  );
}

export function poolOpen(order: repo.WorkOrderView, now: string): boolean {
  return order.status === "dispatched" && order.pool_until !== null && Date.parse(order.pool_until) > Date.parse(now);
}

/** Orders the worker may claim now: of their estates and trades, in the pool, before the limit. */
export async function listClaimable(db: DbOrTx, actor: Actor): Promise<repo.WorkOrderView[]> {
  if (!actor.roles.includes("repair_worker")) return [];
  const tradeIds = await tradeIdsOf(db, actor.userId);
  const now = nowIso();
  const rows = await repo.listWorkOrders(db, {
    orgId: actor.orgId,
    estateIds: actor.allEstates ? "all" : actor.estateIds,
    statuses: ["dispatched"],
    limit: 100,
  });
  return rows.filter((row) => poolMember(actor, tradeIds, row) && poolOpen(row, now));
}

/**
 * Returns pooled orders nobody claimed in time to the leader: once per order even with several
 * instances (the conditional UPDATE on the limit it read), recorded and the leaders told.
 */
export async function runPoolExpiry(db: Db, now: string): Promise<{ returned: number }> {
  const expired = await db
    .selectFrom("work_orders")
    .innerJoin("cases", "cases.id", "work_orders.case_id")
    .innerJoin("estates", "estates.id", "work_orders.estate_id")
    .select([
      "work_orders.id",
      "work_orders.org_id",
      "work_orders.estate_id",
      "work_orders.case_id",
      "work_orders.pool_until",
      "cases.number",
      "estates.name as estate_name",
    ])
    .where("work_orders.status", "=", "dispatched")
    .where("work_orders.pool_until", "is not", null)
    .execute();
  let returned = 0;
  for (const order of expired) {
    if (!order.pool_until || Date.parse(order.pool_until) > Date.parse(now)) continue;
    const poolUntil = order.pool_until;
    const done = await db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable("work_orders")
        .set({ pool_until: null, updated_at: now })
        .where("id", "=", order.id)
        .where("status", "=", "dispatched")
        .where("pool_until", "=", poolUntil)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await cases.insertEvent(tx, {
        id: newId(),
        org_id: order.org_id,
        case_id: order.case_id,
        at: now,
        actor_id: null,
        type: "work_order.pool_expired",
        data_json: JSON.stringify({ poolUntil }),
      });
      const leads = await cases.findStaffFor(tx, {
        orgId: order.org_id,
        estateId: order.estate_id,
        roles: ["repair_lead"],
      });
      await enqueueNotification(tx, {
        orgId: order.org_id,
        recipientUserIds: leads,
        topic: "case.dispatched",
        caseId: order.case_id,
        params: { number: order.number, kind: "repair", estateName: order.estate_name, reason: "pool_expired" },
      });
      return true;
    });
    if (done) returned += 1;
  }
  return { returned };
}

export const repairPoolExpiryJob = {
  name: "repair-pool-expiry",
  cron: "*/1 * * * *",
  run: runPoolExpiry,
} satisfies ScheduledJob;
