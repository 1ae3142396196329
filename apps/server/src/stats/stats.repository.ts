/**
 * The statistics as SQL (issue #8 item 3). One CTE, `facts`, has a row per case in scope with
 * everything a figure needs (acceptance, result, deadlines, evaluation, urges, worker); every
 * figure is an aggregate over it and every drill-down is the same CTE with the figure's
 * condition, so that a figure and the list behind it cannot disagree.
 */
import type { CaseKind, Channel, StatsFigure, StatsGroup } from "@estate-desk/domain";
import { type RawBuilder, sql } from "kysely";
import type { EstateScope } from "../auth/policy.js";
import type { Db, DbOrTx } from "../db/database.js";
import { kindOf } from "../db/dialect.js";
import { workingElapsed } from "./working-time.js";

export interface FactsScope {
  orgId: string;
  estates: EstateScope;
  /** Received in [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
  estateId?: string | undefined;
  departmentId?: string | undefined;
  categoryId?: string | undefined;
  channel?: Channel | undefined;
  kind?: CaseKind | undefined;
  workerId?: string | undefined;
  /** Deadlines that passed before this instant without the step done count as missed. */
  now: string;
}

/** `with scoped …, sections …, facts …` for the scope. */
function factsCte(scope: FactsScope): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [
    sql`c.org_id = ${scope.orgId}`,
    sql`c.received_at >= ${scope.startsAt}`,
    sql`c.received_at < ${scope.endsAt}`,
    // A duplicate is the same matter counted on its original (R-4.1.2).
    sql`c.duplicate_of_id is null`,
  ];
  if (!scope.estates.all) {
    conditions.push(
      scope.estates.estateIds.length === 0 ? sql`1 = 0` : sql`c.estate_id in (${sql.join(scope.estates.estateIds)})`,
    );
  }
  if (scope.estateId) conditions.push(sql`c.estate_id = ${scope.estateId}`);
  if (scope.departmentId) conditions.push(sql`c.department_id = ${scope.departmentId}`);
  if (scope.categoryId) conditions.push(sql`c.category_id = ${scope.categoryId}`);
  if (scope.channel) conditions.push(sql`c.channel = ${scope.channel}`);
  if (scope.kind) conditions.push(sql`c.kind = ${scope.kind}`);
  const now = scope.now;
  const workerCondition = scope.workerId ? sql`where f0.worker_id = ${scope.workerId}` : sql``;
  return sql`with scoped as (
      select c.id, c.kind, c.status, c.estate_id, c.department_id, c.category_id, c.channel, c.unit_id,
        c.received_at, c.closed_at,
        wo.worker_id as wo_worker_id, wo.satisfaction, wo.urge_count, wo.accepted_at as wo_accepted_at,
        wo.completed_at as wo_completed_at, wo.accept_due_at as wo_accept_due_at, wo.result_due_at as wo_result_due_at
      from cases c
      left join work_orders wo on wo.case_id = c.id
      where ${sql.join(conditions, sql` and `)}
    ),
    sections as (
      select h.case_id,
        min(h.accepted_at) as first_accepted_at,
        max(h.returned_at) as last_returned_at,
        min(cast(h.assignee_id as text)) as assignee_id,
        sum(case when h.returned_at is null then 1 else 0 end) as unreturned,
        sum(case when h.accept_due_at is not null and ((h.accepted_at is not null and h.accepted_at > h.accept_due_at)
          or (h.accepted_at is null and h.accept_due_at < ${now})) then 1 else 0 end) as accept_late,
        sum(case when h.accept_due_at is not null then 1 else 0 end) as accept_due,
        sum(case when h.accept_due_at is not null and h.accepted_at is not null and h.accepted_at <= h.accept_due_at
          then 1 else 0 end) as accept_on_time,
        sum(case when h.result_due_at is not null and ((h.returned_at is not null and h.returned_at > h.result_due_at)
          or (h.returned_at is null and h.result_due_at < ${now})) then 1 else 0 end) as result_late,
        sum(case when h.result_due_at is not null then 1 else 0 end) as result_due,
        sum(case when h.result_due_at is not null and h.returned_at is not null and h.returned_at <= h.result_due_at
          then 1 else 0 end) as result_on_time
      from case_handlings h
      inner join scoped s on s.id = h.case_id
      where h.status <> 'reassigned'
      group by h.case_id
    ),
    f0 as (
      select s.*,
        coalesce(cast(s.wo_worker_id as text), sec.assignee_id) as worker_id,
        case when s.kind = 'complaint' then sec.first_accepted_at when s.kind = 'repair' then s.wo_accepted_at end
          as accepted_at,
        case when s.kind = 'complaint' and sec.unreturned = 0 then sec.last_returned_at
          when s.kind = 'repair' then s.wo_completed_at end as result_at,
        case
          when s.kind = 'complaint' then case when sec.accept_late > 0 then 'late'
            when sec.accept_due > 0 and sec.accept_on_time = sec.accept_due then 'on_time' end
          when s.kind = 'repair' and s.wo_accept_due_at is not null then case
            when (s.wo_accepted_at is not null and s.wo_accepted_at > s.wo_accept_due_at)
              or (s.wo_accepted_at is null and s.wo_accept_due_at < ${now}) then 'late'
            when s.wo_accepted_at is not null then 'on_time' end
        end as accept_state,
        case
          when s.kind = 'complaint' then case when sec.result_late > 0 then 'late'
            when sec.result_due > 0 and sec.result_on_time = sec.result_due then 'on_time' end
          when s.kind = 'repair' and s.wo_result_due_at is not null then case
            when (s.wo_completed_at is not null and s.wo_completed_at > s.wo_result_due_at)
              or (s.wo_completed_at is null and s.wo_result_due_at < ${now}) then 'late'
            when s.wo_completed_at is not null then 'on_time' end
        end as result_state
      from scoped s
      left join sections sec on sec.case_id = s.id
    ),
    facts as (select * from f0 ${workerCondition})`;
}

