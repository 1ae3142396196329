import { describe, expect, it } from "vitest";
import { changedFields, displayValue } from "../components/auditDiff";
import { safeNextPath } from "./format";

describe("the sign-in redirect", () => {
  it("returns only to paths inside the app", () => {
    expect(safeNextPath("/admin/estates?q=1")).toBe("/admin/estates?q=1");
    expect(safeNextPath("//evil.example/")).toBeNull();
    expect(safeNextPath("https://evil.example/")).toBeNull();
    expect(safeNextPath("/login")).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});

describe("the change history", () => {
  it("lists only the fields an update changed, ignoring timestamps", () => {
    const before = { id: "1", name: "春华园", code: "CHY", active: true, updatedAt: "a" };
    const after = { id: "1", name: "春华苑", code: "CHY", active: false, updatedAt: "b" };
    expect(changedFields(before, after)).toEqual([
      { field: "name", before: "春华园", after: "春华苑" },
      { field: "active", before: true, after: false },
    ]);
  });

  it("lists every field set by a creation", () => {
    expect(changedFields(null, { id: "1", name: "A", address: null })).toEqual([
      { field: "name", before: undefined, after: "A" },
    ]);
  });

  it("shows values readably", () => {
    const texts = { yes: "是", no: "否", empty: "（空）" };
    expect(displayValue(null, texts)).toBe("（空）");
    expect(displayValue(false, texts)).toBe("否");
    expect(displayValue(["a", "b"], texts)).toBe("a、b");
    expect(displayValue([{ label: "1栋 1-101" }], texts)).toBe("1栋 1-101");
  });
});
