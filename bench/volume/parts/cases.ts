/**
 * The register (QR-022): a year of complaints, repairs and suggestions in chronological
 * order, numbered per estate, kind and day as intake numbers them, each with its search
 * index entry, and a status that matches its age (old cases mostly closed, recent ones in
 * every open state). The per-case parts after it write the rows each status implies.
 */
import {
  CASE_NUMBER_PREFIX,
  type CaseKind,
  type CaseStatus,
  type Channel,
  type HandlingStatus,
  urgencyRank,
  type WorkOrderStatus,
} from "@estate-desk/domain";
import { searchTermsOf, tsVectorOf } from "../../../apps/server/src/db/search.js";
import { pick } from "../../../apps/server/src/demo/generators.js";
import { newId } from "../../../apps/server/src/http/ids.js";
import { caseContent, PUBLIC_AREAS } from "../content.js";
import type { BulkSink, Row } from "../sink.js";
import type { GeneratedCase, GeneratedEstate, GeneratedUnit, World } from "../world.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The fate of a generated case: its status, and the state of its handling form or work order. */
export interface CaseFate {
  status: CaseStatus;
  handling: HandlingStatus | null;
  workOrder: WorkOrderStatus | null;
}

export type FatedCase = GeneratedCase & { fate: CaseFate };

function weighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return (choices.at(-1) as readonly [T, number])[0];
}

const KINDS = [
  ["repair", 60],
  ["complaint", 30],
  ["suggestion", 10],
] as const;
const CHANNELS: readonly (readonly [Channel, number])[] = [
  ["phone", 55],
  ["portal", 25],
  ["walk_in", 10],
  ["forwarded", 8],
  ["letter", 2],
];

/** Probability that a case of this age (days) is still open. */
function openProbability(ageDays: number): number {
  if (ageDays < 1) return 0.95;
  if (ageDays < 3) return 0.7;
  if (ageDays < 7) return 0.35;
  if (ageDays < 30) return 0.08;
  return 0.01;
}

const OPEN_HANDLING: readonly (readonly [[CaseStatus, HandlingStatus], number])[] = [
  [["routed", "routed"], 3],
  [["accepted", "accepted"], 3],
  [["in_progress", "in_progress"], 4],
  [["result_returned", "returned"], 2],
  [["awaiting_callback", "returned"], 2],
];
const OPEN_WORK_ORDER: readonly (readonly [[CaseStatus, WorkOrderStatus], number])[] = [
  [["dispatched", "dispatched"], 3],
  [["in_progress", "accepted"], 2],
  [["in_progress", "assigned"], 3],
  [["in_progress", "on_the_way"], 1],
  [["in_progress", "on_site"], 2],
  [["in_progress", "waiting"], 1],
  [["in_progress", "awaiting_evaluation"], 1],
  [["awaiting_callback", "awaiting_callback"], 2],
];

function fateOf(random: () => number, kind: CaseKind, channel: Channel, ageDays: number): CaseFate {
  if (channel === "forwarded" && ageDays < 2 && random() < 0.5) {
    return { status: "pending_intake", handling: null, workOrder: null };
  }
  const open = random() < openProbability(ageDays);
  switch (kind) {
    case "suggestion":
      return {
        status: open ? "registered" : random() < 0.97 ? "closed" : "withdrawn",
        handling: null,
        workOrder: null,
      };
    case "complaint": {
      if (open) {
        const [status, handling] = weighted(random, OPEN_HANDLING);
        return { status, handling, workOrder: null };
      }
      return random() < 0.96
        ? { status: "closed", handling: "returned", workOrder: null }
        : { status: "withdrawn", handling: "routed", workOrder: null };
    }
    case "repair": {
      if (open) {
        const [status, workOrder] = weighted(random, OPEN_WORK_ORDER);
        return { status, handling: null, workOrder };
      }
      const roll = random();
      if (roll < 0.93) return { status: "closed", handling: null, workOrder: "closed" };
      if (roll < 0.97) return { status: "withdrawn", handling: null, workOrder: "cancelled" };
      return { status: "closed", handling: null, workOrder: "not_done" };
    }
  }
}

export interface CaseStream {
  /** Generates and writes every case in chunks, calling the per-case parts for each chunk. */
  run(
    world: World,
    sink: BulkSink,
    total: number,
    onChunk: (cases: FatedCase[]) => void,
    progress: (done: number) => void,
  ): Promise<void>;
}

const CHUNK = 20_000;

