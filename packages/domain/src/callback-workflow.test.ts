import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  DEFAULT_CALLBACK_SETTINGS,
  planDueAt,
  type SampleCandidate,
  sampleTarget,
  sampleWorkOrders,
  weekStartOf,
  zonedInstant,
} from "./callback-workflow.js";

const candidateArb = fc.record({
  id: fc.uuid(),
  workerId: fc.option(fc.constantFrom("w1", "w2", "w3", "w4", "w5", "w6"), { nil: null }),
  tradeId: fc.option(fc.constantFrom("plumbing", "electric", "carpentry", "lifts"), { nil: null }),
  dissatisfied: fc.boolean(),
  reworked: fc.boolean(),
});
const ordersArb = fc.uniqueArray(candidateArb, { selector: (o) => o.id, maxLength: 80 });
const rateArb = fc.integer({ min: 30, max: 100 });

function covers(orders: readonly SampleCandidate[], ids: ReadonlySet<string>, key: "workerId" | "tradeId") {
  const all = new Set(orders.flatMap((o) => (o[key] ? [o[key]] : [])));
  const sampled = new Set(orders.filter((o) => ids.has(o.id)).flatMap((o) => (o[key] ? [o[key]] : [])));
  return [...all].every((value) => sampled.has(value));
}

describe("the weekly sample of dispatch orders (R-4.6.1)", () => {
  it("a week with 40 orders yields at least 12, covering every worker and trade, with every dissatisfied order; the seed reproduces it", () => {
    const orders: SampleCandidate[] = Array.from({ length: 40 }, (_, i) => ({
      id: `order-${String(i).padStart(2, "0")}`,
      workerId: `worker-${i % 7}`,
      tradeId: `trade-${i % 3}`,
      dissatisfied: i % 11 === 3,
      reworked: i === 20,
    }));
    const sample = sampleWorkOrders(orders, 30, "2026-11-30:seed");
    expect(sample.length).toBeGreaterThanOrEqual(12);
    const ids = new Set(sample.map((s) => s.id));
    expect(covers(orders, ids, "workerId")).toBe(true);
    expect(covers(orders, ids, "tradeId")).toBe(true);
    for (const order of orders.filter((o) => o.dissatisfied || o.reworked)) expect(ids.has(order.id)).toBe(true);
    expect(sampleWorkOrders([...orders].reverse(), 30, "2026-11-30:seed")).toEqual(sample);
    expect(sampleWorkOrders(orders, 30, "another seed")).not.toEqual(sample);
  });

  it("property: at least the rate, every stratum, every dissatisfied and reworked order; deterministic by seed", () => {
    fc.assert(
      fc.property(ordersArb, rateArb, fc.string(), (orders, rate, seed) => {
        const sample = sampleWorkOrders(orders, rate, seed);
        const ids = new Set(sample.map((s) => s.id));
        expect(ids.size).toBe(sample.length);
        expect(sample.length).toBeGreaterThanOrEqual(sampleTarget(orders.length, rate));
        expect(sample.length).toBeLessThanOrEqual(orders.length);
        expect(covers(orders, ids, "workerId")).toBe(true);
        expect(covers(orders, ids, "tradeId")).toBe(true);
        for (const order of orders) if (order.dissatisfied || order.reworked) expect(ids.has(order.id)).toBe(true);
        const shuffled = [...orders].sort((a, b) => (a.id > b.id ? -1 : 1));
        expect(sampleWorkOrders(shuffled, rate, seed)).toEqual(sample);
      }),
      { numRuns: 300 },
    );
  });
});

describe("weeks in the organisation's time zone (R-4.4.2)", () => {
  it("a Monday just after midnight in Shanghai is still Sunday in UTC but belongs to the new week", () => {
    expect(weekStartOf("Asia/Shanghai", "2026-11-29T16:30:00Z")).toBe("2026-11-30");
    expect(weekStartOf("UTC", "2026-11-29T16:30:00Z")).toBe("2026-11-23");
    expect(zonedInstant("Asia/Shanghai", "2026-11-30", "09:00")).toBe("2026-11-30T01:00:00.000Z");
    expect(planDueAt("Asia/Shanghai", "2026-11-30", DEFAULT_CALLBACK_SETTINGS)).toBe("2026-11-30T01:00:00.000Z");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });

  it("daylight saving: the plan time stays 09:00 on the wall clock", () => {
    expect(zonedInstant("Europe/Berlin", "2026-03-30", "09:00")).toBe("2026-03-30T07:00:00.000Z");
    expect(zonedInstant("Europe/Berlin", "2026-03-23", "09:00")).toBe("2026-03-23T08:00:00.000Z");
  });
});
