import {
  isStrongPassword,
  maskResidentContacts,
  type Resident,
  type ResidentAccount,
  type ResidentRelation,
  type residentAccountInputSchema,
  type residentInputSchema,
  type residentUpdateSchema,
  unitLabel,
} from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import { newAccountRow } from "../auth/accounts.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { hashPassword } from "../auth/password.js";
import { canSeeEstate, estateScope } from "../auth/policy.js";
import { deleteSessionsOfUser } from "../auth/sessions.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { decodeCursor, toPage } from "../http/paging.js";
import { getVisibleEstate } from "./estates.service.js";
import * as repo from "./residents.repository.js";
import { findUnitViews, type UnitView } from "./units.repository.js";
import { getVisibleUnit, unknownReference } from "./units.service.js";

type ResidentInput = z.infer<typeof residentInputSchema>;
type ResidentUpdate = z.infer<typeof residentUpdateSchema>;
type ResidentAccountInput = z.infer<typeof residentAccountInputSchema>;
type UnitLinkInput = ResidentInput["units"][number];

export function presentResident(row: repo.ResidentRow, links: repo.ResidentLinkView[], hasAccount: boolean): Resident {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    altPhone: row.alt_phone,
    note: row.note,
    active: fromFlag(row.active),
    hasAccount,
    units: links
      .filter((link) => link.resident_id === row.id && fromFlag(link.active))
      .map((link) => ({
        unitId: link.unit_id,
        estateId: link.estate_id,
        estateName: link.estate_name,
        buildingName: link.building_name,
        unitNumber: link.unit_number,
        label: unitLabel(link.building_name, link.unit_number),
        relation: link.relation,
      })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Staff limited to some estates see only the resident's units there. */
function linksVisibleTo(actor: Actor, links: repo.ResidentLinkView[]): repo.ResidentLinkView[] {
  return links.filter((link) => canSeeEstate(actor, link.estate_id));
}

/** The resident as the actor may see them. */
async function residentFor(db: DbOrTx, context: RequestContext, row: repo.ResidentRow): Promise<Resident> {
  const orgId = context.actor.orgId;
  const links = await repo.listLinks(db, orgId, [row.id]);
  const withAccount = await repo.residentsWithAccount(db, orgId, [row.id]);
  // PIPL: roles that do not contact residents see names and numbers masked.
  return maskResidentContacts(
    presentResident(row, linksVisibleTo(context.actor, links), withAccount.has(row.id)),
    context.actor.roles,
  );
}

/** The whole resident, every active link included: what audit entries record. */
async function residentForAudit(db: DbOrTx, orgId: string, row: repo.ResidentRow): Promise<Resident> {
  const links = await repo.listLinks(db, orgId, [row.id]);
  const withAccount = await repo.residentsWithAccount(db, orgId, [row.id]);
  return presentResident(row, links, withAccount.has(row.id));
}

export interface ResidentListQuery {
  q?: string | undefined;
  estateId?: string | undefined;
  unitId?: string | undefined;
  active?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listResidents(db: Db, context: RequestContext, query: ResidentListQuery) {
  // Naming an estate or unit outside the actor's scope is a 404, as reading it would be.
  if (query.estateId) await getVisibleEstate(db, context, query.estateId);
  if (query.unitId) await getVisibleUnit(db, context, query.unitId);
  const after = decodeCursor(query.cursor);
  if (after && typeof after.value !== "string") throw new AppError("BAD_CURSOR");
  const orgId = context.actor.orgId;
  const rows = await repo.listResidents(db, {
    orgId,
    scope: estateScope(context.actor),
    estateId: query.estateId,
    unitId: query.unitId,
    q: query.q,
    active: query.active,
    after: after && { name: String(after.value), id: after.id },
    limit: query.limit,
  });
  const page = toPage(
    rows,
    query.limit,
    (row) => row.name,
    (row) => row,
  );
  const ids = page.items.map((row) => row.id);
  const links = linksVisibleTo(context.actor, await repo.listLinks(db, orgId, ids));
  const withAccount = await repo.residentsWithAccount(db, orgId, ids);
  return {
    items: page.items.map((row) =>
      maskResidentContacts(presentResident(row, links, withAccount.has(row.id)), context.actor.roles),
    ),
    nextCursor: page.nextCursor,
  };
}

/**
 * A resident of the actor's organisation whom the actor may see, or 404. Staff limited to
 * some estates see residents linked to a unit there; residents without a unit are seen by
 * all-estates staff only.
 */
export async function getVisibleResident(db: Db, context: RequestContext, id: string): Promise<repo.ResidentRow> {
  const row = await repo.findResident(db, context.actor.orgId, id);
  if (!row) throw notFound("resident", id);
  const scope = estateScope(context.actor);
  if (!scope.all && !(await repo.residentLivesIn(db, row.id, scope.estateIds))) throw notFound("resident", id);
  return row;
}

export async function getResident(db: Db, context: RequestContext, id: string): Promise<Resident> {
  return residentFor(db, context, await getVisibleResident(db, context, id));
}

interface ResolvedLink {
  unit: UnitView;
  relation: ResidentRelation;
}

/**
 * Checks the units a resident is to be linked to: each of the actor's organisation and
 * estates (else 400 naming the entry, never linked), listed once, and active unless the
 * resident is linked to it already.
 */
async function resolveLinks(
  db: Db,
  context: RequestContext,
  links: readonly UnitLinkInput[],
  linkedAlready: ReadonlySet<string>,
): Promise<ResolvedLink[]> {
  const units = new Map(
    (
      await findUnitViews(
        db,
        context.actor.orgId,
        links.map((link) => link.unitId),
      )
    ).map((unit) => [unit.id, unit]),
  );
  const seen = new Set<string>();
  return links.map((link, index) => {
    const path = `body/units/${index}/unitId`;
    const unit = units.get(link.unitId);
    if (!unit || !canSeeEstate(context.actor, unit.estate_id)) throw unknownReference(path);
    if (seen.has(unit.id)) {
      throw new AppError("VALIDATION_FAILED", { issues: [{ path, message: "the unit is listed twice" }] });
    }
    seen.add(unit.id);
    if (!fromFlag(unit.active) && !linkedAlready.has(unit.id)) {
      throw new AppError("INACTIVE_REFERENCE", { field: `units/${index}/unitId` });
    }
    return { unit, relation: link.relation };
  });
}

function newLink(context: RequestContext, residentId: string, link: ResolvedLink, now: string): repo.ResidentUnitRow {
  return {
    id: newId(),
    org_id: context.actor.orgId,
    estate_id: link.unit.estate_id,
    resident_id: residentId,
    unit_id: link.unit.id,
    relation: link.relation,
    active: 1,
    created_at: now,
  };
}

export async function createResident(db: Db, context: RequestContext, input: ResidentInput): Promise<Resident> {
  const links = await resolveLinks(db, context, input.units, new Set());
  // Staff limited to some estates would lose sight of a resident without a unit there.
  if (!estateScope(context.actor).all && links.length === 0) {
    throw new AppError("VALIDATION_FAILED", {
      issues: [{ path: "body/units", message: "at least one unit in your estates is required" }],
    });
  }
  const now = nowIso();
  const row: repo.ResidentRow = {
    id: newId(),
    org_id: context.actor.orgId,
    name: input.name,
    phone: input.phone,
    alt_phone: input.altPhone ?? null,
    note: input.note ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (tx) => {
    await repo.insertResident(tx, row);
    await repo.insertLinks(
      tx,
      links.map((link) => newLink(context, row.id, link, now)),
    );
    await recordAudit(tx, context, {
      action: "resident.created",
      entityType: "resident",
      entityId: row.id,
      after: await residentForAudit(tx, context.actor.orgId, row),
    });
  });
  return residentFor(db, context, row);
}

/**
 * Changes a resident. Given `units` replaces the set of links within the actor's estates:
 * links no longer listed are deactivated (kept for the history of cases), listed ones are
 * (re)activated with the relation given, and links in estates outside the actor's scope
 * stay as they are.
 */
export async function updateResident(
  db: Db,
  context: RequestContext,
  id: string,
  input: ResidentUpdate,
): Promise<Resident> {
  const before = await getVisibleResident(db, context, id);
  const orgId = context.actor.orgId;
  const existingLinks = await repo.listLinks(db, orgId, [id], { includeInactive: true });
  const wanted =
    input.units === undefined
      ? undefined
      : await resolveLinks(
          db,
          context,
          input.units,
          new Set(existingLinks.filter((link) => fromFlag(link.active)).map((link) => link.unit_id)),
        );
  const now = nowIso();
  const after: repo.ResidentRow = {
    ...before,
    name: input.name ?? before.name,
    phone: input.phone ?? before.phone,
    alt_phone: input.altPhone === undefined ? before.alt_phone : input.altPhone,
    note: input.note === undefined ? before.note : input.note,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: now,
  };

  await db.transaction().execute(async (tx) => {
    const auditBefore = await residentForAudit(tx, orgId, before);
    await repo.updateResident(tx, id, {
      name: after.name,
      phone: after.phone,
      alt_phone: after.alt_phone,
      note: after.note,
      active: after.active,
      updated_at: after.updated_at,
    });
    if (wanted) await replaceLinks(tx, context, id, existingLinks, wanted, now);
    if (after.active !== before.active) {
      // The portal login follows the resident, so that one who moved out can no longer sign in.
      const userIds = await repo.setAccountActive(tx, orgId, id, after.active, now);
      if (!fromFlag(after.active)) {
        for (const userId of userIds) await deleteSessionsOfUser(tx, userId);
      }
    }
    await recordAudit(tx, context, {
      action: "resident.updated",
      entityType: "resident",
      entityId: id,
      before: auditBefore,
      after: await residentForAudit(tx, orgId, after),
    });
  });
  return residentFor(db, context, after);
}

async function replaceLinks(
  tx: DbOrTx,
  context: RequestContext,
  residentId: string,
  existingLinks: readonly repo.ResidentLinkView[],
  wanted: readonly ResolvedLink[],
  now: string,
): Promise<void> {
  const wantedByUnit = new Map(wanted.map((link) => [link.unit.id, link]));
  const existingUnitIds = new Set(existingLinks.map((link) => link.unit_id));
  for (const link of existingLinks) {
    if (!canSeeEstate(context.actor, link.estate_id)) continue;
    const keep = wantedByUnit.get(link.unit_id);
    if (keep) {
      if (!fromFlag(link.active) || link.relation !== keep.relation) {
        await repo.updateLink(tx, link.id, { active: 1, relation: keep.relation });
      }
    } else if (fromFlag(link.active)) {
      await repo.updateLink(tx, link.id, { active: 0, relation: link.relation });
    }
  }
  await repo.insertLinks(
    tx,
    wanted.filter((link) => !existingUnitIds.has(link.unit.id)).map((link) => newLink(context, residentId, link, now)),
  );
}

/**
 * Only a resident nothing refers to can go (their own unit links go with them); one with a
 * portal login or cases is deactivated instead (409 IN_USE).
 */
export async function deleteResident(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getVisibleResident(db, context, id);
  const links = await repo.listLinks(db, context.actor.orgId, [id], { includeInactive: true });
  // Deleting would also remove links in estates the actor does not manage.
  if (links.some((link) => !canSeeEstate(context.actor, link.estate_id))) throw new AppError("IN_USE");
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      const auditBefore = await residentForAudit(tx, context.actor.orgId, before);
      await repo.deleteResident(tx, id);
      await recordAudit(tx, context, {
        action: "resident.deleted",
        entityType: "resident",
        entityId: id,
        before: auditBefore,
      });
    }),
  );
}

