import { describe, expect, it } from "vitest";
import { addDays, isDateText, isoToZonedLocal, zonedDayStartIso, zonedLocalToIso, zonedToday } from "./zonedTime";

describe("dates in the organisation's time zone", () => {
  it("start a Shanghai day at 16:00 UTC the day before", () => {
    expect(zonedDayStartIso("2026-11-29", "Asia/Shanghai")).toBe("2026-11-28T16:00:00.000Z");
    expect(zonedDayStartIso("2026-11-29", "UTC")).toBe("2026-11-29T00:00:00.000Z");
  });

  it("follow daylight saving time where there is one", () => {
    expect(zonedDayStartIso("2026-07-01", "Europe/Berlin")).toBe("2026-06-30T22:00:00.000Z");
    expect(zonedDayStartIso("2026-12-01", "Europe/Berlin")).toBe("2026-11-30T23:00:00.000Z");
  });

  it("refuse malformed and impossible dates", () => {
    expect(zonedDayStartIso("2026-02-30", "UTC")).toBeNull();
    expect(zonedDayStartIso("29.11.2026", "UTC")).toBeNull();
    expect(isDateText("2026-11-29")).toBe(true);
    expect(isDateText("2026-13-01")).toBe(false);
    expect(isDateText(null)).toBe(false);
  });

  it("add days across month and year ends", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("read a datetime-local value as the zone's wall clock, and back", () => {
    expect(zonedLocalToIso("2026-11-29T09:30", "Asia/Shanghai")).toBe("2026-11-29T01:30:00.000Z");
    expect(zonedLocalToIso("not a time", "Asia/Shanghai")).toBeNull();
    expect(isoToZonedLocal("2026-11-29T01:30:00.000Z", "Asia/Shanghai")).toBe("2026-11-29T09:30");
    expect(zonedToday("Asia/Shanghai", Date.parse("2026-11-28T17:00:00Z"))).toBe("2026-11-29");
  });
});