/**
 * Runs `work` with the temporary table `stats_facts` filled for the scope: the joins and the
 * working-time lookups run once per request, the figures are cheap aggregates over it. On
 * PostgreSQL the table lives until the transaction ends; JIT compilation is off because it
 * costs more than these queries take.
 */
export async function withFacts<T>(
  db: Db,
  scope: FactsScope,
  options: { durations: boolean },
  work: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  const postgres = kindOf(db) === "postgres";
  return db.transaction().execute(async (tx) => {
    if (postgres) await sql`set local jit = off`.execute(tx);
    else await sql`drop table if exists temp.stats_facts`.execute(tx);
    const kind = kindOf(tx);
    // W(t) once per instant; each duration is a difference of two of them.
    const elapsed = (instant: RawBuilder<unknown>) =>
      sql`case when ${instant} is null then null else ${workingElapsed(kind, scope.orgId, instant)} end`;
    const timed = options.durations
      ? sql`select facts.*, ${workingElapsed(kind, scope.orgId, sql`facts.received_at`)} as w_received,
          ${elapsed(sql`facts.accepted_at`)} as w_accepted,
          ${elapsed(sql`facts.result_at`)} as w_result,
          ${elapsed(sql`case when facts.status = 'closed' then facts.closed_at end`)} as w_closed
        from facts`
      : sql`select facts.*, cast(null as real) as w_received, cast(null as real) as w_accepted,
          cast(null as real) as w_result, cast(null as real) as w_closed from facts`;
    await sql`create temp table stats_facts ${postgres ? sql`on commit drop` : sql``} as
      ${factsCte(scope)}, timed as (${timed})
      select timed.*, (timed.w_accepted - timed.w_received) / 60000.0 as accept_minutes,
        (timed.w_result - timed.w_received) / 60000.0 as result_minutes,
        (timed.w_closed - timed.w_received) / 60000.0 as close_minutes
      from timed`.execute(tx);
    try {
      return await work(tx);
    } finally {
      if (!postgres) await sql`drop table if exists temp.stats_facts`.execute(tx);
    }
  });
}

/** Which rows of `facts` a drill-down figure lists. */
function figureCondition(figure: StatsFigure, key: string | undefined): RawBuilder<unknown> {
  switch (figure) {
    case "received":
      return sql`1 = 1`;
    case "closed":
      return sql`facts.status = 'closed'`;
    case "accept.onTime":
      return sql`facts.accept_state = 'on_time'`;
    case "accept.late":
      return sql`facts.accept_state = 'late'`;
    case "result.onTime":
      return sql`facts.result_state = 'on_time'`;
    case "result.late":
      return sql`facts.result_state = 'late'`;
    case "measured.accept":
      return sql`facts.accepted_at is not null and facts.kind <> 'suggestion'`;
    case "measured.result":
      return sql`facts.result_at is not null and facts.kind <> 'suggestion'`;
    case "measured.close":
      return sql`facts.closed_at is not null and facts.status = 'closed'`;
    case "satisfaction":
      return key === "none" || key === undefined
        ? sql`facts.kind = 'repair' and facts.wo_completed_at is not null and facts.satisfaction is null`
        : sql`facts.kind = 'repair' and facts.wo_completed_at is not null and facts.satisfaction = ${key}`;
    case "repeat":
      // The unit's complaints, when it has two or more in the period.
      return sql`facts.kind = 'complaint' and facts.unit_id = ${key ?? ""}
        and (select count(*) from stats_facts f2 where f2.kind = 'complaint' and f2.unit_id = ${key ?? ""}) >= 2`;
    case "pareto":
      return key === "none" || key === undefined
        ? sql`facts.kind = 'complaint' and facts.category_id is null`
        : sql`facts.kind = 'complaint' and facts.category_id = ${key}`;
    case "urged":
      return sql`facts.urge_count > 0`;
  }
}