/** A login for the resident portal: one per resident, user names unique across the system. */
export async function createResidentAccount(
  db: Db,
  context: RequestContext,
  residentId: string,
  input: ResidentAccountInput,
): Promise<ResidentAccount> {
  const resident = await getVisibleResident(db, context, residentId);
  if (!fromFlag(resident.active)) throw new AppError("INACTIVE_REFERENCE", { field: "residentId" });
  if (!isStrongPassword(input.password)) throw new AppError("PASSWORD_TOO_WEAK");
  const orgId = context.actor.orgId;
  if (await repo.findAccountOfResident(db, orgId, resident.id)) throw new AppError("DUPLICATE", { field: "account" });
  // Sign-in compares lower-cased user names.
  const username = input.username.toLowerCase();
  const user = newAccountRow({
    orgId,
    username,
    displayName: resident.name,
    passwordHash: await hashPassword(input.password),
    kind: "resident",
    phone: resident.phone,
    residentId: resident.id,
  });
  const account: ResidentAccount = { userId: user.id, username };
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertAccount(tx, user, { user_id: user.id, org_id: orgId, role: "resident" });
        await recordAudit(tx, context, {
          action: "resident.account.created",
          entityType: "resident",
          entityId: resident.id,
          after: account,
        });
      }),
    "username",
  );
  return account;
}

/** The resident portal's view of the signed-in resident: who they are and their homes. */
export async function getOwnResident(db: Db, orgId: string, residentId: string): Promise<Resident> {
  const row = await repo.findResident(db, orgId, residentId);
  if (!row) throw notFound("resident", residentId);
  return presentResident(row, await repo.listLinks(db, orgId, [row.id]), true);
}
