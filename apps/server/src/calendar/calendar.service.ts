// The business calendar and deadline policies of an organisation: issue #4 item 6. The
// procedure has departments act "at once" and customer service track them
// these are the working-time deadlines that make "at once" measurable.
import {
  addWorkingMinutes,
  type BusinessCalendar,
  type BusinessCalendarSettings,
  type BusinessCalendarSettingsInput,
  type CalendarCoverage,
  type CalendarDay,
  type CaseKind,
  createBusinessCalendar,
  DEFAULT_WORKING_PERIODS,
  type DeadlinePolicy,
  type DeadlinePolicyValues,
  type deadlinePolicyInputSchema,
  deadlinePolicyProblems,
  type deadlinePolicyUpdateSchema,
  TIME_ZONE_DEFAULT,
  type Urgency,
  type WeeklyWorkingPeriods,
  type WorkingPeriod,
  weeklyWorkingPeriodsSchema,
  workingPeriodListSchema,
  zonedDateOf,
} from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db, DbOrTx } from "../db/database.js";
import { guardUnique } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as repo from "./calendar.repository.js";
import { ALL_CHINA_CALENDAR_DAYS, CHINA_CALENDAR_DAYS, CHINA_CALENDAR_YEARS } from "./china-holidays.js";

type DeadlinePolicyInput = z.infer<typeof deadlinePolicyInputSchema>;
type DeadlinePolicyUpdate = z.infer<typeof deadlinePolicyUpdateSchema>;

/** Whose days a calendar shows: the organisation's own, or the built-in State Council list. */
export type CalendarDaySource = "organisation" | "built-in";

// ---------------------------------------------------------------------------------------
// Loading the calendar

async function timeZoneOf(db: DbOrTx, orgId: string): Promise<string> {
  return (await repo.findOrganisationTimeZone(db, orgId)) ?? TIME_ZONE_DEFAULT;
}

function periodsOf(row: repo.BusinessCalendarRow | undefined): {
  workingPeriods: WeeklyWorkingPeriods;
  makeUpDayPeriods: WorkingPeriod[];
} {
  if (!row) return { workingPeriods: DEFAULT_WORKING_PERIODS, makeUpDayPeriods: [...DEFAULT_WORKING_PERIODS.mon] };
  return {
    workingPeriods: weeklyWorkingPeriodsSchema.parse(JSON.parse(row.working_periods_json)),
    makeUpDayPeriods: workingPeriodListSchema.parse(JSON.parse(row.make_up_day_periods_json)),
  };
}

/**
 * The days in force. An organisation that has never edited its calendar (no calendar row and
 * no days) uses the built-in State Council list; the first edit copies that list into the
 * organisation (`ensureOwnCalendar`), so that from then on only its own rows count, and
 * removing a holiday really removes it.
 */
async function daysInForce(
  db: DbOrTx,
  orgId: string,
  year?: number,
): Promise<{ days: CalendarDay[]; source: CalendarDaySource }> {
  const own = await repo.listCalendarDays(db, orgId, year);
  if (own.length > 0 || (await usesOwnCalendar(db, orgId))) {
    return { days: own.map(({ day, kind, name }) => ({ day, kind, name })), source: "organisation" };
  }
  const builtIn =
    year === undefined ? ALL_CHINA_CALENDAR_DAYS : ALL_CHINA_CALENDAR_DAYS.filter((d) => d.day.startsWith(`${year}-`));
  return { days: [...builtIn], source: "built-in" };
}

async function usesOwnCalendar(db: DbOrTx, orgId: string): Promise<boolean> {
  return (await repo.findBusinessCalendar(db, orgId)) !== undefined || (await repo.hasCalendarDays(db, orgId));
}

/**
 * The organisation's business calendar, for deadline arithmetic. Without any configuration:
 * Monday to Friday 08:30–12:00 and 13:30–17:30 in the organisation's time zone, with the
 * State Council's holidays and make-up working days for the years we carry.
 */
export async function loadBusinessCalendar(db: DbOrTx, orgId: string): Promise<BusinessCalendar> {
  // One after another: the caller may pass a transaction, which has a single connection.
  const timeZone = await timeZoneOf(db, orgId);
  const row = await repo.findBusinessCalendar(db, orgId);
  const { days } = await daysInForce(db, orgId);
  const { workingPeriods, makeUpDayPeriods } = periodsOf(row);
  return createBusinessCalendar({
    timeZone,
    workingPeriods,
    makeUpDayPeriods,
    days: days.map((day) => [day.day, day.kind] as const),
  });
}

