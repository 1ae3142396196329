import {
  isStrongPassword,
  type Role,
  type StaffUser,
  type staffUserInputSchema,
  type staffUserUpdateSchema,
} from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import { newAccountRow } from "../auth/accounts.js";
import type { RequestContext } from "../auth/actor.js";
import { hashPassword } from "../auth/password.js";
import { deleteSessionsOfUser } from "../auth/sessions.repository.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { decodeCursor, toPage } from "../http/paging.js";
import { unknownReference } from "./categories.service.js";
import * as repo from "./users.repository.js";

type StaffUserInput = z.infer<typeof staffUserInputSchema>;
type StaffUserUpdate = z.infer<typeof staffUserUpdateSchema>;

export interface StaffUserListQuery {
  q?: string | undefined;
  role?: Role | undefined;
  departmentId?: string | undefined;
  estateId?: string | undefined;
  active?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** What the client and the audit log see of an account: never the password hash. */
export function presentStaffUser(row: repo.UserRow, links: repo.UserLinks): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: row.phone,
    email: row.email,
    roles: links.roles,
    allEstates: fromFlag(row.all_estates),
    estateIds: links.estateIds,
    departmentIds: links.departmentIds,
    tradeIds: links.tradeIds,
    active: fromFlag(row.active),
    lastLoginAt: row.last_login_at,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const NO_LINKS: repo.UserLinks = { roles: [], estateIds: [], departmentIds: [], tradeIds: [] };

export async function listStaffUsers(
  db: Db,
  context: RequestContext,
  query: StaffUserListQuery,
): Promise<{ items: StaffUser[]; nextCursor: string | null }> {
  const rows = await repo.listStaffUsers(db, {
    orgId: context.actor.orgId,
    q: query.q,
    role: query.role,
    departmentId: query.departmentId,
    estateId: query.estateId,
    active: query.active,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const links = await repo.loadUserLinks(
    db,
    rows.map((row) => row.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => row.display_name,
    (row) => presentStaffUser(row, links.get(row.id) ?? NO_LINKS),
  );
}

interface LoadedStaffUser {
  row: repo.UserRow;
  links: repo.UserLinks;
}

/** A staff account of the actor's organisation, or 404 (residents' and other organisations' accounts look unknown). */
async function getOwnStaffUser(db: Db, context: RequestContext, id: string): Promise<LoadedStaffUser> {
  const row = await repo.findStaffUser(db, context.actor.orgId, id);
  if (!row) throw notFound("user", id);
  const links = (await repo.loadUserLinks(db, [id])).get(id) ?? NO_LINKS;
  return { row, links };
}

export async function getStaffUser(db: Db, context: RequestContext, id: string): Promise<StaffUser> {
  const { row, links } = await getOwnStaffUser(db, context, id);
  return presentStaffUser(row, links);
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const SCOPE_FIELDS = [
  { table: "estates", field: "estateIds" },
  { table: "departments", field: "departmentIds" },
  { table: "trades", field: "tradeIds" },
] as const;

/**
 * a staff member's estates, departments and trades are those of their own
 * organisation (else 400 naming the field). Newly assigned ones must be active (409
 * INACTIVE_REFERENCE); links kept from before may point at records deactivated since.
 */
async function assertScopeUsable(
  db: Db,
  orgId: string,
  chosen: Partial<Pick<repo.UserLinks, "estateIds" | "departmentIds" | "tradeIds">>,
  current: repo.UserLinks,
): Promise<void> {
  for (const { table, field } of SCOPE_FIELDS) {
    const ids = chosen[field];
    if (ids === undefined) continue;
    const found = await repo.findScopeRecords(db, table, orgId, ids);
    if (found.length !== ids.length) throw unknownReference(field);
    const added = found.filter((record) => !current[field].includes(record.id));
    if (added.some((record) => record.active !== 1)) throw new AppError("INACTIVE_REFERENCE", { field });
  }
}

export async function createStaffUser(db: Db, context: RequestContext, input: StaffUserInput): Promise<StaffUser> {
  if (!isStrongPassword(input.password)) throw new AppError("PASSWORD_TOO_WEAK");
  const orgId = context.actor.orgId;
  // Sign-in lower-cases what is typed, so names are stored lower-case to stay reachable.
  const username = input.username.toLowerCase();
  const links: repo.UserLinks = {
    roles: unique(input.roles).sort(),
    estateIds: unique(input.estateIds).sort(),
    departmentIds: unique(input.departmentIds).sort(),
    tradeIds: unique(input.tradeIds).sort(),
  };
  await assertScopeUsable(db, orgId, links, NO_LINKS);
  if (await repo.usernameTaken(db, username)) throw new AppError("DUPLICATE", { field: "username" });

  const row = newAccountRow({
    orgId,
    username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    kind: "staff",
    phone: input.phone,
    email: input.email,
    allEstates: input.allEstates,
  });
  const owner = { userId: row.id, orgId };
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertUser(tx, row);
        await repo.replaceRoles(tx, owner, links.roles);
        await repo.replaceEstates(tx, owner, links.estateIds);
        await repo.replaceDepartments(tx, owner, links.departmentIds);
        await repo.replaceTrades(tx, owner, links.tradeIds);
        await recordAudit(tx, context, {
          action: "user.created",
          entityType: "user",
          entityId: row.id,
          after: presentStaffUser(row, links),
        });
      }),
    "username",
  );
  return presentStaffUser(row, links);
}

const sameSet = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((value) => b.includes(value));

/**
 * Changes an account. Deactivating it or changing its roles ends its sessions, so that lost
 * permissions take effect at once; an administrator cannot lock themself out (SELF_LOCKOUT).
 */
export async function updateStaffUser(
  db: Db,
  context: RequestContext,
  id: string,
  input: StaffUserUpdate,
): Promise<StaffUser> {
  const before = await getOwnStaffUser(db, context, id);
  const isSelf = id === context.actor.userId;
  if (isSelf && input.active === false) throw new AppError("SELF_LOCKOUT", { field: "active" });
  if (isSelf && input.roles && before.links.roles.includes("admin") && !input.roles.includes("admin")) {
    throw new AppError("SELF_LOCKOUT", { field: "roles" });
  }

  const links: repo.UserLinks = {
    roles: input.roles ? unique(input.roles).sort() : before.links.roles,
    estateIds: input.estateIds ? unique(input.estateIds).sort() : before.links.estateIds,
    departmentIds: input.departmentIds ? unique(input.departmentIds).sort() : before.links.departmentIds,
    tradeIds: input.tradeIds ? unique(input.tradeIds).sort() : before.links.tradeIds,
  };
  await assertScopeUsable(
    db,
    before.row.org_id,
    {
      ...(input.estateIds ? { estateIds: links.estateIds } : {}),
      ...(input.departmentIds ? { departmentIds: links.departmentIds } : {}),
      ...(input.tradeIds ? { tradeIds: links.tradeIds } : {}),
    },
    before.links,
  );

  const row: repo.UserRow = {
    ...before.row,
    display_name: input.displayName ?? before.row.display_name,
    phone: input.phone === undefined ? before.row.phone : input.phone,
    email: input.email === undefined ? before.row.email : input.email,
    all_estates: input.allEstates === undefined ? before.row.all_estates : toFlag(input.allEstates),
    active: input.active === undefined ? before.row.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  const deactivated = before.row.active === 1 && row.active === 0;
  const rolesChanged = !sameSet(before.links.roles, links.roles);
  const owner = { userId: id, orgId: row.org_id };

  await db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, row.org_id, id, {
      display_name: row.display_name,
      phone: row.phone,
      email: row.email,
      all_estates: row.all_estates,
      active: row.active,
      updated_at: row.updated_at,
    });
    if (input.roles) await repo.replaceRoles(tx, owner, links.roles);
    if (input.estateIds) await repo.replaceEstates(tx, owner, links.estateIds);
    if (input.departmentIds) await repo.replaceDepartments(tx, owner, links.departmentIds);
    if (input.tradeIds) await repo.replaceTrades(tx, owner, links.tradeIds);
    if (deactivated || rolesChanged) {
      // An administrator changing their own roles keeps the session they are using.
      await deleteSessionsOfUser(tx, id, isSelf ? context.actor.sessionId : undefined);
    }
    await recordAudit(tx, context, {
      action: "user.updated",
      entityType: "user",
      entityId: id,
      before: presentStaffUser(before.row, before.links),
      after: presentStaffUser(row, links),
    });
  });
  return presentStaffUser(row, links);
}

