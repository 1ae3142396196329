import { type ResidentRelation, type Role, unitNumberSortKey } from "@estate-desk/domain";
import { newAccountRow } from "../auth/accounts.js";
import { hashPassword } from "../auth/password.js";
import { loadCallbackDemo } from "../callbacks/callback-demo.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { createStarterCatalogue } from "../org/starter-catalogue.js";
import { loadRecordsDemo } from "../records/records-demo.js";
import { generateCases } from "../stats/generated-cases.js";
import { chinesePersonName, mobileNumber, seededRandom } from "./generators.js";
import { loadQualityDemoData } from "./quality-demo.js";

export const DEMO_PASSWORD = "demo123456";
export const DEMO_ORG_CODE = "DEMO";

interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  description: string;
  /** Department codes from the starter catalogue. */
  departments?: string[];
  trades?: string[];
  /** Estate codes; omitted means all estates. */
  estates?: string[];
}

/** One account per role of §3.0, printed at start so that anyone can try each part. */
export const DEMO_ACCOUNTS: readonly (DemoAccount | (Omit<DemoAccount, "roles"> & { roles: ["resident"] }))[] = [
  { username: "admin", displayName: "系统管理员", roles: ["admin"], description: "administrator 系统管理员" },
  {
    username: "cshead",
    displayName: "王丽华",
    roles: ["cs_head"],
    departments: ["CS"],
    description: "customer-service head 客户服务部主任",
  },
  {
    username: "csagent",
    displayName: "李晓敏",
    roles: ["cs_agent"],
    departments: ["CS"],
    description: "customer-service agent 客服专员",
  },
  {
    username: "depthead",
    displayName: "赵建国",
    roles: ["dept_head"],
    departments: ["SEC"],
    description: "department head 秩序维护部经理",
  },
  {
    username: "deptstaff",
    displayName: "孙强",
    roles: ["dept_staff"],
    departments: ["SEC"],
    description: "department staff 秩序维护部员工",
  },
  {
    username: "repairlead",
    displayName: "周德明",
    roles: ["repair_lead"],
    departments: ["ENG"],
    estates: ["CHY", "JSJY"],
    description: "repair team leader 维修组长",
  },
  {
    username: "worker",
    displayName: "吴师傅",
    roles: ["repair_worker"],
    departments: ["ENG"],
    trades: ["PLUMB_ELEC"],
    estates: ["CHY", "JSJY"],
    description: "repair worker 水电维修工",
  },
  {
    username: "qa",
    displayName: "郑敏",
    roles: ["qa"],
    departments: ["QA"],
    description: "quality management 品质管理部",
  },
  {
    username: "mgmtrep",
    displayName: "陈志远",
    roles: ["mgmt_rep"],
    departments: ["MGMT"],
    description: "management representative 管理者代表",
  },
  { username: "resident", displayName: "张伟", roles: ["resident"], description: "resident 业主 (two units)" },
];

interface DemoEstate {
  code: string;
  name: string;
  address: string;
  complaintHotline: string;
  repairHotline: string;
  receptionAddress: string;
  buildings: number;
  entrances: number;
  floors: number;
  roomsPerFloor: number;
}

/** Three estates of about 2,000 units in all. */
const DEMO_ESTATES: readonly DemoEstate[] = [
  {
    code: "CHY",
    name: "翠湖花园",
    address: "杭州市西湖区翠湖路 88 号",
    complaintHotline: "0571-88001001",
    repairHotline: "0571-88001002",
    receptionAddress: "翠湖花园 3 栋一楼物业服务中心",
    buildings: 8,
    entrances: 2,
    floors: 18,
    roomsPerFloor: 2,
  },
  {
    code: "JSJY",
    name: "金色家园",
    address: "杭州市拱墅区金华路 266 号",
    complaintHotline: "0571-88002001",
    repairHotline: "0571-88002002",
    receptionAddress: "金色家园南门会所二楼客服中心",
    buildings: 10,
    entrances: 2,
    floors: 11,
    roomsPerFloor: 3,
  },
  {
    code: "BJYH",
    name: "滨江壹号",
    address: "杭州市滨江区江南大道 1 号",
    complaintHotline: "0571-88003001",
    repairHotline: "0571-88003002",
    receptionAddress: "滨江壹号 1 栋大堂物业前台",
    buildings: 6,
    entrances: 1,
    floors: 32,
    roomsPerFloor: 4,
  },
];

const BATCH = 400;

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Loads the demo management centre into an empty database. Returns false when users already exist. */
export async function loadDemoDataIfEmpty(db: Db): Promise<boolean> {
  const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyUser) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute((tx) => loadDemoData(tx, passwordHash));
  // Issue #7: handled complaints with callbacks and this week's callback plan, through the services.
  const org = await db.selectFrom("organisations").select("id").where("code", "=", DEMO_ORG_CODE).executeTakeFirst();
  const portalResident = await db
    .selectFrom("users")
    .select("resident_id")
    .where("username", "=", "resident")
    .executeTakeFirst();
  if (org) await loadCallbackDemo(db, org.id, portalResident?.resident_id ?? null);
  // Issue #7 part B: suggestions grouped into a topic, an open letter, an open nonconformity.
  await loadQualityDemoData(db);
  // Quality records (issue #8): closed complaints, a received handover and an open inspection.
  const demoOrg = await db
    .selectFrom("organisations")
    .select("id")
    .where("code", "=", DEMO_ORG_CODE)
    .executeTakeFirstOrThrow();
  await loadRecordsDemo(db, demoOrg.id);
  return true;
}

