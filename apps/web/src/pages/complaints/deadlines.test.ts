import { describe, expect, it } from "vitest";
import { compareDeadlineUrgency, deadlineState, durationParts, isOverdue } from "./deadlines";

const NOW = Date.parse("2026-12-01T02:00:00Z");
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function section(status: "routed" | "accepted" | "in_progress" | "returned", level: number, dueInMinutes: number) {
  return {
    status,
    acceptDueAt: inMinutes(dueInMinutes),
    resultDueAt: inMinutes(dueInMinutes + 600),
    escalationLevel: level,
  };
}

describe("deadline colours", () => {
  it("count the acceptance deadline while routed and the result deadline once accepted", () => {
    expect(deadlineState(section("routed", 0, 30), false, NOW)).toMatchObject({ kind: "accept", tone: "ok" });
    const accepted = deadlineState(section("accepted", 0, 30), false, NOW);
    expect(accepted).toMatchObject({ kind: "result", tone: "ok", remainingMs: 630 * 60_000 });
    expect(deadlineState(section("returned", 2, -30), false, NOW)).toMatchObject({ kind: null, tone: "done" });
  });

  it("are green in time, orange at level 1, red at level 2 and up, with 已升级 from level 3", () => {
    expect(deadlineState(section("routed", 0, 30), false, NOW).tone).toBe("ok");
    expect(deadlineState(section("routed", 1, 5), false, NOW).tone).toBe("approaching");
    expect(deadlineState(section("routed", 2, -5), false, NOW)).toMatchObject({ tone: "overdue", escalated: false });
    expect(deadlineState(section("routed", 3, -300), false, NOW)).toMatchObject({ tone: "overdue", escalated: true });
    expect(deadlineState(section("routed", 4, -600), false, NOW)).toMatchObject({ tone: "overdue", escalated: true });
  });

  it("turn red when the deadline passes, before the scheduler has raised the level", () => {
    expect(deadlineState(section("routed", 1, -1), false, NOW).tone).toBe("overdue");
    expect(isOverdue(deadlineState(section("routed", 0, 0), false, NOW))).toBe(true);
  });

  it("stand still while the complaint waits on the resident", () => {
    expect(deadlineState(section("in_progress", 2, -30), true, NOW).tone).toBe("paused");
  });

  it("show no countdown for a section without a stored deadline", () => {
    const state = deadlineState(
      { status: "routed", acceptDueAt: null, resultDueAt: null, escalationLevel: 0 },
      false,
      NOW,
    );
    expect(state).toMatchObject({ kind: "accept", remainingMs: null, tone: "ok" });
  });

  it("sort the most urgent first: overdue by level and lateness, approaching, in time, paused, done", () => {
    const states = {
      done: deadlineState(section("returned", 0, 0), false, NOW),
      paused: deadlineState(section("routed", 0, 10), true, NOW),
      relaxed: deadlineState(section("routed", 0, 300), false, NOW),
      soon: deadlineState(section("routed", 0, 20), false, NOW),
      approaching: deadlineState(section("routed", 1, 200), false, NOW),
      late: deadlineState(section("routed", 2, -10), false, NOW),
      later: deadlineState(section("routed", 2, -50), false, NOW),
      escalated: deadlineState(section("routed", 3, -5), false, NOW),
    };
    const order = Object.entries(states)
      .sort(([, a], [, b]) => compareDeadlineUrgency(a, b))
      .map(([name]) => name);
    expect(order).toEqual(["escalated", "later", "late", "approaching", "soon", "relaxed", "paused", "done"]);
  });

  it("split durations into days, hours and minutes, either side of the deadline", () => {
    expect(durationParts(((26 * 60 + 5) * 60 + 30) * 1000)).toEqual({ days: 1, hours: 2, minutes: 5 });
    expect(durationParts(-90 * 60_000)).toEqual({ days: 0, hours: 1, minutes: 30 });
  });
});
