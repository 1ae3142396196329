/**
 * Calendar dates and wall-clock times in the organisation's time zone, whatever zone the
 * browser is in: a register filtered "from 29 Nov" must mean 29 Nov in the management
 * centre, and a letter's "received at 09:30" is 09:30 there.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const clock = wallClock(ms, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant when the zone's clock shows the given wall time. */
function instantOf(parts: WallClock, timeZone: string): number {
  const guess = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Twice, so that a wall time near a daylight-saving change settles on the right offset.
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

export function isDateText(value: string | null | undefined): value is string {
  if (typeof value !== "string") return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) && date.getUTCMonth() === Number(match[2]) - 1;
}

/** `2026-11-29` plus a number of days, as a date text again. */
export function addDays(date: string, days: number): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) return date;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The instant the day starts in the zone, as an ISO string; null for a malformed date. */
export function zonedDayStartIso(date: string, timeZone: string): string | null {
  if (!isDateText(date)) return null;
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const ms = instantOf(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0, second: 0 },
    timeZone,
  );
  return new Date(ms).toISOString();
}

/** A `datetime-local` value (`2026-11-29T09:30`) read in the zone, as an ISO instant. */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const ms = instantOf(
    {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      hour: Number(match[4]),
      minute: Number(match[5]),
      second: 0,
    },
    timeZone,
  );
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const pad = (value: number) => String(value).padStart(2, "0");

/** An instant as the zone's `datetime-local` value (`2026-11-29T09:30`). */
export function isoToZonedLocal(iso: string | number, timeZone: string): string {
  const clock = wallClock(typeof iso === "number" ? iso : new Date(iso).getTime(), timeZone);
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}

/** Today's date in the zone. */
export function zonedToday(timeZone: string, now: number = Date.now()): string {
  return isoToZonedLocal(now, timeZone).slice(0, 10);
}
