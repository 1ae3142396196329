/**
 * Working time in SQL (issue #8 item 3: durations "in working time" on the business calendar).
 *
 * The calendar is unrolled into `stats_working_intervals` (start, end, working time before
 * the start). The working time elapsed at an instant t is W(t) = before + min(t, end) − start
 * of the last interval starting at or before t, and the working time between a and b is
 * W(b) − W(a): the same number `workingMinutesBetween` of the domain computes, but as two
 * index lookups per case inside the aggregate query.
 */
import { createHash } from "node:crypto";
import { type BusinessCalendar, workingIntervalsBetween } from "@estate-desk/domain";
import { type RawBuilder, sql } from "kysely";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import type { Db, DbOrTx } from "../db/database.js";
import { type DatabaseKind, isUniqueViolation, kindOf } from "../db/dialect.js";
import { nowIso } from "../http/clock.js";

const DAY_MS = 86_400_000;
/** Unrolled beyond what a request needs, so that most requests find the table ready. */
const MARGIN_BEFORE_MS = 62 * DAY_MS;
const MARGIN_AFTER_MS = 400 * DAY_MS;

function fingerprintOf(calendar: BusinessCalendar): string {
  const days = [...calendar.days.entries()].sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256")
    .update(
      JSON.stringify({
        timeZone: calendar.timeZone,
        workingPeriods: calendar.workingPeriods,
        makeUpDayPeriods: calendar.makeUpDayPeriods,
        days,
      }),
    )
    .digest("hex");
}

/**
 * Makes sure the organisation's working intervals cover [fromMs, toMs] for its current
 * calendar; rebuilds them when the calendar changed (its fingerprint differs).
 */
export async function ensureWorkingIntervals(db: Db, orgId: string, fromMs: number, toMs: number): Promise<void> {
  const calendar = await loadBusinessCalendar(db, orgId);
  const fingerprint = fingerprintOf(calendar);
  const state = await db.selectFrom("stats_calendar_states").selectAll().where("org_id", "=", orgId).executeTakeFirst();
  const sameCalendar = state?.fingerprint === fingerprint;
  if (state && sameCalendar && Number(state.covers_from_ms) <= fromMs && Number(state.covers_to_ms) >= toMs) return;
  const coversFrom = Math.min(fromMs, sameCalendar && state ? Number(state.covers_from_ms) : fromMs) - MARGIN_BEFORE_MS;
  const coversTo = Math.max(toMs, sameCalendar && state ? Number(state.covers_to_ms) : toMs) + MARGIN_AFTER_MS;
  const intervals = workingIntervalsBetween(
    calendar,
    new Date(coversFrom).toISOString(),
    new Date(coversTo).toISOString(),
  );
  let before = 0;
  const rows = intervals.map(([start, end]) => {
    const row = { org_id: orgId, start_ms: start, end_ms: end, before_ms: before };
    before += end - start;
    return row;
  });
  try {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom("stats_working_intervals").where("org_id", "=", orgId).execute();
      for (let index = 0; index < rows.length; index += 500) {
        await tx
          .insertInto("stats_working_intervals")
          .values(rows.slice(index, index + 500))
          .execute();
      }
      const values = { fingerprint, covers_from_ms: coversFrom, covers_to_ms: coversTo, updated_at: nowIso() };
      if (state) await tx.updateTable("stats_calendar_states").set(values).where("org_id", "=", orgId).execute();
      else
        await tx
          .insertInto("stats_calendar_states")
          .values({ org_id: orgId, ...values })
          .execute();
    });
  } catch (error) {
    // Another request rebuilt the same intervals at the same moment: theirs serve as well.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Milliseconds since 1970 of a stored instant, as a bigint so that the interval index serves the lookup. */
export function epochMs(kind: DatabaseKind, instant: RawBuilder<unknown>): RawBuilder<number> {
  return kind === "postgres"
    ? sql<number>`cast(round(extract(epoch from ${instant}) * 1000) as bigint)`
    : sql<number>`cast(round(unixepoch(${instant}, 'subsec') * 1000) as bigint)`;
}

/** W(t): working milliseconds at the instant, counted from the start of the unrolled calendar. */
export function workingElapsed(kind: DatabaseKind, orgId: string, instant: RawBuilder<unknown>): RawBuilder<number> {
  const t = epochMs(kind, instant);
  return sql<number>`coalesce((select w.before_ms + (case when ${t} < w.end_ms then ${t} else w.end_ms end) - w.start_ms
    from stats_working_intervals w where w.org_id = ${orgId} and w.start_ms <= ${t}
    order by w.start_ms desc limit 1), 0)`;
}

/** Working minutes from one instant to another (null when either is null). */
export function workingMinutes(
  db: DbOrTx,
  orgId: string,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number | null> {
  const kind = kindOf(db);
  return sql<number | null>`case when ${from} is null or ${to} is null then null
    else (${workingElapsed(kind, orgId, to)} - ${workingElapsed(kind, orgId, from)}) / 60000.0 end`;
}
