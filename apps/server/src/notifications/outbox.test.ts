import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, type Db, openDatabase } from "../db/database.js";
import { createTestDatabase, type TestDatabase, testDatabases } from "../testing/databases.js";
import { seedWorld, type World } from "../testing/fixtures.js";
import { type Deliverer, deliverInApp } from "./channels.js";
import { enqueueNotification, type NotificationMessage } from "./outbox.js";
import { backoffMs, drainOutbox, LEASE_MS, MAX_ATTEMPTS, MAX_DELIVERY_MS, startOutboxWorker } from "./outbox-worker.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(10);
  }
}

async function outboxRows(db: Db) {
  return db.selectFrom("outbox").selectAll().orderBy("id").execute();
}

async function notificationCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A second handle on the same database, as another server process would open it. */
function openSecondHandle(database: TestDatabase): DatabaseHandle {
  return openDatabase(database.url, { schema: database.schema });
}

describe.each(testDatabases())("the notification outbox on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  let world: World;

  function routedTo(...usernames: string[]): NotificationMessage {
    return {
      orgId: world.a.orgId,
      recipientUserIds: usernames.map((name) => world.a.users[name] ?? name),
      topic: "case.routed",
      caseId: null,
      params: { number: "TS-20261129-0001", kind: "complaint", estateName: "E1 花园", departmentName: "秩序维护部" },
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    world = await seedWorld(db);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await db.deleteFrom("notifications").execute();
    await db.deleteFrom("outbox").execute();
  });

  it("queues one in-app message per distinct recipient inside the caller's transaction", async () => {
    await db.transaction().execute(async (tx) => {
      await enqueueNotification(tx, routedTo("depthead", "deptstaff", "depthead"));
    });
    const rows = await outboxRows(db);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.recipient_user_id).sort()).toEqual(
      [world.a.users.depthead, world.a.users.deptstaff].sort(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        org_id: world.a.orgId,
        channel: "in_app",
        topic: "case.routed",
        attempts: 0,
        delivered_at: null,
        dead_at: null,
        locked_until: null,
      });
      expect(row.available_at).toBe(row.created_at);
      expect(JSON.parse(row.payload_json)).toEqual({ caseId: null, params: routedTo().params });
    }
  });

  it("queues nothing when the state change it announces rolls back", async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await enqueueNotification(tx, routedTo("depthead"));
        throw new Error("the case update failed");
      }),
    ).rejects.toThrow("the case update failed");
    expect(await outboxRows(db)).toEqual([]);
  });

  it("writes nothing for an empty recipient list", async () => {
    await enqueueNotification(db, routedTo());
    expect(await outboxRows(db)).toEqual([]);
  });

  it("delivers a due message into the recipient's inbox once and records it", async () => {
    await enqueueNotification(db, routedTo("depthead"));
    expect(await drainOutbox(db)).toBe(1);
    const [row] = await outboxRows(db);
    expect(row?.delivered_at).toEqual(expect.any(String));
    expect(row?.locked_until).toBeNull();
    const notifications = await db.selectFrom("notifications").selectAll().execute();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ user_id: world.a.users.depthead, outbox_id: row?.id, read_at: null });
    expect(await drainOutbox(db)).toBe(0);
  });

  it("does not show a message twice when it is delivered again after a crash", async () => {
    await enqueueNotification(db, routedTo("depthead"));
    const [row] = await outboxRows(db);
    if (!row) throw new Error("no outbox row");
    // The worker delivered, then died before recording it: the lease runs out and another worker retries.
    const message = {
      id: row.id,
      orgId: row.org_id,
      channel: row.channel,
      topic: row.topic,
      recipientUserId: row.recipient_user_id,
      caseId: null,
      params: {},
      createdAt: row.created_at,
      attempts: 0,
    };
    await deliverInApp(message, { db, now: row.created_at });
    expect(await drainOutbox(db)).toBe(1);
    expect(await notificationCount(db)).toBe(1);
    expect((await outboxRows(db))[0]?.delivered_at).toEqual(expect.any(String));
  });

  it("retries a failing channel with exponential backoff and dead-letters it after the last attempt", async () => {
    await enqueueNotification(db, routedTo("depthead"));
    let clock = Date.now();
    const now = () => new Date(clock).toISOString();
    const failing: Deliverer = async () => {
      throw new Error("gateway down");
    };
    const drainFailing = () => drainOutbox(db, { deliverers: { in_app: failing }, now });

    expect(await drainFailing()).toBe(1);
    let [row] = await outboxRows(db);
    expect(row).toMatchObject({ attempts: 1, last_error: "gateway down", delivered_at: null, dead_at: null });
    expect(row?.locked_until).toBeNull();
    expect(Date.parse(row?.available_at ?? "")).toBe(clock + 30_000);

    // Not due again before the backoff has passed.
    clock += 29_000;
    expect(await drainFailing()).toBe(0);
    clock += 1_000;
    expect(await drainFailing()).toBe(1);
    [row] = await outboxRows(db);
    expect(row?.attempts).toBe(2);
    expect(Date.parse(row?.available_at ?? "")).toBe(clock + 60_000);

    for (let attempts = 2; attempts < MAX_ATTEMPTS; attempts++) {
      clock += backoffMs(attempts);
      expect(await drainFailing()).toBe(1);
    }
    [row] = await outboxRows(db);
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, last_error: "gateway down", delivered_at: null });
    expect(Date.parse(row?.dead_at ?? "")).toBe(clock);
    expect(backoffMs(MAX_ATTEMPTS)).toBe(60 * 60_000);

    // A dead letter stays put, even once the channel works again.
    clock += 24 * 60 * 60_000;
    expect(await drainOutbox(db, { now })).toBe(0);
    expect(await notificationCount(db)).toBe(0);
  });

  it("hands back what it has not started when slow deliveries used up the lease", async () => {
    await enqueueNotification(db, routedTo("depthead", "deptstaff", "qa"));
    let clock = Date.now();
    const now = () => new Date(clock).toISOString();
    const slow: Deliverer = async (message, context) => {
      clock += LEASE_MS - MAX_DELIVERY_MS + 1; // the first delivery alone leaves too little lease
      await deliverInApp(message, context);
    };
    expect(await drainOutbox(db, { deliverers: { in_app: slow }, now })).toBe(1);
    const rows = await outboxRows(db);
    expect(rows.filter((row) => row.delivered_at !== null)).toHaveLength(1);
    // Released, not left leased: the next run takes them at once.
    expect(rows.every((row) => row.locked_until === null && row.attempts === 0)).toBe(true);
    expect(await drainOutbox(db, { now })).toBe(2);
    expect(await notificationCount(db)).toBe(3);
  });

  it("delivers each message exactly once when two server processes drain at the same time", async () => {
    const recipients = Object.values(world.a.users);
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 200; i++) {
        await enqueueNotification(tx, {
          ...routedTo(),
          recipientUserIds: [recipients[i % recipients.length] ?? ""],
          params: { number: `TS-20261129-${String(i).padStart(4, "0")}`, kind: "complaint", estateName: "E1 花园" },
        });
      }
    });
    const second = openSecondHandle(database);
    const pending = async () => {
      const row = await db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("delivered_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    };
    // Small batches so that the two workers' claims interleave many times.
    const drainAll = async (handle: Db) => {
      let handled = 0;
      while ((await pending()) > 0) handled += await drainOutbox(handle, { limit: 7 });
      return handled;
    };
    try {
      const [first, other] = await Promise.all([drainAll(db), drainAll(second.db)]);
      expect(first + other).toBe(200);
      // Both really took part, or the test would prove nothing.
      expect(first).toBeGreaterThan(0);
      expect(other).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    const counts = await db
      .selectFrom("notifications")
      .select((eb) => [eb.fn.countAll<number>().as("all"), eb.fn.count<number>("outbox_id").distinct().as("distinct")])
      .executeTakeFirstOrThrow();
    expect(Number(counts.all)).toBe(200);
    expect(Number(counts.distinct)).toBe(200);
    expect((await outboxRows(db)).every((row) => row.delivered_at !== null && row.attempts === 0)).toBe(true);
  });

  it("runs in the background until stopped, and stop() waits for the run in progress", async () => {
    await enqueueNotification(db, routedTo("depthead"));
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const delivering = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow: Deliverer = async (message, context) => {
      entered();
      await gate;
      await deliverInApp(message, context);
    };
    const worker = startOutboxWorker(db, { intervalMs: 10, deliverers: { in_app: slow } });
    await delivering;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await sleep(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await notificationCount(db)).toBe(1);

    // Stopped: a message queued now stays in the outbox.
    await enqueueNotification(db, routedTo("deptstaff"));
    await sleep(100);
    expect(await notificationCount(db)).toBe(1);
  });

  it("keeps delivering while running and reports failed runs to its logger", async () => {
    const worker = startOutboxWorker(db, { intervalMs: 10 });
    try {
      await enqueueNotification(db, routedTo("depthead"));
      await waitFor(async () => (await notificationCount(db)) === 1);
      await enqueueNotification(db, routedTo("deptstaff"));
      await waitFor(async () => (await notificationCount(db)) === 2);
    } finally {
      await worker.stop();
    }

    // A database without the outbox table: every run fails.
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-empty-"));
    const broken =
      kind === "sqlite"
        ? openDatabase(`sqlite:${path.join(emptyDir, "empty.sqlite")}`)
        : openDatabase(database.url, { schema: "no_such_schema" });
    const errors: unknown[] = [];
    const failingWorker = startOutboxWorker(broken.db, {
      intervalMs: 10,
      logger: { error: (obj) => errors.push(obj) },
    });
    await waitFor(async () => errors.length >= 2);
    await failingWorker.stop();
    await broken.close();
    fs.rmSync(emptyDir, { recursive: true, force: true });
    expect(errors[0]).toEqual({ err: expect.any(Error) });
  });
});
