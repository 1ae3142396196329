// Unit tests of the escalation arithmetic (issue #4 item 6): levels counted in working time
// across a weekend, the National Day holiday and its 调休 working Saturday, and a pause.
import { createBusinessCalendar } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { BUILT_IN_DEADLINES } from "../calendar/calendar.service.js";
import { ALL_CHINA_CALENDAR_DAYS } from "../calendar/china-holidays.js";
import { escalationLevelAt, escalationSchedule, levelsToAnnounce } from "./deadline-escalation.js";

// Monday to Friday 08:30–12:00 and 13:30–17:30 Shanghai time, with the State Council's days.
const calendar = createBusinessCalendar({
  timeZone: "Asia/Shanghai",
  days: ALL_CHINA_CALENDAR_DAYS.map((day) => [day.day, day.kind] as const),
});
// Accept within 30 working minutes, result within 480, warn at 80 %, escalate after 240.
const policy = BUILT_IN_DEADLINES.complaint;

/** Shanghai wall-clock time → instant (UTC+8, no daylight saving). */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe("escalation schedule and level (issue #4 item 6)", () => {
  it("counts the acceptance deadline of a complaint routed late on Friday on into Monday", () => {
    const routedAt = sh("2026-11-27T17:10:00");
    const schedule = escalationSchedule(calendar, policy, {
      deadline: "accept",
      routedAt,
      dueAt: sh("2026-11-30T08:40:00"),
    });
    // 20 minutes on Friday, the rest on Monday morning; the weekend does not count.
    expect(schedule).toEqual({
      warnAt: sh("2026-11-30T08:34:00"),
      dueAt: sh("2026-11-30T08:40:00"),
      csHeadAt: sh("2026-11-30T14:10:00"),
      managementRepresentativeAt: sh("2026-12-01T09:10:00"),
    });
    const levelAt = (local: string) => escalationLevelAt(schedule, sh(local));
    expect(levelAt("2026-11-27T17:29:00")).toBe(0);
    expect(levelAt("2026-11-28T12:00:00")).toBe(0); // Saturday
    expect(levelAt("2026-11-29T23:59:00")).toBe(0); // Sunday night
    expect(levelAt("2026-11-30T08:33:59")).toBe(0);
    expect(levelAt("2026-11-30T08:34:00")).toBe(1);
    expect(levelAt("2026-11-30T08:40:00")).toBe(2);
    expect(levelAt("2026-11-30T14:09:59")).toBe(2);
    expect(levelAt("2026-11-30T14:10:00")).toBe(3);
    expect(levelAt("2026-12-01T09:09:59")).toBe(3);
    expect(levelAt("2026-12-01T09:10:00")).toBe(4);
    expect(levelAt("2027-03-01T09:10:00")).toBe(4);
  });

  it("stops the result clock over the National Day holiday and counts the 调休 Saturday as working", () => {
    // Wednesday 30 September 2026, 17:00: half an hour of work left before 1–7 October off.
    const schedule = escalationSchedule(calendar, policy, {
      deadline: "result",
      routedAt: sh("2026-09-30T17:00:00"),
      dueAt: sh("2026-10-08T17:30:00"),
    });
    expect(schedule).toEqual({
      warnAt: sh("2026-10-08T15:54:00"),
      dueAt: sh("2026-10-08T17:30:00"),
      csHeadAt: sh("2026-10-09T14:00:00"),
      // Saturday 10 October is a make-up working day.
      managementRepresentativeAt: sh("2026-10-10T09:00:00"),
    });
    expect(escalationLevelAt(schedule, sh("2026-10-03T10:00:00"))).toBe(0);
    expect(escalationLevelAt(schedule, sh("2026-10-08T15:54:00"))).toBe(1);
    expect(escalationLevelAt(schedule, sh("2026-10-09T08:00:00"))).toBe(2);
    expect(escalationLevelAt(schedule, sh("2026-10-09T17:00:00"))).toBe(3);
    expect(escalationLevelAt(schedule, sh("2026-10-10T08:59:00"))).toBe(3);
    expect(escalationLevelAt(schedule, sh("2026-10-10T09:00:00"))).toBe(4);
  });

  it("moves the warning on with a deadline that a pause moved on", () => {
    // Paused for one working hour: resume moved the due date from Monday 08:40 to 09:40.
    const schedule = escalationSchedule(calendar, policy, {
      deadline: "accept",
      routedAt: sh("2026-11-27T17:10:00"),
      dueAt: sh("2026-11-30T09:40:00"),
    });
    expect(schedule.warnAt).toBe(sh("2026-11-30T09:34:00"));
    expect(escalationLevelAt(schedule, sh("2026-11-30T08:41:00"))).toBe(0);
    expect(escalationLevelAt(schedule, sh("2026-11-30T09:35:00"))).toBe(1);
  });

  it("never warns after the deadline when the policy changed since routing", () => {
    const schedule = escalationSchedule(calendar, policy, {
      deadline: "accept",
      routedAt: sh("2026-11-27T17:10:00"),
      dueAt: sh("2026-11-27T17:20:00"),
    });
    expect(schedule.warnAt).toBe(sh("2026-11-27T17:20:00"));
  });

  it("announces every level passed, but not 'approaching' once the deadline has passed", () => {
    expect(levelsToAnnounce(0, 1)).toEqual([1]);
    expect(levelsToAnnounce(0, 2)).toEqual([2]);
    expect(levelsToAnnounce(1, 2)).toEqual([2]);
    expect(levelsToAnnounce(0, 4)).toEqual([2, 3, 4]);
    expect(levelsToAnnounce(2, 4)).toEqual([3, 4]);
    expect(levelsToAnnounce(3, 3)).toEqual([]);
  });
});
