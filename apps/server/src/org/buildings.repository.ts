import type { DbOrTx } from "../db/database.js";
import type { BuildingTable } from "../db/schema.js";

export type BuildingRow = BuildingTable;

/** A building with the number of its active units. */
export interface BuildingView extends BuildingRow {
  unit_count: number;
}

export async function findBuilding(db: DbOrTx, orgId: string, id: string): Promise<BuildingRow | undefined> {
  return db.selectFrom("buildings").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

function buildingsWithUnitCount(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("buildings")
    .selectAll("buildings")
    .select((eb) =>
      eb
        .selectFrom("units")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("units.building_id", "=", "buildings.id")
        .where("units.active", "=", 1)
        .as("unit_count"),
    )
    .where("buildings.org_id", "=", orgId);
}

export async function findBuildingView(db: DbOrTx, orgId: string, id: string): Promise<BuildingView | undefined> {
  const row = await buildingsWithUnitCount(db, orgId).where("buildings.id", "=", id).executeTakeFirst();
  return row && { ...row, unit_count: row.unit_count ?? 0 };
}

/** An estate's buildings by sort order, then name; a small list, never paged. */
export async function listBuildingsOfEstate(
  db: DbOrTx,
  orgId: string,
  estateId: string,
  active?: boolean,
): Promise<BuildingView[]> {
  let query = buildingsWithUnitCount(db, orgId).where("buildings.estate_id", "=", estateId);
  if (active !== undefined) query = query.where("buildings.active", "=", active ? 1 : 0);
  const rows = await query.orderBy("buildings.sort_order").orderBy("buildings.name").orderBy("buildings.id").execute();
  return rows.map((row) => ({ ...row, unit_count: row.unit_count ?? 0 }));
}

export async function insertBuilding(db: DbOrTx, row: BuildingRow): Promise<void> {
  await db.insertInto("buildings").values(row).execute();
}

export async function updateBuilding(db: DbOrTx, id: string, changes: Partial<BuildingRow>): Promise<void> {
  await db.updateTable("buildings").set(changes).where("id", "=", id).execute();
}

export async function deleteBuilding(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("buildings").where("id", "=", id).execute();
}
