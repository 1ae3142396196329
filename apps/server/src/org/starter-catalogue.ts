import type { CaseKind, DepartmentFunction, Urgency } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";

/**
 * The departments, trades and categories a Chinese management centre typically runs with.
 * A new organisation starts with them (editable afterwards) so that intake works on day one.
 */
export const STARTER_DEPARTMENTS: ReadonlyArray<{ code: string; name: string; function: DepartmentFunction }> = [
  { code: "CS", name: "客户服务部", function: "customer_service" },
  { code: "ENG", name: "工程部", function: "engineering" },
  { code: "SEC", name: "秩序维护部", function: "security" },
  { code: "ENV", name: "环境部", function: "environment" },
  { code: "QA", name: "品质管理部", function: "quality" },
  { code: "MGMT", name: "管理处", function: "management" },
];

export const STARTER_TRADES: ReadonlyArray<{ code: string; name: string }> = [
  { code: "PLUMB_ELEC", name: "水电" },
  { code: "CIVIL", name: "土建" },
  { code: "HVAC", name: "空调" },
  { code: "LIFT", name: "电梯" },
  { code: "DOOR_WINDOW", name: "门窗五金" },
  { code: "WEAK_CURRENT", name: "弱电" },
];

interface StarterCategory {
  kind: CaseKind;
  code: string;
  name: string;
  department?: string;
  trade?: string;
  urgency?: Urgency;
}

export const STARTER_CATEGORIES: readonly StarterCategory[] = [
  { kind: "complaint", code: "SERVICE", name: "服务态度", department: "CS" },
  { kind: "complaint", code: "SECURITY", name: "安全秩序", department: "SEC" },
  { kind: "complaint", code: "CLEANING", name: "环境卫生", department: "ENV" },
  { kind: "complaint", code: "GREENERY", name: "绿化养护", department: "ENV" },
  { kind: "complaint", code: "PARKING", name: "停车管理", department: "SEC" },
  { kind: "complaint", code: "NOISE", name: "噪音扰民", department: "SEC" },
  { kind: "complaint", code: "FACILITY", name: "设施设备", department: "ENG" },
  { kind: "complaint", code: "REPAIR_QUALITY", name: "维修质量", department: "ENG" },
  { kind: "complaint", code: "FEES", name: "收费问题", department: "CS" },
  { kind: "complaint", code: "DECORATION", name: "装修管理", department: "ENG" },
  { kind: "repair", code: "WATER_LEAK", name: "漏水渗水", department: "ENG", trade: "PLUMB_ELEC", urgency: "high" },
  { kind: "repair", code: "PIPE_BLOCK", name: "管道堵塞", department: "ENG", trade: "PLUMB_ELEC" },
  { kind: "repair", code: "POWER", name: "停电跳闸", department: "ENG", trade: "PLUMB_ELEC", urgency: "high" },
  { kind: "repair", code: "LIGHTING", name: "照明灯具", department: "ENG", trade: "PLUMB_ELEC", urgency: "low" },
  { kind: "repair", code: "LIFT_FAULT", name: "电梯故障", department: "ENG", trade: "LIFT", urgency: "urgent" },
  { kind: "repair", code: "WALL_CRACK", name: "墙面地面", department: "ENG", trade: "CIVIL" },
  { kind: "repair", code: "DOOR_LOCK", name: "门窗门锁", department: "ENG", trade: "DOOR_WINDOW" },
  { kind: "repair", code: "AIRCON", name: "空调故障", department: "ENG", trade: "HVAC" },
  { kind: "repair", code: "INTERCOM", name: "门禁对讲", department: "ENG", trade: "WEAK_CURRENT" },
  { kind: "suggestion", code: "MANAGEMENT", name: "管理建议", department: "CS", urgency: "low" },
  { kind: "suggestion", code: "AMENITY", name: "配套设施", department: "ENG", urgency: "low" },
  { kind: "suggestion", code: "COMMUNITY", name: "社区活动", department: "CS", urgency: "low" },
  { kind: "suggestion", code: "PRAISE", name: "表扬", department: "CS", urgency: "low" },
];

export interface StarterCatalogueIds {
  departments: Map<string, string>;
  trades: Map<string, string>;
}

export async function createStarterCatalogue(db: DbOrTx, orgId: string): Promise<StarterCatalogueIds> {
  const now = nowIso();
  const departments = new Map(STARTER_DEPARTMENTS.map((d) => [d.code, newId()]));
  const trades = new Map(STARTER_TRADES.map((t) => [t.code, newId()]));
  await db
    .insertInto("departments")
    .values(
      STARTER_DEPARTMENTS.map((d) => ({
        id: departments.get(d.code) as string,
        org_id: orgId,
        code: d.code,
        name: d.name,
        function: d.function,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto("trades")
    .values(
      STARTER_TRADES.map((t) => ({
        id: trades.get(t.code) as string,
        org_id: orgId,
        code: t.code,
        name: t.name,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto("categories")
    .values(
      STARTER_CATEGORIES.map((c, index) => ({
        id: newId(),
        org_id: orgId,
        kind: c.kind,
        code: c.code,
        name: c.name,
        default_department_id: c.department ? (departments.get(c.department) ?? null) : null,
        default_trade_id: c.trade ? (trades.get(c.trade) ?? null) : null,
        default_urgency: c.urgency ?? "normal",
        sort_order: index,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return { departments, trades };
}
