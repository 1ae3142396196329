import type { Building, buildingInputSchema, buildingUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { assertEstateVisible } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as repo from "./buildings.repository.js";
import { getVisibleEstate } from "./estates.service.js";

type BuildingInput = z.infer<typeof buildingInputSchema>;
type BuildingUpdate = z.infer<typeof buildingUpdateSchema>;

export function presentBuilding(row: repo.BuildingRow, unitCount: number): Building {
  return {
    id: row.id,
    estateId: row.estate_id,
    name: row.name,
    sortOrder: row.sort_order,
    unitCount,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const presentView = (row: repo.BuildingView): Building => presentBuilding(row, row.unit_count);

export async function listBuildings(
  db: Db,
  context: RequestContext,
  estateId: string,
  query: { active?: boolean | undefined },
): Promise<{ items: Building[] }> {
  const estate = await getVisibleEstate(db, context, estateId);
  const rows = await repo.listBuildingsOfEstate(db, context.actor.orgId, estate.id, query.active);
  return { items: rows.map(presentView) };
}

/** A building of the actor's organisation in an estate they may see, or 404. */
export async function getVisibleBuilding(db: Db, context: RequestContext, id: string): Promise<repo.BuildingView> {
  const row = await repo.findBuildingView(db, context.actor.orgId, id);
  if (!row) throw notFound("building", id);
  assertEstateVisible(context.actor, row.estate_id, "building");
  return row;
}

export async function createBuilding(
  db: Db,
  context: RequestContext,
  estateId: string,
  input: BuildingInput,
): Promise<Building> {
  const estate = await getVisibleEstate(db, context, estateId);
  if (!fromFlag(estate.active)) throw new AppError("INACTIVE_REFERENCE", { field: "estateId" });
  const now = nowIso();
  const row: repo.BuildingRow = {
    id: newId(),
    org_id: context.actor.orgId,
    estate_id: estate.id,
    name: input.name,
    sort_order: input.sortOrder,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  const building = presentBuilding(row, 0);
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertBuilding(tx, row);
        await recordAudit(tx, context, {
          action: "building.created",
          entityType: "building",
          entityId: row.id,
          after: building,
        });
      }),
    "name",
  );
  return building;
}

export async function updateBuilding(
  db: Db,
  context: RequestContext,
  id: string,
  input: BuildingUpdate,
): Promise<Building> {
  const before = await getVisibleBuilding(db, context, id);
  const after: repo.BuildingView = {
    ...before,
    name: input.name ?? before.name,
    sort_order: input.sortOrder ?? before.sort_order,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.updateBuilding(tx, id, {
          name: after.name,
          sort_order: after.sort_order,
          active: after.active,
          updated_at: after.updated_at,
        });
        await recordAudit(tx, context, {
          action: "building.updated",
          entityType: "building",
          entityId: id,
          before: presentView(before),
          after: presentView(after),
        });
      }),
    "name",
  );
  return presentView(after);
}

/** Only a building without units can go; one with units is deactivated instead (409 IN_USE). */
export async function deleteBuilding(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getVisibleBuilding(db, context, id);
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      await repo.deleteBuilding(tx, id);
      await recordAudit(tx, context, {
        action: "building.deleted",
        entityType: "building",
        entityId: id,
        before: presentView(before),
      });
    }),
  );
}
