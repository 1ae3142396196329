import { DEFAULT_WORKING_PERIODS } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { calendarDraftProblem, minutesAsHours, nextPeriod } from "./calendarEdit";

const week = DEFAULT_WORKING_PERIODS;

describe("the working-hours editor", () => {
  it("accepts the usual office hours", () => {
    expect(calendarDraftProblem({ workingPeriods: week, makeUpDayPeriods: [...week.mon] })).toBeNull();
  });

  it("names overlapping or backwards periods, and a week without working time", () => {
    const overlapping = {
      ...week,
      mon: [
        { start: "08:30", end: "12:00" },
        { start: "11:00", end: "17:30" },
      ],
    };
    expect(calendarDraftProblem({ workingPeriods: overlapping, makeUpDayPeriods: [] })).toBe("periodInvalid");
    const backwards = { ...week, tue: [{ start: "17:00", end: "08:00" }] };
    expect(calendarDraftProblem({ workingPeriods: backwards, makeUpDayPeriods: [] })).toBe("periodInvalid");
    const empty = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(calendarDraftProblem({ workingPeriods: empty, makeUpDayPeriods: [] })).toBe("needWorkingTime");
  });

  it("adds a period after the last one of the day", () => {
    expect(nextPeriod([])).toEqual({ start: "08:30", end: "12:00" });
    expect(nextPeriod([{ start: "08:30", end: "12:00" }])).toEqual({ start: "13:00", end: "17:00" });
  });

  it("shows working minutes as hours", () => {
    expect(minutesAsHours(30)).toBe("0.5");
    expect(minutesAsHours(480)).toBe("8");
    expect(minutesAsHours(100)).toBe("1.7");
  });
});