/** An administrator sets a new password (e.g. a forgotten one); whoever knew the old one is signed out. */
export async function resetStaffPassword(db: Db, context: RequestContext, id: string, password: string): Promise<void> {
  const { row } = await getOwnStaffUser(db, context, id);
  if (!isStrongPassword(password)) throw new AppError("PASSWORD_TOO_WEAK");
  const passwordHash = await hashPassword(password);
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, row.org_id, id, {
      password_hash: passwordHash,
      password_changed_at: now,
      updated_at: now,
    });
    await deleteSessionsOfUser(tx, id, id === context.actor.userId ? context.actor.sessionId : undefined);
    // The audit entry records that and when, never the password or its hash.
    await recordAudit(tx, context, { action: "user.password_reset", entityType: "user", entityId: id });
  });
}

/** Lifts the lock set after too many wrong passwords, e.g. once the owner has been identified. */
export async function unlockStaffUser(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getOwnStaffUser(db, context, id);
  const row: repo.UserRow = { ...before.row, failed_login_count: 0, locked_until: null, updated_at: nowIso() };
  await db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, row.org_id, id, {
      failed_login_count: row.failed_login_count,
      locked_until: row.locked_until,
      updated_at: row.updated_at,
    });
    await recordAudit(tx, context, {
      action: "user.unlocked",
      entityType: "user",
      entityId: id,
      before: presentStaffUser(before.row, before.links),
      after: presentStaffUser(row, before.links),
    });
  });
}
