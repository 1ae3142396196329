import type { Trade, tradeInputSchema, tradeUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { fromFlag } from "../db/guards.js";
import { codedCatalogueService } from "./coded-catalogue.js";
import * as repo from "./trades.repository.js";

type TradeInput = z.infer<typeof tradeInputSchema>;
type TradeUpdate = z.infer<typeof tradeUpdateSchema>;

export function presentTrade(row: repo.TradeRow, workerCount: number): Trade {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    workerCount,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Only a trade no category or worker refers to can be deleted; otherwise it is deactivated. */
const service = codedCatalogueService(repo.trades, {
  entityType: "trade",
  present: presentTrade,
  // Trades have no columns beyond code and name.
  extraOf: (_input: TradeInput) => ({}),
  changedExtra: (_current, _input: TradeUpdate) => ({}),
});

export const listTrades = service.list;
export const createTrade = service.create;
export const updateTrade = service.update;
export const deleteTrade = service.remove;
