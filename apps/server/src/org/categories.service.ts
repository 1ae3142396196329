import type { CaseKind, Category, categoryInputSchema, categoryUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as repo from "./categories.repository.js";
import { findDepartment } from "./departments.repository.js";
import { findTrade } from "./trades.repository.js";

type CategoryInput = z.infer<typeof categoryInputSchema>;
type CategoryUpdate = z.infer<typeof categoryUpdateSchema>;

/**
 * An id in a request body that names nothing in the actor's organisation. It is the client's
 * mistake (400), not a missing resource, and says nothing about other organisations' ids.
 */
export function unknownReference(field: string): AppError {
  return new AppError("VALIDATION_FAILED", {
    issues: [{ path: `body/${field}`, message: "no such record in this organisation" }],
  });
}

export function presentCategory(row: repo.CategoryWithNamesRow): Category {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    defaultDepartmentId: row.default_department_id,
    defaultDepartmentName: row.default_department_name,
    defaultTradeId: row.default_trade_id,
    defaultTradeName: row.default_trade_name,
    defaultUrgency: row.default_urgency,
    sortOrder: row.sort_order,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listCategories(
  db: Db,
  context: RequestContext,
  query: { kind?: CaseKind | undefined; active?: boolean | undefined },
): Promise<{ items: Category[] }> {
  const rows = await repo.listCategories(db, { orgId: context.actor.orgId, kind: query.kind, active: query.active });
  return { items: rows.map(presentCategory) };
}

async function getOwnCategory(db: Db, context: RequestContext, id: string): Promise<repo.CategoryWithNamesRow> {
  const row = await repo.findCategory(db, context.actor.orgId, id);
  if (!row) throw notFound("category", id);
  return row;
}

/**
 * the default department (and trade) of a category routes new cases, so a newly
 * chosen one must be of the same organisation and still active. A reference that was valid
 * when set and deactivated later does not block editing the category's other fields.
 */
async function resolveDefaults(
  db: Db,
  orgId: string,
  chosen: { departmentId: string | null; tradeId: string | null },
  current: { departmentId: string | null; tradeId: string | null },
): Promise<{ departmentName: string | null; tradeName: string | null }> {
  let departmentName: string | null = null;
  if (chosen.departmentId !== null) {
    const department = await findDepartment(db, orgId, chosen.departmentId);
    if (!department) throw unknownReference("defaultDepartmentId");
    if (department.active !== 1 && chosen.departmentId !== current.departmentId) {
      throw new AppError("INACTIVE_REFERENCE", { field: "defaultDepartmentId" });
    }
    departmentName = department.name;
  }
  let tradeName: string | null = null;
  if (chosen.tradeId !== null) {
    const trade = await findTrade(db, orgId, chosen.tradeId);
    if (!trade) throw unknownReference("defaultTradeId");
    if (trade.active !== 1 && chosen.tradeId !== current.tradeId) {
      throw new AppError("INACTIVE_REFERENCE", { field: "defaultTradeId" });
    }
    tradeName = trade.name;
  }
  return { departmentName, tradeName };
}

async function assertNoConflict(db: Db, orgId: string, candidate: repo.CategoryRow): Promise<void> {
  const field = await repo.findCategoryConflict(db, orgId, candidate, candidate.id);
  if (field) throw new AppError("DUPLICATE", { field });
}

function withoutNames(row: repo.CategoryWithNamesRow): repo.CategoryRow {
  const { default_department_name: _department, default_trade_name: _trade, ...category } = row;
  return category;
}

export async function createCategory(db: Db, context: RequestContext, input: CategoryInput): Promise<Category> {
  const now = nowIso();
  const row: repo.CategoryRow = {
    id: newId(),
    org_id: context.actor.orgId,
    kind: input.kind,
    code: input.code,
    name: input.name,
    default_department_id: input.defaultDepartmentId ?? null,
    default_trade_id: input.defaultTradeId ?? null,
    default_urgency: input.defaultUrgency,
    sort_order: input.sortOrder,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  const names = await resolveDefaults(
    db,
    row.org_id,
    { departmentId: row.default_department_id, tradeId: row.default_trade_id },
    { departmentId: null, tradeId: null },
  );
  const created = { ...row, default_department_name: names.departmentName, default_trade_name: names.tradeName };
  await assertNoConflict(db, row.org_id, row);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertCategory(tx, row);
        await recordAudit(tx, context, {
          action: "category.created",
          entityType: "category",
          entityId: row.id,
          after: presentCategory(created),
        });
      }),
    "code",
  );
  return presentCategory(created);
}

/** The kind cannot change: cases already filed under the category would change kind with it. */
export async function updateCategory(
  db: Db,
  context: RequestContext,
  id: string,
  input: CategoryUpdate,
): Promise<Category> {
  const before = await getOwnCategory(db, context, id);
  const row: repo.CategoryRow = {
    ...withoutNames(before),
    code: input.code ?? before.code,
    name: input.name ?? before.name,
    default_department_id:
      input.defaultDepartmentId === undefined ? before.default_department_id : input.defaultDepartmentId,
    default_trade_id: input.defaultTradeId === undefined ? before.default_trade_id : input.defaultTradeId,
    default_urgency: input.defaultUrgency ?? before.default_urgency,
    sort_order: input.sortOrder ?? before.sort_order,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  const names = await resolveDefaults(
    db,
    row.org_id,
    { departmentId: row.default_department_id, tradeId: row.default_trade_id },
    { departmentId: before.default_department_id, tradeId: before.default_trade_id },
  );
  const after = { ...row, default_department_name: names.departmentName, default_trade_name: names.tradeName };
  await assertNoConflict(db, row.org_id, row);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.updateCategory(tx, row.org_id, id, row);
        await recordAudit(tx, context, {
          action: "category.updated",
          entityType: "category",
          entityId: id,
          before: presentCategory(before),
          after: presentCategory(after),
        });
      }),
    "code",
  );
  return presentCategory(after);
}

/** Only a category no case refers to can go; otherwise 409 IN_USE (deactivate it). */
export async function deleteCategory(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getOwnCategory(db, context, id);
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      await repo.deleteCategory(tx, before.org_id, id);
      await recordAudit(tx, context, {
        action: "category.deleted",
        entityType: "category",
        entityId: id,
        before: presentCategory(before),
      });
    }),
  );
}