async function loadDemoData(tx: DbOrTx, passwordHash: string): Promise<void> {
  const random = seededRandom(20261129);
  const now = nowIso();
  const orgId = newId();
  await tx
    .insertInto("organisations")
    .values({
      id: orgId,
      code: DEMO_ORG_CODE,
      name: "湖畔物业管理中心",
      time_zone: "Asia/Shanghai",
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const catalogue = await createStarterCatalogue(tx, orgId);

  const estateIds = new Map<string, string>();
  const unitIdsByEstate = new Map<string, { id: string; estateId: string }[]>();
  for (const [index, estate] of DEMO_ESTATES.entries()) {
    const estateId = newId();
    estateIds.set(estate.code, estateId);
    await tx
      .insertInto("estates")
      .values({
        id: estateId,
        org_id: orgId,
        code: estate.code,
        name: estate.name,
        address: estate.address,
        complaint_hotline: estate.complaintHotline,
        repair_hotline: estate.repairHotline,
        reception_address: estate.receptionAddress,
        public_code: `demo${index + 1}`,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const units: Array<{
      id: string;
      org_id: string;
      estate_id: string;
      building_id: string;
      number: string;
      sort_key: string;
      floor: number;
      area_sqm: number;
      active: number;
      created_at: string;
      updated_at: string;
    }> = [];
    for (let b = 1; b <= estate.buildings; b++) {
      const buildingId = newId();
      await tx
        .insertInto("buildings")
        .values({
          id: buildingId,
          org_id: orgId,
          estate_id: estateId,
          name: `${b}栋`,
          sort_order: b,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (let entrance = 1; entrance <= estate.entrances; entrance++) {
        for (let floor = 1; floor <= estate.floors; floor++) {
          for (let room = 1; room <= estate.roomsPerFloor; room++) {
            const number = `${entrance}-${floor}${String(room).padStart(2, "0")}`;
            units.push({
              id: newId(),
              org_id: orgId,
              estate_id: estateId,
              building_id: buildingId,
              number,
              sort_key: unitNumberSortKey(number),
              floor,
              area_sqm: Math.round(70 + random() * 80),
              active: 1,
              created_at: now,
              updated_at: now,
            });
          }
        }
      }
    }
    await insertBatched(units, (batch) => tx.insertInto("units").values(batch).execute());
    unitIdsByEstate.set(
      estate.code,
      units.map((u) => ({ id: u.id, estateId })),
    );
  }

  // Residents: most units have an owner; some also a family member or a tenant.
  const usedPhones = new Set<string>();
  const residents: Array<{
    id: string;
    org_id: string;
    name: string;
    phone: string;
    alt_phone: string | null;
    note: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  }> = [];
  const links: Array<{
    id: string;
    org_id: string;
    estate_id: string;
    resident_id: string;
    unit_id: string;
    relation: ResidentRelation;
    active: number;
    created_at: string;
  }> = [];
  const addResident = (unit: { id: string; estateId: string }, relation: ResidentRelation, name?: string) => {
    let phone = mobileNumber(random);
    while (usedPhones.has(phone)) phone = mobileNumber(random);
    usedPhones.add(phone);
    const id = newId();
    residents.push({
      id,
      org_id: orgId,
      name: name ?? chinesePersonName(random),
      phone,
      alt_phone: null,
      note: null,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    links.push({
      id: newId(),
      org_id: orgId,
      estate_id: unit.estateId,
      resident_id: id,
      unit_id: unit.id,
      relation,
      active: 1,
      created_at: now,
    });
    return id;
  };
  for (const units of unitIdsByEstate.values()) {
    for (const unit of units) {
      const occupancy = random();
      if (occupancy < 0.08) continue; // unsold or vacant
      if (occupancy < 0.2) {
        addResident(unit, "owner");
        addResident(unit, "tenant");
      } else if (occupancy < 0.4) {
        addResident(unit, "owner");
        addResident(unit, "family");
      } else {
        addResident(unit, "owner");
      }
    }
  }

  // The demo resident owns a flat in 翠湖花园 and another in 金色家园.
  const firstChy = unitIdsByEstate.get("CHY")?.[0];
  const firstJsjy = unitIdsByEstate.get("JSJY")?.[0];
  if (!firstChy || !firstJsjy) throw new Error("demo estates have no units");
  const demoResidentId = addResident(firstChy, "owner", "张伟");
  links.push({
    id: newId(),
    org_id: orgId,
    estate_id: firstJsjy.estateId,
    resident_id: demoResidentId,
    unit_id: firstJsjy.id,
    relation: "owner",
    active: 1,
    created_at: now,
  });
  const demoResident = residents.find((r) => r.id === demoResidentId);
  if (demoResident) demoResident.phone = "13800138000";

  await insertBatched(residents, (batch) => tx.insertInto("residents").values(batch).execute());
  await insertBatched(links, (batch) => tx.insertInto("resident_units").values(batch).execute());

  for (const account of DEMO_ACCOUNTS) {
    const isResident = account.roles.includes("resident");
    const staff = account as DemoAccount;
    const user = newAccountRow({
      orgId,
      username: account.username,
      displayName: account.displayName,
      passwordHash,
      kind: isResident ? "resident" : "staff",
      phone: isResident ? "13800138000" : null,
      residentId: isResident ? demoResidentId : null,
      allEstates: !staff.estates,
    });
    const userId = user.id;
    await tx.insertInto("users").values(user).execute();
    await tx
      .insertInto("user_roles")
      .values(account.roles.map((role) => ({ user_id: userId, org_id: orgId, role })))
      .execute();
    for (const code of staff.estates ?? []) {
      const estateId = estateIds.get(code);
      if (estateId)
        await tx.insertInto("user_estates").values({ user_id: userId, org_id: orgId, estate_id: estateId }).execute();
    }
    for (const code of staff.departments ?? []) {
      const departmentId = catalogue.departments.get(code);
      if (departmentId) {
        await tx
          .insertInto("user_departments")
          .values({ user_id: userId, org_id: orgId, department_id: departmentId })
          .execute();
      }
    }
    for (const code of staff.trades ?? []) {
      const tradeId = catalogue.trades.get(code);
      if (tradeId)
        await tx.insertInto("user_trades").values({ user_id: userId, org_id: orgId, trade_id: tradeId }).execute();
    }
  }

  // Issue #5 item 8: every estate's price list for paid repairs (有偿维修), prices in fen.
  const priceList = [
    { code: "L-01", name: "上门检修（人工）", unit: "次", price_fen: 3000, kind: "labour" as const },
    { code: "L-02", name: "更换水龙头/角阀（人工）", unit: "个", price_fen: 2000, kind: "labour" as const },
    { code: "L-03", name: "疏通下水道（人工）", unit: "次", price_fen: 8000, kind: "labour" as const },
    { code: "M-01", name: "角阀 DN15", unit: "个", price_fen: 2550, kind: "material" as const },
    { code: "M-02", name: "不锈钢编织软管 60cm", unit: "根", price_fen: 1800, kind: "material" as const },
    { code: "M-03", name: "LED 灯管 T8 1.2m", unit: "根", price_fen: 3500, kind: "material" as const },
  ];
  for (const estateId of estateIds.values()) {
    await tx
      .insertInto("repair_price_items")
      .values(
        priceList.map((item) => ({
          ...item,
          id: newId(),
          org_id: orgId,
          estate_id: estateId,
          active: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }

  await loadDemoHistory(tx, orgId, [...estateIds.values()], unitIdsByEstate, [...catalogue.departments.values()]);
}

/**
 * Three months of closed cases before the last ten days, so that the statistics dashboard, the
 * monthly report and the exports (issue #8) show something on a fresh `npm start`; nothing of it
 * is open, so no queue or similar-case warning of the demo changes.
 */
async function loadDemoHistory(
  tx: DbOrTx,
  orgId: string,
  estateIds: string[],
  unitIdsByEstate: Map<string, { id: string; estateId: string }[]>,
  departmentIds: string[],
): Promise<void> {
  const users = await tx.selectFrom("users").select(["id", "username"]).where("org_id", "=", orgId).execute();
  const idOf = (username: string) => users.find((user) => user.username === username)?.id;
  const staffIds = ["cshead", "csagent"].map(idOf).filter((id): id is string => id !== undefined);
  const workerIds = ["worker", "repairlead"].map(idOf).filter((id): id is string => id !== undefined);
  const categories = await tx.selectFrom("categories").select(["id", "kind"]).where("org_id", "=", orgId).execute();
  const unitIds: Record<string, string[]> = {};
  for (const [, units] of unitIdsByEstate) {
    for (const unit of units.slice(0, 60)) {
      unitIds[unit.estateId] = [...(unitIds[unit.estateId] ?? []), unit.id];
    }
  }
  const day = 86_400_000;
  await generateCases(
    tx,
    {
      orgId,
      estateIds,
      unitIds,
      departmentIds: departmentIds.slice(0, 5),
      categoryIds: {
        complaint: categories.filter((c) => c.kind === "complaint").map((c) => c.id),
        repair: categories.filter((c) => c.kind === "repair").map((c) => c.id),
        suggestion: categories.filter((c) => c.kind === "suggestion").map((c) => c.id),
      },
      staffIds,
      workerIds,
    },
    {
      count: 900,
      fromMs: Date.now() - 100 * day,
      toMs: Date.now() - 10 * day,
      seed: 20261129,
      numberPrefix: "LS-",
      closedOnly: true,
    },
  );
}
