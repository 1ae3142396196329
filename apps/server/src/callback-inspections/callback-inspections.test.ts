import { mondayOf, zonedDateOf } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPerformedCallback } from "../nonconformities/callback-rows.testing.js";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("callback inspection by the customer-service head (R-4.8.1) on %s", (kind) => {
  let t: TestApp;
  const week = mondayOf(zonedDateOf("Asia/Shanghai", new Date().toISOString()));
  const callbacks: Record<string, string[]> = { csagent: [], cshead: [] };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const cshead = await t.as("cshead");
    const complaint = await cshead.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
    // Performed callbacks (test setup rows; the callback module records them in production).
    for (let index = 0; index < 12; index++) {
      const caller = index % 3 === 0 ? "cshead" : "csagent";
      callbacks[caller]?.push(
        await insertPerformedCallback(t.database.db, {
          orgId: t.world.a.orgId,
          estateId: t.world.a.estates.E1 as string,
          caseId: complaint.body.id,
          callerId: t.world.a.users[caller] as string,
          satisfaction: "satisfied",
        }),
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("draws a sample of performed callbacks from a recorded seed, and the same seed draws it again", async () => {
    const cshead = await t.as("cshead");
    const first = await cshead.get(`/api/callback-inspections/sample?weekStart=${week}&size=4`);
    expect(first.status).toBe(200);
    expect(first.body.population).toBe(12);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.seed).toMatch(new RegExp(`^${week}-`));
    const again = await cshead.get(
      `/api/callback-inspections/sample?weekStart=${week}&size=4&seed=${encodeURIComponent(first.body.seed)}`,
    );
    expect(again.body.items.map((i: { id: string }) => i.id)).toEqual(
      first.body.items.map((i: { id: string }) => i.id),
    );

    const agentOnly = await cshead.get(`/api/callback-inspections/sample?callerId=${t.world.a.users.csagent}&size=20`);
    expect(agentOnly.body.population).toBe(8);
    expect(new Set(agentOnly.body.items.map((i: { callerName: string; callerId: string }) => i.callerId))).toEqual(
      new Set([t.world.a.users.csagent]),
    );
    expect(agentOnly.body.items[0]).toMatchObject({
      residentPhone: expect.any(String),
      caseNumber: expect.stringMatching(/^TS-/),
    });
    // Only the customer-service head inspects.
    expect((await (await t.as("csagent")).get("/api/callback-inspections/sample")).status).toBe(403);
  });

  it("records each inspection per caller; a failed one raises a nonconformity candidate; the history shows it per caller", async () => {
    const cshead = await t.as("cshead");
    const sample = (await cshead.get(`/api/callback-inspections/sample?callerId=${t.world.a.users.csagent}&size=2`))
      .body;
    const [good, bad] = sample.items as Array<{ id: string }>;
    const passed = await cshead.post("/api/callback-inspections", {
      callbackId: good?.id,
      method: "reviewed_record",
      result: "passed",
      sampleSeed: sample.seed,
    });
    expect(passed.status).toBe(201);
    expect(passed.body).toMatchObject({
      result: "passed",
      callerId: t.world.a.users.csagent,
      nonconformityId: null,
      sampleSeed: sample.seed,
    });
    expect(
      (
        await cshead.post("/api/callback-inspections", {
          callbackId: bad?.id,
          method: "called_again",
          result: "failed",
        })
      ).status,
    ).toBe(400);
    const failed = await cshead.post("/api/callback-inspections", {
      callbackId: bad?.id,
      method: "called_again",
      result: "failed",
      finding: "业主表示从未接到回访电话",
    });
    expect(failed.status).toBe(201);
    expect(failed.body.nonconformityId).toEqual(expect.any(String));
    const candidate = (await cshead.get(`/api/nonconformities/${failed.body.nonconformityId}`)).body;
    expect(candidate).toMatchObject({ source: "callback_inspection", status: "candidate" });
    expect(candidate.description).toContain("从未接到回访电话");

    const history = (await cshead.get(`/api/callback-inspections?callerId=${t.world.a.users.csagent}`)).body.items;
    expect(history.map((i: { result: string }) => i.result)).toEqual(["failed", "passed"]);
    const summary = (await cshead.get("/api/callback-inspections/callers")).body.items;
    expect(summary).toEqual([
      expect.objectContaining({ callerId: t.world.a.users.csagent, inspected: 2, passed: 1, failed: 1 }),
    ]);
    // The sampled flag shows what is already inspected.
    const again = (
      await cshead.get(
        `/api/callback-inspections/sample?callerId=${t.world.a.users.csagent}&size=2&seed=${sample.seed}`,
      )
    ).body;
    expect(again.items.every((i: { inspected: boolean }) => i.inspected)).toBe(true);
    // Another organisation's callback cannot be inspected from here.
    expect((await (await t.as("adminb")).get("/api/callback-inspections")).status).toBe(403);
  });
});