/**
 * Which years have holidays, and whether one is missing: the State Council publishes next
 * year's arrangement around November, and a year without holidays would silently be counted
 * as plain weekdays. `todayIso` is an instant; its date is taken in the organisation's zone.
 */
export async function calendarCoverage(db: DbOrTx, orgId: string, todayIso: string): Promise<CalendarCoverage> {
  const timeZone = await timeZoneOf(db, orgId);
  const yearsWithDays = (await usesOwnCalendar(db, orgId))
    ? await repo.listHolidayYears(db, orgId)
    : [...CHINA_CALENDAR_YEARS];
  const today = zonedDateOf(timeZone, todayIso);
  const year = Number(today.slice(0, 4));
  const fromNovember = Number(today.slice(5, 7)) >= 11;
  return {
    yearsWithDays,
    currentYearMissing: !yearsWithDays.includes(year),
    nextYearMissing: fromNovember && !yearsWithDays.includes(year + 1),
  };
}

// ---------------------------------------------------------------------------------------
// Editing the calendar

/**
 * Gives the organisation its own calendar row, with the built-in days copied in, the first
 * time anything about its calendar changes (a lazy seed: setup stays untouched). Safe when
 * two first edits race: the loser's insert does nothing.
 */
async function ensureOwnCalendar(tx: DbOrTx, context: RequestContext): Promise<void> {
  const orgId = context.actor.orgId;
  const created = await repo.insertBusinessCalendarIfMissing(tx, {
    org_id: orgId,
    working_periods_json: JSON.stringify(DEFAULT_WORKING_PERIODS),
    make_up_day_periods_json: JSON.stringify(DEFAULT_WORKING_PERIODS.mon),
    updated_at: nowIso(),
  });
  if (!created || (await repo.hasCalendarDays(tx, orgId))) return;
  await repo.insertMissingCalendarDays(
    tx,
    ALL_CHINA_CALENDAR_DAYS.map((day) => ({ org_id: orgId, ...day })),
  );
  await recordAudit(tx, context, {
    action: "calendar.seeded",
    entityType: "business_calendar",
    entityId: orgId,
    after: { years: CHINA_CALENDAR_YEARS, days: ALL_CHINA_CALENDAR_DAYS.length },
  });
}

export async function getCalendarSettings(db: Db, context: RequestContext): Promise<BusinessCalendarSettings> {
  const orgId = context.actor.orgId;
  const timeZone = await timeZoneOf(db, orgId);
  const row = await repo.findBusinessCalendar(db, orgId);
  const coverage = await calendarCoverage(db, orgId, nowIso());
  return { timeZone, ...periodsOf(row), coverage };
}

export async function updateCalendarSettings(
  db: Db,
  context: RequestContext,
  input: BusinessCalendarSettingsInput,
): Promise<BusinessCalendarSettings> {
  const orgId = context.actor.orgId;
  const after = {
    workingPeriods: input.workingPeriods,
    // A make-up day (调休) stands in for a normal weekday: Monday's hours unless told otherwise.
    makeUpDayPeriods: input.makeUpDayPeriods ?? input.workingPeriods.mon,
  };
  await db.transaction().execute(async (tx) => {
    await ensureOwnCalendar(tx, context);
    const before = periodsOf(await repo.findBusinessCalendar(tx, orgId));
    await repo.updateBusinessCalendar(tx, {
      org_id: orgId,
      working_periods_json: JSON.stringify(after.workingPeriods),
      make_up_day_periods_json: JSON.stringify(after.makeUpDayPeriods),
      updated_at: nowIso(),
    });
    await recordAudit(tx, context, {
      action: "calendar.updated",
      entityType: "business_calendar",
      entityId: orgId,
      before,
      after,
    });
  });
  return getCalendarSettings(db, context);
}

export async function listCalendarDays(
  db: Db,
  context: RequestContext,
  year: number,
): Promise<{ items: CalendarDay[]; source: CalendarDaySource }> {
  const { days, source } = await daysInForce(db, context.actor.orgId, year);
  return { items: days, source };
}

