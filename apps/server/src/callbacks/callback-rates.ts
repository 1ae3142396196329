/**
 * Callback rates against their targets (R-4.4.6: complaints ≥ 90 %, exempt complaints counted
 * apart: ≥ the repair rate of last week's dispatch orders), per week or month, estate
 * and caller. A complaint counts in the period it reached "awaiting callback" (its check);
 * a dispatch order in the week after it was completed (the week its callback is due) — for a
 * month, the orders completed in that month. Called back = a performed callback that reached
 * the resident.
 */
import {
  addDays,
  type CallbackRates,
  COMPLAINT_CALLBACK_TARGET_PERCENT,
  weekStartOf,
  zonedDateOf,
  zonedInstant,
} from "@estate-desk/domain";
import type { Actor } from "../auth/actor.js";
import { canSeeEstate } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import { getCallbackSettings, orgTimeZone } from "./callback-plan.js";

function addMonths(day: string, months: number): string {
  const [year, month] = day.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1 + months, 1));
  return date.toISOString().slice(0, 10);
}

function rate(calledBack: number, eligible: number, targetPercent: number) {
  return {
    ratePercent: eligible === 0 ? null : Math.round((calledBack / eligible) * 1000) / 10,
    targetPercent,
    eligible,
    calledBack,
  };
}

export async function computeRates(
  db: DbOrTx,
  actor: Pick<Actor, "orgId" | "allEstates" | "estateIds" | "kind">,
  period: "week" | "month",
  at: string,
  now: string,
): Promise<CallbackRates> {
  const orgId = actor.orgId;
  const timeZone = await orgTimeZone(db, orgId);
  const settings = await getCallbackSettings(db, orgId);
  const atInstant = /^\d{4}-\d{2}-\d{2}$/.test(at) ? zonedInstant(timeZone, at, "12:00") : at;
  const from =
    period === "week" ? weekStartOf(timeZone, atInstant) : `${zonedDateOf(timeZone, atInstant).slice(0, 7)}-01`;
  const to = period === "week" ? addDays(from, 7) : addMonths(from, 1);
  const fromIso = zonedInstant(timeZone, from);
  const toIso = zonedInstant(timeZone, to);
  // Orders called back in a week are those completed the week before.
  const ordersFrom = period === "week" ? zonedInstant(timeZone, addDays(from, -7)) : fromIso;
  const ordersTo = period === "week" ? fromIso : toIso;
  const visible = (estateId: string | null) => estateId === null || canSeeEstate(actor as Actor, estateId);

  const complaints = (
    await db
      .selectFrom("cases")
      .innerJoin("estates", "estates.id", "cases.estate_id")
      .select(["cases.id", "cases.estate_id", "estates.name as estate_name"])
      .select((eb) => [
        eb
          .exists(
            eb
              .selectFrom("callback_exemptions")
              .select("case_id")
              .whereRef("callback_exemptions.case_id", "=", "cases.id"),
          )
          .as("exempt"),
        eb
          .exists(
            eb
              .selectFrom("callbacks")
              .select("callbacks.id")
              .whereRef("callbacks.case_id", "=", "cases.id")
              .where("callbacks.work_order_id", "is", null)
              .where("callbacks.status", "=", "done")
              .where("callbacks.outcome", "=", "reached"),
          )
          .as("called_back"),
      ])
      .where("cases.org_id", "=", orgId)
      .where("cases.kind", "=", "complaint")
      .where("cases.checked_at", ">=", fromIso)
      .where("cases.checked_at", "<", toIso)
      .execute()
  ).filter((c) => visible(c.estate_id));

  const orders = (
    await db
      .selectFrom("work_orders")
      .innerJoin("estates", "estates.id", "work_orders.estate_id")
      .select(["work_orders.id", "work_orders.estate_id", "estates.name as estate_name"])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom("callbacks")
              .select("callbacks.id")
              .whereRef("callbacks.work_order_id", "=", "work_orders.id")
              .where("callbacks.status", "=", "done")
              .where("callbacks.outcome", "=", "reached"),
          )
          .as("called_back"),
      )
      .where("work_orders.org_id", "=", orgId)
      .where("work_orders.completed_at", ">=", ordersFrom)
      .where("work_orders.completed_at", "<", ordersTo)
      .where("work_orders.status", "in", ["awaiting_evaluation", "awaiting_callback", "closed"])
      .execute()
  ).filter((o) => visible(o.estate_id));

  const complaintRate = (rows: typeof complaints) => {
    const eligible = rows.filter((c) => !c.exempt);
    return {
      ...rate(eligible.filter((c) => c.called_back).length, eligible.length, COMPLAINT_CALLBACK_TARGET_PERCENT),
      exempt: rows.length - eligible.length,
    };
  };
  const repairRate = (rows: typeof orders) =>
    rate(rows.filter((o) => o.called_back).length, rows.length, settings.repairRatePercent);

  const estates = new Map<string, string>();
  for (const row of [...complaints, ...orders]) estates.set(row.estate_id, row.estate_name);

  const performed = (
    await db
      .selectFrom("callbacks")
      .innerJoin("users", "users.id", "callbacks.performed_by")
      .select([
        "callbacks.performed_by",
        "users.display_name",
        "callbacks.outcome",
        "callbacks.satisfaction",
        "callbacks.estate_id",
      ])
      .where("callbacks.org_id", "=", orgId)
      .where("callbacks.status", "=", "done")
      .where("callbacks.performed_at", ">=", fromIso)
      .where("callbacks.performed_at", "<", toIso)
      .execute()
  ).filter((c) => visible(c.estate_id));
  const planned = (
    await db
      .selectFrom("callbacks")
      .innerJoin("users", "users.id", "callbacks.assigned_to")
      .select(["callbacks.assigned_to", "users.display_name", "callbacks.estate_id"])
      .where("callbacks.org_id", "=", orgId)
      .where("callbacks.status", "=", "planned")
      .execute()
  ).filter((c) => visible(c.estate_id));
  const callers = new Map<string, CallbackRates["byCaller"][number]>();
  const caller = (userId: string, name: string) => {
    let entry = callers.get(userId);
    if (!entry) {
      entry = { userId, name, performed: 0, reached: 0, dissatisfied: 0, planned: 0 };
      callers.set(userId, entry);
    }
    return entry;
  };
  for (const row of performed) {
    const entry = caller(row.performed_by ?? "", row.display_name);
    entry.performed++;
    if (row.outcome === "reached") entry.reached++;
    if (row.satisfaction === "dissatisfied") entry.dissatisfied++;
  }
  for (const row of planned) caller(row.assigned_to ?? "", row.display_name).planned++;

  return {
    period,
    from,
    to,
    open: Date.parse(now) < Date.parse(toIso),
    complaints: complaintRate(complaints),
    repairs: repairRate(orders),
    byEstate: [...estates]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([estateId, estateName]) => ({
        estateId,
        estateName,
        complaints: complaintRate(complaints.filter((c) => c.estate_id === estateId)),
        repairs: repairRate(orders.filter((o) => o.estate_id === estateId)),
      })),
    byCaller: [...callers.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
