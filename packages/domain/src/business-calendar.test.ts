import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingMinutes,
  type BusinessCalendar,
  businessCalendarSettingsSchema,
  type CalendarDayKind,
  calendarDateSchema,
  createBusinessCalendar,
  DEFAULT_WORKING_PERIODS,
  deadlinePolicyInputSchema,
  isWorkingTime,
  nextWorkingMoment,
  WEEKDAYS,
  type WeeklyWorkingPeriods,
  type WorkingPeriod,
  workingMinutesBetween,
  zonedDateOf,
} from "./business-calendar.js";

const SHANGHAI = "Asia/Shanghai";

/** 2026 as in the State Council notice: the days these examples cross. */
const CHINA_2026: Array<[string, CalendarDayKind]> = [
  ...["02-15", "02-16", "02-17", "02-18", "02-19", "02-20", "02-21", "02-22", "02-23"].map(
    (day): [string, CalendarDayKind] => [`2026-${day}`, "holiday"],
  ),
  ["2026-02-14", "workday"],
  ["2026-02-28", "workday"],
  ...["01", "02", "03", "04", "05", "06", "07"].map((day): [string, CalendarDayKind] => [`2026-10-${day}`, "holiday"]),
  ["2026-09-20", "workday"],
  ["2026-10-10", "workday"],
];

const china = createBusinessCalendar({ timeZone: SHANGHAI, days: CHINA_2026 });

/** Shanghai wall-clock time (UTC+8, no DST) as an ISO instant. */
const cst = (local: string) => new Date(`${local}:00+08:00`).toISOString();