export const casesStream: CaseStream = {
  async run(world, sink, total, onChunk, progress) {
    const { random, orgId } = world;
    const now = world.now.getTime();
    const start = now - 365 * DAY_MS;
    const counters = new Map<string, number>();
    const csAgents = world.staff.get("cs_agent") ?? [];
    const staffForwarders = [...(world.staff.get("dept_staff") ?? []), ...(world.staff.get("repair_worker") ?? [])];
    const categoriesOf = (kind: CaseKind) => world.categories.filter((category) => category.kind === kind);
    const categoriesByKind = {
      complaint: categoriesOf("complaint"),
      repair: categoriesOf("repair"),
      suggestion: categoriesOf("suggestion"),
    };
    // Busy estates get more cases: weight by size.
    const estateWeights = world.estates.map((estate) => [estate, estate.units.length] as const);
    const occupiedUnits = new Map(
      world.estates.map((estate) => [estate, estate.units.filter((unit) => unit.residentIds.length > 0)]),
    );
    const offsetMs = world.timeZoneOffsetMinutes * 60_000;
    let chunk: FatedCase[] = [];
    for (let i = 0; i < total; i++) {
      const receivedMs = Math.floor(start + ((i + random()) / total) * 365 * DAY_MS);
      const receivedAt = new Date(receivedMs).toISOString();
      const day = new Date(receivedMs + offsetMs).toISOString().slice(0, 10).replaceAll("-", "");
      const kind = weighted(random, KINDS);
      const channel = weighted(random, CHANNELS);
      const estate: GeneratedEstate = weighted(random, estateWeights);
      const occupied = occupiedUnits.get(estate) ?? [];
      const unit: GeneratedUnit | null = random() < 0.85 && occupied.length > 0 ? pick(random, occupied) : null;
      const residentId = unit ? pick(random, unit.residentIds) : null;
      const resident = residentId ? world.residents.get(residentId) : undefined;
      const visitor = resident
        ? null
        : {
            name: `${pick(random, ["王", "李", "张", "刘"])}先生`,
            phone: `139${String(i).padStart(8, "0").slice(-8)}`,
          };
      const publicArea = unit ? null : pick(random, PUBLIC_AREAS);
      const ageDays = (now - receivedMs) / DAY_MS;
      const fate = fateOf(random, kind, channel, ageDays);
      const category = fate.status === "pending_intake" ? null : pick(random, categoriesByKind[kind]);
      const content = caseContent(random, category?.code ?? pick(random, categoriesByKind[kind]).code);
      const counterKey = `${estate.id}|${kind}|${day}`;
      const sequence = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, sequence);
      const number = `${CASE_NUMBER_PREFIX[kind]}-${estate.code}-${day}-${String(sequence).padStart(4, "0")}`;
      const forwarder = channel === "forwarded" ? pick(random, staffForwarders) : null;
      const registeredBy = channel === "portal" ? null : pick(random, csAgents);
      const open = fate.status !== "closed" && fate.status !== "withdrawn";
      const settledMs = open
        ? receivedMs + random() * Math.min(now - receivedMs, 2 * DAY_MS)
        : Math.min(now - 1000, receivedMs + HOUR_MS + random() * (kind === "complaint" ? 5 : 3) * DAY_MS);
      const settledAt = new Date(settledMs).toISOString();
      const urgency = category?.urgency ?? "normal";
      const callbackPhone = resident?.phone ?? visitor?.phone ?? null;
      const createdBy = registeredBy ?? forwarder ?? (csAgents[0] as string);
      const row = {
        id: newId(),
        org_id: orgId,
        estate_id: estate.id,
        kind,
        number,
        status: fate.status,
        channel,
        received_at: receivedAt,
        received_by: registeredBy ?? forwarder,
        created_by: createdBy,
        forwarded_by_department_id: null,
        forwarded_by_user_id: forwarder,
        forwarded_by_name: forwarder ? "部门转来" : null,
        resident_id: residentId,
        visitor_name: visitor?.name ?? null,
        visitor_phone: visitor?.phone ?? null,
        unit_id: unit?.id ?? null,
        public_area: publicArea,
        category_id: category?.id ?? null,
        urgency,
        urgency_rank: urgencyRank(urgency),
        content,
        department_id: category?.departmentId ?? null,
        wants_callback: kind === "suggestion" ? 0 : 1,
        callback_phone: kind === "suggestion" ? null : callbackPhone,
        callback_note: null,
        duplicate_of_id: null,
        closed_at: open ? null : settledAt,
        // A complaint checked by customer service waits for its callback.
        checked_at:
          kind === "complaint" && (fate.status === "closed" || fate.status === "awaiting_callback") ? settledAt : null,
        checked_by:
          kind === "complaint" && (fate.status === "closed" || fate.status === "awaiting_callback") ? createdBy : null,
        created_at: receivedAt,
        updated_at: settledAt,
        source: "resident",
        is_major: 0,
      };
      const terms = searchTermsOf(
        number,
        content,
        resident?.name,
        resident?.phone,
        row.visitor_name,
        row.visitor_phone,
        row.callback_phone,
        unit ? `${unit.buildingName} ${unit.number}` : null,
        publicArea,
        row.forwarded_by_name,
      );
      const searchRow: Row =
        sink.kind === "sqlite" ? { ...row, search_rowid: i + 1 } : { ...row, search_vector: tsVectorOf(terms) };
      sink.insert("cases", [searchRow]);
      if (sink.kind === "sqlite") sink.insert("case_search", [{ rowid: i + 1, terms: terms.flat().join(" ") }]);
      chunk.push({
        row,
        estate,
        unit,
        category,
        residentId,
        registeredBy: createdBy,
        settledAt,
        fate,
      });
      if (chunk.length === CHUNK || i === total - 1) {
        onChunk(chunk);
        await sink.flush();
        progress(i + 1);
        chunk = [];
      }
    }
    const counterRows: Row[] = [];
    for (const [key, lastSeq] of counters) {
      const [estateId, kind, day] = key.split("|");
      counterRows.push({ org_id: orgId, estate_id: estateId, kind, day, last_seq: lastSeq });
    }
    sink.insert("case_counters", counterRows);
    await sink.flush();
  },
};
