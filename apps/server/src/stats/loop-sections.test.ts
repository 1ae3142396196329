/**
 * The dashboard's callback rates and open nonconformities equal
 * counts taken independently from the raw rows of the demo data set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDataIfEmpty } from "../demo/demo-data.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

const DEMO_PASSWORD = "demo123456";
// Wide enough for every demo row, within the longest period statistics allow.
const PERIOD = "from=2025-01-01&to=2027-12-31";

describe.each(testDatabases())("statistics of the loop on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { seed: false });
    await loadDemoDataIfEmpty(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it("counts callback rates and open nonconformities as the raw rows do", async () => {
    const db = t.database.db;
    const qa = t.anonymous();
    await qa.login("qa", DEMO_PASSWORD);
    const response = await qa.get(`/api/stats?${PERIOD}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);

    const exempt = new Set(
      (await db.selectFrom("callback_exemptions").select("case_id").execute()).map((r) => r.case_id),
    );
    const callbacks = await db.selectFrom("callbacks").selectAll().execute();
    const reached = (c: (typeof callbacks)[number]) => c.status === "done" && c.outcome === "reached";
    const checked = await db
      .selectFrom("cases")
      .select("id")
      .where("kind", "=", "complaint")
      .where("checked_at", "is not", null)
      .execute();
    const eligible = checked.filter((c) => !exempt.has(c.id));
    const calledBack = eligible.filter((c) =>
      callbacks.some((cb) => cb.case_id === c.id && cb.work_order_id === null && reached(cb)),
    );
    const completed = await db
      .selectFrom("work_orders")
      .select("id")
      .where("completed_at", "is not", null)
      .where("status", "in", ["awaiting_evaluation", "awaiting_callback", "closed"])
      .execute();
    const ordersCalledBack = completed.filter((o) => callbacks.some((cb) => cb.work_order_id === o.id && reached(cb)));
    expect(response.body.callbacks).toEqual({
      complaints: expect.objectContaining({
        eligible: eligible.length,
        calledBack: calledBack.length,
        exempt: checked.length - eligible.length,
        targetPercent: 90,
      }),
      repairs: expect.objectContaining({ eligible: completed.length, calledBack: ordersCalledBack.length }),
    });
    expect(eligible.length).toBeGreaterThan(0);

    const open = await db
      .selectFrom("nonconformities")
      .select("id")
      .where("status", "in", ["candidate", "open", "fixed"])
      .execute();
    expect(open.length).toBeGreaterThan(0);
    expect(response.body.nonconformities.open).toBe(open.length);
    const byAge = response.body.nonconformities.byAge as { count: number }[];
    expect(byAge.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(open.length);
  });
});
