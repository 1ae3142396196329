import type { WorkOrderStatus } from "@estate-desk/domain";
import type { Insertable, Updateable } from "kysely";
import type { DbOrTx } from "../db/database.js";
import type { WorkOrderPhotoTable, WorkOrderTable } from "../db/schema.js";

/** A dispatch order with its case and the names it is shown by. */
function views(db: DbOrTx) {
  return db
    .selectFrom("work_orders")
    .innerJoin("cases", "cases.id", "work_orders.case_id")
    .innerJoin("estates", "estates.id", "work_orders.estate_id")
    .leftJoin("units", "units.id", "cases.unit_id")
    .leftJoin("buildings", "buildings.id", "units.building_id")
    .leftJoin("residents", "residents.id", "cases.resident_id")
    .leftJoin("categories", "categories.id", "cases.category_id")
    .leftJoin("trades", "trades.id", "work_orders.trade_id")
    .leftJoin("users as workers", "workers.id", "work_orders.worker_id")
    .leftJoin("users as acceptors", "acceptors.id", "work_orders.accepted_by")
    .leftJoin("users as quoters", "quoters.id", "work_orders.quote_recorded_by")
    .selectAll("work_orders")
    .select([
      "cases.number",
      "cases.status as case_status",
      "cases.content",
      "cases.unit_id",
      "cases.public_area",
      "cases.resident_id",
      "cases.category_id",
      "cases.received_at",
      "cases.callback_phone",
      "cases.visitor_name",
      "cases.visitor_phone",
      "estates.name as estate_name",
      "units.number as unit_number",
      "buildings.name as building_name",
      "residents.name as resident_name",
      "residents.phone as resident_phone",
      "categories.name as category_name",
      "trades.name as trade_name",
      "workers.display_name as worker_name",
      "acceptors.display_name as accepted_by_name",
      "quoters.display_name as quote_recorded_by_name",
    ]);
}
export type WorkOrderView = Awaited<ReturnType<ReturnType<typeof views>["executeTakeFirstOrThrow"]>>;

export async function findWorkOrder(db: DbOrTx, orgId: string, id: string): Promise<WorkOrderView | undefined> {
  return views(db).where("work_orders.org_id", "=", orgId).where("work_orders.id", "=", id).executeTakeFirst();
}

export async function listWorkOrders(
  db: DbOrTx,
  filter: {
    orgId: string;
    estateIds: readonly string[] | "all";
    statuses?: readonly WorkOrderStatus[];
    workerId?: string;
    limit: number;
  },
): Promise<WorkOrderView[]> {
  let query = views(db).where("work_orders.org_id", "=", filter.orgId);
  if (filter.estateIds !== "all") {
    if (filter.estateIds.length === 0) return [];
    query = query.where("work_orders.estate_id", "in", filter.estateIds);
  }
  if (filter.statuses) query = query.where("work_orders.status", "in", filter.statuses);
  if (filter.workerId) query = query.where("work_orders.worker_id", "=", filter.workerId);
  // Urgent first, then oldest: what the team leader must act on next.
  return query
    .orderBy("cases.urgency_rank", "desc")
    .orderBy("work_orders.dispatched_at")
    .orderBy("work_orders.id")
    .limit(filter.limit)
    .execute();
}

/** Moves an order on only if it is still in a state the caller saw: a double tap cannot act twice. */
export async function updateWorkOrderIf(
  db: DbOrTx,
  id: string,
  expected: readonly WorkOrderStatus[],
  changes: Updateable<WorkOrderTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("work_orders")
    .set(changes)
    .where("id", "=", id)
    .where("status", "in", expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertWorkOrderPhotos(db: DbOrTx, rows: readonly Insertable<WorkOrderPhotoTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto("work_order_photos").values(rows).execute();
}

export async function findWorkOrderPhotos(db: DbOrTx, workOrderId: string) {
  return db
    .selectFrom("work_order_photos")
    .innerJoin("uploads", "uploads.id", "work_order_photos.upload_id")
    .selectAll("uploads")
    .select("work_order_photos.phase")
    .where("work_order_photos.work_order_id", "=", workOrderId)
    .orderBy("work_order_photos.phase")
    .orderBy("work_order_photos.position")
    .execute();
}

/**
 * Active repair workers of the organisation who may work in the estate, with the trades they
 * have and how many open orders they hold: the dispatch board's right-hand column.
 */
export async function findWorkers(db: DbOrTx, orgId: string, estateId: string) {
  const workers = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.id", "users.display_name", "users.phone"])
    .distinct()
    .where("users.org_id", "=", orgId)
    .where("users.active", "=", 1)
    .where("user_roles.role", "=", "repair_worker")
    .where((eb) =>
      eb.or([
        eb("users.all_estates", "=", 1),
        eb.exists(
          eb
            .selectFrom("user_estates")
            .select("user_estates.user_id")
            .whereRef("user_estates.user_id", "=", "users.id")
            .where("user_estates.estate_id", "=", estateId),
        ),
      ]),
    )
    .orderBy("users.display_name")
    .execute();
  if (workers.length === 0) return [];
  const ids = workers.map((w) => w.id);
  const trades = await db
    .selectFrom("user_trades")
    .innerJoin("trades", "trades.id", "user_trades.trade_id")
    .select(["user_trades.user_id", "trades.id", "trades.name"])
    .where("user_trades.user_id", "in", ids)
    .execute();
  const loads = await db
    .selectFrom("work_orders")
    .select((eb) => ["work_orders.worker_id", eb.fn.countAll<number>().as("open")])
    .where("work_orders.worker_id", "in", ids)
    .where("work_orders.status", "in", ["assigned", "on_the_way", "on_site", "waiting"])
    .groupBy("work_orders.worker_id")
    .execute();
  // No duty row: on duty (the default).
  const offDuty = await db
    .selectFrom("repair_worker_duty")
    .select("user_id")
    .where("user_id", "in", ids)
    .where("on_duty", "=", 0)
    .execute();
  return workers.map((worker) => ({
    id: worker.id,
    name: worker.display_name,
    phone: worker.phone,
    trades: trades.filter((t) => t.user_id === worker.id).map((t) => ({ id: t.id, name: t.name })),
    openOrders: Number(loads.find((l) => l.worker_id === worker.id)?.open ?? 0),
    onDuty: !offDuty.some((d) => d.user_id === worker.id),
  }));
}
