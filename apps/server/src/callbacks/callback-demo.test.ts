import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDataIfEmpty } from "../demo/demo-data.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("callback demo data on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { seed: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it("gives a newcomer callbacks to look at: one closed, one awaiting a reply, this week's plan assigned", async () => {
    expect(await loadDemoDataIfEmpty(t.database.db)).toBe(true);
    const db = t.database.db;
    const callbacks = await db
      .selectFrom("callbacks")
      .select(["id", "status", "satisfaction", "reply_due_at", "assigned_to", "plan_id", "follow_up_of_id"])
      .execute();
    // The records demo closes its complaints by satisfied callbacks too.
    expect(callbacks.filter((c) => c.status === "done" && c.satisfaction === "satisfied").length).toBeGreaterThan(1);
    expect(callbacks.filter((c) => c.reply_due_at !== null)).toHaveLength(1);
    // The complaint waiting for its reply is on the plan as the follow-up of that callback.
    const awaitingReply = callbacks.find((c) => c.reply_due_at !== null);
    expect(callbacks.some((c) => c.status === "planned" && c.follow_up_of_id === awaitingReply?.id)).toBe(true);
    // Not repeats from one unit, so not major: the demo resident's own units are left alone.
    const complaints = await db.selectFrom("cases").select("is_major").where("kind", "=", "complaint").execute();
    expect(complaints.length).toBeGreaterThan(0);
    expect(complaints.filter((c) => c.is_major !== 0)).toEqual([]);
    const plans = await db.selectFrom("callback_plans").select(["id", "status"]).execute();
    expect(plans).toEqual([{ id: expect.any(String), status: "assigned" }]);
    expect(callbacks.filter((c) => c.status === "planned" && c.plan_id === plans[0]?.id && c.assigned_to)).toHaveLength(
      2,
    );
  });
});
