import {
  type BusinessCalendarSettingsInput,
  businessCalendarSettingsSchema,
  WEEKDAYS,
  type WeeklyWorkingPeriods,
  type WorkingPeriod,
} from "@estate-desk/domain";

/** The weekday a working-hours editor row is for, or the make-up working day (调休). */
export type PeriodRow = (typeof WEEKDAYS)[number] | "makeUp";

export interface CalendarDraft {
  workingPeriods: WeeklyWorkingPeriods;
  makeUpDayPeriods: WorkingPeriod[];
}

export type CalendarProblem = "periodInvalid" | "needWorkingTime";

/**
 * Checks the draft with the same schema the server uses, and says which problem to show:
 * a week without any working time, or periods out of order / overlapping / ending too early.
 */
export function calendarDraftProblem(draft: CalendarDraft): CalendarProblem | null {
  const input: BusinessCalendarSettingsInput = draft;
  const parsed = businessCalendarSettingsSchema.safeParse(input);
  if (parsed.success) return null;
  const emptyWeek = WEEKDAYS.every((day) => draft.workingPeriods[day].length === 0);
  return emptyWeek ? "needWorkingTime" : "periodInvalid";
}

/** A new period after the last one of the day: an hour later, or the usual morning. */
export function nextPeriod(periods: readonly WorkingPeriod[]): WorkingPeriod {
  const last = periods.at(-1);
  if (!last) return { start: "08:30", end: "12:00" };
  const [hours = 0, minutes = 0] = last.end.split(":").map(Number);
  const start = Math.min(hours * 60 + minutes + 60, 23 * 60);
  const end = Math.min(start + 240, 24 * 60 - 1);
  const clock = (total: number) =>
    `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  return { start: clock(start), end: clock(end) };
}

/** Working minutes as hours, to one decimal where needed: 30 → "0.5", 480 → "8". */
export function minutesAsHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}