export async function setCalendarDay(
  db: Db,
  context: RequestContext,
  day: string,
  input: { kind: CalendarDay["kind"]; name: string },
): Promise<CalendarDay> {
  const orgId = context.actor.orgId;
  const after: CalendarDay = { day, kind: input.kind, name: input.name };
  await db.transaction().execute(async (tx) => {
    await ensureOwnCalendar(tx, context);
    const before = await repo.findCalendarDay(tx, orgId, day);
    await repo.upsertCalendarDays(tx, [{ org_id: orgId, ...after }]);
    await recordAudit(tx, context, {
      action: "calendar.day_set",
      entityType: "business_calendar",
      entityId: orgId,
      ...(before ? { before: { day, kind: before.kind, name: before.name } } : {}),
      after,
    });
  });
  return after;
}

/** Removes a holiday or make-up day: the date becomes an ordinary day of its weekday. */
export async function deleteCalendarDay(db: Db, context: RequestContext, day: string): Promise<void> {
  const orgId = context.actor.orgId;
  await db.transaction().execute(async (tx) => {
    await ensureOwnCalendar(tx, context);
    const before = await repo.findCalendarDay(tx, orgId, day);
    if (!before) throw notFound("calendar_day", day);
    await repo.deleteCalendarDay(tx, orgId, day);
    await recordAudit(tx, context, {
      action: "calendar.day_deleted",
      entityType: "business_calendar",
      entityId: orgId,
      before: { day, kind: before.kind, name: before.name },
    });
  });
}

/** Copies the State Council's arrangement for a year into the organisation, replacing its entries for those dates. */
export async function importChinaCalendarYear(
  db: Db,
  context: RequestContext,
  year: number,
): Promise<{ items: CalendarDay[]; imported: number }> {
  const seeded = CHINA_CALENDAR_DAYS[year];
  if (!seeded) throw notFound("china_calendar_year", String(year));
  const orgId = context.actor.orgId;
  await db.transaction().execute(async (tx) => {
    await ensureOwnCalendar(tx, context);
    await repo.upsertCalendarDays(
      tx,
      seeded.map((day) => ({ org_id: orgId, ...day })),
    );
    await recordAudit(tx, context, {
      action: "calendar.china_imported",
      entityType: "business_calendar",
      entityId: orgId,
      after: { year, days: seeded.length },
    });
  });
  const { items } = await listCalendarDays(db, context, year);
  return { items, imported: seeded.length };
}

export async function previewDeadline(
  db: Db,
  context: RequestContext,
  fromIso: string,
  minutes: number,
): Promise<{ dueAt: string }> {
  const calendar = await loadBusinessCalendar(db, context.actor.orgId);
  return { dueAt: addWorkingMinutes(calendar, fromIso, minutes) };
}

// ---------------------------------------------------------------------------------------
// Deadline policies

/** What applies to one case; `policyId` is null when the built-in defaults apply. */
export interface ResolvedDeadlinePolicy extends DeadlinePolicyValues {
  policyId: string | null;
}

/**
 * Issue #4 item 6: "accept within 30 minutes of working time", and a working day (480
 * minutes) for the result; repairs also have the worker on site within 2 working hours.
 * Suggestions are answered like complaints.
 */
export const BUILT_IN_DEADLINES: Readonly<Record<CaseKind, DeadlinePolicyValues>> = {
  complaint: { acceptMinutes: 30, arriveMinutes: null, resultMinutes: 480, warnPercent: 80, escalateAfterMinutes: 240 },
  repair: { acceptMinutes: 30, arriveMinutes: 120, resultMinutes: 480, warnPercent: 80, escalateAfterMinutes: 240 },
  suggestion: {
    acceptMinutes: 30,
    arriveMinutes: null,
    resultMinutes: 480,
    warnPercent: 80,
    escalateAfterMinutes: 240,
  },
};

const halve = (minutes: number) => Math.max(1, Math.round(minutes / 2));

/**
 * An urgent case gets half the time of a policy that does not name an urgency (the built-in
 * defaults included); a policy written for an urgency is taken as it stands.
 */
function forUrgency(values: DeadlinePolicyValues, urgent: boolean): DeadlinePolicyValues {
  if (!urgent) return values;
  return {
    ...values,
    acceptMinutes: halve(values.acceptMinutes),
    arriveMinutes: values.arriveMinutes === null ? null : halve(values.arriveMinutes),
    resultMinutes: halve(values.resultMinutes),
  };
}

