/**
 * Statistics and analysis for QA and management (issue #8 item 3; QA's monthly
 * analysis, §5.0 records). Figures are aggregated in SQL (stats.repository.ts); this module
 * resolves the period in the organisation's time zone, the estate scope and the labels.
 *
 * Who: QA, the management representative, the customer-service head and administrators
 * (`stats.read`), each over the estates they may see; all of them see every case there
 * (auth/policy.ts), so the estate scope is the whole of their case visibility.
 */
import {
  CASE_KINDS,
  type CaseKind,
  idSchema,
  SATISFACTION_BUCKETS,
  STATS_DEADLINE_STAGES,
  STATS_MEASURES,
  type Statistics,
  type StatsCasesQuery,
  type StatsFilter,
  type StatsQuery,
  type StatsTrend,
  startOfZonedDay,
  statsFilterSchema,
  TIME_ZONE_DEFAULT,
} from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { assertEstateVisible, type EstateScope, estateScope } from "../auth/policy.js";
import { findOrganisationTimeZone } from "../calendar/calendar.repository.js";
import { presentSummary } from "../cases/case-presenters.js";
import { findSummaries } from "../cases/cases.repository.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { decodeCursor, encodeCursor } from "../http/paging.js";
import * as repo from "./stats.repository.js";
import { statsExtensions } from "./stats-extensions.js";
import { ensureWorkingIntervals } from "./working-time.js";

const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
}

export async function resolvePeriod(db: Db, orgId: string, from: string, to: string): Promise<ResolvedPeriod> {
  const timeZone = (await findOrganisationTimeZone(db, orgId)) ?? TIME_ZONE_DEFAULT;
  return {
    from,
    to,
    timeZone,
    startsAt: startOfZonedDay(timeZone, from),
    endsAt: startOfZonedDay(timeZone, addDays(to, 1)),
  };
}

/** The scope of the facts: the period, the filters and the estates the actor may see (404 for others). */
export async function factsScopeOf(
  db: Db,
  context: RequestContext,
  filter: StatsFilter,
): Promise<{ scope: repo.FactsScope; period: ResolvedPeriod }> {
  const actor = context.actor;
  if (filter.estateId) assertEstateVisible(actor, filter.estateId);
  // Ids of another organisation answer 404, as if they did not exist.
  const owned: Array<[string | undefined, "estates" | "departments" | "categories" | "users", string]> = [
    [filter.estateId, "estates", "estate"],
    [filter.departmentId, "departments", "department"],
    [filter.categoryId, "categories", "category"],
    [filter.workerId, "users", "user"],
  ];
  for (const [id, table, entity] of owned) {
    if (!id) continue;
    const row = await db
      .selectFrom(table)
      .select("id")
      .where("id", "=", id)
      .where("org_id", "=", actor.orgId)
      .executeTakeFirst();
    if (!row) throw notFound(entity, id);
  }
  return scopeOf(db, actor.orgId, estateScope(actor), filter);
}

/** The facts scope without an actor: for the monthly report job, which sees the whole organisation. */
export async function scopeOf(
  db: Db,
  orgId: string,
  estates: EstateScope,
  filter: StatsFilter,
): Promise<{ scope: repo.FactsScope; period: ResolvedPeriod }> {
  // Every caller's period, also those not validated by a route schema (audit pack, exports):
  // the calendar is unrolled over it, so it is bounded.
  const checked = statsFilterSchema.safeParse(filter);
  if (!checked.success) {
    throw new AppError("VALIDATION_FAILED", {
      issues: checked.error.issues.map((issue) => ({
        path: `querystring/${issue.path.join("/")}`,
        message: issue.message,
      })),
    });
  }
  const period = await resolvePeriod(db, orgId, filter.from, filter.to);
  const now = nowIso();
  // Every instant a figure measures lies between the start of the period and now.
  await ensureWorkingIntervals(
    db,
    orgId,
    Date.parse(period.startsAt) - DAY_MS,
    Math.max(Date.parse(now), Date.parse(period.endsAt)) + DAY_MS,
  );
  return {
    period,
    scope: {
      orgId,
      estates,
      startsAt: period.startsAt,
      endsAt: period.endsAt,
      estateId: filter.estateId,
      departmentId: filter.departmentId,
      categoryId: filter.categoryId,
      channel: filter.channel,
      kind: filter.kind,
      workerId: filter.workerId,
      now,
    },
  };
}

