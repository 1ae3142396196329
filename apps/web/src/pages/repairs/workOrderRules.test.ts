import { WORK_ORDER_ACTIONS, type WorkOrder } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import type { RepairWorker } from "../../api/workOrders";
import {
  cleanMaterials,
  dialogFor,
  fenToYuan,
  groupByLane,
  isForToday,
  orderWorkers,
  primaryStep,
  requiredFields,
  secondarySteps,
  sortUrgentFirst,
  yuanToFen,
} from "./workOrderRules";

const PLUMBING = { id: "t-plumb", name: "水电" };
const LIFT = { id: "t-lift", name: "电梯" };

function worker(id: string, trades: RepairWorker["trades"], openOrders: number): RepairWorker {
  return { id, name: id, phone: null, trades, openOrders, onDuty: true };
}

describe("the action → dialog mapping from WORK_ORDER_RULES", () => {
  it("asks for exactly what the server requires", () => {
    expect(dialogFor("accept")).toBeNull();
    expect(dialogFor("start")).toBeNull();
    expect(dialogFor("arrive")).toBeNull();
    expect(dialogFor("resume")).toBeNull();
    expect(dialogFor("assign")).toBe("worker");
    expect(dialogFor("transfer")).toBe("workerAndReason");
    expect(dialogFor("wait")).toBe("waitReason");
    expect(dialogFor("complete")).toBe("complete");
    expect(dialogFor("evaluate")).toBe("evaluate");
    for (const action of ["revisit", "return_to_lead", "cancel", "give_up", "close"] as const) {
      expect(dialogFor(action), action).toBe("reason");
    }
  });

  it("has a dialog for every field of every action, so no step is sent without what it needs", () => {
    for (const action of WORK_ORDER_ACTIONS) {
      const fields = requiredFields(action);
      const dialog = dialogFor(action);
      if (fields.length === 0) expect(dialog, action).toBeNull();
      else expect(dialog, action).not.toBeNull();
    }
  });
});

describe("the worker's step buttons", () => {
  it("puts the next forward step in the big button and the ending steps last", () => {
    const actions = ["start", "arrive", "wait", "give_up", "return_to_lead"] as const;
    expect(primaryStep(actions)).toBe("start");
    expect(secondarySteps(actions)).toEqual(["arrive", "wait", "give_up", "return_to_lead"]);
    expect(primaryStep(["wait", "give_up"])).toBeNull();
    expect(primaryStep(["resume", "give_up"])).toBe("resume");
  });
});

describe("the workers offered for an order", () => {
  it("lists the workers of the order's trade first, least loaded first, the others after as not fitting", () => {
    const workers = [
      worker("lift-idle", [LIFT], 0),
      worker("plumb-busy", [PLUMBING], 4),
      worker("plumb-free", [PLUMBING, LIFT], 1),
    ];
    const choices = orderWorkers(workers, PLUMBING.id);
    expect(choices.map((c) => [c.worker.id, c.fits])).toEqual([
      ["plumb-free", true],
      ["plumb-busy", true],
      ["lift-idle", false],
    ]);
  });

  it("lets anyone take an order without a trade, least loaded first", () => {
    const choices = orderWorkers([worker("b", [LIFT], 2), worker("a", [], 2), worker("c", [PLUMBING], 0)], null);
    expect(choices.map((c) => c.worker.id)).toEqual(["c", "a", "b"]);
    expect(choices.every((c) => c.fits)).toBe(true);
  });
});

type Row = Pick<WorkOrder, "id" | "status" | "urgency" | "dispatchedAt">;

describe("the board", () => {
  const rows: Row[] = [
    { id: "1", status: "dispatched", urgency: "normal", dispatchedAt: "2026-01-01T08:00:00Z" },
    { id: "2", status: "dispatched", urgency: "urgent", dispatchedAt: "2026-01-01T09:00:00Z" },
    { id: "3", status: "dispatched", urgency: "normal", dispatchedAt: "2026-01-01T07:00:00Z" },
    { id: "4", status: "on_site", urgency: "high", dispatchedAt: "2026-01-01T07:00:00Z" },
    { id: "5", status: "accepted", urgency: "low", dispatchedAt: "2026-01-01T07:00:00Z" },
    { id: "6", status: "awaiting_evaluation", urgency: "low", dispatchedAt: "2026-01-01T07:00:00Z" },
    { id: "7", status: "closed", urgency: "urgent", dispatchedAt: "2026-01-01T07:00:00Z" },
  ];

  it("sorts urgent first, then the longest waiting", () => {
    expect(sortUrgentFirst(rows.slice(0, 3)).map((r) => r.id)).toEqual(["2", "3", "1"]);
  });

  it("groups open orders into lanes and leaves finished ones off", () => {
    const lanes = groupByLane(rows);
    expect(lanes.new.map((r) => r.id)).toEqual(["2", "3", "1"]);
    expect(lanes.accepted.map((r) => r.id)).toEqual(["5"]);
    expect(lanes.inHand.map((r) => r.id)).toEqual(["4"]);
    expect(lanes.evaluation.map((r) => r.id)).toEqual(["6"]);
  });
});

describe("materials typed on the phone", () => {
  it("drops blank rows and keeps complete ones trimmed", () => {
    expect(cleanMaterials([{ name: " 水管 ", quantity: 2, unit: "米" }, {}, { name: "", unit: "" }])).toEqual({
      ok: true,
      materials: [{ name: "水管", quantity: 2, unit: "米" }],
    });
  });

  it("points at a half-filled row", () => {
    expect(cleanMaterials([{ name: "水管", quantity: 1, unit: "米" }, { name: "胶带" }])).toEqual({
      ok: false,
      row: 1,
    });
    expect(cleanMaterials([{ name: "水管", quantity: 0, unit: "米" }])).toEqual({ ok: false, row: 0 });
  });
});

describe("the worker's today filter and money in fen (issue #5)", () => {
  const base = {
    status: "assigned" as const,
    assignedAt: "2026-11-20T02:00:00.000Z",
    expectedArrivalAt: null,
    arriveDueAt: null,
    resultDueAt: null,
    arrivedAt: null,
  };
  // Monday 30 November 2026, 10:00 in Shanghai.
  const now = Date.parse("2026-11-30T02:00:00.000Z");
  it("keeps orders under way, assigned today, or due today or earlier", () => {
    expect(isForToday({ ...base, status: "on_site" }, now, "Asia/Shanghai")).toBe(true);
    expect(isForToday({ ...base, assignedAt: "2026-11-29T17:00:00.000Z" }, now, "Asia/Shanghai")).toBe(true);
    expect(isForToday({ ...base, arriveDueAt: "2026-11-30T09:00:00.000Z" }, now, "Asia/Shanghai")).toBe(true);
    expect(isForToday({ ...base, arriveDueAt: "2026-12-01T01:00:00.000Z" }, now, "Asia/Shanghai")).toBe(false);
    expect(
      isForToday(
        { ...base, arriveDueAt: "2026-11-30T03:00:00.000Z", expectedArrivalAt: "2026-12-02T03:00:00.000Z" },
        now,
        "Asia/Shanghai",
      ),
    ).toBe(false);
  });
  it("turns yuan into integer fen without float dust", () => {
    expect(yuanToFen(25.5)).toBe(2550);
    expect(yuanToFen(0.29)).toBe(29);
    expect(fenToYuan(11400)).toBe("114.00");
  });
});