describe("working-time arithmetic on the default calendar (Mon–Fri 08:30–12:00, 13:30–17:30)", () => {
  it("crosses the weekend: Friday 17:00 + 60 minutes is Monday 09:00, + 90 is Monday 09:30", () => {
    // 30 minutes remain on Friday (to 17:30); the rest counts from Monday 08:30.
    expect(addWorkingMinutes(china, cst("2026-11-27T17:00"), 60)).toBe(cst("2026-11-30T09:00"));
    expect(addWorkingMinutes(china, cst("2026-11-27T17:00"), 90)).toBe(cst("2026-11-30T09:30"));
    expect(workingMinutesBetween(china, cst("2026-11-27T17:00"), cst("2026-11-30T09:30"))).toBe(90);
  });

  it("skips the lunch break", () => {
    expect(addWorkingMinutes(china, cst("2026-11-26T11:45"), 30)).toBe(cst("2026-11-26T13:45"));
  });

  it("ends an exact fit at the close of the period, not the next morning", () => {
    expect(addWorkingMinutes(china, cst("2026-11-27T17:00"), 30)).toBe(cst("2026-11-27T17:30"));
  });

  it("counts a start outside working time from the next working moment", () => {
    expect(addWorkingMinutes(china, cst("2026-11-28T10:00"), 30)).toBe(cst("2026-11-30T09:00"));
    expect(addWorkingMinutes(china, cst("2026-11-26T06:00"), 30)).toBe(cst("2026-11-26T09:00"));
    expect(nextWorkingMoment(china, cst("2026-11-26T12:10"))).toBe(cst("2026-11-26T13:30"));
    expect(nextWorkingMoment(china, cst("2026-11-26T10:10"))).toBe(cst("2026-11-26T10:10"));
  });

  it("takes 0 minutes as the start itself", () => {
    expect(addWorkingMinutes(china, cst("2026-11-28T10:00"), 0)).toBe(cst("2026-11-28T10:00"));
  });

  it("treats a period as including its start and excluding its end", () => {
    expect(isWorkingTime(china, cst("2026-11-26T08:30"))).toBe(true);
    expect(isWorkingTime(china, cst("2026-11-26T12:00"))).toBe(false);
    expect(isWorkingTime(china, cst("2026-11-28T10:00"))).toBe(false);
  });

  it("answers 0 for an empty or reversed range", () => {
    expect(workingMinutesBetween(china, cst("2026-11-26T10:00"), cst("2026-11-26T10:00"))).toBe(0);
    expect(workingMinutesBetween(china, cst("2026-11-26T11:00"), cst("2026-11-26T10:00"))).toBe(0);
  });

  it("refuses negative minutes and malformed instants", () => {
    expect(() => addWorkingMinutes(china, cst("2026-11-26T10:00"), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(china, "yesterday", 10)).toThrow(RangeError);
  });
});

describe("public holidays and make-up working days (调休), China 2026", () => {
  it("jumps National Day (10-01..10-07): Wednesday 30 Sep 17:00 + 60 is Thursday 8 Oct 09:00", () => {
    expect(addWorkingMinutes(china, cst("2026-09-30T17:00"), 60)).toBe(cst("2026-10-08T09:00"));
    expect(workingMinutesBetween(china, cst("2026-09-30T17:30"), cst("2026-10-08T08:30"))).toBe(0);
  });

  it("counts the 调休 working Saturday 10 October: Friday 9 Oct 17:00 + 60 is Saturday 09:00", () => {
    expect(addWorkingMinutes(china, cst("2026-10-09T17:00"), 60)).toBe(cst("2026-10-10T09:00"));
    expect(isWorkingTime(china, cst("2026-10-10T10:00"))).toBe(true);
    // The Saturday before (3 Oct) is a holiday and an ordinary Saturday (17 Oct) is not worked.
    expect(isWorkingTime(china, cst("2026-10-17T10:00"))).toBe(false);
  });

  it("counts the 调休 Sunday 20 September", () => {
    expect(addWorkingMinutes(china, cst("2026-09-19T09:00"), 30)).toBe(cst("2026-09-20T09:00"));
  });

  it("crosses Spring Festival (02-15..02-23) from the working Saturday 14 Feb to Tuesday 24 Feb", () => {
    expect(addWorkingMinutes(china, cst("2026-02-13T17:00"), 60)).toBe(cst("2026-02-14T09:00"));
    expect(addWorkingMinutes(china, cst("2026-02-14T17:00"), 60)).toBe(cst("2026-02-24T09:00"));
    expect(workingMinutesBetween(china, cst("2026-02-14T12:00"), cst("2026-02-24T12:00"))).toBe(240 + 210);
  });

  it("works a make-up day's own hours when they are configured", () => {
    const shortMakeUp = createBusinessCalendar({
      timeZone: SHANGHAI,
      makeUpDayPeriods: [{ start: "09:00", end: "12:00" }],
      days: CHINA_2026,
    });
    expect(addWorkingMinutes(shortMakeUp, cst("2026-10-09T17:00"), 60)).toBe(cst("2026-10-10T09:30"));
    expect(addWorkingMinutes(shortMakeUp, cst("2026-10-10T11:30"), 60)).toBe(cst("2026-10-12T09:00"));
  });

  it("gives a holiday on a weekday no working time", () => {
    expect(isWorkingTime(china, cst("2026-10-05T10:00"))).toBe(false);
    expect(nextWorkingMoment(china, cst("2026-10-05T10:00"))).toBe(cst("2026-10-08T08:30"));
  });
});

describe("time zones with daylight saving time (Intl offsets, not a fixed +8)", () => {
  const allDay: WorkingPeriod[] = [{ start: "00:00", end: "24:00" }];
  const everyDay = (periods: WorkingPeriod[]): WeeklyWorkingPeriods => ({
    mon: periods,
    tue: periods,
    wed: periods,
    thu: periods,
    fri: periods,
    sat: periods,
    sun: periods,
  });
  const berlin = createBusinessCalendar({ timeZone: "Europe/Berlin", workingPeriods: everyDay(allDay) });

  it("counts the real length of the days the clocks change: 23 and 25 hours", () => {
    // 29 Mar 2026 02:00 → 03:00 CEST; 25 Oct 2026 03:00 → 02:00 CET.
    expect(workingMinutesBetween(berlin, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")).toBe(23 * 60);
    expect(workingMinutesBetween(berlin, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")).toBe(25 * 60);
  });

  it("keeps office hours on the local wall clock across the change", () => {
    const office = createBusinessCalendar({ timeZone: "Europe/Berlin" });
    // Friday 27 March 17:00 CET (16:00Z) + 60 → Monday 30 March 09:00 CEST (07:00Z).
    expect(addWorkingMinutes(office, "2026-03-27T16:00:00Z", 60)).toBe("2026-03-30T07:00:00.000Z");
  });

  it("gives a period that straddles the skipped hour its real length", () => {
    const night = createBusinessCalendar({
      timeZone: "Europe/Berlin",
      workingPeriods: everyDay([{ start: "01:00", end: "04:00" }]),
    });
    expect(workingMinutesBetween(night, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")).toBe(120);
    expect(workingMinutesBetween(night, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")).toBe(240);
  });

  it("finds the local date of an instant", () => {
    expect(zonedDateOf(SHANGHAI, "2026-11-29T16:30:00Z")).toBe("2026-11-30");
    expect(zonedDateOf("America/New_York", "2026-11-29T03:30:00Z")).toBe("2026-11-28");
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const clockTime = (quarterHours: number) =>
  `${String(Math.floor(quarterHours / 4)).padStart(2, "0")}:${String((quarterHours % 4) * 15).padStart(2, "0")}`;

/** Ordered, non-overlapping periods on the quarter hour, possibly none. */
const periodsArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((bounds) => {
  const sorted = [...bounds].sort((a, b) => a - b);
  const periods: WorkingPeriod[] = [];
  for (let index = 0; index + 1 < sorted.length; index += 2) {
    periods.push({ start: clockTime(sorted[index] ?? 0), end: clockTime(sorted[index + 1] ?? 0) });
  }
  return periods;
});

const minutesPerWeek = (days: readonly (readonly WorkingPeriod[])[]) =>
  days.flat().reduce((sum, period) => sum + clockMinutes(period.end) - clockMinutes(period.start), 0);
const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

// At least an hour a week: 12,000 minutes then fit well inside the ten years the arithmetic
// searches before deciding a calendar has no working time.
const weekArbitrary = fc
  .tuple(...WEEKDAYS.map(() => periodsArbitrary))
  .filter((days) => minutesPerWeek(days) >= 60)
  .map(
    ([mon, tue, wed, thu, fri, sat, sun]): WeeklyWorkingPeriods => ({
      mon: mon ?? [],
      tue: tue ?? [],
      wed: wed ?? [],
      thu: thu ?? [],
      fri: fri ?? [],
      sat: sat ?? [],
      sun: sun ?? [],
    }),
  );

const DAY_MS = 86_400_000;
const FROM_2026 = Date.UTC(2026, 0, 1);
const dayKeyArbitrary = fc.integer({ min: 0, max: 760 }).map((offset) => {
  return new Date(FROM_2026 + offset * DAY_MS).toISOString().slice(0, 10);
});
const daysArbitrary = fc.array(fc.tuple(dayKeyArbitrary, fc.constantFrom<CalendarDayKind>("holiday", "workday")), {
  maxLength: 40,
});

const zoneArbitrary = fc.constantFrom(
  SHANGHAI,
  "UTC",
  "Asia/Kolkata",
  "Europe/Berlin",
  "America/New_York",
  "America/Santiago",
  "Australia/Lord_Howe",
);

const calendarArbitrary: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: zoneArbitrary,
    workingPeriods: weekArbitrary,
    makeUpDayPeriods: periodsArbitrary,
    days: daysArbitrary,
  })
  .map((options) => createBusinessCalendar(options));

/** Instants across 2026 and 2027, to the millisecond. */
const instantArbitrary = fc
  .integer({ min: FROM_2026, max: Date.UTC(2027, 11, 31) })
  .map((instant) => new Date(instant).toISOString());
const minutesArbitrary = fc.integer({ min: 0, max: 12_000 });

const at = (iso: string, deltaMs: number) => new Date(Date.parse(iso) + deltaMs).toISOString();

describe("properties of working-time arithmetic", () => {
  it("round-trips: the working minutes from the start to start + m are m", () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, minutesArbitrary, (calendar, start, minutes) => {
        const due = addWorkingMinutes(calendar, start, minutes);
        expect(workingMinutesBetween(calendar, start, due)).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });

  it("is monotonic in the minutes", () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, minutesArbitrary, minutesArbitrary, (calendar, start, a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        expect(Date.parse(addWorkingMinutes(calendar, start, fewer))).toBeLessThanOrEqual(
          Date.parse(addWorkingMinutes(calendar, start, more)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("lands in working time when minutes > 0: the moment before the result is working time, and the result is too unless it closes a period", () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 1, max: 12_000 }),
        (calendar, start, minutes) => {
          const due = addWorkingMinutes(calendar, start, minutes);
          expect(isWorkingTime(calendar, at(due, -1))).toBe(true);
          if (!isWorkingTime(calendar, due)) {
            // A period's end: nothing of the next minute is working time.
            expect(workingMinutesBetween(calendar, due, at(due, 1))).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("splits: adding a then b equals adding a + b", () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, minutesArbitrary, minutesArbitrary, (calendar, start, a, b) => {
        expect(addWorkingMinutes(calendar, addWorkingMinutes(calendar, start, a), b)).toBe(
          addWorkingMinutes(calendar, start, a + b),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("never lands on a holiday: the last working moment before the result is on a working day", () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 1, max: 12_000 }),
        (calendar, start, minutes) => {
          const due = addWorkingMinutes(calendar, start, minutes);
          const day = zonedDateOf(calendar.timeZone, at(due, -1));
          expect(calendar.days.get(day)).not.toBe("holiday");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("adds up: the working minutes of [a, c] are those of [a, b] and [b, c]", () => {
    fc.assert(
      fc.property(calendarArbitrary, fc.array(instantArbitrary, { minLength: 3, maxLength: 3 }), (calendar, points) => {
        const [a, b, c] = [...points].sort();
        if (a === undefined || b === undefined || c === undefined) return;
        expect(workingMinutesBetween(calendar, a, c)).toBeCloseTo(
          workingMinutesBetween(calendar, a, b) + workingMinutesBetween(calendar, b, c),
          9,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("finds the next working moment: working time, with nothing working before it", () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, (calendar, instant) => {
        const next = nextWorkingMoment(calendar, instant);
        expect(isWorkingTime(calendar, next)).toBe(true);
        expect(workingMinutesBetween(calendar, instant, next)).toBe(0);
        expect(next >= new Date(Date.parse(instant)).toISOString()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a minute-by-minute count in Shanghai (UTC+8, no DST)", () => {
    // An independent oracle: the wall clock is the instant plus eight hours.
    const isWorkingMinute = (calendar: BusinessCalendar, instant: number) => {
      const local = new Date(instant + 8 * 3_600_000);
      const key = local.toISOString().slice(0, 10);
      const kind = calendar.days.get(key);
      const weekday = WEEKDAYS[(local.getUTCDay() + 6) % 7] ?? "mon";
      const periods =
        kind === "holiday" ? [] : kind === "workday" ? calendar.makeUpDayPeriods : calendar.workingPeriods[weekday];
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      return periods.some((period) => {
        const [startHour, startMinute] = period.start.split(":").map(Number);
        const [endHour, endMinute] = period.end.split(":").map(Number);
        return minute >= (startHour ?? 0) * 60 + (startMinute ?? 0) && minute < (endHour ?? 0) * 60 + (endMinute ?? 0);
      });
    };
    const shanghaiCalendar = calendarArbitrary.map((calendar) => ({ ...calendar, timeZone: SHANGHAI }));
    const wholeMinute = fc
      .integer({ min: FROM_2026 / 60_000, max: Date.UTC(2027, 11, 1) / 60_000 })
      .map((minute) => minute * 60_000);
    fc.assert(
      fc.property(shanghaiCalendar, wholeMinute, fc.integer({ min: 1, max: 1_500 }), (calendar, start, minutes) => {
        // Keeps the minute-by-minute loop short.
        fc.pre(minutesPerWeek(WEEKDAYS.map((day) => calendar.workingPeriods[day])) >= 600);
        let counted = 0;
        let instant = start;
        while (counted < minutes) {
          if (isWorkingMinute(calendar, instant)) counted++;
          instant += 60_000;
        }
        expect(addWorkingMinutes(calendar, new Date(start).toISOString(), minutes)).toBe(
          new Date(instant).toISOString(),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe("speed", () => {
  it("computes a deadline of 10,000 working minutes in well under a millisecond", () => {
    const start = cst("2026-09-01T10:00");
    addWorkingMinutes(china, start, 10_000);
    // Date.now(): the domain package is typed without Node or DOM globals such as `performance`.
    const runs = 1_000;
    const began = Date.now();
    for (let run = 0; run < runs; run++) addWorkingMinutes(china, at(start, run * 60_000), 10_000);
    const perCall = (Date.now() - began) / runs;
    expect(perCall).toBeLessThan(0.5);
  });
});

describe("calendar settings input", () => {
  const week = (periods: unknown) => ({ workingPeriods: { ...DEFAULT_WORKING_PERIODS, mon: periods } });

  it("accepts the default week, a day to 24:00 and touching periods", () => {
    expect(businessCalendarSettingsSchema.safeParse({ workingPeriods: DEFAULT_WORKING_PERIODS }).success).toBe(true);
    const touching = [
      { start: "00:00", end: "12:00" },
      { start: "12:00", end: "24:00" },
    ];
    expect(businessCalendarSettingsSchema.safeParse(week(touching)).success).toBe(true);
  });

  it("refuses overlapping periods, a period ending before it starts, and times that are no times", () => {
    const overlapping = [
      { start: "08:30", end: "12:00" },
      { start: "11:00", end: "17:30" },
    ];
    const outOfOrder = [
      { start: "13:30", end: "17:30" },
      { start: "08:30", end: "12:00" },
    ];
    for (const periods of [
      overlapping,
      outOfOrder,
      [{ start: "12:00", end: "08:30" }],
      [{ start: "09:00", end: "09:00" }],
      [{ start: "25:00", end: "26:00" }],
      [{ start: "8:30", end: "12:00" }],
    ]) {
      expect(businessCalendarSettingsSchema.safeParse(week(periods)).success, JSON.stringify(periods)).toBe(false);
    }
  });

  it("refuses a week without any working time", () => {
    const empty = Object.fromEntries(WEEKDAYS.map((day) => [day, []]));
    expect(businessCalendarSettingsSchema.safeParse({ workingPeriods: empty }).success).toBe(false);
  });

  it("takes only real dates", () => {
    expect(calendarDateSchema.safeParse("2026-10-01").success).toBe(true);
    for (const day of ["2026-02-30", "2026-13-01", "2026-1-1", "20261001"]) {
      expect(calendarDateSchema.safeParse(day).success, day).toBe(false);
    }
  });

  it("checks that a policy's deadlines follow each other and that only repairs have an arrival", () => {
    const base = { kind: "repair", acceptMinutes: 30, arriveMinutes: 120, resultMinutes: 480 };
    expect(deadlinePolicyInputSchema.parse(base)).toMatchObject({ warnPercent: 80, escalateAfterMinutes: 240 });
    expect(deadlinePolicyInputSchema.safeParse({ ...base, acceptMinutes: 600 }).success).toBe(false);
    expect(deadlinePolicyInputSchema.safeParse({ ...base, arriveMinutes: 10 }).success).toBe(false);
    expect(deadlinePolicyInputSchema.safeParse({ ...base, kind: "complaint" }).success).toBe(false);
    expect(deadlinePolicyInputSchema.safeParse({ ...base, warnPercent: 100 }).success).toBe(false);
  });
});
