// The business calendar and deadline policies: issue #4 item 6. The procedure asks
// departments to act "at once"; the system turns that into deadlines counted in
// WORKING time on the organisation's calendar: working hours per weekday, public holidays,
// and make-up working days (调休). Pure: no I/O, time zones through Intl only.
import { z } from "zod";
import { caseKindSchema, idSchema, urgencySchema } from "./org.js";

// ---------------------------------------------------------------------------------------
// Vocabulary and input schemas

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "HH:MM" on the wall clock of the organisation's time zone; "24:00" closes a day. */
export const clockTimeSchema = z.string().regex(CLOCK_TIME, "a time of day HH:MM between 00:00 and 24:00");

/** Minutes after local midnight of an "HH:MM" clock time (assumed valid). */
export function minutesOfDay(clockTime: string): number {
  return Number(clockTime.slice(0, 2)) * 60 + Number(clockTime.slice(3, 5));
}

export const workingPeriodSchema = z
  .object({ start: clockTimeSchema, end: clockTimeSchema })
  .refine((period) => minutesOfDay(period.start) < minutesOfDay(period.end), {
    message: "a working period ends after it starts",
    path: ["end"],
  });
export type WorkingPeriod = z.infer<typeof workingPeriodSchema>;

/** One day's working periods, in order and not overlapping (touching is fine). */
export const workingPeriodListSchema = z
  .array(workingPeriodSchema)
  .max(8)
  .superRefine((periods, context) => {
    for (let index = 1; index < periods.length; index++) {
      const previous = periods[index - 1];
      const current = periods[index];
      if (previous && current && minutesOfDay(current.start) < minutesOfDay(previous.end)) {
        context.addIssue({
          code: "custom",
          message: "working periods are listed in order and do not overlap",
          path: [index, "start"],
        });
      }
    }
  });

export const weeklyWorkingPeriodsSchema = z
  .object({
    mon: workingPeriodListSchema,
    tue: workingPeriodListSchema,
    wed: workingPeriodListSchema,
    thu: workingPeriodListSchema,
    fri: workingPeriodListSchema,
    sat: workingPeriodListSchema,
    sun: workingPeriodListSchema,
  })
  // Without working time in the week a deadline would never fall due.
  .refine((week) => WEEKDAYS.some((day) => week[day].length > 0), "the week needs some working time");
export type WeeklyWorkingPeriods = z.infer<typeof weeklyWorkingPeriodsSchema>;

/** The usual hours of a Chinese management centre's office: 08:30–12:00 and 13:30–17:30. */
export const DEFAULT_WEEKDAY_PERIODS: readonly WorkingPeriod[] = [
  { start: "08:30", end: "12:00" },
  { start: "13:30", end: "17:30" },
];
export const DEFAULT_WORKING_PERIODS: WeeklyWorkingPeriods = {
  mon: [...DEFAULT_WEEKDAY_PERIODS],
  tue: [...DEFAULT_WEEKDAY_PERIODS],
  wed: [...DEFAULT_WEEKDAY_PERIODS],
  thu: [...DEFAULT_WEEKDAY_PERIODS],
  fri: [...DEFAULT_WEEKDAY_PERIODS],
  sat: [],
  sun: [],
};

/** PUT /api/calendar. Make-up days (调休) work a normal weekday's hours (Monday's) unless told otherwise. */
export const businessCalendarSettingsSchema = z.object({
  workingPeriods: weeklyWorkingPeriodsSchema,
  makeUpDayPeriods: workingPeriodListSchema.optional(),
});
export type BusinessCalendarSettingsInput = z.infer<typeof businessCalendarSettingsSchema>;

/** A public holiday (no working time, even on a weekday) or a make-up working day (调休). */
export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export const calendarDayKindSchema = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof calendarDayKindSchema>;

/** A real date written YYYY-MM-DD (2026-02-30 is refused). */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .refine(isCalendarDate, "not a calendar date");

