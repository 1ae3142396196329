// Deadline evaluation through the API (issue #4 item 6): the job is run with a chosen clock
// instead of waiting; each level is announced once, to the people the level is for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { backdateHandlings } from "../testing/deadlines.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { runDeadlineEscalation } from "./deadline-escalation.js";

/** Shanghai wall-clock time → instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
/** Friday 17:10: acceptance due Monday 08:40 (warning 08:34), result due Tuesday 08:40 (warning Monday 16:04). */
const ROUTED_FRIDAY = sh("2026-11-27T17:10:00");

const DEADLINE_TOPICS = ["case.deadline_approaching", "case.deadline_passed", "case.escalated"];

interface Event {
  type: string;
  data: Record<string, unknown>;
}

describe.each(testDatabases())("deadline escalation (issue #4 item 6) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A complaint to 秩序维护部 (SEC), as if routed on Friday at 17:10. */
  async function routedComplaint(): Promise<{ caseId: string; handlingId: string }> {
    const agent = await t.as("cshead");
    const response = await agent.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
    expect(response.status).toBe(201);
    const caseId: string = response.body.id;
    return { caseId, handlingId: await backdateHandlings(t.database.db, caseId, ROUTED_FRIDAY) };
  }

  const run = (local: string) => runDeadlineEscalation(t.database.db, sh(local));

  async function deadlineEvents(caseId: string): Promise<Event[]> {
    const detail = await (await t.as("cshead")).get(`/api/cases/${caseId}`);
    return detail.body.events
      .filter((e: Event) => ["deadline_approaching", "deadline_passed", "escalated"].includes(e.type))
      .map((e: Event) => ({ type: e.type, data: e.data }));
  }

  /** The deadline topics a user has been notified of about the case, oldest first. */
  async function noticesOf(username: string, caseId: string): Promise<string[]> {
    await drainOutbox(t.database.db, { limit: 500 });
    const response = await (await t.as(username)).get("/api/notifications?limit=200");
    expect(response.status).toBe(200);
    return response.body.items
      .filter((n: { caseId: string; topic: string }) => n.caseId === caseId && DEADLINE_TOPICS.includes(n.topic))
      .map((n: { topic: string; params: Record<string, unknown> }) => `${n.topic}:${n.params.level}`)
      .sort();
  }

  it("warns, passes and escalates the acceptance deadline once per level, to the people of each level", async () => {
    const { caseId } = await routedComplaint();
    const section = await t.database.db
      .selectFrom("case_handlings")
      .select(["accept_due_at", "result_due_at"])
      .where("case_id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(section).toEqual({ accept_due_at: sh("2026-11-30T08:40:00"), result_due_at: sh("2026-12-01T08:40:00") });

    await run("2026-11-28T12:00:00"); // Saturday: no working time has passed
    expect(await deadlineEvents(caseId)).toEqual([]);

    await run("2026-11-30T08:35:00");
    const dueAt = sh("2026-11-30T08:40:00");
    expect(await deadlineEvents(caseId)).toEqual([
      { type: "deadline_approaching", data: { level: 1, deadline: "accept", dueAt, departmentName: "秩序维护部" } },
    ]);
    expect(await noticesOf("depthead", caseId)).toEqual(["case.deadline_approaching:1"]);
    await run("2026-11-30T08:36:00"); // the same level again: nothing new
    expect(await deadlineEvents(caseId)).toHaveLength(1);

    await run("2026-11-30T08:41:00");
    await run("2026-11-30T14:10:00");
    await run("2026-12-01T09:10:00");
    await run("2026-12-02T09:00:00");
    expect((await deadlineEvents(caseId)).map((e) => [e.type, e.data.level, e.data.deadline])).toEqual([
      ["deadline_approaching", 1, "accept"],
      ["deadline_passed", 2, "accept"],
      ["escalated", 3, "accept"],
      ["escalated", 4, "accept"],
    ]);
    // Levels 1 and 2: the department head (nobody is assigned before acceptance); 3: the
    // customer-service head; 4: the management representative. Staff hear nothing.
    expect(await noticesOf("depthead", caseId)).toEqual(["case.deadline_approaching:1", "case.deadline_passed:2"]);
    expect(await noticesOf("cshead", caseId)).toEqual(["case.escalated:3"]);
    expect(await noticesOf("mgmtrep", caseId)).toEqual(["case.escalated:4"]);
    expect(await noticesOf("deptstaff", caseId)).toEqual([]);
    const level = await t.database.db
      .selectFrom("case_handlings")
      .select("escalation_level")
      .where("case_id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(level.escalation_level).toBe(4);
  });

  it("tells everyone on the way up at once when a section is found far overdue, exactly once under concurrent runs", async () => {
    const { caseId } = await routedComplaint();
    const now = "2026-12-03T10:00:00";
    await Promise.all([run(now), run(now), run(now)]);
    expect((await deadlineEvents(caseId)).map((e) => [e.type, e.data.level])).toEqual([
      ["deadline_passed", 2],
      ["escalated", 3],
      ["escalated", 4],
    ]);
    expect(await noticesOf("depthead", caseId)).toEqual(["case.deadline_passed:2"]);
    expect(await noticesOf("cshead", caseId)).toEqual(["case.escalated:3"]);
    expect(await noticesOf("mgmtrep", caseId)).toEqual(["case.escalated:4"]);
  });

  it("ends the acceptance escalation on acceptance and escalates the result deadline to the handler too", async () => {
    const { caseId, handlingId } = await routedComplaint();
    await run("2026-11-30T08:35:00");
    expect((await deadlineEvents(caseId)).map((e) => e.type)).toEqual(["deadline_approaching"]);

    const head = await t.as("depthead");
    expect((await head.post(`/api/cases/${caseId}/actions`, { action: "accept", handlingId })).status).toBe(200);
    const assigned = await head.post(`/api/cases/${caseId}/actions`, {
      action: "assign",
      handlingId,
      assigneeId: t.world.a.users.deptstaff,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.complaint.handlings[0].escalationLevel).toBe(0);

    // Past the acceptance deadline, but the section was accepted: nothing about acceptance.
    await run("2026-11-30T09:00:00");
    expect((await deadlineEvents(caseId)).map((e) => e.type)).toEqual(["deadline_approaching"]);

    // The result: 480 working minutes from Friday 17:10 warn on Monday 16:04, fall due Tuesday 08:40.
    await run("2026-11-30T16:05:00");
    await run("2026-12-01T08:41:00");
    expect((await deadlineEvents(caseId)).map((e) => [e.type, e.data.deadline, e.data.dueAt])).toEqual([
      ["deadline_approaching", "accept", sh("2026-11-30T08:40:00")],
      ["deadline_approaching", "result", sh("2026-12-01T08:40:00")],
      ["deadline_passed", "result", sh("2026-12-01T08:40:00")],
    ]);
    expect(await noticesOf("deptstaff", caseId)).toEqual(["case.deadline_approaching:1", "case.deadline_passed:2"]);
    expect(await noticesOf("depthead", caseId)).toEqual([
      "case.deadline_approaching:1",
      "case.deadline_approaching:1",
      "case.deadline_passed:2",
    ]);
  });

  it("does not escalate a paused complaint, nor a withdrawn one", async () => {
    const paused = await routedComplaint();
    const withdrawn = await routedComplaint();
    const agent = await t.as("cshead");
    const pause = await agent.post(`/api/cases/${paused.caseId}/actions`, {
      action: "pause",
      comment: "等住户提供照片",
    });
    expect(pause.status).toBe(200);
    const withdraw = await agent.post(`/api/cases/${withdrawn.caseId}/actions`, {
      action: "withdraw",
      comment: "住户撤回投诉",
    });
    expect(withdraw.status).toBe(200);
    await run("2026-12-10T10:00:00");
    expect(await deadlineEvents(paused.caseId)).toEqual([]);
    expect(await deadlineEvents(withdrawn.caseId)).toEqual([]);
    expect(await noticesOf("mgmtrep", paused.caseId)).toEqual([]);
  });
});
