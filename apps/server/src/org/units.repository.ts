import { type ResidentRelation, unitNumberSortKey } from "@estate-desk/domain";
import type { EstateScope } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { UnitTable } from "../db/schema.js";

/** A unit as services build it; the repository derives `sort_key` from `number`. */
export type UnitRow = Omit<UnitTable, "sort_key">;

/** A unit with the names it is shown by. */
export interface UnitView extends UnitTable {
  building_name: string;
  building_sort_order: number;
  estate_name: string;
}

/** Where a page of units ends: the sort key of its last row (see listUnits). */
export interface UnitPosition {
  buildingSortOrder: number;
  buildingName: string;
  buildingId: string;
  sortKey: string;
  id: string;
}

export interface UnitListFilter {
  orgId: string;
  scope: EstateScope;
  estateId?: string | undefined;
  buildingId?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  after?: UnitPosition | undefined;
  limit: number;
}

function unitViews(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("units")
    .innerJoin("buildings", "buildings.id", "units.building_id")
    .innerJoin("estates", "estates.id", "units.estate_id")
    .selectAll("units")
    .select([
      "buildings.name as building_name",
      "buildings.sort_order as building_sort_order",
      "estates.name as estate_name",
    ])
    .where("units.org_id", "=", orgId);
}

export async function findUnitView(db: DbOrTx, orgId: string, id: string): Promise<UnitView | undefined> {
  return unitViews(db, orgId).where("units.id", "=", id).executeTakeFirst();
}

export async function findUnitViews(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<UnitView[]> {
  if (ids.length === 0) return [];
  return unitViews(db, orgId).where("units.id", "in", ids).execute();
}

/**
 * Ordered by building (sort order, name, id: units of one building stay together) and then
 * unit number; fetches one row more than the page to know if another follows.
 */
export async function listUnits(db: DbOrTx, filter: UnitListFilter): Promise<UnitView[]> {
  let query = unitViews(db, filter.orgId);
  if (!filter.scope.all) {
    if (filter.scope.estateIds.length === 0) return [];
    query = query.where("units.estate_id", "in", filter.scope.estateIds);
  }
  if (filter.estateId) query = query.where("units.estate_id", "=", filter.estateId);
  if (filter.buildingId) query = query.where("units.building_id", "=", filter.buildingId);
  if (filter.active !== undefined) query = query.where("units.active", "=", filter.active ? 1 : 0);
  if (filter.q) query = query.where("units.number", "like", `%${filter.q}%`);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb(
        eb.refTuple("buildings.sort_order", "buildings.name", "units.building_id", "units.sort_key", "units.id"),
        ">",
        eb.tuple(after.buildingSortOrder, after.buildingName, after.buildingId, after.sortKey, after.id),
      ),
    );
  }
  return query
    .orderBy("buildings.sort_order")
    .orderBy("buildings.name")
    .orderBy("units.building_id")
    .orderBy("units.sort_key")
    .orderBy("units.id")
    .limit(filter.limit + 1)
    .execute();
}

export interface UnitOccupantRow {
  resident_id: string;
  name: string;
  phone: string;
  relation: ResidentRelation;
}

/** The active residents linked to a unit, by name. */
export async function listOccupants(db: DbOrTx, orgId: string, unitId: string): Promise<UnitOccupantRow[]> {
  return db
    .selectFrom("resident_units")
    .innerJoin("residents", "residents.id", "resident_units.resident_id")
    .select(["residents.id as resident_id", "residents.name", "residents.phone", "resident_units.relation"])
    .where("resident_units.org_id", "=", orgId)
    .where("resident_units.unit_id", "=", unitId)
    .where("resident_units.active", "=", 1)
    .where("residents.active", "=", 1)
    .orderBy("residents.name")
    .orderBy("residents.id")
    .execute();
}

/** The building and number of every unit of an estate, active or not: what an import must not repeat. */
export async function listUnitKeysOfEstate(
  db: DbOrTx,
  orgId: string,
  estateId: string,
): Promise<{ building_id: string; number: string }[]> {
  return db
    .selectFrom("units")
    .select(["building_id", "number"])
    .where("org_id", "=", orgId)
    .where("estate_id", "=", estateId)
    .execute();
}

function withSortKey(row: UnitRow): UnitTable {
  return { ...row, sort_key: unitNumberSortKey(row.number) };
}

export async function insertUnit(db: DbOrTx, row: UnitRow): Promise<void> {
  await db.insertInto("units").values(withSortKey(row)).execute();
}

// 11 columns a row: 500 rows stay far below either database's limit of bound parameters.
const INSERT_CHUNK = 500;

export async function insertUnits(db: DbOrTx, rows: readonly UnitRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await db
      .insertInto("units")
      .values(rows.slice(start, start + INSERT_CHUNK).map(withSortKey))
      .execute();
  }
}

export async function updateUnit(db: DbOrTx, id: string, changes: Partial<UnitRow>): Promise<void> {
  const sortKey = changes.number === undefined ? {} : { sort_key: unitNumberSortKey(changes.number) };
  await db
    .updateTable("units")
    .set({ ...changes, ...sortKey })
    .where("id", "=", id)
    .execute();
}

export async function deleteUnit(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("units").where("id", "=", id).execute();
}
