import type { Trade, tradeInputSchema, tradeUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
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

const presentWithCount = (row: repo.TradeWithCountRow): Trade => presentTrade(row, Number(row.worker_count ?? 0));

function withoutCount(row: repo.TradeWithCountRow): repo.TradeRow {
  const { worker_count: _workerCount, ...trade } = row;
  return trade;
}

export async function listTrades(
  db: Db,
  context: RequestContext,
  query: { active?: boolean | undefined },
): Promise<{ items: Trade[] }> {
  const rows = await repo.listTrades(db, { orgId: context.actor.orgId, active: query.active });
  return { items: rows.map(presentWithCount) };
}

/** A trade of the actor's organisation, or 404 (other organisations' ids look unknown). */
async function getOwnTrade(db: Db, context: RequestContext, id: string): Promise<repo.TradeWithCountRow> {
  const row = await repo.findTrade(db, context.actor.orgId, id);
  if (!row) throw notFound("trade", id);
  return row;
}

/** Code and name are each unique within the organisation; the pre-check names the field at fault. */
async function assertNoConflict(db: Db, orgId: string, candidate: repo.TradeRow): Promise<void> {
  const field = await repo.findTradeConflict(db, orgId, candidate, candidate.id);
  if (field) throw new AppError("DUPLICATE", { field });
}

export async function createTrade(db: Db, context: RequestContext, input: TradeInput): Promise<Trade> {
  const now = nowIso();
  const row: repo.TradeRow = {
    id: newId(),
    org_id: context.actor.orgId,
    code: input.code,
    name: input.name,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await assertNoConflict(db, row.org_id, row);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertTrade(tx, row);
        await recordAudit(tx, context, {
          action: "trade.created",
          entityType: "trade",
          entityId: row.id,
          after: presentTrade(row, 0),
        });
      }),
    "code",
  );
  return presentTrade(row, 0);
}

export async function updateTrade(db: Db, context: RequestContext, id: string, input: TradeUpdate): Promise<Trade> {
  const current = await getOwnTrade(db, context, id);
  const workerCount = Number(current.worker_count ?? 0);
  const before = withoutCount(current);
  const after: repo.TradeRow = {
    ...before,
    code: input.code ?? before.code,
    name: input.name ?? before.name,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  await assertNoConflict(db, before.org_id, after);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.updateTrade(tx, before.org_id, id, after);
        await recordAudit(tx, context, {
          action: "trade.updated",
          entityType: "trade",
          entityId: id,
          before: presentTrade(before, workerCount),
          after: presentTrade(after, workerCount),
        });
      }),
    "code",
  );
  return presentTrade(after, workerCount);
}

/** Only a trade no category or worker refers to can go; otherwise 409 IN_USE (deactivate it). */
export async function deleteTrade(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getOwnTrade(db, context, id);
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      await repo.deleteTrade(tx, before.org_id, id);
      await recordAudit(tx, context, {
        action: "trade.deleted",
        entityType: "trade",
        entityId: id,
        before: presentWithCount(before),
      });
    }),
  );
}
