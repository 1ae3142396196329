import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../notifications/outbox-worker.js";
import { categoryIdOf, phoneRepair, uploadPhoto } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())(
  "repairs: the dispatch order from acceptance to the customer's signature (R-4.5.1–R-4.5.3) on %s",
  (kind) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
      // A second plumber, so that one worker can be kept off another's order.
      const admin = await t.as("admin");
      const created = await admin.post("/api/users", {
        username: "plumber2",
        displayName: "郑师傅",
        password: TEST_PASSWORD,
        roles: ["repair_worker"],
        estateIds: [t.world.a.estates.E1],
        departmentIds: [t.world.a.catalogue.departments.get("ENG")],
        tradeIds: [t.world.a.catalogue.trades.get("PLUMB_ELEC")],
      });
      expect(created.status).toBe(201);
    });
    afterAll(async () => {
      await t.close();
    });

    async function newRepair(overrides: Record<string, unknown> = {}): Promise<{ caseId: string; orderId: string }> {
      const agent = await t.as("cshead");
      const response = await agent.post(
        "/api/cases",
        await phoneRepair(t, { similarCasesAcknowledged: true, ...overrides }),
      );
      expect(response.status).toBe(201);
      return { caseId: response.body.id, orderId: response.body.workOrder.id };
    }

    const step = (client: ApiClient, orderId: string, body: Record<string, unknown>) =>
      client.post(`/api/work-orders/${orderId}/actions`, body);

    async function signature(client: ApiClient): Promise<string> {
      return uploadPhoto(client, 300, 120);
    }

    it("walks a repair: the leader accepts and assigns a plumber, who goes, arrives, records the work and has the customer sign", async () => {
      const { caseId, orderId } = await newRepair();
      const lead = await t.as("repairlead");
      const board = await lead.get(`/api/work-orders/board?estateId=${t.world.a.estates.E1}`);
      expect(board.status).toBe(200);
      expect(board.body.orders.map((o: { id: string }) => o.id)).toContain(orderId);
      expect(board.body.workers.map((w: { name: string }) => w.name)).toEqual(
        expect.arrayContaining(["worker", "郑师傅"]),
      );

      const accepted = await step(lead, orderId, { action: "accept" });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: "accepted", acceptedByName: "repairlead" });
      const assigned = await step(lead, orderId, { action: "assign", workerId: t.world.a.users.worker });
      expect(assigned.body).toMatchObject({ status: "assigned", workerName: "worker" });

      await drainOutbox(t.database.db);
      const worker = await t.as("worker");
      expect((await worker.get("/api/notifications")).body.items.map((n: { topic: string }) => n.topic)).toContain(
        "case.assigned",
      );
      const mine = await worker.get("/api/work-orders/mine");
      expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(orderId);
      expect(mine.body.items.find((o: { id: string }) => o.id === orderId).availableActions).toEqual(
        expect.arrayContaining(["start", "arrive"]),
      );

      expect((await step(worker, orderId, { action: "start" })).body.status).toBe("on_the_way");
      const arrived = await step(worker, orderId, { action: "arrive" });
      expect(arrived.body).toMatchObject({ status: "on_site", visitCount: 1 });
      const before = await uploadPhoto(worker);
      const after = await uploadPhoto(worker);
      const done = await step(worker, orderId, {
        action: "complete",
        workDone: {
          description: "更换卫生间下水管接头，做闭水试验",
          materials: [{ name: "PVC 接头 DN50", quantity: 2, unit: "个" }],
          minutesSpent: 45,
          photosBefore: [before],
          photosAfter: [after],
        },
        evaluation: {
          satisfaction: "satisfied",
          stars: 5,
          opinion: "师傅很专业",
          signatureId: await signature(worker),
        },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: "awaiting_callback",
        satisfaction: "satisfied",
        stars: 5,
        minutesSpent: 45,
        materials: [{ name: "PVC 接头 DN50", quantity: 2, unit: "个" }],
      });
      expect(done.body.photos.map((p: { phase: string }) => p.phase).sort()).toEqual(["after", "before"]);
      const signatureImage = await fetch(t.baseUrl + done.body.signatureUrl, {
        headers: { cookie: worker.cookie ?? "" },
      });
      expect(signatureImage.status).toBe(200);

      const head = await t.as("cshead");
      const detail = await head.get(`/api/cases/${caseId}`);
      expect(detail.body.status).toBe("awaiting_callback");
      expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
        "registered",
        "dispatched",
        "work_order.accept",
        "work_order.assign",
        "work_order.start",
        "work_order.arrive",
        "work_order.complete",
      ]);
    });

    it("R-4.5.1: only the team leader assigns, and only a worker of the order's trade", async () => {
      const { orderId } = await newRepair({
        categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "LIFT_FAULT"),
        unitId: null,
        publicArea: "2栋电梯",
      });
      const lead = await t.as("repairlead");
      await step(lead, orderId, { action: "accept" });
      const wrongTrade = await step(lead, orderId, { action: "assign", workerId: t.world.a.users.worker });
      expect(wrongTrade.status).toBe(400);
      expect(JSON.stringify(wrongTrade.body.error.details)).toContain("trade");
      for (const username of ["worker", "csagent", "cshead", "deptstaff"]) {
        const client = await t.as(username);
        const response = await step(client, orderId, { action: "assign", workerId: t.world.a.users.worker });
        expect([403, 404], username).toContain(response.status);
      }
    });

    it("a worker cannot act on another worker's order, nor see it", async () => {
      const { orderId } = await newRepair({ unitId: t.world.a.units["E1-1-102"] });
      const lead = await t.as("repairlead");
      await step(lead, orderId, { action: "accept" });
      const plumber2 = (
        await t.database.db
          .selectFrom("users")
          .select("id")
          .where("username", "=", "plumber2")
          .executeTakeFirstOrThrow()
      ).id;
      await step(lead, orderId, { action: "assign", workerId: plumber2 });
      const worker = await t.as("worker");
      expect([403, 404]).toContain((await step(worker, orderId, { action: "start" })).status);
      expect((await worker.get(`/api/work-orders/${orderId}`)).status).toBe(404);
      const other = await t.anonymous().login("plumber2", TEST_PASSWORD);
      expect(other.status).toBe(200);
    });

    it("refuses steps out of order with 409", async () => {
      const { orderId } = await newRepair();
      const lead = await t.as("repairlead");
      const early = await step(lead, orderId, { action: "start" });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe("INVALID_TRANSITION");
      await step(lead, orderId, { action: "accept" });
      expect((await step(lead, orderId, { action: "accept" })).status).toBe(409);
    });

    it("pauses for parts and resumes where it was", async () => {
      const { orderId } = await newRepair();
      const lead = await t.as("repairlead");
      await step(lead, orderId, { action: "accept" });
      await step(lead, orderId, { action: "assign", workerId: t.world.a.users.worker });
      const worker = await t.as("worker");
      await step(worker, orderId, { action: "arrive" });
      expect((await step(worker, orderId, { action: "wait" })).status).toBe(400);
      const waiting = await step(worker, orderId, { action: "wait", waitReason: "parts" });
      expect(waiting.body).toMatchObject({ status: "waiting", waitReason: "parts" });
      expect((await step(worker, orderId, { action: "resume" })).body.status).toBe("on_site");
    });

    it("R-4.5.3: with the customer absent the worker records why with a photo, and the resident evaluates and signs in the portal", async () => {
      const { orderId } = await newRepair();
      const lead = await t.as("repairlead");
      await step(lead, orderId, { action: "accept" });
      await step(lead, orderId, { action: "assign", workerId: t.world.a.users.worker });
      const worker = await t.as("worker");
      await step(worker, orderId, { action: "arrive" });
      const door = await uploadPhoto(worker);
      const done = await step(worker, orderId, {
        action: "complete",
        workDone: { description: "已更换水龙头阀芯", minutesSpent: 20 },
        absenceReason: { reason: "业主不在家，由保安陪同入户", photoId: door },
      });
      expect(done.body).toMatchObject({ status: "awaiting_evaluation", absenceReason: "业主不在家，由保安陪同入户" });

      const other = await t.as("res2");
      expect((await other.get(`/api/portal/work-orders/${orderId}`)).status).toBe(404);
      const resident = await t.as("res1");
      const seen = await resident.get(`/api/portal/work-orders/${orderId}`);
      expect(seen.status).toBe(200);
      expect(seen.body.availableActions).toContain("evaluate");
      const evaluated = await resident.post(`/api/portal/work-orders/${orderId}/actions`, {
        action: "evaluate",
        evaluation: {
          satisfaction: "dissatisfied",
          stars: 2,
          opinion: "还有点渗水",
          signatureId: await signature(resident),
        },
      });
      expect(evaluated.status).toBe(200);
      expect(evaluated.body).toMatchObject({ status: "awaiting_callback", satisfaction: "dissatisfied", stars: 2 });
      // A dissatisfied customer opens a linked rework order…
      const head0 = await t.as("cshead");
      const reworks = await head0.get(`/api/cases?q=${encodeURIComponent("返修")}`);
      expect(reworks.body.items).toHaveLength(1);
      const rework = await head0.get(`/api/cases/${reworks.body.items[0].id}`);
      expect(rework.body).toMatchObject({ status: "dispatched", unitLabel: "1栋 1-101" });
      const reworkOrder = await head0.get(`/api/work-orders/${rework.body.workOrder.id}`);
      expect(reworkOrder.body.reworkOfId).toBe(orderId);
      // …and is flagged to the customer-service head.
      await drainOutbox(t.database.db);
      const head = await t.as("cshead");
      const notices = (await head.get("/api/notifications")).body.items;
      expect(
        notices.some(
          (n: { topic: string; params: { reason?: string } }) =>
            n.topic === "case.sent_back" && n.params.reason === "dissatisfied",
        ),
      ).toBe(true);
    });

    it("treats the same fault on the same unit within 30 days of a completed repair as rework", async () => {
      const unit = t.world.a.units["E2-1-102"];
      const categoryId = await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "PIPE_BLOCK");
      const first = await newRepair({ estateId: t.world.a.estates.E2, unitId: unit, residentId: null, categoryId });
      // Completed directly in the database: the walk through the steps is tested above.
      await t.database.db
        .updateTable("work_orders")
        .set({ status: "awaiting_callback", completed_at: new Date().toISOString() })
        .where("id", "=", first.orderId)
        .execute();
      const again = await newRepair({ estateId: t.world.a.estates.E2, unitId: unit, residentId: null, categoryId });
      const head = await t.as("cshead");
      const detail = await head.get(`/api/cases/${again.caseId}`);
      expect(detail.body.events.map((e: { type: string }) => e.type)).toContain("rework_opened");
      const order = await head.get(`/api/work-orders/${again.orderId}`);
      expect(order.body.reworkOfId).toBe(first.orderId);
    });

    it("lets a resident urge an open repair once per interval, and tells the team leader", async () => {
      const { orderId, caseId } = await newRepair({ unitId: t.world.a.units["E1-1-102"] });
      const resident = await t.as("res1");
      const urged = await resident.post(`/api/portal/work-orders/${orderId}/urge`);
      expect(urged.status).toBe(200);
      expect(urged.body.urgeCount).toBe(1);
      const again = await resident.post(`/api/portal/work-orders/${orderId}/urge`);
      expect(again.status).toBe(429);
      expect(again.body.error.code).toBe("RATE_LIMITED");
      await drainOutbox(t.database.db);
      const lead = await t.as("repairlead");
      const notices = (await lead.get("/api/notifications")).body.items;
      expect(
        notices.some((n: { topic: string; caseId: string }) => n.topic === "case.urged" && n.caseId === caseId),
      ).toBe(true);
      const other = await t.as("res2");
      expect((await other.post(`/api/portal/work-orders/${orderId}/urge`)).status).toBe(404);
      const head = await t.as("cshead");
      expect((await head.get(`/api/cases/${caseId}`)).body.events.map((e: { type: string }) => e.type)).toContain(
        "urged",
      );
    });

    it("lets the resident cancel a repair not yet on site", async () => {
      const { orderId, caseId } = await newRepair();
      const resident = await t.as("res1");
      const cancelled = await resident.post(`/api/portal/work-orders/${orderId}/actions`, {
        action: "cancel",
        comment: "自己修好了",
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe("cancelled");
      const head = await t.as("cshead");
      expect((await head.get(`/api/cases/${caseId}`)).body.status).toBe("withdrawn");
      expect((await resident.post(`/api/portal/work-orders/${orderId}/actions`, { action: "evaluate" })).status).toBe(
        409,
      );
    });
  },
);