export const calendarDayInputSchema = z.object({
  kind: calendarDayKindSchema,
  /** What the day is, e.g. 国庆节 or 国庆节调休上班. */
  name: z.string().trim().min(1).max(50),
});

export const calendarDaySchema = z.object({
  day: z.string(),
  kind: calendarDayKindSchema,
  name: z.string(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/**
 * Which years the calendar knows holidays for. The State Council publishes each year's
 * holidays late in the year before; a year without any is silently counted as plain weekdays.
 */
export const calendarCoverageSchema = z.object({
  yearsWithDays: z.array(z.int()),
  /** The current year has no holiday at all: deadlines are being counted wrongly now. */
  currentYearMissing: z.boolean(),
  /** From 1 November: next year has no holiday yet. */
  nextYearMissing: z.boolean(),
});
export type CalendarCoverage = z.infer<typeof calendarCoverageSchema>;

export const businessCalendarSettingsResponseSchema = z.object({
  timeZone: z.string(),
  workingPeriods: weeklyWorkingPeriodsSchema,
  makeUpDayPeriods: workingPeriodListSchema,
  coverage: calendarCoverageSchema,
});
export type BusinessCalendarSettings = z.infer<typeof businessCalendarSettingsResponseSchema>;

// ---------------------------------------------------------------------------------------
// Deadline policies

/** Working minutes a policy may allow: up to about a year of office hours. */
export const MAX_POLICY_MINUTES = 120_000;
const policyMinutesSchema = z.int().min(1).max(MAX_POLICY_MINUTES);

export interface DeadlinePolicyValues {
  acceptMinutes: number;
  arriveMinutes: number | null;
  resultMinutes: number;
  warnPercent: number;
  escalateAfterMinutes: number;
}

/**
 * Why a policy's numbers cannot work together (empty when they can): a case is accepted
 * before a worker arrives (repairs only), and both before the result is due.
 */
export function deadlinePolicyProblems(
  kind: z.infer<typeof caseKindSchema>,
  values: Pick<DeadlinePolicyValues, "acceptMinutes" | "arriveMinutes" | "resultMinutes">,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (values.acceptMinutes > values.resultMinutes) {
    problems.push({ path: "acceptMinutes", message: "acceptance is due before the result" });
  }
  if (values.arriveMinutes !== null) {
    if (kind !== "repair") {
      problems.push({ path: "arriveMinutes", message: "only a repair has a worker arriving on site" });
    } else if (values.arriveMinutes < values.acceptMinutes || values.arriveMinutes > values.resultMinutes) {
      problems.push({ path: "arriveMinutes", message: "the worker arrives after acceptance and before the result" });
    }
  }
  return problems;
}

export const deadlinePolicyInputSchema = z
  .object({
    kind: caseKindSchema,
    /** Null: every category of the kind. */
    categoryId: idSchema.nullish(),
    /** Null: every urgency (an urgent case then gets half the time). */
    urgency: urgencySchema.nullish(),
    acceptMinutes: policyMinutesSchema,
    /** Repairs: the worker on site. */
    arriveMinutes: policyMinutesSchema.nullish(),
    resultMinutes: policyMinutesSchema,
    /** "Approaching" at this share of the allowed time. */
    warnPercent: z.int().min(1).max(99).default(80),
    /** Past the deadline by this much working time: to the customer-service head; twice that: the management representative. */
    escalateAfterMinutes: policyMinutesSchema.default(240),
  })
  .superRefine((input, context) => {
    for (const problem of deadlinePolicyProblems(input.kind, {
      acceptMinutes: input.acceptMinutes,
      arriveMinutes: input.arriveMinutes ?? null,
      resultMinutes: input.resultMinutes,
    })) {
      context.addIssue({ code: "custom", message: problem.message, path: [problem.path] });
    }
  });

/** The scope (kind, category, urgency) of a policy is its identity: delete and create to change it. */
export const deadlinePolicyUpdateSchema = z
  .object({
    acceptMinutes: policyMinutesSchema,
    arriveMinutes: policyMinutesSchema.nullable(),
    resultMinutes: policyMinutesSchema,
    warnPercent: z.int().min(1).max(99),
    escalateAfterMinutes: policyMinutesSchema,
  })
  .partial();

export const deadlinePolicySchema = z.object({
  id: z.string(),
  kind: caseKindSchema,
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  urgency: urgencySchema.nullable(),
  acceptMinutes: z.int(),
  arriveMinutes: z.int().nullable(),
  resultMinutes: z.int(),
  warnPercent: z.int(),
  escalateAfterMinutes: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

// ---------------------------------------------------------------------------------------
// The calendar value and its arithmetic

/**
 * An organisation's business calendar. `days` overrides the week: a holiday has no working
 * time even on a weekday; a make-up working day (调休) works `makeUpDayPeriods`, whatever
 * weekday it falls on. Periods are on the wall clock of `timeZone`.
 */
export interface BusinessCalendar {
  timeZone: string;
  workingPeriods: Readonly<Record<Weekday, readonly WorkingPeriod[]>>;
  makeUpDayPeriods: readonly WorkingPeriod[];
  days: ReadonlyMap<string, CalendarDayKind>;
}

export function createBusinessCalendar(options: {
  timeZone: string;
  workingPeriods?: WeeklyWorkingPeriods;
  makeUpDayPeriods?: readonly WorkingPeriod[];
  days?: Iterable<readonly [string, CalendarDayKind]>;
}): BusinessCalendar {
  const workingPeriods = options.workingPeriods ?? DEFAULT_WORKING_PERIODS;
  return {
    timeZone: options.timeZone,
    workingPeriods,
    makeUpDayPeriods: options.makeUpDayPeriods ?? workingPeriods.mon,
    days: new Map(options.days ?? []),
  };
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead to look for working time before deciding the calendar has none. */
const SEARCH_HORIZON_DAYS = 3_700;

// Local dates are handled as day numbers (days since 1970-01-01) so that moving a day is
// integer arithmetic; only instants ↔ wall clock go through Intl.

function dayKeyOf(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

function dayNumberOfKey(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY);
}

/** Whether a YYYY-MM-DD string names a day that exists (not 2026-02-30). */
export function isCalendarDate(day: string): boolean {
  const dayNumber = dayNumberOfKey(day);
  return Number.isFinite(dayNumber) && dayKeyOf(dayNumber) === day;
}

/** 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): Weekday {
  const mondayBased = (((dayNumber + 3) % 7) + 7) % 7;
  return WEEKDAYS[mondayBased] ?? "mon";
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(timeZone: string, instant: number): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(wholeSeconds))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wallClock = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wallClock - wholeSeconds;
}

// Offsets probed at whole UTC days, shared by neighbouring days: cold, a month of deadline
// arithmetic costs about one Intl call per day; warm, none. Bounded so that it cannot grow
// without limit in a long-running server.
const dayOffsetCache = new Map<string, Map<number, number>>();
const DAY_OFFSET_CACHE_LIMIT = 20_000;

function offsetAtWholeDay(timeZone: string, instant: number): number {
  let zoneCache = dayOffsetCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    dayOffsetCache.set(timeZone, zoneCache);
  }
  let offset = zoneCache.get(instant);
  if (offset === undefined) {
    if (zoneCache.size >= DAY_OFFSET_CACHE_LIMIT) zoneCache.clear();
    offset = offsetAt(timeZone, instant);
    zoneCache.set(instant, offset);
  }
  return offset;
}

/**
 * The instant of a wall-clock time (given as ms since 1970 as if the wall clock were UTC).
 * Offsets a day either side tell whether a transition is near; Asia/Shanghai never has one.
 * Across a transition it resolves like Temporal's "compatible": a time that occurs twice
 * (autumn) is its earlier occurrence, a time skipped (spring) is moved forward by the gap.
 */
function instantOfWallClock(timeZone: string, wallClock: number, dayAligned: boolean): number {
  const probeBefore = wallClock - DAY;
  const probeAfter = wallClock + DAY;
  const before = dayAligned ? offsetAtWholeDay(timeZone, probeBefore) : offsetAt(timeZone, probeBefore);
  const after = dayAligned ? offsetAtWholeDay(timeZone, probeAfter) : offsetAt(timeZone, probeAfter);
  if (before === after) return wallClock - before;
  const earlierCandidate = wallClock - before;
  const laterCandidate = wallClock - after;
  const earlierValid = offsetAt(timeZone, earlierCandidate) === before;
  const laterValid = offsetAt(timeZone, laterCandidate) === after;
  if (earlierValid && laterValid) return Math.min(earlierCandidate, laterCandidate);
  if (laterValid) return laterCandidate;
  // Valid with the earlier offset, or inside a gap: the earlier offset moves it past the gap.
  return earlierCandidate;
}

function localDayNumberOf(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetAt(timeZone, instant)) / DAY);
}

function periodsOn(calendar: BusinessCalendar, dayNumber: number): readonly WorkingPeriod[] {
  const kind = calendar.days.get(dayKeyOf(dayNumber));
  if (kind === "holiday") return [];
  if (kind === "workday") return calendar.makeUpDayPeriods;
  return calendar.workingPeriods[weekdayOf(dayNumber)];
}

type Interval = readonly [start: number, end: number];
const NO_INTERVALS: readonly Interval[] = [];

/** The working time of one local day as instant intervals [start, end), in order. */
function workingIntervalsOn(calendar: BusinessCalendar, dayNumber: number): readonly Interval[] {
  const periods = periodsOn(calendar, dayNumber);
  if (periods.length === 0) return NO_INTERVALS;
  const zone = calendar.timeZone;
  const midnight = instantOfWallClock(zone, dayNumber * DAY, true);
  const nextMidnight = instantOfWallClock(zone, (dayNumber + 1) * DAY, true);
  // A day of exactly 24 hours has one offset throughout: period bounds are plain additions.
  const uniform = nextMidnight - midnight === DAY;
  const instantOf = (clockTime: string) => {
    const sinceMidnight = minutesOfDay(clockTime) * MINUTE;
    return uniform ? midnight + sinceMidnight : instantOfWallClock(zone, dayNumber * DAY + sinceMidnight, false);
  };
  const intervals: Interval[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const period of periods) {
    // Clamped so that a period squeezed by a DST transition can neither overlap nor invert.
    const start = Math.max(instantOf(period.start), previousEnd);
    const end = Math.max(instantOf(period.end), start);
    if (end > start) intervals.push([start, end]);
    previousEnd = end;
  }
  return intervals;
}

function parseInstant(iso: string): number {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new RangeError(`not an ISO-8601 instant: ${iso}`);
  return instant;
}

function noWorkingTime(calendar: BusinessCalendar): RangeError {
  return new RangeError(`the calendar (${calendar.timeZone}) has no working time within ten years`);
}

/**
 * The instant at which `minutes` of working time have elapsed after `startIso`: the
 * earliest t with workingMinutesBetween(start, t) = minutes. A start outside working time
 * counts from the next working moment; an exact fit ends at the close of a working period
 * (Friday 17:00 + 30 → Friday 17:30, not Monday morning); 0 minutes is the start itself.
 * Jumps whole days, so a deadline of weeks costs a few dozen steps, not a minute loop.
 */
export function addWorkingMinutes(calendar: BusinessCalendar, startIso: string, minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working minutes must be >= 0: ${minutes}`);
  const start = parseInstant(startIso);
  let remaining = Math.round(minutes * MINUTE);
  if (remaining === 0) return new Date(start).toISOString();
  // From the day before: robust against a wall clock that runs back across a transition.
  const firstDay = localDayNumberOf(calendar.timeZone, start) - 1;
  for (let day = firstDay; day < firstDay + SEARCH_HORIZON_DAYS; day++) {
    for (const [intervalStart, intervalEnd] of workingIntervalsOn(calendar, day)) {
      if (intervalEnd <= start) continue;
      const from = Math.max(intervalStart, start);
      const available = intervalEnd - from;
      if (remaining <= available) return new Date(from + remaining).toISOString();
      remaining -= available;
    }
  }
  throw noWorkingTime(calendar);
}

/** Working minutes between two instants (fractional when they are not on whole minutes); 0 if to <= from. */
export function workingMinutesBetween(calendar: BusinessCalendar, fromIso: string, toIso: string): number {
  const from = parseInstant(fromIso);
  const to = parseInstant(toIso);
  if (to <= from) return 0;
  const lastDay = localDayNumberOf(calendar.timeZone, to);
  let total = 0;
  for (let day = localDayNumberOf(calendar.timeZone, from) - 1; day <= lastDay; day++) {
    for (const [intervalStart, intervalEnd] of workingIntervalsOn(calendar, day)) {
      const overlap = Math.min(intervalEnd, to) - Math.max(intervalStart, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE;
}

/** Whether the instant lies in working time; a period includes its start and excludes its end. */
export function isWorkingTime(calendar: BusinessCalendar, iso: string): boolean {
  const instant = parseInstant(iso);
  const day = localDayNumberOf(calendar.timeZone, instant);
  for (const candidate of [day - 1, day]) {
    for (const [start, end] of workingIntervalsOn(calendar, candidate)) {
      if (start <= instant && instant < end) return true;
    }
  }
  return false;
}

/** The instant itself when it is working time, otherwise the start of the next working period. */
export function nextWorkingMoment(calendar: BusinessCalendar, iso: string): string {
  const instant = parseInstant(iso);
  const firstDay = localDayNumberOf(calendar.timeZone, instant) - 1;
  for (let day = firstDay; day < firstDay + SEARCH_HORIZON_DAYS; day++) {
    for (const [start, end] of workingIntervalsOn(calendar, day)) {
      if (end > instant) return new Date(Math.max(start, instant)).toISOString();
    }
  }
  throw noWorkingTime(calendar);
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function zonedDateOf(timeZone: string, iso: string): string {
  return dayKeyOf(localDayNumberOf(timeZone, parseInstant(iso)));
}

/**
 * The working intervals [start, end) (ms since 1970) that overlap [fromIso, toIso), in order and
 * clipped to it. The statistics (issue #8) materialise these so that working time between two
 * instants is a lookup in SQL rather than a walk over the calendar per row.
 */
export function workingIntervalsBetween(
  calendar: BusinessCalendar,
  fromIso: string,
  toIso: string,
): Array<[start: number, end: number]> {
  const from = parseInstant(fromIso);
  const to = parseInstant(toIso);
  const result: Array<[number, number]> = [];
  if (to <= from) return result;
  const lastDay = localDayNumberOf(calendar.timeZone, to);
  for (let day = localDayNumberOf(calendar.timeZone, from) - 1; day <= lastDay; day++) {
    for (const [intervalStart, intervalEnd] of workingIntervalsOn(calendar, day)) {
      const start = Math.max(intervalStart, from);
      const end = Math.min(intervalEnd, to);
      const previous = result.at(-1);
      if (end <= start) continue;
      // Touching periods (12:00–12:00) join, so that each instant lies in at most one interval.
      if (previous && previous[1] >= start) previous[1] = Math.max(previous[1], end);
      else result.push([start, end]);
    }
  }
  return result;
}

/** The instant at which a local date (YYYY-MM-DD) begins in a time zone, as ISO UTC. */
export function startOfZonedDay(timeZone: string, day: string): string {
  const dayNumber = dayNumberOfKey(day);
  if (!Number.isFinite(dayNumber)) throw new RangeError(`not a date: ${day}`);
  return new Date(instantOfWallClock(timeZone, dayNumber * DAY, true)).toISOString();
}
