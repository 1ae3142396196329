import type { ComplaintHandling, HandlingStatus } from "@estate-desk/domain";

/**
 * How a department's section stands against its deadline, for the countdown colours:
 * green in time, orange approaching (escalation level 1), red past (level 2 and up; levels 3
 * and 4 have also gone up the line), grey while the complaint waits on the resident, none once
 * the department returned its result.
 */
export type DeadlineTone = "ok" | "approaching" | "overdue" | "paused" | "done";

/** Which deadline runs: acceptance while routed, the result once accepted (as the server escalates). */
export type DeadlineKind = "accept" | "result";

export interface DeadlineState {
  kind: DeadlineKind | null;
  dueAt: string | null;
  tone: DeadlineTone;
  /** Milliseconds until the deadline; negative once past; null without a running deadline. */
  remainingMs: number | null;
  /** Gone up the line: the customer-service head (level 3) or the management representative (4). */
  escalated: boolean;
  level: number;
}

type SectionClock = Pick<ComplaintHandling, "acceptDueAt" | "resultDueAt" | "escalationLevel"> & {
  status: HandlingStatus;
};

export function runningDeadline(section: SectionClock): { kind: DeadlineKind; dueAt: string | null } | null {
  switch (section.status) {
    case "routed":
      return { kind: "accept", dueAt: section.acceptDueAt };
    case "accepted":
    case "in_progress":
      return { kind: "result", dueAt: section.resultDueAt };
    case "returned":
    case "reassigned":
      return null;
  }
}

/**
 * The state of a section at `now`. The server's escalation level decides the colour; the wall
 * clock is consulted as well, so a section is red the moment its deadline passes even if the
 * scheduler has not run yet (it runs every minute).
 */
export function deadlineState(section: SectionClock, paused: boolean, now: number): DeadlineState {
  const running = runningDeadline(section);
  const level = section.escalationLevel;
  if (running === null) {
    return { kind: null, dueAt: null, tone: "done", remainingMs: null, escalated: false, level };
  }
  const due = running.dueAt === null ? Number.NaN : Date.parse(running.dueAt);
  const remainingMs = Number.isNaN(due) ? null : due - now;
  const escalated = level >= 3;
  let tone: DeadlineTone;
  if (paused) tone = "paused";
  else if (level >= 2 || (remainingMs !== null && remainingMs <= 0)) tone = "overdue";
  else if (level === 1) tone = "approaching";
  else tone = "ok";
  return { kind: running.kind, dueAt: running.dueAt, tone, remainingMs, escalated, level };
}

export const TONE_COLOURS: Record<DeadlineTone, string> = {
  ok: "green",
  approaching: "orange",
  overdue: "red",
  paused: "default",
  done: "default",
};

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** A duration in whole days, hours and minutes (wall clock), for "2 天 3 小时" texts. */
export function durationParts(ms: number): DurationParts {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

const TONE_RANK: Record<DeadlineTone, number> = { overdue: 0, approaching: 1, ok: 2, paused: 3, done: 4 };

/**
 * Most urgent first: overdue (higher escalation level, then longest overdue), approaching,
 * in time by time left, then paused ones (their clock stands still), then none.
 */
export function compareDeadlineUrgency(a: DeadlineState, b: DeadlineState): number {
  const rank = TONE_RANK[a.tone] - TONE_RANK[b.tone];
  if (rank !== 0) return rank;
  if (a.level !== b.level) return b.level - a.level;
  const left = (state: DeadlineState) => state.remainingMs ?? Number.POSITIVE_INFINITY;
  const difference = left(a) - left(b);
  return Number.isNaN(difference) ? 0 : difference;
}

/** Whether a section counts as overdue for the "overdue only" filter and the workbench count. */
export function isOverdue(state: DeadlineState): boolean {
  return state.tone === "overdue";
}
