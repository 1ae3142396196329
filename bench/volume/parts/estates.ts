/**
 * Estates with their buildings, units and residents: ~120 estates of 300–1,500 units, most
 * units occupied by an owner, some also by family or a tenant (as the demo data does).
 */
import { unitNumberSortKey } from "@estate-desk/domain";
import { chinesePersonName, mobileNumber, pick } from "../../../apps/server/src/demo/generators.js";
import { newId } from "../../../apps/server/src/http/ids.js";
import type { Row } from "../sink.js";
import type { GeneratedEstate, SetupPart } from "../world.js";

export const ESTATE_COUNT = 120;

const NAME_STARTS = [
  "翠湖",
  "金色",
  "阳光",
  "绿城",
  "锦绣",
  "碧水",
  "东方",
  "滨江",
  "紫荆",
  "桂花",
  "明珠",
  "华府",
  "御景",
  "春晓",
  "星河",
  "枫林",
];
const NAME_ENDS = ["花园", "家园", "公寓", "名苑", "雅苑", "新村", "华庭", "湾"];
const DISTRICTS = ["西湖区", "拱墅区", "上城区", "滨江区", "余杭区", "萧山区"];

export const estatesPart: SetupPart = {
  name: "estates, buildings, units, residents",
  async run(world, sink) {
    const { random, orgId } = world;
    const now = world.now.toISOString();
    const usedNames = new Set<string>();
    const usedPhones = new Set<string>();
    for (let e = 0; e < ESTATE_COUNT; e++) {
      let name = `${pick(random, NAME_STARTS)}${pick(random, NAME_ENDS)}`;
      if (usedNames.has(name)) name = `${name}${Math.floor(e / 10) + 2}期`;
      while (usedNames.has(name)) name = `${name}·${e}`;
      usedNames.add(name);
      const code = `E${String(e + 1).padStart(3, "0")}`;
      const estate: GeneratedEstate = { id: newId(), code, name, units: [] };
      world.estates.push(estate);
      sink.insert("estates", [
        {
          id: estate.id,
          org_id: orgId,
          code,
          name,
          address: `杭州市${pick(random, DISTRICTS)}${name}路 ${1 + Math.floor(random() * 500)} 号`,
          complaint_hotline: `0571-8${String(e).padStart(3, "0")}1001`,
          repair_hotline: `0571-8${String(e).padStart(3, "0")}1002`,
          reception_address: `${name} 1 栋一楼物业服务中心`,
          public_code: `bench${e + 1}`,
          active: 1,
          created_at: now,
          updated_at: now,
        },
      ]);
      const buildings = 4 + Math.floor(random() * 16);
      const floors = 6 + Math.floor(random() * 22);
      const rooms = 2 + Math.floor(random() * 3);
      const buildingRows: Row[] = [];
      const unitRows: Row[] = [];
      const residentRows: Row[] = [];
      const linkRows: Row[] = [];
      const addResident = (unitId: string, relation: "owner" | "tenant" | "family") => {
        let phone = mobileNumber(random);
        while (usedPhones.has(phone)) phone = mobileNumber(random);
        usedPhones.add(phone);
        const id = newId();
        const residentName = chinesePersonName(random);
        world.residents.set(id, { name: residentName, phone });
        residentRows.push({
          id,
          org_id: orgId,
          name: residentName,
          phone,
          alt_phone: null,
          note: null,
          active: 1,
          created_at: now,
          updated_at: now,
        });
        linkRows.push({
          id: newId(),
          org_id: orgId,
          estate_id: estate.id,
          resident_id: id,
          unit_id: unitId,
          relation,
          active: 1,
          created_at: now,
        });
        return id;
      };
      for (let b = 1; b <= buildings; b++) {
        const buildingId = newId();
        const buildingName = `${b}栋`;
        buildingRows.push({
          id: buildingId,
          org_id: orgId,
          estate_id: estate.id,
          name: buildingName,
          sort_order: b,
          active: 1,
          created_at: now,
          updated_at: now,
        });
        for (let floor = 1; floor <= floors; floor++) {
          for (let room = 1; room <= rooms; room++) {
            const number = `${floor}${String(room).padStart(2, "0")}`;
            const unitId = newId();
            unitRows.push({
              id: unitId,
              org_id: orgId,
              estate_id: estate.id,
              building_id: buildingId,
              number,
              sort_key: unitNumberSortKey(number),
              floor,
              area_sqm: Math.round(60 + random() * 90),
              active: 1,
              created_at: now,
              updated_at: now,
            });
            const residentIds: string[] = [];
            const occupancy = random();
            if (occupancy >= 0.08) residentIds.push(addResident(unitId, "owner"));
            if (occupancy >= 0.08 && occupancy < 0.2) residentIds.push(addResident(unitId, "tenant"));
            else if (occupancy >= 0.2 && occupancy < 0.4) residentIds.push(addResident(unitId, "family"));
            estate.units.push({ id: unitId, estateIndex: e, buildingName, number, residentIds });
          }
        }
      }
      sink.insert("buildings", buildingRows);
      sink.insert("units", unitRows);
      sink.insert("residents", residentRows);
      sink.insert("resident_units", linkRows);
      if (e % 20 === 19) await sink.flush();
    }
    await sink.flush();
  },
};