const GROUP_COLUMNS: Record<StatsGroup, string> = {
  estate: "estate_id",
  department: "department_id",
  category: "category_id",
  channel: "channel",
  worker: "worker_id",
};

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export interface KindCountRow {
  key: string | null;
  kind: CaseKind;
  all: number;
  closed: number;
}

export async function countByGroup(db: DbOrTx, groupBy: StatsGroup): Promise<KindCountRow[]> {
  const column = sql.ref(`facts.${GROUP_COLUMNS[groupBy]}`);
  const result = await sql<{ key: string | null; kind: CaseKind; all_count: unknown; closed_count: unknown }>`
    select ${column} as key, facts.kind as kind, count(*) as all_count,
      sum(case when facts.status = 'closed' then 1 else 0 end) as closed_count
    from stats_facts facts group by ${column}, facts.kind`.execute(db);
  return result.rows.map((row) => ({
    key: row.key === null ? null : String(row.key),
    kind: row.kind,
    all: num(row.all_count),
    closed: num(row.closed_count),
  }));
}

/** Cases per bucket of receipt: `bounds` are k+1 ascending instants, the rows' bucket index 0…k−1. */
export async function countByBucket(
  db: DbOrTx,
  bounds: readonly string[],
): Promise<Array<{ bucket: number; kind: CaseKind; count: number }>> {
  const whens = bounds
    .slice(1, -1)
    .map((bound, index) => sql`when facts.received_at < ${bound} then ${sql.lit(index)}`);
  const bucket =
    whens.length === 0 ? sql`0` : sql`case ${sql.join(whens, sql` `)} else ${sql.lit(bounds.length - 2)} end`;
  const result = await sql<{ bucket: unknown; kind: CaseKind; n: unknown }>`
    select ${bucket} as bucket, facts.kind as kind, count(*) as n from stats_facts facts group by 1, 2`.execute(db);
  return result.rows.map((row) => ({ bucket: num(row.bucket), kind: row.kind, count: num(row.n) }));
}

export interface DurationRow {
  measure: "accept" | "result" | "close";
  kind: CaseKind;
  count: number;
  median: number | null;
  p90: number | null;
}

/** Median and 90th percentile (nearest rank) of the working minutes per measure and kind. */
export async function durationPercentiles(db: DbOrTx): Promise<DurationRow[]> {
  const rows = await sql<{
    measure: DurationRow["measure"];
    kind: CaseKind;
    n: unknown;
    median: unknown;
    p90: unknown;
  }>`
    with measured as (
      select 'accept' as measure, facts.kind as kind, facts.accept_minutes as minutes from stats_facts facts where facts.kind <> 'suggestion'
      union all
      select 'result' as measure, facts.kind as kind, facts.result_minutes as minutes from stats_facts facts where facts.kind <> 'suggestion'
      union all
      select 'close' as measure, facts.kind as kind, facts.close_minutes as minutes from stats_facts facts
    ),
    ranked as (
      select measure, kind, minutes,
        row_number() over (partition by measure, kind order by minutes) as rn,
        count(*) over (partition by measure, kind) as n
      from measured where minutes is not null
    )
    select measure, kind, max(n) as n,
      max(case when rn = (n + 1) / 2 then minutes end) as median,
      max(case when rn = (9 * n + 9) / 10 then minutes end) as p90
    from ranked group by measure, kind`.execute(db);
  return rows.rows.map((row) => ({
    measure: row.measure,
    kind: row.kind,
    count: num(row.n),
    median: row.median === null ? null : Number(row.median),
    p90: row.p90 === null ? null : Number(row.p90),
  }));
}

export async function deadlineCounts(
  db: DbOrTx,
): Promise<
  Array<{ kind: CaseKind; acceptOnTime: number; acceptLate: number; resultOnTime: number; resultLate: number }>
> {
  const result = await sql<{ kind: CaseKind; a_on: unknown; a_late: unknown; r_on: unknown; r_late: unknown }>`
    select facts.kind as kind,
      sum(case when facts.accept_state = 'on_time' then 1 else 0 end) as a_on,
      sum(case when facts.accept_state = 'late' then 1 else 0 end) as a_late,
      sum(case when facts.result_state = 'on_time' then 1 else 0 end) as r_on,
      sum(case when facts.result_state = 'late' then 1 else 0 end) as r_late
    from stats_facts facts where facts.kind <> 'suggestion' group by facts.kind`.execute(db);
  return result.rows.map((row) => ({
    kind: row.kind,
    acceptOnTime: num(row.a_on),
    acceptLate: num(row.a_late),
    resultOnTime: num(row.r_on),
    resultLate: num(row.r_late),
  }));
}

