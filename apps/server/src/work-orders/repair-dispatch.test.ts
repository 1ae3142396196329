import { addWorkingMinutes, workingMinutesBetween } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf, phoneRepair, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { runPoolExpiry } from "./repair-dispatch.service.js";

describe.each(testDatabases())(
  "repairs, second part: paused clock, dispatch modes, paid repairs, resident progress (issue #5, R-4.5.1–R-4.5.3) on %s",
  (kind) => {
    let t: TestApp;
    let plumber2: string;
    let liftman: string;
    let plumberE2: string;
    beforeAll(async () => {
      t = await startTestApp(kind);
      const admin = await t.as("admin");
      const make = async (username: string, displayName: string, estate: string | undefined, trade: string) => {
        const created = await admin.post("/api/users", {
          username,
          displayName,
          password: TEST_PASSWORD,
          roles: ["repair_worker"],
          estateIds: [estate],
          departmentIds: [t.world.a.catalogue.departments.get("ENG")],
          tradeIds: [t.world.a.catalogue.trades.get(trade)],
        });
        expect(created.status).toBe(201);
        return created.body.id as string;
      };
      plumber2 = await make("plumber2", "郑师傅", t.world.a.estates.E1, "PLUMB_ELEC");
      liftman = await make("liftman", "钱电梯", t.world.a.estates.E1, "LIFT");
      plumberE2 = await make("plumbere2", "孙水工", t.world.a.estates.E2, "PLUMB_ELEC");
    });
    afterAll(async () => {
      await t.close();
    });

    const login = async (username: string) => {
      const client = t.anonymous();
      expect((await client.login(username, TEST_PASSWORD)).status).toBe(200);
      return client;
    };

    async function newRepair(overrides: Record<string, unknown> = {}): Promise<{ caseId: string; orderId: string }> {
      const agent = await t.as("cshead");
      const response = await agent.post(
        "/api/cases",
        await phoneRepair(t, { similarCasesAcknowledged: true, ...overrides }),
      );
      expect(response.status).toBe(201);
      return { caseId: response.body.id, orderId: response.body.workOrder.id };
    }

    const put = (client: ApiClient, path: string, body: unknown) => client.request("PUT", path, body);
    const step = (client: ApiClient, orderId: string, body: Record<string, unknown>) =>
      client.post(`/api/work-orders/${orderId}/actions`, body);

    async function assignedTo(workerId: string | undefined, overrides: Record<string, unknown> = {}) {
      const created = await newRepair(overrides);
      const lead = await t.as("repairlead");
      expect((await step(lead, created.orderId, { action: "accept" })).status).toBe(200);
      expect((await step(lead, created.orderId, { action: "assign", workerId })).status).toBe(200);
      return created;
    }

    async function eventsOf(caseId: string) {
      const head = await t.as("cshead");
      return (await head.get(`/api/cases/${caseId}`)).body.events as { type: string; at: string; data: never }[];
    }

    // -------------------------------------------------------------------------------------
    // Item 1: waiting pauses the clock.

    it("R-4.5.2: waiting for parts moves the arrival and completion deadlines on by the working time paused", async () => {
      const { orderId, caseId } = await assignedTo(t.world.a.users.worker);
      const worker = await t.as("worker");
      expect((await step(worker, orderId, { action: "wait", waitReason: "parts" })).status).toBe(200);
      // Waiting since Friday 27 November 2026, 16:30 in Shanghai, with deadlines known then.
      const waitingSince = new Date("2026-11-27T16:30:00+08:00").toISOString();
      const arriveDue = new Date("2026-11-27T17:00:00+08:00").toISOString();
      const resultDue = new Date("2026-11-30T10:00:00+08:00").toISOString();
      await t.database.db
        .updateTable("work_orders")
        .set({ waiting_since: waitingSince, arrive_due_at: arriveDue, result_due_at: resultDue })
        .where("id", "=", orderId)
        .execute();
      const resumed = await step(worker, orderId, { action: "resume" });
      expect(resumed.status).toBe(200);
      expect(resumed.body.status).toBe("assigned");
      const resumedAt = (await eventsOf(caseId)).find((e) => e.type === "work_order.resume")?.at as string;
      const calendar = await loadBusinessCalendar(t.database.db, t.world.a.orgId);
      const paused = workingMinutesBetween(calendar, waitingSince, resumedAt);
      // At least Friday 16:30–17:30 was working time.
      expect(paused).toBeGreaterThanOrEqual(60);
      expect(resumed.body.pausedMinutes).toBe(paused);
      expect(resumed.body.arriveDueAt).toBe(addWorkingMinutes(calendar, arriveDue, paused));
      expect(resumed.body.resultDueAt).toBe(addWorkingMinutes(calendar, resultDue, paused));
      expect(Date.parse(resumed.body.arriveDueAt)).toBeGreaterThan(Date.parse(arriveDue));
      const resumeEvent = (await eventsOf(caseId)).find((e) => e.type === "work_order.resume") as unknown as {
        data: { pausedWorkingMinutes: number };
      };
      expect(resumeEvent.data.pausedWorkingMinutes).toBe(paused);
    });

    it("R-4.5.2: once on site, a pause moves only the completion deadline", async () => {
      const { orderId } = await assignedTo(t.world.a.users.worker);
      const worker = await t.as("worker");
      await step(worker, orderId, { action: "arrive" });
      await step(worker, orderId, { action: "wait", waitReason: "customer" });
      const before = await worker.get(`/api/work-orders/${orderId}`);
      await t.database.db
        .updateTable("work_orders")
        .set({ waiting_since: new Date("2026-11-27T15:30:00+08:00").toISOString() })
        .where("id", "=", orderId)
        .execute();
      const resumed = await step(worker, orderId, { action: "resume" });
      expect(resumed.body.status).toBe("on_site");
      expect(resumed.body.pausedMinutes).toBeGreaterThanOrEqual(120);
      expect(resumed.body.arriveDueAt).toBe(before.body.arriveDueAt);
      expect(Date.parse(resumed.body.resultDueAt)).toBeGreaterThan(Date.parse(before.body.resultDueAt));
    });

    // -------------------------------------------------------------------------------------
    // Item 7: dispatch modes.

    it("only the repair team leader and the administrator set dispatch modes", async () => {
      const worker = await t.as("worker");
      const rule = { estateId: t.world.a.estates.E1, mode: "pool", claimMinutes: 15 };
      expect((await put(worker, "/api/repair-dispatch-rules", rule)).status).toBe(403);
      expect((await put(await t.as("csagent"), "/api/repair-dispatch-rules", rule)).status).toBe(403);
      const otherOrg = await t.as("adminb");
      expect((await put(otherOrg, "/api/repair-dispatch-rules", rule)).status).toBe(404);
      const lead = await t.as("repairlead");
      // The leader of estate E1 cannot set E2's mode.
      expect((await put(lead, "/api/repair-dispatch-rules", { ...rule, estateId: t.world.a.estates.E2 })).status).toBe(
        404,
      );
      const set = await put(lead, "/api/repair-dispatch-rules", rule);
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ mode: "pool", claimMinutes: 15, categoryId: null });
      const again = await put(lead, "/api/repair-dispatch-rules", { ...rule, claimMinutes: 10 });
      expect(again.body.id).toBe(set.body.id);
      const list = await (await t.as("admin")).get("/api/repair-dispatch-rules");
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ claimMinutes: 10, estateName: expect.any(String) });
      expect((await lead.delete(`/api/repair-dispatch-rules/${set.body.id}`)).status).toBe(204);
    });

    it("pool (抢单): workers of the trade and estate see and claim; two at once, one wins and the other gets 409", async () => {
      const lead = await t.as("repairlead");
      const rule = await put(lead, "/api/repair-dispatch-rules", {
        estateId: t.world.a.estates.E1,
        mode: "pool",
        claimMinutes: 15,
      });
      try {
        const { orderId, caseId } = await newRepair();
        const worker = await t.as("worker");
        const other = await login("plumber2");
        const pool = await worker.get("/api/work-orders/pool");
        expect(pool.body.items.map((o: { id: string }) => o.id)).toContain(orderId);
        const seen = pool.body.items.find((o: { id: string }) => o.id === orderId);
        expect(seen).toMatchObject({ dispatchMode: "pool", estateId: t.world.a.estates.E1 });
        expect(seen.availableActions).toContain("claim");
        expect(Date.parse(seen.poolUntil) - Date.now()).toBeGreaterThan(14 * 60_000);

        // Another trade or another estate: not theirs to see or claim.
        const lift = await login("liftman");
        expect((await lift.get("/api/work-orders/pool")).body.items).toEqual([]);
        expect([403, 404]).toContain((await step(lift, orderId, { action: "claim" })).status);
        const e2 = await login("plumbere2");
        expect([403, 404]).toContain((await step(e2, orderId, { action: "claim" })).status);
        // The leader does not claim; he accepts.
        expect((await step(lead, orderId, { action: "claim" })).status).toBe(403);

        const [a, b] = await Promise.all([
          step(worker, orderId, { action: "claim" }),
          step(other, orderId, { action: "claim" }),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const winner = a.status === 200 ? a : b;
        expect(winner.body).toMatchObject({ status: "assigned", poolUntil: null });
        expect(winner.body.acceptedAt).not.toBeNull();
        const events = (await eventsOf(caseId)).map((e) => e.type);
        expect(events).toContain("work_order.pool_opened");
        expect(events.filter((type) => type === "work_order.claim")).toHaveLength(1);
        expect((await worker.get("/api/work-orders/pool")).body.items.map((o: { id: string }) => o.id)).not.toContain(
          orderId,
        );
        void liftman;
        void plumberE2;
      } finally {
        await lead.delete(`/api/repair-dispatch-rules/${rule.body.id}`);
      }
    });

    it("pool: after the time limit the order returns to the leader exactly once, with several instances, and the leader is told", async () => {
      const lead = await t.as("repairlead");
      const rule = await put(lead, "/api/repair-dispatch-rules", {
        estateId: t.world.a.estates.E1,
        mode: "pool",
        claimMinutes: 5,
      });
      try {
        const { orderId, caseId } = await newRepair();
        await t.database.db
          .updateTable("work_orders")
          .set({ pool_until: new Date(Date.now() - 60_000).toISOString() })
          .where("id", "=", orderId)
          .execute();
        const now = new Date().toISOString();
        const runs = await Promise.all([runPoolExpiry(t.database.db, now), runPoolExpiry(t.database.db, now)]);
        expect(runs.reduce((sum, run) => sum + run.returned, 0)).toBe(1);
        expect((await runPoolExpiry(t.database.db, now)).returned).toBe(0);
        const events = (await eventsOf(caseId)).map((e) => e.type);
        expect(events.filter((type) => type === "work_order.pool_expired")).toHaveLength(1);
        await drainOutbox(t.database.db);
        const notices = (await lead.get("/api/notifications")).body.items;
        expect(
          notices.some(
            (n: { caseId: string; params: { reason?: string } }) =>
              n.caseId === caseId && n.params.reason === "pool_expired",
          ),
        ).toBe(true);
        // Too late to claim; the leader accepts and assigns as usual.
        const worker = await t.as("worker");
        expect((await step(worker, orderId, { action: "claim" })).status).toBe(409);
        expect((await step(lead, orderId, { action: "accept" })).status).toBe(200);
      } finally {
        await lead.delete(`/api/repair-dispatch-rules/${rule.body.id}`);
      }
    });

    it("automatic: category + estate → trade → the least-loaded worker on duty, recorded with who and why", async () => {
      const lead = await t.as("repairlead");
      const categoryId = await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK");
      const rule = await put(lead, "/api/repair-dispatch-rules", {
        estateId: t.world.a.estates.E1,
        categoryId,
        mode: "auto",
      });
      expect(rule.status).toBe(200);
      const worker = await t.as("worker");
      try {
        // The worker goes off duty on his phone: the other plumber gets the order.
        expect((await put(worker, "/api/work-orders/duty", { onDuty: false })).body).toEqual({ onDuty: false });
        expect((await put(await t.as("csagent"), "/api/work-orders/duty", { onDuty: false })).status).toBe(403);
        const first = await newRepair({ categoryId });
        const head = await t.as("cshead");
        const order = await head.get(`/api/work-orders/${first.orderId}`);
        expect(order.body).toMatchObject({ status: "assigned", workerId: plumber2, dispatchMode: "auto" });
        const auto = (await eventsOf(first.caseId)).find((e) => e.type === "work_order.auto_assign") as unknown as {
          data: { workerName: string; reason: string };
        };
        expect(auto.data).toMatchObject({ workerName: "郑师傅", reason: "least_loaded_on_duty" });
        expect((await head.get(`/api/cases/${first.caseId}`)).body.status).toBe("in_progress");

        // Both on duty: the one with fewer open orders.
        await put(worker, "/api/work-orders/duty", { onDuty: true });
        const board = await lead.get(`/api/work-orders/board?estateId=${t.world.a.estates.E1}`);
        const plumbers = board.body.workers.filter((w: { id: string }) =>
          [t.world.a.users.worker, plumber2].includes(w.id),
        ) as { id: string; openOrders: number; onDuty: boolean }[];
        expect(plumbers.every((w) => w.onDuty)).toBe(true);
        const least = Math.min(...plumbers.map((w) => w.openOrders));
        const second = await newRepair({ categoryId });
        const assigned = await head.get(`/api/work-orders/${second.orderId}`);
        expect(plumbers.find((w) => w.id === assigned.body.workerId)?.openOrders).toBe(least);

        // A category of another trade with nobody on duty stays with the leader.
        const liftCategory = await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "LIFT_FAULT");
        await put(lead, "/api/repair-dispatch-rules", {
          estateId: t.world.a.estates.E1,
          categoryId: liftCategory,
          mode: "auto",
        });
        const lift = await login("liftman");
        await put(lift, "/api/work-orders/duty", { onDuty: false });
        const third = await newRepair({ categoryId: liftCategory, unitId: null, publicArea: "2栋电梯" });
        expect((await head.get(`/api/work-orders/${third.orderId}`)).body.status).toBe("dispatched");
        expect((await eventsOf(third.caseId)).map((e) => e.type)).toContain("work_order.auto_assign_failed");
      } finally {
        await put(worker, "/api/work-orders/duty", { onDuty: true });
        for (const item of (await lead.get("/api/repair-dispatch-rules")).body.items) {
          await lead.delete(`/api/repair-dispatch-rules/${item.id}`);
        }
      }
    });

    it("transfer and return to the leader with a reason are recorded steps", async () => {
      const { orderId, caseId } = await assignedTo(t.world.a.users.worker);
      const worker = await t.as("worker");
      expect((await step(worker, orderId, { action: "return_to_lead" })).status).toBe(400);
      const back = await step(worker, orderId, { action: "return_to_lead", comment: "缺少专用工具" });
      expect(back.body).toMatchObject({ status: "accepted", workerId: null });
      const lead = await t.as("repairlead");
      await step(lead, orderId, { action: "assign", workerId: t.world.a.users.worker });
      const moved = await step(lead, orderId, { action: "transfer", workerId: plumber2, comment: "就近安排" });
      expect(moved.body).toMatchObject({ status: "assigned", workerId: plumber2 });
      expect((await eventsOf(caseId)).map((e) => e.type)).toEqual(
        expect.arrayContaining(["work_order.return_to_lead", "work_order.transfer"]),
      );
    });

    // -------------------------------------------------------------------------------------
    // Item 8: paid repairs.

    it("the estate's price list: the repair team leader and the administrator maintain it, in fen", async () => {
      const lead = await t.as("repairlead");
      const item = {
        estateId: t.world.a.estates.E1,
        code: "L-001",
        name: "疏通下水道",
        unit: "次",
        priceFen: 8000,
        kind: "labour",
      };
      const created = await lead.post("/api/repair-price-items", item);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: "L-001", priceFen: 8000, active: true });
      expect((await lead.post("/api/repair-price-items", item)).status).toBe(400);
      expect((await lead.post("/api/repair-price-items", { ...item, code: "X", priceFen: 12.5 })).status).toBe(400);
      expect((await (await t.as("worker")).post("/api/repair-price-items", { ...item, code: "W" })).status).toBe(403);
      expect(
        (await lead.post("/api/repair-price-items", { ...item, code: "E2", estateId: t.world.a.estates.E2 })).status,
      ).toBe(404);
      const changed = await (await t.as("admin")).patch(`/api/repair-price-items/${created.body.id}`, {
        priceFen: 9000,
      });
      expect(changed.body.priceFen).toBe(9000);
      expect(
        (await (await t.as("adminb")).patch(`/api/repair-price-items/${created.body.id}`, { priceFen: 1 })).status,
      ).toBe(404);
      const list = await (await t.as("worker")).get(`/api/repair-price-items?estateId=${t.world.a.estates.E1}`);
      expect(list.body.items.map((i: { code: string }) => i.code)).toContain("L-001");
      const removable = await lead.post("/api/repair-price-items", { ...item, code: "TMP" });
      expect((await lead.delete(`/api/repair-price-items/${removable.body.id}`)).status).toBe(204);
    });

    it("paid repair: quote against the price list, no work before the customer signs it, the resident signs only their own, final charge with a reason", async () => {
      const lead = await t.as("repairlead");
      const labour = await lead.post("/api/repair-price-items", {
        estateId: t.world.a.estates.E1,
        code: "L-100",
        name: "更换角阀（人工）",
        unit: "个",
        priceFen: 3000,
        kind: "labour",
      });
      const material = await lead.post("/api/repair-price-items", {
        estateId: t.world.a.estates.E1,
        code: "M-100",
        name: "角阀 DN15",
        unit: "个",
        priceFen: 2550,
        kind: "material",
      });
      const { orderId, caseId } = await assignedTo(t.world.a.users.worker);
      const worker = await t.as("worker");
      await step(worker, orderId, { action: "arrive" });
      const quote = (lines: unknown[]) => worker.post(`/api/work-orders/${orderId}/quote`, { lines });
      // A line off the price list needs a reason.
      expect(
        (await quote([{ name: "生料带", unit: "卷", kind: "material", unitPriceFen: 300, quantity: 1 }])).status,
      ).toBe(400);
      const recorded = await quote([
        { priceItemId: labour.body.id, quantity: 2 },
        { priceItemId: material.body.id, quantity: 2 },
        { name: "生料带", unit: "卷", kind: "material", unitPriceFen: 300, quantity: 1, reason: "价目表未列" },
      ]);
      expect(recorded.status).toBe(200);
      expect(recorded.body.billing).toBe("chargeable");
      expect(recorded.body.quote).toMatchObject({ totalFen: 6000 + 5100 + 300, approvedAt: null });
      expect(recorded.body.quote.lines[1]).toMatchObject({ code: "M-100", unitPriceFen: 2550, amountFen: 5100 });

      const work = { description: "更换两个角阀", minutesSpent: 30 };
      const refused = await step(worker, orderId, { action: "complete", workDone: work });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("QUOTE_NOT_APPROVED");

      // Another resident cannot see, let alone sign, this quote.
      const stranger = await t.as("res2");
      const strangerSignature = await uploadPhoto(stranger, 300, 120);
      expect(
        (await stranger.post(`/api/portal/work-orders/${orderId}/quote/approve`, { signatureId: strangerSignature }))
          .status,
      ).toBe(404);
      const resident = await t.as("res1");
      const seen = await resident.get(`/api/portal/work-orders/${orderId}`);
      expect(seen.body.quote.totalFen).toBe(11400);
      const approved = await resident.post(`/api/portal/work-orders/${orderId}/quote/approve`, {
        signatureId: await uploadPhoto(resident, 300, 120),
      });
      expect(approved.status).toBe(200);
      expect(approved.body.quote.approvedAt).not.toBeNull();
      expect(approved.body.quote.signatureUrl).toMatch(/^\/api\/portal\/work-orders\//);
      expect(
        (
          await resident.post(`/api/portal/work-orders/${orderId}/quote/approve`, {
            signatureId: await uploadPhoto(resident, 300, 120),
          })
        ).status,
      ).toBe(409);

      const noReason = await step(worker, orderId, {
        action: "complete",
        workDone: { ...work, finalCharge: { amountFen: 11100 } },
      });
      expect(noReason.status).toBe(400);
      const done = await step(worker, orderId, {
        action: "complete",
        workDone: { ...work, finalCharge: { amountFen: 11100, reason: "生料带未使用" } },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ finalChargeFen: 11100, chargeReason: "生料带未使用" });
      const events = (await eventsOf(caseId)).map((e) => e.type);
      expect(events).toEqual(expect.arrayContaining(["work_order.quote", "work_order.quote_approved"]));
    });

    it("paid repair approved on the worker's phone; a new quote needs a new signature, and start waits for it", async () => {
      const { orderId } = await assignedTo(t.world.a.users.worker);
      const worker = await t.as("worker");
      const line = { name: "上门费", unit: "次", kind: "labour", unitPriceFen: 2000, quantity: 1, reason: "夜间上门" };
      await worker.post(`/api/work-orders/${orderId}/quote`, { lines: [line] });
      const start = await step(worker, orderId, { action: "start" });
      expect(start.status).toBe(409);
      expect(start.body.error.code).toBe("QUOTE_NOT_APPROVED");
      const signed = await worker.post(`/api/work-orders/${orderId}/quote/approve`, {
        signatureId: await uploadPhoto(worker, 300, 120),
      });
      expect(signed.body.quote.approvedAt).not.toBeNull();
      const requoted = await worker.post(`/api/work-orders/${orderId}/quote`, { lines: [{ ...line, quantity: 2 }] });
      expect(requoted.body.quote).toMatchObject({ totalFen: 4000, approvedAt: null });
      // Another worker may not approve (nor see) it.
      const other = await login("plumber2");
      expect(
        (
          await other.post(`/api/work-orders/${orderId}/quote/approve`, {
            signatureId: await uploadPhoto(other, 300, 120),
          })
        ).status,
      ).toBe(404);
    });

    it("public-area and warranty repairs are free and cannot carry a charge", async () => {
      const publicOrder = await newRepair({
        unitId: null,
        residentId: null,
        publicArea: "1栋大堂",
        visitor: { name: "王先生", phone: "13900000000" },
      });
      const lead = await t.as("repairlead");
      await step(lead, publicOrder.orderId, { action: "accept" });
      await step(lead, publicOrder.orderId, { action: "assign", workerId: t.world.a.users.worker });
      const worker = await t.as("worker");
      const line = { name: "上门费", unit: "次", kind: "labour", unitPriceFen: 2000, quantity: 1, reason: "x" };
      const refused = await worker.post(`/api/work-orders/${publicOrder.orderId}/quote`, { lines: [line] });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("NOT_CHARGEABLE");
      expect((await worker.get(`/api/work-orders/${publicOrder.orderId}`)).body.billing).toBe("public_area");
      await step(worker, publicOrder.orderId, { action: "arrive" });
      const charged = await step(worker, publicOrder.orderId, {
        action: "complete",
        workDone: { description: "更换灯管", minutesSpent: 10, finalCharge: { amountFen: 100, reason: "x" } },
      });
      expect(charged.status).toBe(409);

      const { orderId } = await assignedTo(t.world.a.users.worker);
      await worker.post(`/api/work-orders/${orderId}/quote`, { lines: [line] });
      const warranty = await worker.post(`/api/work-orders/${orderId}/warranty`, { comment: "交付一年内，保修" });
      expect(warranty.body).toMatchObject({ billing: "warranty", quote: null });
      expect((await worker.post(`/api/work-orders/${orderId}/quote`, { lines: [line] })).body.error.code).toBe(
        "NOT_CHARGEABLE",
      );
      // Free: the work starts without a signature.
      expect((await step(worker, orderId, { action: "start" })).status).toBe(200);
    });

    // -------------------------------------------------------------------------------------
    // Items 4, 9 and 6: the resident's view, urge interval, small things.

    it("the resident sees progress step by step with role and masked name, and the expected arrival", async () => {
      const { orderId } = await assignedTo(t.world.a.users.worker);
      const worker = await t.as("worker");
      const expected = new Date(Date.now() + 90 * 60_000).toISOString();
      const set = await worker.post(`/api/work-orders/${orderId}/expected-arrival`, { expectedArrivalAt: expected });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        expectedArrivalAt: expected,
        workerName: "worker",
        estateId: t.world.a.estates.E1,
        callbacks: [],
      });
      expect(
        (
          await worker.post(`/api/work-orders/${orderId}/expected-arrival`, {
            expectedArrivalAt: "2020-01-01T00:00:00Z",
          })
        ).status,
      ).toBe(400);
      const resident = await t.as("res1");
      const seen = await resident.get(`/api/portal/work-orders/${orderId}`);
      expect(seen.body).toMatchObject({ expectedArrivalAt: expected, workerName: "W师傅", acceptedByName: "R师傅" });
      expect(seen.body.progress.map((p: { step: string }) => p.step)).toEqual(["dispatched", "accepted", "assigned"]);
      expect(seen.body.progress[2]).toMatchObject({ role: "repair_worker", name: "W师傅" });
      expect(JSON.stringify(seen.body)).not.toContain("repairlead");
      await step(worker, orderId, { action: "arrive" });
      expect((await resident.get(`/api/portal/work-orders/${orderId}`)).body.expectedArrivalAt).toBeNull();
      const other = await login("plumber2");
      expect(
        (await other.post(`/api/work-orders/${orderId}/expected-arrival`, { expectedArrivalAt: expected })).status,
      ).toBe(404);
    });

    it("the urge interval is an organisation setting; each urge is recorded and counted", async () => {
      expect((await put(await t.as("repairlead"), "/api/repair-settings", { urgeIntervalMinutes: 5 })).status).toBe(
        403,
      );
      const admin = await t.as("admin");
      expect((await admin.get("/api/repair-settings")).body).toEqual({ urgeIntervalMinutes: 120 });
      expect((await put(admin, "/api/repair-settings", { urgeIntervalMinutes: 1 })).status).toBe(400);
      expect((await put(admin, "/api/repair-settings", { urgeIntervalMinutes: 30 })).status).toBe(200);
      const { orderId, caseId } = await newRepair();
      const resident = await t.as("res1");
      const urged = await resident.post(`/api/portal/work-orders/${orderId}/urge`);
      expect(urged.body.urgeCount).toBe(1);
      const wait = Date.parse(urged.body.nextUrgeAt) - Date.now();
      expect(wait).toBeGreaterThan(29 * 60_000);
      expect(wait).toBeLessThanOrEqual(30 * 60_000);
      const again = await resident.post(`/api/portal/work-orders/${orderId}/urge`);
      expect(again.status).toBe(429);
      expect(again.body.error.details.retryAfterMinutes).toBe(30);
      // Past the interval the resident may urge again: counted twice, two events.
      await t.database.db
        .updateTable("work_orders")
        .set({ last_urged_at: new Date(Date.now() - 31 * 60_000).toISOString() })
        .where("id", "=", orderId)
        .execute();
      expect((await resident.post(`/api/portal/work-orders/${orderId}/urge`)).body.urgeCount).toBe(2);
      expect((await eventsOf(caseId)).filter((e) => e.type === "urged")).toHaveLength(2);
      await put(admin, "/api/repair-settings", { urgeIntervalMinutes: 120 });
    });
  },
);
