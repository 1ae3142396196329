/**
 * Pure helpers for the repair screens: which fields a step needs (read from the domain's
 * WORK_ORDER_RULES, so the dialogs follow the server's rules), how the board groups and sorts
 * orders, which workers to offer first, the worker's today filter and money in fen. The
 * resident's step-by-step progress comes from the server (`progress`, decision 0007).
 */
import {
  URGENCIES,
  type Urgency,
  urgencyRank,
  WORK_ORDER_RULES,
  type WorkOrder,
  type WorkOrderAction,
  type WorkOrderField,
  type WorkOrderStatus,
} from "@estate-desk/domain";
import type { RepairWorker } from "../../api/workOrders";

/** The fields a step must carry, exactly as the server's rule lists them. */
export function requiredFields(action: WorkOrderAction): readonly WorkOrderField[] {
  return WORK_ORDER_RULES[action].requires;
}

/** What a dialog asks for before a step is sent; null when one tap is enough. */
export type ActionDialog = "reason" | "waitReason" | "worker" | "workerAndReason" | "complete" | "evaluate" | null;

export function dialogFor(action: WorkOrderAction): ActionDialog {
  const fields = requiredFields(action);
  if (fields.includes("workDone")) return "complete";
  if (fields.includes("evaluation")) return "evaluate";
  if (fields.includes("workerId")) return fields.includes("comment") ? "workerAndReason" : "worker";
  if (fields.includes("waitReason")) return "waitReason";
  if (fields.includes("comment")) return "reason";
  return null;
}

/** The steps that move the repair forward, in the order a worker meets them; the rest are detours. */
const FORWARD_STEPS: readonly WorkOrderAction[] = ["start", "arrive", "resume", "complete", "evaluate"];
/** Steps that end or hand back the order: shown apart and in red so they are not tapped by mistake. */
const DANGER_STEPS: ReadonlySet<WorkOrderAction> = new Set<WorkOrderAction>(["give_up", "cancel", "return_to_lead"]);

/** The big button at the bottom of the worker's screen: the next step forward, if any. */
export function primaryStep(actions: readonly WorkOrderAction[]): WorkOrderAction | null {
  return FORWARD_STEPS.find((step) => actions.includes(step)) ?? null;
}

/** The other steps the server allows, forward ones first, the ending ones last. */
export function secondarySteps(actions: readonly WorkOrderAction[]): WorkOrderAction[] {
  const primary = primaryStep(actions);
  const rest = actions.filter((action) => action !== primary);
  return [...rest.filter((a) => !DANGER_STEPS.has(a)), ...rest.filter((a) => DANGER_STEPS.has(a))];
}

export function isDangerStep(action: WorkOrderAction): boolean {
  return DANGER_STEPS.has(action);
}

export function isUrgency(value: string): value is Urgency {
  return URGENCIES.some((urgency) => urgency === value);
}

/** The order's urgency, defaulting to normal for a value this client does not know. */
export function urgencyOf(order: Pick<WorkOrder, "urgency">): Urgency {
  return isUrgency(order.urgency) ? order.urgency : "normal";
}

/** Urgent first, then the longest waiting: what needs a hand next. */
export function sortUrgentFirst<T extends Pick<WorkOrder, "urgency" | "dispatchedAt" | "id">>(
  orders: readonly T[],
): T[] {
  return [...orders].sort(
    (a, b) =>
      urgencyRank(urgencyOf(b)) - urgencyRank(urgencyOf(a)) ||
      a.dispatchedAt.localeCompare(b.dispatchedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** The board's columns, left to right as an order moves through the team. */
export const BOARD_LANES = ["new", "accepted", "inHand", "evaluation"] as const;
export type BoardLane = (typeof BOARD_LANES)[number];

export function laneOf(status: WorkOrderStatus): BoardLane | null {
  switch (status) {
    case "dispatched":
      return "new";
    case "accepted":
      return "accepted";
    case "assigned":
    case "on_the_way":
    case "on_site":
    case "waiting":
      return "inHand";
    case "awaiting_evaluation":
      return "evaluation";
    default:
      return null;
  }
}

export function groupByLane<T extends Pick<WorkOrder, "status" | "urgency" | "dispatchedAt" | "id">>(
  orders: readonly T[],
): Record<BoardLane, T[]> {
  const lanes: Record<BoardLane, T[]> = { new: [], accepted: [], inHand: [], evaluation: [] };
  for (const order of sortUrgentFirst(orders)) {
    const lane = laneOf(order.status);
    if (lane !== null) lanes[lane].push(order);
  }
  return lanes;
}

export interface WorkerChoice {
  worker: RepairWorker;
  /** Has the order's trade; the server refuses anyone else. */
  fits: boolean;
}

/**
 * Workers to offer for an order: those of its trade first and the least loaded among them
 * first; the others after, marked as not fitting. Without a trade on the order anyone fits.
 */
export function orderWorkers(workers: readonly RepairWorker[], tradeId: string | null): WorkerChoice[] {
  return workers
    .map((worker) => ({ worker, fits: tradeId === null || worker.trades.some((trade) => trade.id === tradeId) }))
    .sort(
      (a, b) =>
        Number(b.fits) - Number(a.fits) ||
        a.worker.openOrders - b.worker.openOrders ||
        a.worker.name.localeCompare(b.worker.name, "zh-CN"),
    );
}

/** Whether a worker may take an order: has its trade (or it has none). */
export function workerFits(worker: RepairWorker, tradeId: string | null): boolean {
  return tradeId === null || worker.trades.some((trade) => trade.id === tradeId);
}

/** A material row as typed on the phone; blank rows are dropped, half-filled ones are errors. */
export interface MaterialDraft {
  name?: string;
  quantity?: number | null;
  unit?: string;
}

export function cleanMaterials(
  rows: readonly MaterialDraft[],
): { ok: true; materials: { name: string; quantity: number; unit: string }[] } | { ok: false; row: number } {
  const materials: { name: string; quantity: number; unit: string }[] = [];
  for (const [index, row] of rows.entries()) {
    const name = row.name?.trim() ?? "";
    const unit = row.unit?.trim() ?? "";
    const quantity = row.quantity ?? null;
    if (name === "" && unit === "" && quantity === null) continue;
    if (name === "" || unit === "" || quantity === null || !(quantity > 0)) return { ok: false, row: index };
    materials.push({ name, quantity, unit });
  }
  return { ok: true, materials };
}

/** The calendar day of an instant on the organisation's wall clock, YYYY-MM-DD. */
export function dayIn(timeZone: string, instant: number | string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

/**
 * The worker's "today" filter (issue #5 item 6): orders already under way, assigned today, or
 * due (expected arrival, else the arrival or completion deadline) today or earlier.
 */
export function isForToday(
  order: Pick<WorkOrder, "status" | "assignedAt" | "expectedArrivalAt" | "arriveDueAt" | "resultDueAt" | "arrivedAt">,
  now: number,
  timeZone: string,
): boolean {
  if (order.status === "on_the_way" || order.status === "on_site") return true;
  const today = dayIn(timeZone, now);
  if (order.assignedAt && dayIn(timeZone, order.assignedAt) === today) return true;
  const due = order.arrivedAt === null ? (order.expectedArrivalAt ?? order.arriveDueAt) : order.resultDueAt;
  return due !== null && dayIn(timeZone, due) <= today;
}

/** Yuan as typed (up to two decimals) to integer fen, and back for display. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
