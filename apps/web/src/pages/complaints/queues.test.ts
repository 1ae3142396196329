import type { HandlingQueueItem } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { overdueCount, quickActions, sortByDeadline, trackingRows } from "./queues";

const NOW = Date.parse("2026-12-01T02:00:00Z");
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function item(overrides: Partial<HandlingQueueItem>): HandlingQueueItem {
  return {
    caseId: "c-1",
    number: "TS-CHY-20261201-0001",
    status: "routed",
    estateName: "翠湖花园",
    unitLabel: "3栋 1-101",
    publicArea: null,
    categoryName: "噪音扰民",
    urgency: "normal",
    content: "楼上装修",
    receivedAt: inMinutes(-60),
    isMajor: false,
    pausedAt: null,
    handlingId: "h-1",
    handlingStatus: "routed",
    departmentId: "sec",
    departmentName: "秩序维护部",
    assigneeId: null,
    assigneeName: null,
    routedAt: inMinutes(-60),
    acceptDueAt: inMinutes(30),
    resultDueAt: inMinutes(600),
    escalationLevel: 0,
    ...overrides,
  };
}

describe("work lists", () => {
  const relaxed = item({ handlingId: "relaxed", acceptDueAt: inMinutes(120) });
  const late = item({ handlingId: "late", acceptDueAt: inMinutes(-10), escalationLevel: 2 });
  const cleaning = item({ handlingId: "cleaning", departmentId: "env", acceptDueAt: inMinutes(5), escalationLevel: 1 });

  it("put the most urgent deadline first", () => {
    expect(sortByDeadline([relaxed, late, cleaning], NOW).map((row) => row.handlingId)).toEqual([
      "late",
      "cleaning",
      "relaxed",
    ]);
  });

  it("filter the tracking list by department and to the overdue ones", () => {
    expect(trackingRows([relaxed, late, cleaning], { departmentId: "env", overdueOnly: false }, NOW)).toEqual([
      cleaning,
    ]);
    expect(trackingRows([relaxed, late, cleaning], { overdueOnly: true }, NOW)).toEqual([late]);
    expect(overdueCount([relaxed, late, cleaning], NOW)).toBe(1);
  });

  it("offer heads accept, assign and return, and the assignee return only", () => {
    const head = { id: "u-head", roles: ["dept_head" as const] };
    const staff = { id: "u-staff", roles: ["dept_staff" as const] };
    expect(quickActions(item({ handlingStatus: "routed" }), head)).toEqual(["accept"]);
    expect(quickActions(item({ handlingStatus: "accepted" }), head)).toEqual(["assign", "return_result"]);
    expect(quickActions(item({ handlingStatus: "in_progress", assigneeId: "u-staff" }), staff)).toEqual([
      "return_result",
    ]);
    expect(quickActions(item({ handlingStatus: "routed" }), staff)).toEqual([]);
    expect(quickActions(item({ handlingStatus: "in_progress", assigneeId: "u-other" }), staff)).toEqual([]);
  });
});
