import type { Department, departmentInputSchema, departmentUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as repo from "./departments.repository.js";

type DepartmentInput = z.infer<typeof departmentInputSchema>;
type DepartmentUpdate = z.infer<typeof departmentUpdateSchema>;

export function presentDepartment(row: repo.DepartmentRow, memberCount: number): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    function: row.function,
    memberCount,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const presentWithCount = (row: repo.DepartmentWithCountRow): Department =>
  presentDepartment(row, Number(row.member_count ?? 0));

function withoutCount(row: repo.DepartmentWithCountRow): repo.DepartmentRow {
  const { member_count: _memberCount, ...department } = row;
  return department;
}

export async function listDepartments(
  db: Db,
  context: RequestContext,
  query: { active?: boolean | undefined },
): Promise<{ items: Department[] }> {
  const rows = await repo.listDepartments(db, { orgId: context.actor.orgId, active: query.active });
  return { items: rows.map(presentWithCount) };
}

/** A department of the actor's organisation, or 404 (other organisations' ids look unknown). */
async function getOwnDepartment(db: Db, context: RequestContext, id: string): Promise<repo.DepartmentWithCountRow> {
  const row = await repo.findDepartment(db, context.actor.orgId, id);
  if (!row) throw notFound("department", id);
  return row;
}

/** Code and name are each unique within the organisation; the pre-check names the field at fault. */
async function assertNoConflict(db: Db, orgId: string, candidate: repo.DepartmentRow): Promise<void> {
  const field = await repo.findDepartmentConflict(db, orgId, candidate, candidate.id);
  if (field) throw new AppError("DUPLICATE", { field });
}

export async function createDepartment(db: Db, context: RequestContext, input: DepartmentInput): Promise<Department> {
  const now = nowIso();
  const row: repo.DepartmentRow = {
    id: newId(),
    org_id: context.actor.orgId,
    code: input.code,
    name: input.name,
    function: input.function,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await assertNoConflict(db, row.org_id, row);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertDepartment(tx, row);
        await recordAudit(tx, context, {
          action: "department.created",
          entityType: "department",
          entityId: row.id,
          after: presentDepartment(row, 0),
        });
      }),
    "code",
  );
  return presentDepartment(row, 0);
}

/** Deactivating keeps the members' links: a department that handled cases stays in their history. */
export async function updateDepartment(
  db: Db,
  context: RequestContext,
  id: string,
  input: DepartmentUpdate,
): Promise<Department> {
  const current = await getOwnDepartment(db, context, id);
  const memberCount = Number(current.member_count ?? 0);
  const before = withoutCount(current);
  const after: repo.DepartmentRow = {
    ...before,
    code: input.code ?? before.code,
    name: input.name ?? before.name,
    function: input.function ?? before.function,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  await assertNoConflict(db, before.org_id, after);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.updateDepartment(tx, before.org_id, id, after);
        await recordAudit(tx, context, {
          action: "department.updated",
          entityType: "department",
          entityId: id,
          before: presentDepartment(before, memberCount),
          after: presentDepartment(after, memberCount),
        });
      }),
    "code",
  );
  return presentDepartment(after, memberCount);
}

/** Only a department no category or user refers to can go; otherwise 409 IN_USE (deactivate it). */
export async function deleteDepartment(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getOwnDepartment(db, context, id);
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      await repo.deleteDepartment(tx, before.org_id, id);
      await recordAudit(tx, context, {
        action: "department.deleted",
        entityType: "department",
        entityId: id,
        before: presentWithCount(before),
      });
    }),
  );
}
