import type { ResidentRelation } from "@estate-desk/domain";
import { sql } from "kysely";
import type { EstateScope } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { ResidentTable, ResidentUnitTable, UserRoleTable, UserTable } from "../db/schema.js";

export type ResidentRow = ResidentTable;
export type ResidentUnitRow = ResidentUnitTable;
export type AccountRow = UserTable;

export interface ResidentListFilter {
  orgId: string;
  scope: EstateScope;
  estateId?: string | undefined;
  unitId?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

export async function findResident(db: DbOrTx, orgId: string, id: string): Promise<ResidentRow | undefined> {
  return db.selectFrom("residents").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** True when the resident has an active link to a unit of one of the estates. */
export async function residentLivesIn(db: DbOrTx, residentId: string, estateIds: readonly string[]): Promise<boolean> {
  if (estateIds.length === 0) return false;
  const row = await db
    .selectFrom("resident_units")
    .select("id")
    .where("resident_id", "=", residentId)
    .where("active", "=", 1)
    .where("estate_id", "in", estateIds)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Ordered by name, then id; fetches one row more than the page to know if another follows.
 * Staff limited to some estates see only residents linked to a unit there.
 */
export async function listResidents(db: DbOrTx, filter: ResidentListFilter): Promise<ResidentRow[]> {
  let query = db.selectFrom("residents").selectAll("residents").where("residents.org_id", "=", filter.orgId);
  // Narrows the query so far to residents with an active link to one of the units or estates.
  const linkedTo = (column: "estate_id" | "unit_id", ids: readonly string[]) =>
    query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("resident_units")
          .select("resident_units.id")
          .whereRef("resident_units.resident_id", "=", "residents.id")
          .where("resident_units.active", "=", 1)
          .where(`resident_units.${column}`, "in", ids),
      ),
    );
  if (!filter.scope.all) {
    if (filter.scope.estateIds.length === 0) return [];
    query = linkedTo("estate_id", filter.scope.estateIds);
  }
  if (filter.estateId) query = linkedTo("estate_id", [filter.estateId]);
  if (filter.unitId) query = linkedTo("unit_id", [filter.unitId]);
  if (filter.active !== undefined) query = query.where("residents.active", "=", filter.active ? 1 : 0);
  if (filter.q) {
    const namePattern = `%${filter.q}%`;
    // Phone numbers are matched on their digits, so "0571 8800" finds "0571-88001001".
    const digits = filter.q.replace(/\D/g, "");
    const digitPattern = `%${digits}%`;
    query = query.where((eb) =>
      eb.or([
        eb("residents.name", "like", namePattern),
        ...(digits === ""
          ? []
          : [
              eb(sql<string>`replace(residents.phone, '-', '')`, "like", digitPattern),
              eb(sql<string>`replace(residents.alt_phone, '-', '')`, "like", digitPattern),
            ]),
      ]),
    );
  }
  const after = filter.after;
  if (after) {
    query = query.where((eb) => eb(eb.refTuple("residents.name", "residents.id"), ">", eb.tuple(after.name, after.id)));
  }
  return query
    .orderBy("residents.name")
    .orderBy("residents.id")
    .limit(filter.limit + 1)
    .execute();
}

/** A resident's link to a unit, with the names the unit is shown by. */
export interface ResidentLinkView extends ResidentUnitRow {
  unit_number: string;
  building_name: string;
  estate_name: string;
}

/** The links of some residents (active ones unless all are asked for), by estate, building, number. */
export async function listLinks(
  db: DbOrTx,
  orgId: string,
  residentIds: readonly string[],
  options: { includeInactive?: boolean } = {},
): Promise<ResidentLinkView[]> {
  if (residentIds.length === 0) return [];
  let query = db
    .selectFrom("resident_units")
    .innerJoin("units", "units.id", "resident_units.unit_id")
    .innerJoin("buildings", "buildings.id", "units.building_id")
    .innerJoin("estates", "estates.id", "resident_units.estate_id")
    .selectAll("resident_units")
    .select(["units.number as unit_number", "buildings.name as building_name", "estates.name as estate_name"])
    .where("resident_units.org_id", "=", orgId)
    .where("resident_units.resident_id", "in", residentIds);
  if (!options.includeInactive) query = query.where("resident_units.active", "=", 1);
  return query
    .orderBy("estates.name")
    .orderBy("buildings.sort_order")
    .orderBy("buildings.name")
    .orderBy("units.sort_key")
    .execute();
}

/** The residents among these that have a portal login. */
export async function residentsWithAccount(
  db: DbOrTx,
  orgId: string,
  residentIds: readonly string[],
): Promise<Set<string>> {
  if (residentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("users")
    .select("resident_id")
    .where("org_id", "=", orgId)
    .where("resident_id", "in", residentIds)
    .execute();
  return new Set(rows.flatMap((row) => (row.resident_id === null ? [] : [row.resident_id])));
}

export async function insertResident(db: DbOrTx, row: ResidentRow): Promise<void> {
  await db.insertInto("residents").values(row).execute();
}

export async function updateResident(db: DbOrTx, id: string, changes: Partial<ResidentRow>): Promise<void> {
  await db.updateTable("residents").set(changes).where("id", "=", id).execute();
}

/** Removes a resident with their unit links; fails on a foreign key if anything else refers to them. */
export async function deleteResident(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("resident_units").where("resident_id", "=", id).execute();
  await db.deleteFrom("residents").where("id", "=", id).execute();
}

export async function insertLinks(db: DbOrTx, rows: readonly ResidentUnitRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("resident_units").values(rows).execute();
}

export async function updateLink(
  db: DbOrTx,
  id: string,
  changes: { active: number; relation: ResidentRelation },
): Promise<void> {
  await db.updateTable("resident_units").set(changes).where("id", "=", id).execute();
}

export async function findAccountOfResident(
  db: DbOrTx,
  orgId: string,
  residentId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("users")
    .select("id")
    .where("org_id", "=", orgId)
    .where("resident_id", "=", residentId)
    .executeTakeFirst();
}

export async function insertAccount(db: DbOrTx, user: AccountRow, role: UserRoleTable): Promise<void> {
  await db.insertInto("users").values(user).execute();
  await db.insertInto("user_roles").values(role).execute();
}

/** A resident's portal login follows the resident: deactivated with them, reactivated with them. */
export async function setAccountActive(
  db: DbOrTx,
  orgId: string,
  residentId: string,
  active: number,
  at: string,
): Promise<string[]> {
  const rows = await db
    .updateTable("users")
    .set({ active, updated_at: at })
    .where("org_id", "=", orgId)
    .where("resident_id", "=", residentId)
    .returning("id")
    .execute();
  return rows.map((row) => row.id);
}
