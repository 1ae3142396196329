import {
  type Unit,
  type UnitDetail,
  type unitInputSchema,
  unitLabel,
  unitNumberSortKey,
  type unitUpdateSchema,
} from "@estate-desk/domain";
import { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { assertEstateVisible, canSeeEstate, estateScope } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { decodeCursor, toPage } from "../http/paging.js";
import { findBuildingView } from "./buildings.repository.js";
import { getVisibleBuilding } from "./buildings.service.js";
import { getVisibleEstate } from "./estates.service.js";
import * as repo from "./units.repository.js";

type UnitInput = z.infer<typeof unitInputSchema>;
type UnitUpdate = z.infer<typeof unitUpdateSchema>;

export function presentUnit(row: repo.UnitView): Unit {
  return {
    id: row.id,
    estateId: row.estate_id,
    estateName: row.estate_name,
    buildingId: row.building_id,
    buildingName: row.building_name,
    number: row.number,
    label: unitLabel(row.building_name, row.number),
    floor: row.floor,
    areaSquareMetres: row.area_sqm,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A reference in a request body that the actor cannot use (another organisation's id, an
 * estate outside their scope, or no such record): the request is invalid, and it says no
 * more than that, so that ids cannot be probed across tenants.
 */
export function unknownReference(path: string): AppError {
  return new AppError("VALIDATION_FAILED", { issues: [{ path, message: "unknown or inaccessible record" }] });
}

// The page cursor carries the whole sort key of the last unit (see repo.listUnits).
const unitSortKeySchema = z.tuple([z.number(), z.string(), z.string(), z.string()]);

function unitSortKey(row: repo.UnitView): string {
  return JSON.stringify([row.building_sort_order, row.building_name, row.building_id, row.sort_key]);
}

function decodeUnitCursor(cursor: string | undefined): repo.UnitPosition | undefined {
  const position = decodeCursor(cursor);
  if (!position) return undefined;
  let key: unknown;
  try {
    key = typeof position.value === "string" ? JSON.parse(position.value) : undefined;
  } catch {
    key = undefined;
  }
  const parsed = unitSortKeySchema.safeParse(key);
  if (!parsed.success || !z.uuid().safeParse(position.id).success) throw new AppError("BAD_CURSOR");
  const [buildingSortOrder, buildingName, buildingId, sortKey] = parsed.data;
  return { buildingSortOrder, buildingName, buildingId, sortKey, id: position.id };
}

export interface UnitListQuery {
  estateId?: string | undefined;
  buildingId?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listUnits(db: Db, context: RequestContext, query: UnitListQuery) {
  // Naming an estate or building outside the actor's scope is a 404, as reading it would be.
  if (query.estateId) await getVisibleEstate(db, context, query.estateId);
  if (query.buildingId) await getVisibleBuilding(db, context, query.buildingId);
  const rows = await repo.listUnits(db, {
    orgId: context.actor.orgId,
    scope: estateScope(context.actor),
    estateId: query.estateId,
    buildingId: query.buildingId,
    q: query.q,
    active: query.active,
    after: decodeUnitCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, unitSortKey, presentUnit);
}

/** A unit of the actor's organisation in an estate they may see, or 404. */
export async function getVisibleUnit(db: Db, context: RequestContext, id: string): Promise<repo.UnitView> {
  const row = await repo.findUnitView(db, context.actor.orgId, id);
  if (!row) throw notFound("unit", id);
  assertEstateVisible(context.actor, row.estate_id, "unit");
  return row;
}

export async function getUnitDetail(db: Db, context: RequestContext, id: string): Promise<UnitDetail> {
  const unit = await getVisibleUnit(db, context, id);
  const occupants = await repo.listOccupants(db, context.actor.orgId, unit.id);
  return {
    ...presentUnit(unit),
    residents: occupants.map((occupant) => ({
      residentId: occupant.resident_id,
      name: occupant.name,
      phone: occupant.phone,
      relation: occupant.relation,
    })),
  };
}

export async function createUnit(db: Db, context: RequestContext, input: UnitInput): Promise<Unit> {
  const building = await findBuildingView(db, context.actor.orgId, input.buildingId);
  if (!building || !canSeeEstate(context.actor, building.estate_id)) throw unknownReference("body/buildingId");
  if (!fromFlag(building.active)) throw new AppError("INACTIVE_REFERENCE", { field: "buildingId" });
  const estate = await getVisibleEstate(db, context, building.estate_id);
  const now = nowIso();
  const row: repo.UnitRow = {
    id: newId(),
    org_id: context.actor.orgId,
    estate_id: building.estate_id,
    building_id: building.id,
    number: input.number,
    floor: input.floor ?? null,
    area_sqm: input.areaSquareMetres ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  const unit = presentUnit({
    ...row,
    sort_key: unitNumberSortKey(row.number),
    building_name: building.name,
    building_sort_order: building.sort_order,
    estate_name: estate.name,
  });
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertUnit(tx, row);
        await recordAudit(tx, context, { action: "unit.created", entityType: "unit", entityId: row.id, after: unit });
      }),
    "number",
  );
  return unit;
}

export async function updateUnit(db: Db, context: RequestContext, id: string, input: UnitUpdate): Promise<Unit> {
  const before = await getVisibleUnit(db, context, id);
  const after: repo.UnitView = {
    ...before,
    number: input.number ?? before.number,
    floor: input.floor === undefined ? before.floor : input.floor,
    area_sqm: input.areaSquareMetres === undefined ? before.area_sqm : input.areaSquareMetres,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.updateUnit(tx, id, {
          number: after.number,
          floor: after.floor,
          area_sqm: after.area_sqm,
          active: after.active,
          updated_at: after.updated_at,
        });
        await recordAudit(tx, context, {
          action: "unit.updated",
          entityType: "unit",
          entityId: id,
          before: presentUnit(before),
          after: presentUnit(after),
        });
      }),
    "number",
  );
  return presentUnit(after);
}

/** Only a unit nothing refers to can go; one with residents or cases is deactivated instead. */
export async function deleteUnit(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getVisibleUnit(db, context, id);
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      await repo.deleteUnit(tx, id);
      await recordAudit(tx, context, {
        action: "unit.deleted",
        entityType: "unit",
        entityId: id,
        before: presentUnit(before),
      });
    }),
  );
}
