/**
 * A generated data set for the statistics tests and the 1M-case timing (issue #8): cases of
 * every kind, channel, estate and category with sections, work orders, evaluations, urges
 * and deadlines met or missed, written straight into the tables (seeded, reproducible).
 */
import { type CaseKind, type CaseStatus, CHANNELS, SATISFACTIONS, type Urgency } from "@estate-desk/domain";
import type { Insertable } from "kysely";
import type { DbOrTx } from "../db/database.js";
import { kindOf } from "../db/dialect.js";
import type { CaseHandlingTable, CaseTable, WorkOrderTable } from "../db/schema.js";
import { newId } from "../http/ids.js";

/** A small deterministic PRNG (mulberry32). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GenerationWorld {
  orgId: string;
  estateIds: string[];
  /** Units per estate id. */
  unitIds: Record<string, string[]>;
  departmentIds: string[];
  categoryIds: Record<CaseKind, string[]>;
  staffIds: string[];
  workerIds: string[];
}

export interface GenerationOptions {
  count: number;
  /** Received in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  seed: number;
  /** Case numbers are `${prefix}${index}`. */
  numberPrefix: string;
  batchSize?: number;
  /** Every case done and closed (the demo's history: nothing left in anyone's queue). */
  closedOnly?: boolean;
}