function valuesOf(row: repo.DeadlinePolicyRow): DeadlinePolicyValues {
  return {
    acceptMinutes: row.accept_minutes,
    arriveMinutes: row.arrive_minutes,
    resultMinutes: row.result_minutes,
    warnPercent: row.warn_percent,
    escalateAfterMinutes: row.escalate_after_minutes,
  };
}

/** Category and urgency, then category, then urgency, then the kind's default. */
const specificity = (row: repo.DeadlinePolicyRow) => (row.category_id ? 2 : 0) + (row.urgency ? 1 : 0);

/** The deadlines that apply to a case: the most specific configured policy, else the built-in defaults. */
export async function resolveDeadlinePolicy(
  db: DbOrTx,
  orgId: string,
  scope: { kind: CaseKind; categoryId?: string | null | undefined; urgency?: Urgency | null | undefined },
): Promise<ResolvedDeadlinePolicy> {
  const candidates = await repo.listApplicableDeadlinePolicies(db, orgId, {
    kind: scope.kind,
    categoryId: scope.categoryId ?? null,
    urgency: scope.urgency ?? null,
  });
  const best = candidates.reduce<repo.DeadlinePolicyRow | undefined>(
    (chosen, row) => (chosen === undefined || specificity(row) > specificity(chosen) ? row : chosen),
    undefined,
  );
  const urgent = scope.urgency === "urgent";
  if (!best) return { policyId: null, ...forUrgency(BUILT_IN_DEADLINES[scope.kind], urgent) };
  return { policyId: best.id, ...forUrgency(valuesOf(best), urgent && best.urgency === null) };
}

export interface CaseDeadlines {
  acceptDueAt: string;
  /** Repairs: the worker on site; null when the policy has no arrival. */
  arriveDueAt: string | null;
  resultDueAt: string;
  /** "Approaching": `warnPercent` of the allowed working time has passed. */
  warnAcceptAt: string;
  warnArriveAt: string | null;
  warnResultAt: string;
}

/** The deadlines of a case received at `fromIso`, counted in working time on the calendar. */
export function computeDeadlines(
  calendar: BusinessCalendar,
  policy: DeadlinePolicyValues,
  fromIso: string,
): CaseDeadlines {
  const due = (minutes: number) => addWorkingMinutes(calendar, fromIso, minutes);
  const warn = (minutes: number) => due(Math.floor((minutes * policy.warnPercent) / 100));
  return {
    acceptDueAt: due(policy.acceptMinutes),
    arriveDueAt: policy.arriveMinutes === null ? null : due(policy.arriveMinutes),
    resultDueAt: due(policy.resultMinutes),
    warnAcceptAt: warn(policy.acceptMinutes),
    warnArriveAt: policy.arriveMinutes === null ? null : warn(policy.arriveMinutes),
    warnResultAt: warn(policy.resultMinutes),
  };
}

/**
 * When an overdue step escalates: past its deadline by `escalateAfterMinutes` of working
 * time to the customer-service head, by twice that to the management representative.
 */
export function escalationTimes(
  calendar: BusinessCalendar,
  policy: Pick<DeadlinePolicyValues, "escalateAfterMinutes">,
  dueAtIso: string,
): { csHeadAt: string; managementRepresentativeAt: string } {
  return {
    csHeadAt: addWorkingMinutes(calendar, dueAtIso, policy.escalateAfterMinutes),
    managementRepresentativeAt: addWorkingMinutes(calendar, dueAtIso, 2 * policy.escalateAfterMinutes),
  };
}

