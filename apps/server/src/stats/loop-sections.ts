/**
 * The statistics sections that close the loop (issue #7 feeding issue #8's dashboard):
 * callback rates against their targets over the period (R-4.4.6, R-4.6.1) and the
 * nonconformities still open, by age (R-4.11). The definitions are those of the callbacks
 * screen (callbacks/callback-rates.ts): a complaint counts when it was checked in the
 * period, a dispatch order when it was completed in it; called back = a performed callback
 * that reached the resident; exempt complaints are counted apart, not hidden.
 */
import { COMPLAINT_CALLBACK_TARGET_PERCENT, type Statistics } from "@estate-desk/domain";
import { type Expression, type SqlBool, sql } from "kysely";
import { getCallbackSettings } from "../callbacks/callback-plan.js";
import type { Db } from "../db/database.js";
import type { FactsScope } from "./stats.repository.js";

const DAY_MS = 86_400_000;

function inScope(scope: FactsScope, estateColumn: string): Expression<SqlBool> {
  const column = sql.ref(estateColumn);
  const conditions = [sql<SqlBool>`1 = 1`];
  if (scope.estateId) conditions.push(sql<SqlBool>`${column} = ${scope.estateId}`);
  if (!scope.estates.all) {
    conditions.push(
      scope.estates.estateIds.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`${column} in (${sql.join(scope.estates.estateIds)})`,
    );
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

function ratePercent(calledBack: number, eligible: number): number | null {
  return eligible === 0 ? null : Math.round((calledBack / eligible) * 1000) / 10;
}

async function callbackSection(db: Db, scope: FactsScope): Promise<NonNullable<Statistics["callbacks"]>> {
  const settings = await getCallbackSettings(db, scope.orgId);
  const complaints = await db
    .selectFrom("cases")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("total"),
      eb.fn
        .count<number | string>("cases.id")
        .filterWhere(
          eb.exists(eb.selectFrom("callback_exemptions").select("case_id").whereRef("case_id", "=", "cases.id")),
        )
        .as("exempt"),
      eb.fn
        .count<number | string>("cases.id")
        .filterWhere((w) =>
          w.and([
            w.not(w.exists(w.selectFrom("callback_exemptions").select("case_id").whereRef("case_id", "=", "cases.id"))),
            w.exists(
              w
                .selectFrom("callbacks")
                .select("callbacks.id")
                .whereRef("callbacks.case_id", "=", "cases.id")
                .where("callbacks.work_order_id", "is", null)
                .where("callbacks.status", "=", "done")
                .where("callbacks.outcome", "=", "reached"),
            ),
          ]),
        )
        .as("called_back"),
    ])
    .where("cases.org_id", "=", scope.orgId)
    .where("cases.kind", "=", "complaint")
    .where("cases.checked_at", ">=", scope.startsAt)
    .where("cases.checked_at", "<", scope.endsAt)
    .where(inScope(scope, "cases.estate_id"))
    .executeTakeFirstOrThrow();
  const orders = await db
    .selectFrom("work_orders")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("total"),
      eb.fn
        .count<number | string>("work_orders.id")
        .filterWhere(
          eb.exists(
            eb
              .selectFrom("callbacks")
              .select("callbacks.id")
              .whereRef("callbacks.work_order_id", "=", "work_orders.id")
              .where("callbacks.status", "=", "done")
              .where("callbacks.outcome", "=", "reached"),
          ),
        )
        .as("called_back"),
    ])
    .where("work_orders.org_id", "=", scope.orgId)
    .where("work_orders.completed_at", ">=", scope.startsAt)
    .where("work_orders.completed_at", "<", scope.endsAt)
    .where("work_orders.status", "in", ["awaiting_evaluation", "awaiting_callback", "closed"])
    .where(inScope(scope, "work_orders.estate_id"))
    .executeTakeFirstOrThrow();
  const exempt = Number(complaints.exempt);
  const eligibleComplaints = Number(complaints.total) - exempt;
  const calledBackComplaints = Number(complaints.called_back);
  const eligibleOrders = Number(orders.total);
  const calledBackOrders = Number(orders.called_back);
  return {
    complaints: {
      eligible: eligibleComplaints,
      calledBack: calledBackComplaints,
      ratePercent: ratePercent(calledBackComplaints, eligibleComplaints),
      targetPercent: COMPLAINT_CALLBACK_TARGET_PERCENT,
      exempt,
    },
    repairs: {
      eligible: eligibleOrders,
      calledBack: calledBackOrders,
      ratePercent: ratePercent(calledBackOrders, eligibleOrders),
      targetPercent: settings.repairRatePercent,
    },
  };
}

async function nonconformitySection(db: Db, scope: FactsScope): Promise<NonNullable<Statistics["nonconformities"]>> {
  const open = await db
    .selectFrom("nonconformities")
    .select(["created_at", "due_at"])
    .where("org_id", "=", scope.orgId)
    .where("status", "in", ["candidate", "open", "fixed"])
    .where(inScope(scope, "nonconformities.estate_id"))
    .execute();
  const now = Date.parse(scope.now);
  const ageDays = (created: string) => (now - Date.parse(created)) / DAY_MS;
  return {
    open: open.length,
    overdue: open.filter((nc) => nc.due_at !== null && Date.parse(nc.due_at) < now).length,
    byAge: [
      { bucket: "under7", count: open.filter((nc) => ageDays(nc.created_at) < 7).length },
      {
        bucket: "7to30",
        count: open.filter((nc) => ageDays(nc.created_at) >= 7 && ageDays(nc.created_at) <= 30).length,
      },
      { bucket: "over30", count: open.filter((nc) => ageDays(nc.created_at) > 30).length },
    ],
  };
}

export async function loopSections(
  db: Db,
  scope: FactsScope,
): Promise<Pick<Statistics, "callbacks" | "nonconformities">> {
  return { callbacks: await callbackSection(db, scope), nonconformities: await nonconformitySection(db, scope) };
}