const CONTENTS: Record<CaseKind, readonly string[]> = {
  complaint: [
    "楼上装修噪音扰民，周末早上八点前就开始施工",
    "夜间保安巡逻不到位，单元门经常敞开",
    "垃圾清运不及时，垃圾桶周围有异味",
    "地下车库车位被外来车辆占用",
    "物业费账单与实际面积不符",
    "绿化带长期无人修剪",
  ],
  repair: ["卫生间天花板漏水", "楼道灯不亮", "厨房下水道堵塞", "入户门门锁损坏", "阳台排水管渗水", "电梯按钮失灵"],
  suggestion: ["建议增加儿童游乐设施", "建议小区门口增设快递柜", "建议延长东门开放时间"],
};
const VISITORS = ["王先生", "李女士", "张阿姨", "刘先生", "陈女士", "赵师傅"];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export async function generateCases(db: DbOrTx, world: GenerationWorld, options: GenerationOptions): Promise<void> {
  const random = randomSource(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const iso = (ms: number) => new Date(ms).toISOString();
  const batchSize = options.batchSize ?? 200;
  // SQLite's cases carry their row of the search index (db/search.ts); none is needed here.
  let searchRowid =
    kindOf(db) === "sqlite"
      ? Number(
          (
            await db
              .selectFrom("cases")
              .select((eb) => eb.fn.max("search_rowid").as("last"))
              .executeTakeFirst()
          )?.last ?? 0,
        )
      : undefined;
  let cases: Insertable<CaseTable>[] = [];
  let handlings: Insertable<CaseHandlingTable>[] = [];
  let orders: Insertable<WorkOrderTable>[] = [];
  const flush = async () => {
    if (cases.length > 0) await db.insertInto("cases").values(cases).execute();
    if (handlings.length > 0) await db.insertInto("case_handlings").values(handlings).execute();
    if (orders.length > 0) await db.insertInto("work_orders").values(orders).execute();
    cases = [];
    handlings = [];
    orders = [];
  };
  for (let index = 0; index < options.count; index++) {
    const kind: CaseKind = random() < 0.45 ? "complaint" : random() < 0.8 ? "repair" : "suggestion";
    const estateId = pick(world.estateIds);
    const receivedMs = Math.floor(options.fromMs + random() * (options.toMs - options.fromMs));
    const received = iso(receivedMs);
    const id = newId();
    const staff = pick(world.staffIds);
    const departmentId = kind === "suggestion" ? null : pick(world.departmentIds);
    const urgency: Urgency = pick(["low", "normal", "high", "urgent"] as const);
    const progress = options.closedOnly ? 0.6 + random() * 0.4 : random();
    let status: CaseStatus = kind === "suggestion" ? "registered" : kind === "complaint" ? "routed" : "dispatched";
    let closedAt: string | null = null;
    if (kind === "complaint") {
      // One or two sections; each accepted and returned, quickly or late, or still waiting.
      const sections = random() < 0.2 ? 2 : 1;
      let allReturned = true;
      let lastReturned = receivedMs;
      for (let section = 0; section < sections; section++) {
        const routedMs = receivedMs + Math.floor(random() * 30 * MINUTE);
        const acceptDue = routedMs + 2 * HOUR;
        const resultDue = routedMs + 48 * HOUR;
        const accepted = progress > 0.1 ? routedMs + Math.floor(random() * 4 * HOUR) : null;
        const returned = accepted !== null && progress > 0.3 ? accepted + Math.floor(random() * 80 * HOUR) : null;
        if (returned === null) allReturned = false;
        else lastReturned = Math.max(lastReturned, returned);
        handlings.push({
          id: newId(),
          org_id: world.orgId,
          case_id: id,
          department_id:
            section === 0 && departmentId
              ? departmentId
              : (world.departmentIds.find((other) => other !== departmentId) ?? pick(world.departmentIds)),
          status: returned !== null ? "returned" : accepted !== null ? "accepted" : "routed",
          routed_at: iso(routedMs),
          routed_by: staff,
          accepted_at: accepted === null ? null : iso(accepted),
          accepted_by: accepted === null ? null : staff,
          assignee_id: accepted === null ? null : pick(world.staffIds),
          returned_at: returned === null ? null : iso(returned),
          returned_by: returned === null ? null : staff,
          result: returned === null ? null : "已处理",
          measures: returned === null ? null : "上门核实并处理",
          accept_due_at: random() < 0.95 ? iso(acceptDue) : null,
          result_due_at: iso(resultDue),
          created_at: iso(routedMs),
          updated_at: iso(routedMs),
        });
      }
      if (allReturned) status = "result_returned";
      if (allReturned && progress > 0.5) {
        status = "closed";
        closedAt = iso(lastReturned + Math.floor(random() * 24 * HOUR));
      } else if (progress > 0.1) status = allReturned ? "result_returned" : "accepted";
    } else if (kind === "repair") {
      const dispatchedMs = receivedMs + Math.floor(random() * 20 * MINUTE);
      const accepted = progress > 0.1 ? dispatchedMs + Math.floor(random() * 90 * MINUTE) : null;
      const completed = accepted !== null && progress > 0.35 ? accepted + Math.floor(random() * 30 * HOUR) : null;
      const evaluated = completed !== null && random() < 0.8;
      const closed = completed !== null && progress > 0.55;
      const workerId = accepted === null ? null : pick(world.workerIds);
      const urges = random() < 0.15 ? 1 + Math.floor(random() * 3) : 0;
      if (closed && completed !== null) {
        status = "closed";
        closedAt = iso(completed + Math.floor(random() * 12 * HOUR));
      } else if (accepted !== null) status = "in_progress";
      orders.push({
        id: newId(),
        org_id: world.orgId,
        estate_id: estateId,
        case_id: id,
        status: closed
          ? "closed"
          : completed !== null
            ? "awaiting_evaluation"
            : accepted !== null
              ? "assigned"
              : "dispatched",
        trade_id: null,
        urgency,
        dispatched_at: iso(dispatchedMs),
        dispatched_by: staff,
        accepted_at: accepted === null ? null : iso(accepted),
        accepted_by: accepted === null ? null : staff,
        worker_id: workerId,
        assigned_at: accepted === null ? null : iso(accepted),
        completed_at: completed === null ? null : iso(completed),
        satisfaction: evaluated ? pick(SATISFACTIONS) : null,
        stars: evaluated ? 1 + Math.floor(random() * 5) : null,
        evaluated_at: evaluated && completed !== null ? iso(completed + HOUR) : null,
        urge_count: urges,
        last_urged_at: urges > 0 ? iso(dispatchedMs + HOUR) : null,
        accept_due_at: random() < 0.95 ? iso(dispatchedMs + 30 * MINUTE) : null,
        result_due_at: iso(dispatchedMs + 24 * HOUR),
        closed_at: closedAt,
        created_at: iso(dispatchedMs),
        updated_at: iso(dispatchedMs),
      });
    } else if (progress > 0.4) {
      status = "closed";
      closedAt = iso(receivedMs + Math.floor(random() * 200 * HOUR));
    }
    const units = world.unitIds[estateId] ?? [];
    const categories = world.categoryIds[kind];
    cases.push({
      id,
      org_id: world.orgId,
      estate_id: estateId,
      kind,
      number: `${options.numberPrefix}${index}`,
      status,
      channel: pick(CHANNELS),
      received_at: received,
      received_by: staff,
      created_by: staff,
      forwarded_by_department_id: null,
      forwarded_by_user_id: null,
      forwarded_by_name: null,
      resident_id: null,
      visitor_name: pick(VISITORS),
      visitor_phone: `1380000${String(index % 10_000).padStart(4, "0")}`,
      unit_id: units.length > 0 && random() < 0.9 ? pick(units) : null,
      public_area: null,
      category_id: categories.length > 0 && random() < 0.95 ? pick(categories) : null,
      urgency,
      urgency_rank: { low: 3, normal: 2, high: 1, urgent: 0 }[urgency],
      content: pick(CONTENTS[kind]),
      department_id: departmentId,
      wants_callback: 0,
      callback_phone: null,
      callback_note: null,
      duplicate_of_id: null,
      closed_at: closedAt,
      created_at: received,
      updated_at: received,
      ...(searchRowid === undefined ? {} : { search_rowid: ++searchRowid }),
    });
    if (cases.length >= batchSize) await flush();
  }
  await flush();
}