function presentPolicy(row: repo.DeadlinePolicyWithCategoryRow): DeadlinePolicy {
  return {
    id: row.id,
    kind: row.kind,
    categoryId: row.category_id,
    categoryName: row.category_name,
    urgency: row.urgency,
    ...valuesOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listDeadlinePolicies(db: Db, context: RequestContext): Promise<{ items: DeadlinePolicy[] }> {
  const rows = await repo.listDeadlinePolicies(db, context.actor.orgId);
  return { items: rows.map(presentPolicy) };
}

/** A policy of the actor's organisation, or 404 (other organisations' ids look unknown). */
async function getOwnPolicy(
  db: DbOrTx,
  context: RequestContext,
  id: string,
): Promise<repo.DeadlinePolicyWithCategoryRow> {
  const row = await repo.findDeadlinePolicy(db, context.actor.orgId, id);
  if (!row) throw notFound("deadline_policy", id);
  return row;
}

function invalid(issues: Array<{ path: string; message: string }>): AppError {
  return new AppError("VALIDATION_FAILED", {
    issues: issues.map((issue) => ({ path: `body/${issue.path}`, message: issue.message })),
  });
}

export async function createDeadlinePolicy(
  db: Db,
  context: RequestContext,
  input: DeadlinePolicyInput,
): Promise<DeadlinePolicy> {
  const orgId = context.actor.orgId;
  const categoryId = input.categoryId ?? null;
  let categoryName: string | null = null;
  if (categoryId !== null) {
    const category = await repo.findCategory(db, orgId, categoryId);
    if (!category) throw invalid([{ path: "categoryId", message: "no such record in this organisation" }]);
    if (category.kind !== input.kind) {
      throw invalid([{ path: "categoryId", message: `the category is not a ${input.kind} category` }]);
    }
    categoryName = category.name;
  }
  const scope = { kind: input.kind, categoryId, urgency: input.urgency ?? null };
  if (await repo.findDeadlinePolicyByScope(db, orgId, scope)) throw new AppError("DUPLICATE", { field: "scope" });
  const now = nowIso();
  const row: repo.DeadlinePolicyRow = {
    id: newId(),
    org_id: orgId,
    kind: scope.kind,
    category_id: scope.categoryId,
    urgency: scope.urgency,
    accept_minutes: input.acceptMinutes,
    arrive_minutes: input.arriveMinutes ?? null,
    result_minutes: input.resultMinutes,
    warn_percent: input.warnPercent,
    escalate_after_minutes: input.escalateAfterMinutes,
    created_at: now,
    updated_at: now,
  };
  const policy = presentPolicy({ ...row, category_name: categoryName });
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertDeadlinePolicy(tx, row);
        await recordAudit(tx, context, {
          action: "deadline_policy.created",
          entityType: "deadline_policy",
          entityId: row.id,
          after: policy,
        });
      }),
    "scope",
  );
  return policy;
}

/** Changes the times of a policy; its scope (kind, category, urgency) is its identity. */
export async function updateDeadlinePolicy(
  db: Db,
  context: RequestContext,
  id: string,
  input: DeadlinePolicyUpdate,
): Promise<DeadlinePolicy> {
  const current = await getOwnPolicy(db, context, id);
  const after: repo.DeadlinePolicyWithCategoryRow = {
    ...current,
    accept_minutes: input.acceptMinutes ?? current.accept_minutes,
    arrive_minutes: input.arriveMinutes === undefined ? current.arrive_minutes : input.arriveMinutes,
    result_minutes: input.resultMinutes ?? current.result_minutes,
    warn_percent: input.warnPercent ?? current.warn_percent,
    escalate_after_minutes: input.escalateAfterMinutes ?? current.escalate_after_minutes,
    updated_at: nowIso(),
  };
  const problems = deadlinePolicyProblems(after.kind, valuesOf(after));
  if (problems.length > 0) throw invalid(problems);
  await db.transaction().execute(async (tx) => {
    await repo.updateDeadlinePolicy(tx, current.org_id, id, {
      accept_minutes: after.accept_minutes,
      arrive_minutes: after.arrive_minutes,
      result_minutes: after.result_minutes,
      warn_percent: after.warn_percent,
      escalate_after_minutes: after.escalate_after_minutes,
      updated_at: after.updated_at,
    });
    await recordAudit(tx, context, {
      action: "deadline_policy.updated",
      entityType: "deadline_policy",
      entityId: id,
      before: presentPolicy(current),
      after: presentPolicy(after),
    });
  });
  return presentPolicy(after);
}

/** Without the policy its cases fall back to the next less specific one. */
export async function deleteDeadlinePolicy(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getOwnPolicy(db, context, id);
  await db.transaction().execute(async (tx) => {
    await repo.deleteDeadlinePolicy(tx, before.org_id, id);
    await recordAudit(tx, context, {
      action: "deadline_policy.deleted",
      entityType: "deadline_policy",
      entityId: id,
      before: presentPolicy(before),
    });
  });
}
