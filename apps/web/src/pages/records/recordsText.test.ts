import { describe, expect, it } from "vitest";
import { fromCheckValue, isMasked, recentPeriods, toCheckValue } from "./recordsText";

describe("records screen helpers", () => {
  it("lists recent months newest first across a year boundary", () => {
    expect(recentPeriods(new Date("2026-02-10T00:00:00Z"), 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
  });
  it("recognises masked contacts", () => {
    expect(isMasked("138****1234")).toBe(true);
    expect(isMasked("13812341234")).toBe(false);
    expect(isMasked(null)).toBe(false);
  });
  it("turns checklist answers into select values and back", () => {
    for (const value of [true, false, null]) expect(fromCheckValue(toCheckValue(value))).toBe(value);
  });
});
