import type { DbOrTx } from "../db/database.js";
import type { TradeTable } from "../db/schema.js";

export type TradeRow = TradeTable;
export type TradeWithCountRow = TradeRow & { worker_count: number | null };

export interface TradeListFilter {
  orgId: string;
  active?: boolean | undefined;
}

/** Trades with the number of active users who practise them. */
function selectTradesWithCount(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("trades")
    .selectAll("trades")
    .select((eb) =>
      eb
        .selectFrom("user_trades")
        .innerJoin("users", "users.id", "user_trades.user_id")
        .select((sub) => sub.fn.countAll<number>().as("count"))
        .whereRef("user_trades.trade_id", "=", "trades.id")
        .where("users.active", "=", 1)
        .as("worker_count"),
    )
    .where("trades.org_id", "=", orgId);
}

export async function findTrade(db: DbOrTx, orgId: string, id: string): Promise<TradeWithCountRow | undefined> {
  return selectTradesWithCount(db, orgId).where("trades.id", "=", id).executeTakeFirst();
}

/** A small list (a handful of rows per organisation): unpaged, by code. */
export async function listTrades(db: DbOrTx, filter: TradeListFilter): Promise<TradeWithCountRow[]> {
  let query = selectTradesWithCount(db, filter.orgId);
  if (filter.active !== undefined) query = query.where("trades.active", "=", filter.active ? 1 : 0);
  return query.orderBy("trades.code").orderBy("trades.id").execute();
}

/** Which unique field (code before name) another trade of the organisation already uses. */
export async function findTradeConflict(
  db: DbOrTx,
  orgId: string,
  candidate: { code: string; name: string },
  exceptId?: string,
): Promise<"code" | "name" | undefined> {
  let query = db
    .selectFrom("trades")
    .select(["code", "name"])
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("code", "=", candidate.code), eb("name", "=", candidate.name)]));
  if (exceptId) query = query.where("id", "!=", exceptId);
  const rows = await query.execute();
  if (rows.some((row) => row.code === candidate.code)) return "code";
  return rows.length > 0 ? "name" : undefined;
}

export async function insertTrade(db: DbOrTx, row: TradeRow): Promise<void> {
  await db.insertInto("trades").values(row).execute();
}

export async function updateTrade(db: DbOrTx, orgId: string, id: string, changes: Partial<TradeRow>): Promise<void> {
  await db.updateTable("trades").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function deleteTrade(db: DbOrTx, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("trades").where("org_id", "=", orgId).where("id", "=", id).execute();
}
