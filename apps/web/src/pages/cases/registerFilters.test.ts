import { describe, expect, it } from "vitest";
import {
  hasActiveFilters,
  isSearchable,
  parseRegisterFilters,
  type RegisterFilters,
  registerApiQuery,
  registerFiltersToSearch,
  withSorter,
} from "./registerFilters";

const ESTATE = "0193b7a0-0000-7000-8000-000000000001";
const CATEGORY = "0193b7a0-0000-7000-8000-000000000002";

describe("register filters in the URL", () => {
  it("survive a round trip through the query string", () => {
    const filters: RegisterFilters = {
      kind: "complaint",
      estateId: ESTATE,
      status: "routed",
      categoryId: CATEGORY,
      channel: "phone",
      from: "2026-11-01",
      to: "2026-11-29",
      q: "漏水",
      sort: "urgency",
      order: "asc",
    };
    const search = registerFiltersToSearch(filters);
    expect(search.toString()).toBe(
      `kind=complaint&estate=${ESTATE}&status=routed&category=${CATEGORY}&channel=phone&from=2026-11-01&to=2026-11-29&q=%E6%BC%8F%E6%B0%B4&sort=urgency&order=asc`,
    );
    expect(parseRegisterFilters(search)).toEqual(filters);
  });

  it("leave the default sort out, so the plain register has a plain URL", () => {
    expect(registerFiltersToSearch({ sort: "receivedAt", order: "desc" }).toString()).toBe("");
    expect(parseRegisterFilters(new URLSearchParams())).toEqual({ sort: "receivedAt", order: "desc" });
  });

  it("drop what a hand-edited link got wrong instead of sending it to be refused", () => {
    const parsed = parseRegisterFilters(
      new URLSearchParams("kind=parcel&estate=abc&status=open&from=2026-02-30&to=yesterday&sort=name&order=up&q=%20"),
    );
    expect(parsed).toEqual({ sort: "receivedAt", order: "desc" });
  });

  it("tell whether anything narrows the register", () => {
    expect(hasActiveFilters({ sort: "number", order: "asc" })).toBe(false);
    expect(hasActiveFilters({ sort: "receivedAt", order: "desc", kind: "repair" })).toBe(true);
  });
});

describe("the register's API query", () => {
  it("turns days into instants of the organisation's zone, the last day included", () => {
    const query = registerApiQuery(
      { from: "2026-11-01", to: "2026-11-29", sort: "receivedAt", order: "desc" },
      "Asia/Shanghai",
    );
    expect(query.from).toBe("2026-10-31T16:00:00.000Z");
    expect(query.to).toBe("2026-11-29T16:00:00.000Z");
  });

  it("sends free text only with two letters or digits, as the server needs", () => {
    expect(isSearchable("漏水")).toBe(true);
    expect(isSearchable("电")).toBe(false);
    expect(isSearchable("- 8")).toBe(false);
    expect(isSearchable("01")).toBe(true);
    expect(registerApiQuery({ q: "电", sort: "receivedAt", order: "desc" }, "UTC").q).toBeUndefined();
    expect(registerApiQuery({ q: "8000", sort: "receivedAt", order: "desc" }, "UTC").q).toBe("8000");
  });

  it("follows the table's sorter and falls back to newest first when it is cleared", () => {
    const base: RegisterFilters = { sort: "receivedAt", order: "desc", kind: "repair" };
    expect(withSorter(base, "number", "ascend")).toEqual({ kind: "repair", sort: "number", order: "asc" });
    expect(withSorter(base, "urgency", "descend")).toMatchObject({ sort: "urgency", order: "desc" });
    expect(withSorter({ ...base, sort: "number" }, "number", null)).toMatchObject({
      sort: "receivedAt",
      order: "desc",
    });
    expect(withSorter(base, "content", "ascend")).toMatchObject({ sort: "receivedAt", order: "desc" });
  });
});
