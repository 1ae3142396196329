/**
 * The monthly report (issue #8 item 3): generated for the previous month on the first working
 * day of each month by a scheduled job (once, however many instances run: the scheduler's lease
 * and the unique (org, month) row), kept in `monthly_reports`, and rendered on demand.
 */
import { createHash } from "node:crypto";
import { type BusinessCalendar, startOfZonedDay, workingIntervalsBetween, zonedDateOf } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { type EstateScope, estateScope } from "../auth/policy.js";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import type { Db } from "../db/database.js";
import { isUniqueViolation } from "../db/dialect.js";
import { nowIso } from "../http/clock.js";
import { notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { findOrganisation } from "../org/organisation.repository.js";
import { renderMonthlyReport } from "../pdf/monthly-report.js";
import { formatInstant } from "../pdf/pdf-document.js";
import type { ScheduledJob } from "../scheduler/scheduler.js";
import { addDays, computeStatistics, scopeOf } from "./stats.service.js";

/** The first and last local date of a month (YYYY-MM). */
export function monthBounds(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const from = `${month}-01`;
  const next = new Date(Date.UTC(year, monthNumber, 1)).toISOString().slice(0, 10);
  return { from, to: addDays(next, -1) };
}

export function previousMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber - 2, 1)).toISOString().slice(0, 7);
}

/** The first local date of the month with working time on the business calendar. */
export function firstWorkingDay(calendar: BusinessCalendar, month: string): string {
  const { from, to } = monthBounds(month);
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const start = startOfZonedDay(calendar.timeZone, day);
    const end = startOfZonedDay(calendar.timeZone, addDays(day, 1));
    if (workingIntervalsBetween(calendar, start, end).length > 0) return day;
  }
  return from;
}

async function renderFor(
  db: Db,
  orgId: string,
  estates: EstateScope,
  month: string,
  options: { estateId?: string; scopeLabel: string; baseUrl?: string },
): Promise<Buffer> {
  const { from, to } = monthBounds(month);
  const { scope, period } = await scopeOf(db, orgId, estates, { from, to, estateId: options.estateId });
  const stats = await computeStatistics(db, scope, period, { groupBy: "estate", trend: "day" });
  const organisation = await findOrganisation(db, orgId);
  return renderMonthlyReport({
    organisation: organisation?.name ?? "",
    month,
    scopeLabel: options.scopeLabel,
    generatedAt: formatInstant(nowIso(), period.timeZone),
    qrUrl: options.baseUrl ? `${options.baseUrl}/stats?from=${from}&to=${to}` : undefined,
    stats,
  });
}

/** Renders now, over the estates the actor may see (GET /api/reports/monthly.pdf). */
export async function renderMonthlyReportFor(
  db: Db,
  context: RequestContext,
  month: string,
  estateId: string | undefined,
  baseUrl: string,
): Promise<Buffer> {
  const scope = estateScope(context.actor);
  let scopeLabel = "全部小区";
  if (estateId) {
    const estate = await db
      .selectFrom("estates")
      .select(["id", "name"])
      .where("id", "=", estateId)
      .where("org_id", "=", context.actor.orgId)
      .executeTakeFirst();
    if (!estate || !(scope.all || scope.estateIds.includes(estate.id))) throw notFound("estate", estateId);
    scopeLabel = estate.name;
  } else if (!scope.all) scopeLabel = "本人负责的小区";
  return renderFor(db, context.actor.orgId, scope, month, { estateId, scopeLabel, baseUrl });
}

export async function storedMonthlyReports(db: Db, orgId: string) {
  return db
    .selectFrom("monthly_reports")
    .select(["id", "month", "generated_at", "sha256", "size"])
    .where("org_id", "=", orgId)
    .orderBy("month", "desc")
    .execute();
}

export async function storedMonthlyReport(db: Db, orgId: string, id: string) {
  const row = await db
    .selectFrom("monthly_reports")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("monthly report", id);
  return row;
}

/** Generates and keeps the organisation's report for a month, unless it is kept already. Returns whether it wrote one. */
export async function generateAndStore(
  db: Db,
  orgId: string,
  month: string,
  generatedBy: string | null,
): Promise<boolean> {
  const existing = await db
    .selectFrom("monthly_reports")
    .select("id")
    .where("org_id", "=", orgId)
    .where("month", "=", month)
    .executeTakeFirst();
  if (existing) return false;
  const pdf = await renderFor(db, orgId, { all: true }, month, { scopeLabel: "全部小区" });
  try {
    await db
      .insertInto("monthly_reports")
      .values({
        id: newId(),
        org_id: orgId,
        month,
        generated_at: nowIso(),
        generated_by: generatedBy,
        sha256: createHash("sha256").update(pdf).digest("hex"),
        size: pdf.length,
        content: pdf,
      })
      .execute();
    return true;
  } catch (error) {
    // Another instance kept the same month meanwhile.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Hourly: on or after the first working day of a month, each organisation without last
 * month's report gets it. Hourly rather than once a day, so that a server that was down on
 * that morning still produces the report when it comes back.
 */
export const monthlyReportJob: ScheduledJob = {
  name: "monthly-report",
  cron: "20 * * * *",
  maxRunMs: 30 * 60_000,
  async run(db, now) {
    const organisations = await db.selectFrom("organisations").select(["id"]).where("active", "=", 1).execute();
    let generated = 0;
    for (const organisation of organisations) {
      const calendar = await loadBusinessCalendar(db, organisation.id);
      const today = zonedDateOf(calendar.timeZone, now);
      const month = today.slice(0, 7);
      if (today < firstWorkingDay(calendar, month)) continue;
      if (await generateAndStore(db, organisation.id, previousMonth(month), null)) generated++;
    }
    return { generated };
  },
};
