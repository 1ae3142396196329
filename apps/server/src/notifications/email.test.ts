import type { NotificationTopic } from "@estate-desk/domain";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { type ChannelDeliverers, createDeliverers } from "./deliverers.js";
import { enqueueNotification } from "./outbox.js";
import { drainOutbox } from "./outbox-worker.js";
import { parseMail, type SmtpReceiver, startSmtpReceiver } from "./test-support.js";

describe.each(testDatabases())("e-mail notifications through SMTP on %s", (kind) => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let channels: ChannelDeliverers;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await startTestApp(kind, {
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: "https://desk.example.com/" },
    });
    await t.database.db
      .updateTable("users")
      .set({ email: "depthead@example.com" })
      .where("id", "=", t.world.a.users.depthead ?? "")
      .execute();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom("notifications").execute();
    await t.database.db.deleteFrom("outbox").execute();
    smtp.messages.length = 0;
    // One transport per "worker", as startOutboxWorker builds it.
    channels = createDeliverers(t.config);
  });
  afterEach(() => channels.close());

  async function notify(topic: NotificationTopic, usernames: string[]) {
    await t.database.db.transaction().execute(async (tx) => {
      await enqueueNotification(tx, {
        orgId: t.world.a.orgId,
        recipientUserIds: usernames.map((name) => t.world.a.users[name] ?? name),
        topic,
        caseId: null,
        params: { number: "TS-20261129-0001", kind: "complaint", estateName: "E1 花园", departmentName: "秩序维护部" },
      });
    });
  }

  const emailRows = () => t.database.db.selectFrom("outbox").selectAll().where("channel", "=", "email").execute();

  it("mails a complaint's department head, in Chinese then English, with a link to the case", async () => {
    // Registering a complaint routes it to 秩序维护部, whose head is told in-app and by e-mail.
    const created = await (await t.as("csagent")).post("/api/cases", await phoneComplaint(t));
    expect(created.status).toBe(201);
    const { id: caseId, number } = created.body;
    const rows = await t.database.db.selectFrom("outbox").select(["channel", "recipient_user_id"]).execute();
    expect(rows.filter((row) => row.channel === "email")).toEqual([
      { channel: "email", recipient_user_id: t.world.a.users.depthead },
    ]);

    await drainOutbox(t.database.db, { deliverers: channels.deliverers });
    expect(smtp.messages).toHaveLength(1);
    const [message] = smtp.messages;
    expect(message?.from).toBe("no-reply@localhost");
    expect(message?.to).toEqual(["depthead@example.com"]);
    const mail = parseMail(message?.raw ?? "");
    expect(mail.headers.get("to")).toBe("depthead@example.com");
    expect(mail.headers.get("x-estatedesk-delivery")).toBe((await emailRows())[0]?.id);
    const estate = await t.database.db
      .selectFrom("estates")
      .select("name")
      .where("id", "=", t.world.a.estates.E1 ?? "")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe(`[物业服务台] 投诉 ${number}（${estate.name}） 已派至秩序维护部`);
    expect(mail.text).toBe(
      [
        `投诉 ${number}（${estate.name}） 已派至秩序维护部`,
        `Complaint ${number} (${estate.name}) was routed to 秩序维护部`,
        "",
        `https://desk.example.com/cases/${caseId}`,
      ].join("\n"),
    );
    expect((await emailRows())[0]).toMatchObject({ attempts: 0, delivered_at: expect.any(String) });
  });

  it("mails only recipients with an address", async () => {
    await notify("case.routed", ["depthead", "deptstaff"]);
    const rows = await t.database.db.selectFrom("outbox").select(["channel", "recipient_user_id"]).execute();
    expect(rows.filter((row) => row.channel === "in_app")).toHaveLength(2);
    expect(rows.filter((row) => row.channel === "email")).toEqual([
      { channel: "email", recipient_user_id: t.world.a.users.depthead },
    ]);
    expect(await drainOutbox(t.database.db, { deliverers: channels.deliverers })).toBe(3);
    expect(smtp.messages.map((message) => message.to)).toEqual([["depthead@example.com"]]);
    // Without a case there is no link: the body is the two lines.
    expect(parseMail(smtp.messages[0]?.raw ?? "").text.split("\n")).toHaveLength(2);
  });

  it("keeps the message while SMTP is down, records the attempt and backoff, and delivers once it is up", async () => {
    await smtp.stop();
    try {
      await notify("case.assigned", ["depthead"]);
      let clock = Date.now();
      const now = () => new Date(clock).toISOString();
      expect(await drainOutbox(t.database.db, { deliverers: channels.deliverers, now })).toBe(2);

      let [row] = await emailRows();
      expect(row).toMatchObject({ attempts: 1, delivered_at: null, dead_at: null, locked_until: null });
      expect(row?.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(Date.parse(row?.available_at ?? "")).toBe(clock + 30_000);
      // The in-app notification did not wait for the mail server.
      expect((await (await t.as("depthead")).get("/api/notifications/unread-count")).body).toEqual({ count: 1 });
      const stats = await (await t.as("admin")).get("/api/outbox/stats");
      expect(stats.body.channels).toContainEqual(
        expect.objectContaining({ channel: "email", pending: 1, oldestPendingAt: row?.created_at, dead: 0 }),
      );

      await smtp.start();
      clock += 30_000;
      expect(await drainOutbox(t.database.db, { deliverers: channels.deliverers, now })).toBe(1);
      [row] = await emailRows();
      expect(row?.delivered_at).toEqual(expect.any(String));
      expect(smtp.messages.map((message) => parseMail(message.raw).subject)).toEqual([
        "[物业服务台] 投诉 TS-20261129-0001（E1 花园） 已分配给您处理",
      ]);
    } finally {
      await smtp.start();
    }
  });

  it("sends no e-mail to a deactivated user", async () => {
    const depthead = t.world.a.users.depthead ?? "";
    await t.database.db.updateTable("users").set({ active: 0 }).where("id", "=", depthead).execute();
    try {
      await notify("case.routed", ["depthead"]);
      expect(await emailRows()).toEqual([]);
    } finally {
      await t.database.db.updateTable("users").set({ active: 1 }).where("id", "=", depthead).execute();
    }
  });
});
