/** Test helpers of records control: complaints driven to closed through the real workflow. */
import { expect } from "vitest";
import { phoneComplaint } from "../testing/cases.js";
import type { TestApp } from "../testing/test-app.js";

/** A phone complaint taken from routing to closed by the people the procedure names. */
export async function closedComplaint(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; number: string }> {
  const head = await t.as("cshead");
  const created = await head.post(
    "/api/cases",
    await phoneComplaint(t, { similarCasesAcknowledged: true, ...overrides }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  const handlingId: string = created.body.complaint.handlings[0].id;
  const dept = await t.as("depthead");
  const steps: [string, Record<string, unknown>][] = [
    ["depthead", { action: "accept", handlingId }],
    ["depthead", { action: "assign", handlingId, assigneeId: t.world.a.users.deptstaff }],
    ["deptstaff", { action: "return_result", handlingId, measures: "加强巡逻", result: "已处理" }],
    ["csagent", { action: "check", outcome: "accepted", comment: "措施到位" }],
  ];
  for (const [user, body] of steps) {
    const client = user === "depthead" ? dept : await t.as(user);
    const response = await client.post(`/api/cases/${id}/actions`, body);
    expect(response.status, `${body.action}: ${JSON.stringify(response.body)}`).toBe(200);
  }
  // the satisfied callback closes the complaint.
  const callback = await (await t.as("csagent")).post("/api/callbacks", {
    subjectType: "complaint",
    caseId: id,
    method: "phone",
    result: { outcome: "reached", satisfaction: "satisfied", opinion: "回访满意" },
  });
  expect(callback.status, JSON.stringify(callback.body)).toBe(201);
  return { id, number: created.body.number };
}

/** The current month `YYYY-MM` in China time (the test organisations' time zone). */
export function currentPeriod(): string {
  const local = new Date(Date.now() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Repeated complaints from one unit would be major and need a sign-off: tests make several. */
export async function withoutRepeatRule(t: TestApp): Promise<void> {
  const cshead = await t.as("cshead");
  const response = await cshead.request("PUT", "/api/settings/major-complaints", {
    categoryIds: [],
    repeatWithinDays: null,
    sources: ["media", "government"],
  });
  expect(response.status).toBe(200);
}
