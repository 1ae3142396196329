import { describe, expect, it } from "vitest";
import { sampleWithSeed } from "./nonconformity-workflow.js";
import {
  addCalendarDays,
  characterBigrams,
  jaccard,
  mondayOf,
  suggestGroupings,
  textSimilarity,
} from "./suggestions.js";

describe("textual similarity of suggestions (R-4.7.2)", () => {
  it("compares Chinese text by character bigrams, ignoring punctuation and spaces", () => {
    expect([...characterBigrams("电梯，故障")]).toEqual(["电梯", "梯故", "故障"]);
    expect([...characterBigrams("灯")]).toEqual(["灯"]);
    expect(jaccard(characterBigrams("电梯故障"), characterBigrams("电梯故障"))).toBe(1);
    expect(textSimilarity("", "")).toBe(0);
  });

  it("rates the same problem in other words above unrelated problems", () => {
    const lift = textSimilarity("3栋电梯经常故障，希望尽快维修", "3栋的电梯又故障了，请尽快修好");
    const unrelated = textSimilarity("3栋电梯经常故障，希望尽快维修", "建议在东门增设快递柜");
    expect(lift).toBeGreaterThan(0.2);
    expect(unrelated).toBeLessThan(0.05);
  });

  it("suggests the obvious groupings and leaves the singletons out", () => {
    const groups = suggestGroupings([
      { id: "lift-1", text: "3栋电梯经常故障，希望尽快维修" },
      { id: "parcel-1", text: "建议在东门增设快递柜" },
      { id: "lift-2", text: "3栋的电梯又故障了，请尽快修好" },
      { id: "dog-1", text: "小区里遛狗不牵绳，很危险" },
      { id: "parcel-2", text: "东门能不能增设一个快递柜" },
      { id: "lift-3", text: "电梯故障频繁" },
      { id: "dog-2", text: "遛狗不牵绳的太多了" },
      { id: "alone", text: "表扬保安小李拾金不昧" },
    ]);
    expect(groups.map((group) => group.ids)).toEqual([
      ["lift-1", "lift-2", "lift-3"],
      ["parcel-1", "parcel-2"],
      ["dog-1", "dog-2"],
    ]);
    for (const group of groups) expect(group.score).toBeGreaterThan(0);
  });

  it("finds weeks starting on Monday", () => {
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // a Sunday
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-12-02")).toBe("2026-11-30");
    expect(addCalendarDays("2026-12-30", 3)).toBe("2027-01-02");
  });
});

describe("seeded samples of callbacks to inspect (R-4.8.1)", () => {
  const ids = Array.from({ length: 40 }, (_value, index) => `cb-${String(index).padStart(2, "0")}`);

  it("draws the same sample from the same seed, whatever order the ids come in", () => {
    const first = sampleWithSeed(ids, 5, "2026-W48-abc");
    expect(sampleWithSeed([...ids].reverse(), 5, "2026-W48-abc")).toEqual(first);
    expect(new Set(first).size).toBe(5);
    expect(sampleWithSeed(ids, 5, "another seed")).not.toEqual(first);
  });

  it("takes everything when the pool is smaller than the sample", () => {
    expect(sampleWithSeed(["b", "a"], 5, "x").sort()).toEqual(["a", "b"]);
  });
});
