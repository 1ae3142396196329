import { type ResidentRelation, type Role, unitNumberSortKey } from "@estate-desk/domain";
import { hashPassword } from "../auth/password.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { createStarterCatalogue, type StarterCatalogueIds } from "../org/starter-catalogue.js";

export const TEST_PASSWORD = "Test-pass-123";

let passwordHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

export interface OrgWorld {
  orgId: string;
  catalogue: StarterCatalogueIds;
  estates: Record<string, string>;
  buildings: Record<string, string>;
  units: Record<string, string>;
  residents: Record<string, string>;
  users: Record<string, string>;
}

/**
 * Two organisations. Organisation A has estates E1 and E2 and one user per role, some
 * scoped to E1 only; organisation B exists so that every test can try to cross tenants.
 *
 * | user       | roles         | estates | department |
 * |------------|---------------|---------|------------|
 * | admin      | admin         | all     |            |
 * | cshead     | cs_head       | all     | CS         |
 * | csagent    | cs_agent      | E1      | CS         |
 * | depthead   | dept_head     | all     | SEC        |
 * | deptstaff  | dept_staff    | all     | SEC        |
 * | repairlead | repair_lead   | E1      | ENG        |
 * | worker     | repair_worker | E1      | ENG        |
 * | qa         | qa            | all     | QA         |
 * | mgmtrep    | mgmt_rep      | all     | MGMT       |
 * | res1       | resident of unit E1-1-101                |
 * | res2       | resident of unit E2-1-101                |
 * | adminb     | admin of organisation B                  |
 */
export interface World {
  a: OrgWorld;
  b: OrgWorld;
}

interface UserSpec {
  username: string;
  roles: Role[];
  estates: string[] | "all";
  departments?: string[];
  trades?: string[];
  resident?: string;
}

export async function seedWorld(db: Db): Promise<World> {
  const hash = await testPasswordHash();
  return db.transaction().execute(async (tx) => {
    const a = await seedOrg(
      tx,
      hash,
      "ORG-A",
      ["E1", "E2"],
      [
        { username: "admin", roles: ["admin"], estates: "all" },
        { username: "cshead", roles: ["cs_head"], estates: "all", departments: ["CS"] },
        { username: "csagent", roles: ["cs_agent"], estates: ["E1"], departments: ["CS"] },
        { username: "depthead", roles: ["dept_head"], estates: "all", departments: ["SEC"] },
        { username: "deptstaff", roles: ["dept_staff"], estates: "all", departments: ["SEC"] },
        { username: "repairlead", roles: ["repair_lead"], estates: ["E1"], departments: ["ENG"] },
        { username: "worker", roles: ["repair_worker"], estates: ["E1"], departments: ["ENG"], trades: ["PLUMB_ELEC"] },
        { username: "qa", roles: ["qa"], estates: "all", departments: ["QA"] },
        { username: "mgmtrep", roles: ["mgmt_rep"], estates: "all", departments: ["MGMT"] },
        { username: "res1", roles: ["resident"], estates: [], resident: "E1" },
        { username: "res2", roles: ["resident"], estates: [], resident: "E2" },
      ],
    );
    const b = await seedOrg(
      tx,
      hash,
      "ORG-B",
      ["EB"],
      [
        { username: "adminb", roles: ["admin"], estates: "all" },
        { username: "resb", roles: ["resident"], estates: [], resident: "EB" },
      ],
    );
    return { a, b };
  });
}

async function seedOrg(
  tx: DbOrTx,
  hash: string,
  code: string,
  estateCodes: string[],
  users: UserSpec[],
): Promise<OrgWorld> {
  const now = nowIso();
  const orgId = newId();
  const stamps = { created_at: now, updated_at: now };
  await tx
    .insertInto("organisations")
    .values({ id: orgId, code, name: `${code} 管理中心`, time_zone: "Asia/Shanghai", active: 1, ...stamps })
    .execute();
  const catalogue = await createStarterCatalogue(tx, orgId);
  const world: OrgWorld = { orgId, catalogue, estates: {}, buildings: {}, units: {}, residents: {}, users: {} };

  for (const estateCode of estateCodes) {
    const estateId = newId();
    world.estates[estateCode] = estateId;
    await tx
      .insertInto("estates")
      .values({
        id: estateId,
        org_id: orgId,
        code: estateCode,
        name: `${estateCode} 花园`,
        address: null,
        complaint_hotline: "0571-88001001",
        repair_hotline: "0571-88001002",
        reception_address: `${estateCode} 物业服务中心`,
        public_code: `${code}-${estateCode}`.toLowerCase(),
        active: 1,
        ...stamps,
      })
      .execute();
    const buildingId = newId();
    world.buildings[estateCode] = buildingId;
    await tx
      .insertInto("buildings")
      .values({ id: buildingId, org_id: orgId, estate_id: estateId, name: "1栋", sort_order: 1, active: 1, ...stamps })
      .execute();
    for (const number of ["1-101", "1-102"]) {
      const unitId = newId();
      world.units[`${estateCode}-${number}`] = unitId;
      await tx
        .insertInto("units")
        .values({
          id: unitId,
          org_id: orgId,
          estate_id: estateId,
          building_id: buildingId,
          number,
          sort_key: unitNumberSortKey(number),
          floor: 1,
          area_sqm: 90,
          active: 1,
          ...stamps,
        })
        .execute();
    }
  }

  let phoneSuffix = 1000;
  for (const spec of users) {
    const userId = newId();
    world.users[spec.username] = userId;
    let residentId: string | null = null;
    if (spec.resident) {
      residentId = newId();
      world.residents[spec.username] = residentId;
      phoneSuffix += 1;
      await tx
        .insertInto("residents")
        .values({
          id: residentId,
          org_id: orgId,
          name: `住户${spec.username}`,
          phone: `1390000${phoneSuffix}`,
          alt_phone: null,
          note: null,
          active: 1,
          ...stamps,
        })
        .execute();
      const relation: ResidentRelation = "owner";
      await tx
        .insertInto("resident_units")
        .values({
          id: newId(),
          org_id: orgId,
          estate_id: world.estates[spec.resident] as string,
          resident_id: residentId,
          unit_id: world.units[`${spec.resident}-1-101`] as string,
          relation,
          active: 1,
          created_at: now,
        })
        .execute();
    }
    await tx
      .insertInto("users")
      .values({
        id: userId,
        org_id: orgId,
        username: spec.username,
        display_name: spec.username,
        phone: null,
        email: null,
        password_hash: hash,
        kind: residentId ? "resident" : "staff",
        resident_id: residentId,
        all_estates: spec.estates === "all" ? 1 : 0,
        active: 1,
        failed_login_count: 0,
        locked_until: null,
        password_changed_at: now,
        last_login_at: null,
        ...stamps,
      })
      .execute();
    await tx
      .insertInto("user_roles")
      .values(spec.roles.map((role) => ({ user_id: userId, org_id: orgId, role })))
      .execute();
    if (spec.estates !== "all") {
      for (const estateCode of spec.estates) {
        await tx
          .insertInto("user_estates")
          .values({ user_id: userId, org_id: orgId, estate_id: world.estates[estateCode] as string })
          .execute();
      }
    }
    for (const department of spec.departments ?? []) {
      await tx
        .insertInto("user_departments")
        .values({ user_id: userId, org_id: orgId, department_id: catalogue.departments.get(department) as string })
        .execute();
    }
    for (const trade of spec.trades ?? []) {
      await tx
        .insertInto("user_trades")
        .values({ user_id: userId, org_id: orgId, trade_id: catalogue.trades.get(trade) as string })
        .execute();
    }
  }
  return world;
}
