import type { TradeTable } from "../db/schema.js";
import { type CodedListFilter, type CodedRowWithCount, codedCatalogueRepository } from "./coded-catalogue.js";

export type TradeRow = TradeTable;
/** `user_count`: the number of active users who practise the trade. */
export type TradeWithCountRow = CodedRowWithCount<Record<never, never>>;
export type TradeListFilter = CodedListFilter;

/** Trades count their active workers through user_trades and have no columns of their own. */
export const trades = codedCatalogueRepository(
  { table: "trades", links: "user_trades", linkColumn: "user_trades.trade_id" },
  [],
);

export const findTrade = trades.find;
export const listTrades = trades.list;
export const findTradeConflict = trades.findConflict;
export const insertTrade = trades.insert;
export const updateTrade = trades.update;
export const deleteTrade = trades.remove;