/** Bucket bounds (local dates) for the trend: days, 7-day weeks from `from`, or calendar months. */
export function trendBuckets(from: string, to: string, unit: StatsTrend): Array<{ from: string; to: string }> {
  const buckets: Array<{ from: string; to: string }> = [];
  let start = from;
  while (start <= to) {
    let next: string;
    if (unit === "day") next = addDays(start, 1);
    else if (unit === "week") next = addDays(start, 7);
    else {
      const [year, month] = start.split("-").map(Number) as [number, number];
      next = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
    }
    const last = addDays(next, -1);
    buckets.push({ from: start, to: last < to ? last : to });
    start = next;
  }
  return buckets;
}

function defaultTrend(from: string, to: string): StatsTrend {
  const days = daysBetween(from, to) + 1;
  return days <= 62 ? "day" : days <= 190 ? "week" : "month";
}

function emptyKinds() {
  return { complaint: 0, repair: 0, suggestion: 0 };
}

export async function getStatistics(db: Db, context: RequestContext, query: StatsQuery): Promise<Statistics> {
  const { scope, period } = await factsScopeOf(db, context, query);
  return computeStatistics(db, scope, period, query);
}

/** Every figure for a resolved scope: the actor's (getStatistics) or the whole organisation's (monthly report). */
export async function computeStatistics(
  db: Db,
  scope: repo.FactsScope,
  period: ResolvedPeriod,
  query: Pick<StatsQuery, "groupBy" | "trend">,
): Promise<Statistics> {
  const orgId = scope.orgId;
  let unit = query.trend ?? defaultTrend(period.from, period.to);
  let buckets = trendBuckets(period.from, period.to, unit);
  if (buckets.length > 400) {
    unit = "month";
    buckets = trendBuckets(period.from, period.to, unit);
  }
  const bounds = [...buckets.map((bucket) => startOfZonedDay(period.timeZone, bucket.from)), period.endsAt];
  const raw = await repo.withFacts(db, scope, { durations: true }, async (tx) => ({
    groupRows: await repo.countByGroup(tx, query.groupBy),
    bucketRows: await repo.countByBucket(tx, bounds),
    durationRows: await repo.durationPercentiles(tx),
    deadlineRows: await repo.deadlineCounts(tx),
    satisfactionRows: await repo.satisfactionCounts(tx),
    categories: await repo.complaintCategoryCounts(tx),
    repeatComplaints: await repo.repeatComplaintUnits(tx, 50),
    urges: await repo.urgeCounts(tx),
  }));

  const { groupRows, durationRows, deadlineRows, satisfactionRows, categories } = raw;
  const totals = { ...emptyKinds(), all: 0, closed: 0, open: 0 };
  const groups = new Map<string, Statistics["groups"][number]>();
  for (const row of groupRows) {
    totals[row.kind] += row.all;
    totals.all += row.all;
    totals.closed += row.closed;
    const mapKey = row.key ?? "";
    const group = groups.get(mapKey) ?? { key: row.key, label: null, ...emptyKinds(), all: 0, closed: 0 };
    group[row.kind] += row.all;
    group.all += row.all;
    group.closed += row.closed;
    groups.set(mapKey, group);
  }
  totals.open = totals.all - totals.closed;
  const keys = [...groups.values()].map((group) => group.key).filter((key): key is string => key !== null);
  const labels = await repo.groupLabels(db, orgId, query.groupBy, keys);
  for (const group of groups.values()) {
    group.label = group.key === null ? null : query.groupBy === "channel" ? group.key : (labels.get(group.key) ?? null);
  }

  const points = buckets.map((bucket) => ({ ...bucket, ...emptyKinds(), all: 0 }));
  for (const row of raw.bucketRows) {
    const point = points[row.bucket];
    if (!point) continue;
    point[row.kind] += row.count;
    point.all += row.count;
  }

  const durations: Statistics["durations"] = [];
  for (const measure of STATS_MEASURES) {
    for (const kind of CASE_KINDS) {
      if (kind === "suggestion" && measure !== "close") continue;
      const row = durationRows.find((candidate) => candidate.measure === measure && candidate.kind === kind);
      durations.push({
        measure,
        kind,
        count: row?.count ?? 0,
        medianMinutes: row?.median ?? null,
        p90Minutes: row?.p90 ?? null,
      });
    }
  }

  const deadlines: Statistics["deadlines"] = [];
  for (const stage of STATS_DEADLINE_STAGES) {
    for (const kind of ["complaint", "repair"] as const satisfies readonly CaseKind[]) {
      const row = deadlineRows.find((candidate) => candidate.kind === kind);
      deadlines.push({
        stage,
        kind,
        onTime: (stage === "accept" ? row?.acceptOnTime : row?.resultOnTime) ?? 0,
        late: (stage === "accept" ? row?.acceptLate : row?.resultLate) ?? 0,
      });
    }
  }

  const satisfaction = SATISFACTION_BUCKETS.map((value) => ({
    value,
    count: satisfactionRows.find((row) => (row.value ?? "none") === value)?.count ?? 0,
  }));

  const complaintTotal = categories.reduce((sum, row) => sum + row.count, 0);
  let cumulative = 0;
  const pareto = categories.map((row) => {
    cumulative += row.count;
    return {
      ...row,
      cumulativePercent: complaintTotal === 0 ? 0 : Math.round((cumulative / complaintTotal) * 1000) / 10,
    };
  });

  const statistics: Statistics = {
    period,
    totals,
    groupBy: query.groupBy,
    groups: [...groups.values()].sort((a, b) => b.all - a.all || (a.label ?? "").localeCompare(b.label ?? "")),
    trend: { unit, points },
    durations,
    deadlines,
    satisfaction,
    repeatComplaints: raw.repeatComplaints,
    pareto,
    urges: raw.urges,
    callbacks: null,
    nonconformities: null,
  };
  for (const extension of statsExtensions) Object.assign(statistics, await extension.sections(db, scope));
  return statistics;
}

