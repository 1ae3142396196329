import type { EstateScope } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";

/** Residents by a run of phone digits or by name, living in estates of the scope. */
export async function findResidents(
  db: DbOrTx,
  filter: { orgId: string; scope: EstateScope; phoneDigits: string | null; name: string | null; limit: number },
) {
  const { phoneDigits, name, scope } = filter;
  if (!phoneDigits && !name) return [];
  if (!scope.all && scope.estateIds.length === 0) return [];
  let query = db
    .selectFrom("residents")
    .select(["residents.id", "residents.name", "residents.phone", "residents.alt_phone"])
    .where("residents.org_id", "=", filter.orgId)
    .where("residents.active", "=", 1)
    .where((eb) => {
      const matches = [];
      if (phoneDigits) {
        matches.push(eb("residents.phone", "like", `%${phoneDigits}%`));
        matches.push(eb("residents.alt_phone", "like", `%${phoneDigits}%`));
      }
      if (name) matches.push(eb("residents.name", "like", `%${name}%`));
      return eb.or(matches);
    });
  if (!scope.all) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("resident_units")
          .select("resident_units.id")
          .whereRef("resident_units.resident_id", "=", "residents.id")
          .where("resident_units.active", "=", 1)
          .where("resident_units.estate_id", "in", scope.estateIds),
      ),
    );
  }
  return query.orderBy("residents.name").orderBy("residents.id").limit(filter.limit).execute();
}

/** Units by number ("1-101"), or by building and number ("3栋 1-101"), in estates of the scope. */
export async function findUnits(
  db: DbOrTx,
  filter: { orgId: string; scope: EstateScope; query: string; limit: number },
) {
  const { scope } = filter;
  if (!scope.all && scope.estateIds.length === 0) return [];
  const [first, second] = filter.query.split(/\s+/);
  if (!first) return [];
  let query = db
    .selectFrom("units")
    .innerJoin("buildings", "buildings.id", "units.building_id")
    .innerJoin("estates", "estates.id", "units.estate_id")
    .select([
      "units.id",
      "units.estate_id",
      "units.number",
      "buildings.name as building_name",
      "estates.name as estate_name",
    ])
    .where("units.org_id", "=", filter.orgId)
    .where("units.active", "=", 1);
  query = second
    ? query.where("buildings.name", "like", `%${first}%`).where("units.number", "like", `%${second}%`)
    : query.where("units.number", "like", `%${first}%`);
  if (!scope.all) query = query.where("units.estate_id", "in", scope.estateIds);
  return query
    .orderBy("estates.name")
    .orderBy("buildings.sort_order")
    .orderBy("units.sort_key")
    .limit(filter.limit)
    .execute();
}

export async function findLinksOfResidents(db: DbOrTx, orgId: string, residentIds: readonly string[]) {
  if (residentIds.length === 0) return [];
  return db
    .selectFrom("resident_units")
    .innerJoin("units", "units.id", "resident_units.unit_id")
    .innerJoin("buildings", "buildings.id", "units.building_id")
    .innerJoin("estates", "estates.id", "resident_units.estate_id")
    .select([
      "resident_units.resident_id",
      "resident_units.unit_id",
      "resident_units.estate_id",
      "resident_units.relation",
      "units.number as unit_number",
      "buildings.name as building_name",
      "estates.name as estate_name",
    ])
    .where("resident_units.org_id", "=", orgId)
    .where("resident_units.active", "=", 1)
    .where("resident_units.resident_id", "in", residentIds)
    .execute();
}

export async function findOccupantsOfUnits(db: DbOrTx, orgId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom("resident_units")
    .innerJoin("residents", "residents.id", "resident_units.resident_id")
    .select([
      "resident_units.unit_id",
      "resident_units.resident_id",
      "resident_units.relation",
      "residents.name",
      "residents.phone",
    ])
    .where("resident_units.org_id", "=", orgId)
    .where("resident_units.active", "=", 1)
    .where("residents.active", "=", 1)
    .where("resident_units.unit_id", "in", unitIds)
    .execute();
}

export async function findUnitEstate(db: DbOrTx, orgId: string, unitId: string) {
  return db
    .selectFrom("units")
    .select(["id", "estate_id"])
    .where("org_id", "=", orgId)
    .where("id", "=", unitId)
    .executeTakeFirst();
}