export async function satisfactionCounts(db: DbOrTx): Promise<Array<{ value: string | null; count: number }>> {
  const result = await sql<{ value: string | null; n: unknown }>`
    select facts.satisfaction as value, count(*) as n from stats_facts facts
    where facts.kind = 'repair' and facts.wo_completed_at is not null group by facts.satisfaction`.execute(db);
  return result.rows.map((row) => ({ value: row.value, count: num(row.n) }));
}

export async function repeatComplaintUnits(
  db: DbOrTx,
  limit: number,
): Promise<Array<{ unitId: string; unitLabel: string; estateName: string; count: number }>> {
  const result = await sql<{
    unit_id: string;
    n: unknown;
    unit_number: string;
    building_name: string;
    estate_name: string;
  }>`
    with repeated as (
      select facts.unit_id as unit_id, count(*) as n from stats_facts facts
      where facts.kind = 'complaint' and facts.unit_id is not null
      group by facts.unit_id having count(*) >= 2
    )
    select repeated.unit_id, repeated.n, units.number as unit_number, buildings.name as building_name,
      estates.name as estate_name
    from repeated
    inner join units on units.id = repeated.unit_id
    inner join buildings on buildings.id = units.building_id
    inner join estates on estates.id = units.estate_id
    order by repeated.n desc, units.sort_key asc
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
    unitId: String(row.unit_id),
    unitLabel: `${row.building_name} ${row.unit_number}`,
    estateName: row.estate_name,
    count: num(row.n),
  }));
}

export async function complaintCategoryCounts(
  db: DbOrTx,
): Promise<Array<{ categoryId: string | null; name: string | null; count: number }>> {
  const result = await sql<{ category_id: string | null; name: string | null; n: unknown }>`
    select facts.category_id as category_id, categories.name as name, count(*) as n
    from stats_facts facts left join categories on categories.id = facts.category_id
    where facts.kind = 'complaint'
    group by facts.category_id, categories.name`.execute(db);
  return result.rows
    .map((row) => ({
      categoryId: row.category_id === null ? null : String(row.category_id),
      name: row.name,
      count: num(row.n),
    }))
    .sort((a, b) => b.count - a.count || (a.name ?? "").localeCompare(b.name ?? ""));
}

export async function urgeCounts(db: DbOrTx): Promise<{ urgedCases: number; urges: number }> {
  const result = await sql<{ urged: unknown; urges: unknown }>`
    select sum(case when facts.urge_count > 0 then 1 else 0 end) as urged, sum(coalesce(facts.urge_count, 0)) as urges
    from stats_facts facts`.execute(db);
  const row = result.rows[0];
  return { urgedCases: num(row?.urged), urges: num(row?.urges) };
}

/** One page of the cases behind a figure, newest first, keyset-paged on (received_at, id); and the figure's total. */
export async function figureCases(
  db: DbOrTx,
  figure: StatsFigure,
  key: string | undefined,
  after: { receivedAt: string; id: string } | undefined,
  limit: number,
): Promise<{ ids: Array<{ id: string; received_at: string }>; total: number }> {
  const condition = figureCondition(figure, key);
  const total = await sql<{ n: unknown }>`
    select count(*) as n from stats_facts facts where ${condition}`.execute(db);
  const keyset = after
    ? sql`and (facts.received_at < ${after.receivedAt} or (facts.received_at = ${after.receivedAt} and facts.id < ${after.id}))`
    : sql``;
  const page = await sql<{ id: string; received_at: string }>`
    select facts.id, facts.received_at from stats_facts facts where ${condition} ${keyset}
    order by facts.received_at desc, facts.id desc limit ${limit + 1}`.execute(db);
  return {
    ids: page.rows.map((row) => ({ id: String(row.id), received_at: String(row.received_at) })),
    total: num(total.rows[0]?.n),
  };
}

/** Display names for group keys. */
export async function groupLabels(
  db: Db,
  orgId: string,
  groupBy: StatsGroup,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0 || groupBy === "channel") return new Map();
  const table = { estate: "estates", department: "departments", category: "categories", worker: "users" }[groupBy];
  const nameColumn = groupBy === "worker" ? "display_name" : "name";
  const result = await sql<{ id: string; name: string }>`
    select id, ${sql.ref(nameColumn)} as name from ${sql.table(table)}
    where org_id = ${orgId} and id in (${sql.join(keys)})`.execute(db);
  return new Map(result.rows.map((row) => [String(row.id), row.name]));
}