function checkFigureKey(query: StatsCasesQuery): void {
  const { figure, key } = query;
  const invalid = (message: string) =>
    new AppError("VALIDATION_FAILED", { issues: [{ path: "querystring/key", message }] });
  if (figure === "repeat" && !idSchema.safeParse(key).success) throw invalid("the unit id");
  if (figure === "pareto" && key !== undefined && key !== "none" && !idSchema.safeParse(key).success) {
    throw invalid("a complaint category id or none");
  }
  if (figure === "satisfaction" && key !== undefined && !(SATISFACTION_BUCKETS as readonly string[]).includes(key)) {
    throw invalid(`one of ${SATISFACTION_BUCKETS.join(", ")}`);
  }
}

function decodeFigureCursor(cursor: string | undefined) {
  const position = decodeCursor(cursor);
  if (!position) return undefined;
  if (typeof position.value !== "string" || !idSchema.safeParse(position.id).success) {
    throw new AppError("BAD_CURSOR");
  }
  if (Number.isNaN(Date.parse(position.value))) throw new AppError("BAD_CURSOR");
  return { receivedAt: position.value, id: position.id };
}

/** The drill-down: the cases behind one figure, as register rows (GET /api/stats/cases). */
export async function listFigureCases(db: Db, context: RequestContext, query: StatsCasesQuery) {
  checkFigureKey(query);
  const after = decodeFigureCursor(query.cursor);
  const { scope } = await factsScopeOf(db, context, query);
  const { ids, total } = await repo.withFacts(db, scope, { durations: false }, (tx) =>
    repo.figureCases(tx, query.figure, query.key, after, query.limit),
  );
  const hasMore = ids.length > query.limit;
  const page = hasMore ? ids.slice(0, query.limit) : ids;
  const rows = await findSummaries(
    db,
    context.actor.orgId,
    page.map((row) => row.id),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const last = page.at(-1);
  return {
    total,
    items: page.flatMap((row) => {
      const summary = byId.get(row.id);
      return summary ? [presentSummary(summary)] : [];
    }),
    nextCursor: hasMore && last ? encodeCursor({ value: last.received_at, id: last.id }) : null,
  };
}
