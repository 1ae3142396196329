import { DEFAULT_WORKING_PERIODS } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../http/clock.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import {
  calendarCoverage,
  computeDeadlines,
  escalationTimes,
  loadBusinessCalendar,
  resolveDeadlinePolicy,
} from "./calendar.service.js";

/** Shanghai wall-clock time (UTC+8) as an ISO instant. */
const cst = (local: string) => new Date(`${local}:00+08:00`).toISOString();

interface CalendarDayItem {
  day: string;
  kind: "holiday" | "workday";
  name: string;
}

describe.each(testDatabases())("business calendar and deadline policies on %s", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  let adminB: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
    adminB = await t.as("adminb");
  });
  afterAll(async () => {
    await t.close();
  });

  const put = (client: ApiClient, path: string, body: unknown) => client.request("PUT", path, body);
  const dueAt = async (client: ApiClient, from: string, minutes: number) => {
    const response = await client.get(`/api/deadlines/preview?from=${encodeURIComponent(from)}&minutes=${minutes}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.dueAt as string;
  };
  const daysOf = async (client: ApiClient, year: number) => {
    const response = await client.get(`/api/calendar/days?year=${year}`);
    expect(response.status).toBe(200);
    return response.body as { items: CalendarDayItem[]; source: string };
  };
  const categoryId = async (code: string) => {
    const items = (await admin.get("/api/categories")).body.items as Array<{ id: string; code: string }>;
    const category = items.find((c) => c.code === code);
    if (!category) throw new Error(`no category ${code}`);
    return category.id;
  };

  describe("the calendar an organisation starts with", () => {
    it("works Monday to Friday 08:30–12:00 and 13:30–17:30 in the organisation's time zone, for any staff member", async () => {
      const response = await (await t.as("worker")).get("/api/calendar");
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        timeZone: "Asia/Shanghai",
        workingPeriods: DEFAULT_WORKING_PERIODS,
        makeUpDayPeriods: DEFAULT_WORKING_PERIODS.mon,
      });
      expect(response.body.coverage).toEqual(await calendarCoverage(t.database.db, t.world.a.orgId, nowIso()));
      expect(response.body.coverage.yearsWithDays).toEqual([2025, 2026]);
    });

    it("carries the State Council's 2026 holidays and make-up working days until the organisation edits them", async () => {
      const { items, source } = await daysOf(admin, 2026);
      expect(source).toBe("built-in");
      expect(items.filter((d) => d.kind === "holiday")).toHaveLength(33);
      expect(items.filter((d) => d.kind === "workday").map((d) => d.day)).toEqual([
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
      ]);
      expect(items).toContainEqual({ day: "2026-10-01", kind: "holiday", name: "国庆节" });
      expect(items).toContainEqual({ day: "2026-02-14", kind: "workday", name: "春节调休上班" });
      expect((await daysOf(admin, 2027)).items).toEqual([]);
    });
  });

  describe("deadline preview (issue #4 item 6: deadlines count working time)", () => {
    it("crosses a weekend: Friday 17:00 + 60 working minutes is Monday 09:00, + 90 is 09:30", async () => {
      expect(await dueAt(admin, cst("2026-11-27T17:00"), 60)).toBe(cst("2026-11-30T09:00"));
      expect(await dueAt(admin, cst("2026-11-27T17:00"), 90)).toBe(cst("2026-11-30T09:30"));
    });

    it("skips National Day: Wednesday 30 September 17:00 + 60 is Thursday 8 October 09:00", async () => {
      expect(await dueAt(admin, cst("2026-09-30T17:00"), 60)).toBe(cst("2026-10-08T09:00"));
    });

    it("counts the 调休 working Saturday 10 October", async () => {
      expect(await dueAt(admin, cst("2026-10-09T17:00"), 60)).toBe(cst("2026-10-10T09:00"));
    });

    it("crosses Spring Festival 2026 from the working Saturday 14 February to Tuesday 24 February", async () => {
      expect(await dueAt(admin, cst("2026-02-14T17:00"), 60)).toBe(cst("2026-02-24T09:00"));
    });

    it("refuses a malformed instant or minute count (400), and residents (403)", async () => {
      for (const query of [
        "from=yesterday&minutes=10",
        `from=${encodeURIComponent(cst("2026-11-27T17:00"))}&minutes=-5`,
        `from=${encodeURIComponent(cst("2026-11-27T17:00"))}&minutes=1.5`,
        `from=${encodeURIComponent(cst("2026-11-27T17:00"))}`,
      ]) {
        const response = await admin.get(`/api/deadlines/preview?${query}`);
        expect(response.status, query).toBe(400);
        expect(response.body.error.code).toBe("VALIDATION_FAILED");
      }
      const resident = await (await t.as("res1")).get(
        `/api/deadlines/preview?from=${cst("2026-11-27T17:00")}&minutes=5`,
      );
      expect(resident.status).toBe(403);
    });
  });

  describe("holidays and make-up days", () => {
    it("adds a holiday, keeping the built-in ones it copies in on the first edit, audited", async () => {
      const response = await put(admin, "/api/calendar/days/2026-12-24", { kind: "holiday", name: " 园区停工 " });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ day: "2026-12-24", kind: "holiday", name: "园区停工" });

      const { items, source } = await daysOf(admin, 2026);
      expect(source).toBe("organisation");
      expect(items).toContainEqual({ day: "2026-12-24", kind: "holiday", name: "园区停工" });
      expect(items).toContainEqual({ day: "2026-10-01", kind: "holiday", name: "国庆节" });
      expect(items).toHaveLength(40);
      // Wednesday 23 December 17:00 + 60 skips the new holiday.
      expect(await dueAt(admin, cst("2026-12-23T17:00"), 60)).toBe(cst("2026-12-25T09:00"));

      const audit = await admin.get(`/api/audit?entityType=business_calendar&entityId=${t.world.a.orgId}`);
      const actions = (audit.body.items as Array<{ action: string }>).map((entry) => entry.action);
      expect(actions).toEqual(["calendar.seeded", "calendar.day_set"]);
      expect(audit.body.items[1].after).toEqual({ day: "2026-12-24", kind: "holiday", name: "园区停工" });
    });

    it("lets the customer-service head rename a day and turns it into a make-up day, audited with before and after", async () => {
      const cshead = await t.as("cshead");
      const response = await put(cshead, "/api/calendar/days/2026-12-26", { kind: "workday", name: "年终盘点" });
      expect(response.status).toBe(200);
      // Saturday 26 December now works: Friday 17:00 + 60 is Saturday 09:00.
      expect(await dueAt(admin, cst("2026-12-25T17:00"), 60)).toBe(cst("2026-12-26T09:00"));
      const renamed = await put(cshead, "/api/calendar/days/2026-12-26", { kind: "workday", name: "年终盘点加班" });
      expect(renamed.body.name).toBe("年终盘点加班");
      const audit = await admin.get(`/api/audit?entityType=business_calendar&entityId=${t.world.a.orgId}`);
      const last = audit.body.items.at(-1);
      expect(last).toMatchObject({ action: "calendar.day_set", actorName: "cshead" });
      expect(last.before.name).toBe("年终盘点");
      expect(last.after.name).toBe("年终盘点加班");
    });

    it("deletes a day, so that the date is an ordinary day of its weekday again; 404 for a date that is none", async () => {
      expect((await admin.delete("/api/calendar/days/2026-10-10")).status).toBe(204);
      // Without the 调休 Saturday: Friday 9 October 17:00 + 60 is Monday 12 October 09:00.
      expect(await dueAt(admin, cst("2026-10-09T17:00"), 60)).toBe(cst("2026-10-12T09:00"));
      expect((await daysOf(admin, 2026)).items.map((d) => d.day)).not.toContain("2026-10-10");

      const missing = await admin.delete("/api/calendar/days/2026-03-03");
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("NOT_FOUND");
    });

    it("imports a year of the State Council's list again, restoring what was deleted", async () => {
      const response = await admin.post("/api/calendar/days/import-china?year=2026");
      expect(response.status).toBe(200);
      expect(response.body.imported).toBe(39);
      expect(response.body.items).toContainEqual({ day: "2026-10-10", kind: "workday", name: "国庆节调休上班" });
      // The organisation's own days stay.
      expect(response.body.items).toContainEqual({ day: "2026-12-24", kind: "holiday", name: "园区停工" });
      expect(await dueAt(admin, cst("2026-10-09T17:00"), 60)).toBe(cst("2026-10-10T09:00"));

      const audit = await admin.get(`/api/audit?entityType=business_calendar&entityId=${t.world.a.orgId}`);
      expect(audit.body.items.at(-1)).toMatchObject({
        action: "calendar.china_imported",
        after: { year: 2026, days: 39 },
      });
    });

    it("answers 404 for a year we have no State Council data for, and writes nothing", async () => {
      const response = await admin.post("/api/calendar/days/import-china?year=2027");
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("NOT_FOUND");
      expect((await daysOf(admin, 2027)).items).toEqual([]);
    });

    it("rejects a malformed date, an unknown kind, a missing name and a year out of range with 400", async () => {
      for (const day of ["2026-02-30", "2026-1-1", "tomorrow"]) {
        const response = await put(admin, `/api/calendar/days/${day}`, { kind: "holiday", name: "错日期" });
        expect(response.status, day).toBe(400);
        expect(response.body.error.code).toBe("VALIDATION_FAILED");
      }
      for (const body of [{ kind: "vacation", name: "未知" }, { kind: "holiday" }, { kind: "holiday", name: "  " }]) {
        const response = await put(admin, "/api/calendar/days/2026-12-30", body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.details.issues.length).toBeGreaterThan(0);
      }
      expect((await admin.get("/api/calendar/days?year=26")).status).toBe(400);
      expect((await admin.get("/api/calendar/days")).status).toBe(400);
      expect((await admin.post("/api/calendar/days/import-china?year=abc")).status).toBe(400);
      expect((await daysOf(admin, 2026)).items.map((d) => d.day)).not.toContain("2026-12-30");
    });
  });

  describe("working hours", () => {
    it("lets an administrator change the working hours, audited; make-up days take Monday's hours unless given", async () => {
      // Organisation B: organisation A's deadlines stay on the defaults for the other tests.
      const saturdayMorning = [{ start: "09:00", end: "12:00" }];
      const monday = [{ start: "08:00", end: "12:00" }];
      const workingPeriods = { ...DEFAULT_WORKING_PERIODS, mon: monday, sat: saturdayMorning };
      const response = await put(adminB, "/api/calendar", { workingPeriods });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ timeZone: "Asia/Shanghai", workingPeriods, makeUpDayPeriods: monday });

      // Friday 27 November 17:00 + 60: 30 minutes on Friday, then Saturday from 09:00.
      expect(await dueAt(adminB, cst("2026-11-27T17:00"), 60)).toBe(cst("2026-11-28T09:30"));
      expect(await dueAt(admin, cst("2026-11-27T17:00"), 60)).toBe(cst("2026-11-30T09:00"));

      const withMakeUp = await put(adminB, "/api/calendar", { workingPeriods, makeUpDayPeriods: saturdayMorning });
      expect(withMakeUp.body.makeUpDayPeriods).toEqual(saturdayMorning);
      // The first change copied the built-in holidays in: organisation B still has National Day.
      expect(await dueAt(adminB, cst("2026-09-30T17:00"), 60)).toBe(cst("2026-10-08T09:00"));

      const audit = await adminB.get(`/api/audit?entityType=business_calendar&entityId=${t.world.b.orgId}`);
      const actions = (audit.body.items as Array<{ action: string }>).map((entry) => entry.action);
      expect(actions).toEqual(["calendar.seeded", "calendar.updated", "calendar.updated"]);
      expect(audit.body.items[1].before.workingPeriods).toEqual(DEFAULT_WORKING_PERIODS);
      expect(audit.body.items[1].after.makeUpDayPeriods).toEqual(monday);
    });

    it("rejects overlapping periods, a period ending before it starts, bad times and a week without working time", async () => {
      const before = (await adminB.get("/api/calendar")).body;
      const bad = [
        {
          ...DEFAULT_WORKING_PERIODS,
          tue: [
            { start: "08:30", end: "12:00" },
            { start: "11:30", end: "17:30" },
          ],
        },
        { ...DEFAULT_WORKING_PERIODS, wed: [{ start: "17:30", end: "08:30" }] },
        { ...DEFAULT_WORKING_PERIODS, thu: [{ start: "08:30", end: "25:00" }] },
        { ...DEFAULT_WORKING_PERIODS, fri: [{ start: "8:30", end: "12:00" }] },
        { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        { mon: DEFAULT_WORKING_PERIODS.mon },
      ];
      for (const workingPeriods of bad) {
        const response = await put(adminB, "/api/calendar", { workingPeriods });
        expect(response.status, JSON.stringify(workingPeriods)).toBe(400);
        expect(response.body.error.code).toBe("VALIDATION_FAILED");
      }
      const overlappingMakeUp = await put(adminB, "/api/calendar", {
        workingPeriods: DEFAULT_WORKING_PERIODS,
        makeUpDayPeriods: [
          { start: "09:00", end: "12:00" },
          { start: "10:00", end: "11:00" },
        ],
      });
      expect(overlappingMakeUp.status).toBe(400);
      expect((await adminB.get("/api/calendar")).body).toEqual(before);
    });
  });

  describe("calendar coverage", () => {
    it("warns from 1 November (in the organisation's time zone) when next year has no holidays", async () => {
      const db = t.database.db;
      const orgA = t.world.a.orgId;
      expect(await calendarCoverage(db, orgA, cst("2026-10-31T23:59"))).toEqual({
        yearsWithDays: [2025, 2026],
        currentYearMissing: false,
        nextYearMissing: false,
      });
      // 1 November 00:30 in Shanghai is still 31 October in UTC.
      expect((await calendarCoverage(db, orgA, "2026-10-31T16:30:00.000Z")).nextYearMissing).toBe(true);
      // Once 2027 has begun without any holiday, the current year is the one missing.
      expect(await calendarCoverage(db, orgA, cst("2027-03-01T10:00"))).toMatchObject({
        currentYearMissing: true,
        nextYearMissing: false,
      });
    });

    it("stops warning once next year's holidays are entered", async () => {
      const db = t.database.db;
      const orgB = t.world.b.orgId;
      expect((await calendarCoverage(db, orgB, cst("2026-11-15T10:00"))).nextYearMissing).toBe(true);
      expect((await put(adminB, "/api/calendar/days/2027-01-01", { kind: "holiday", name: "元旦" })).status).toBe(200);
      expect(await calendarCoverage(db, orgB, cst("2026-11-15T10:00"))).toEqual({
        yearsWithDays: [2025, 2026, 2027],
        currentYearMissing: false,
        nextYearMissing: false,
      });
      // A make-up day alone does not count as next year's holidays.
      expect((await put(adminB, "/api/calendar/days/2028-01-02", { kind: "workday", name: "调休" })).status).toBe(200);
      expect((await calendarCoverage(db, orgB, cst("2027-11-15T10:00"))).nextYearMissing).toBe(true);
    });
  });

  describe("deadline policies", () => {
    it("falls back to the built-in defaults, and halves them for an urgent case", async () => {
      const db = t.database.db;
      const orgA = t.world.a.orgId;
      expect(await resolveDeadlinePolicy(db, orgA, { kind: "complaint", urgency: "normal" })).toEqual({
        policyId: null,
        acceptMinutes: 30,
        arriveMinutes: null,
        resultMinutes: 480,
        warnPercent: 80,
        escalateAfterMinutes: 240,
      });
      expect(await resolveDeadlinePolicy(db, orgA, { kind: "repair", urgency: "urgent" })).toMatchObject({
        acceptMinutes: 15,
        arriveMinutes: 60,
        resultMinutes: 240,
      });
    });

    it("computes a repair's deadlines in working time from the calendar and the policy", async () => {
      const db = t.database.db;
      const orgA = t.world.a.orgId;
      const calendar = await loadBusinessCalendar(db, orgA);
      const policy = await resolveDeadlinePolicy(db, orgA, { kind: "repair", urgency: "urgent" });
      // Friday 16:00: 90 working minutes remain that day.
      expect(computeDeadlines(calendar, policy, cst("2026-11-27T16:00"))).toEqual({
        acceptDueAt: cst("2026-11-27T16:15"),
        arriveDueAt: cst("2026-11-27T17:00"),
        resultDueAt: cst("2026-11-30T11:00"),
        warnAcceptAt: cst("2026-11-27T16:12"),
        warnArriveAt: cst("2026-11-27T16:48"),
        warnResultAt: cst("2026-11-30T10:12"),
      });
      expect(escalationTimes(calendar, policy, cst("2026-11-30T11:00"))).toEqual({
        csHeadAt: cst("2026-11-30T16:30"),
        managementRepresentativeAt: cst("2026-12-01T11:30"),
      });
    });

    it("creates policies, audited, and resolves the most specific: category and urgency, category, urgency, kind", async () => {
      const db = t.database.db;
      const orgA = t.world.a.orgId;
      const service = await categoryId("SERVICE");
      const noise = await categoryId("NOISE");
      const create = async (body: Record<string, unknown>) => {
        const response = await admin.post("/api/deadline-policies", body);
        expect(response.status, JSON.stringify(response.body)).toBe(201);
        return response.body as { id: string };
      };
      const kindDefault = await create({ kind: "complaint", acceptMinutes: 60, resultMinutes: 900 });
      const byCategory = await create({
        kind: "complaint",
        categoryId: service,
        acceptMinutes: 20,
        resultMinutes: 300,
      });
      const byUrgency = await create({ kind: "complaint", urgency: "high", acceptMinutes: 10, resultMinutes: 100 });
      const byBoth = await create({
        kind: "complaint",
        categoryId: service,
        urgency: "high",
        acceptMinutes: 5,
        resultMinutes: 50,
        warnPercent: 50,
        escalateAfterMinutes: 60,
      });

      const resolve = (categoryId: string | null, urgency: "normal" | "high" | "urgent") =>
        resolveDeadlinePolicy(db, orgA, { kind: "complaint", categoryId, urgency });
      expect(await resolve(service, "high")).toEqual({
        policyId: byBoth.id,
        acceptMinutes: 5,
        arriveMinutes: null,
        resultMinutes: 50,
        warnPercent: 50,
        escalateAfterMinutes: 60,
      });
      expect(await resolve(service, "normal")).toMatchObject({ policyId: byCategory.id, acceptMinutes: 20 });
      expect(await resolve(noise, "high")).toMatchObject({ policyId: byUrgency.id, acceptMinutes: 10 });
      expect(await resolve(noise, "normal")).toMatchObject({ policyId: kindDefault.id, acceptMinutes: 60 });
      expect(await resolve(null, "normal")).toMatchObject({ policyId: kindDefault.id });
      // A policy without an urgency gives an urgent case half its times.
      expect(await resolve(service, "urgent")).toMatchObject({
        policyId: byCategory.id,
        acceptMinutes: 10,
        resultMinutes: 150,
      });
      // Repairs are untouched by complaint policies.
      expect(await resolveDeadlinePolicy(db, orgA, { kind: "repair", urgency: "normal" })).toMatchObject({
        policyId: null,
      });

      const list = await (await t.as("csagent")).get("/api/deadline-policies");
      expect(list.status).toBe(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([
        kindDefault.id,
        byUrgency.id,
        byCategory.id,
        byBoth.id,
      ]);
      expect(list.body.items[2]).toMatchObject({ categoryName: "服务态度", urgency: null, warnPercent: 80 });

      const audit = await admin.get(`/api/audit?entityType=deadline_policy&entityId=${byBoth.id}`);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ action: "deadline_policy.created", after: { acceptMinutes: 5 } });
    });

    it("refuses a second policy of the same scope (409), also where category or urgency is empty", async () => {
      const service = await categoryId("SERVICE");
      for (const body of [
        { kind: "complaint", acceptMinutes: 1, resultMinutes: 2 },
        { kind: "complaint", categoryId: service, acceptMinutes: 1, resultMinutes: 2 },
      ]) {
        const response = await admin.post("/api/deadline-policies", body);
        expect(response.status).toBe(409);
        expect(response.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "scope" } });
      }
      // The same scope in another organisation is a different policy.
      const inB = await adminB.post("/api/deadline-policies", {
        kind: "complaint",
        acceptMinutes: 45,
        resultMinutes: 600,
      });
      expect(inB.status).toBe(201);
    });

    it("changes a policy's times, audited with before and after, and deletes it so cases fall back", async () => {
      const db = t.database.db;
      const orgA = t.world.a.orgId;
      const created = await admin.post("/api/deadline-policies", {
        kind: "repair",
        urgency: "low",
        acceptMinutes: 60,
        arriveMinutes: 240,
        resultMinutes: 960,
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;

      const changed = await admin.patch(`/api/deadline-policies/${id}`, { arriveMinutes: 180, warnPercent: 90 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        acceptMinutes: 60,
        arriveMinutes: 180,
        resultMinutes: 960,
        warnPercent: 90,
      });
      expect(await resolveDeadlinePolicy(db, orgA, { kind: "repair", urgency: "low" })).toMatchObject({
        policyId: id,
        arriveMinutes: 180,
      });

      // The merged values are checked too: acceptance after the worker's arrival is refused.
      const inconsistent = await admin.patch(`/api/deadline-policies/${id}`, { acceptMinutes: 200 });
      expect(inconsistent.status).toBe(400);
      expect(inconsistent.body.error.details.issues[0].path).toBe("body/arriveMinutes");

      expect((await admin.delete(`/api/deadline-policies/${id}`)).status).toBe(204);
      expect(await resolveDeadlinePolicy(db, orgA, { kind: "repair", urgency: "low" })).toMatchObject({
        policyId: null,
        arriveMinutes: 120,
      });
      const audit = await admin.get(`/api/audit?entityType=deadline_policy&entityId=${id}`);
      const entries = audit.body.items as Array<{ action: string; before?: { warnPercent: number } }>;
      expect(entries.map((entry) => entry.action)).toEqual([
        "deadline_policy.created",
        "deadline_policy.updated",
        "deadline_policy.deleted",
      ]);
      expect(entries[1]?.before?.warnPercent).toBe(80);
    });

    it("rejects bad policies with 400: unknown kind, inconsistent times, arrival outside repairs, foreign or mismatched category", async () => {
      const before = (await admin.get("/api/deadline-policies")).body.items.length;
      const foreignCategory = (
        (await adminB.get("/api/categories?kind=complaint")).body.items as Array<{ id: string }>
      )[0]?.id;
      const repairCategory = await categoryId("WATER_LEAK");
      for (const body of [
        { kind: "maintenance", acceptMinutes: 10, resultMinutes: 100 },
        { kind: "suggestion", acceptMinutes: 100, resultMinutes: 10 },
        { kind: "suggestion", acceptMinutes: 0, resultMinutes: 10 },
        { kind: "complaint", acceptMinutes: 10, arriveMinutes: 20, resultMinutes: 100 },
        { kind: "suggestion", urgency: "whenever", acceptMinutes: 10, resultMinutes: 100 },
        { kind: "suggestion", acceptMinutes: 10, resultMinutes: 100, warnPercent: 120 },
        { kind: "complaint", categoryId: foreignCategory, acceptMinutes: 10, resultMinutes: 100 },
        { kind: "complaint", categoryId: repairCategory, acceptMinutes: 10, resultMinutes: 100 },
      ]) {
        const response = await admin.post("/api/deadline-policies", body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe("VALIDATION_FAILED");
      }
      expect((await admin.get("/api/deadline-policies")).body.items).toHaveLength(before);
    });

    it("answers 404 for another organisation's policy and for unknown ids", async () => {
      const items = (await admin.get("/api/deadline-policies")).body.items as Array<{ id: string }>;
      const id = items[0]?.id;
      expect((await adminB.patch(`/api/deadline-policies/${id}`, { acceptMinutes: 1 })).status).toBe(404);
      expect((await adminB.delete(`/api/deadline-policies/${id}`)).status).toBe(404);
      expect(
        (await admin.patch("/api/deadline-policies/01890000-0000-7000-8000-000000000000", { acceptMinutes: 1 })).status,
      ).toBe(404);
      expect((await admin.delete("/api/deadline-policies/not-a-uuid")).status).toBe(400);
      const bIds = ((await adminB.get("/api/deadline-policies")).body.items as Array<{ id: string }>).map((p) => p.id);
      expect(bIds).not.toContain(id);
    });
  });

  describe("who may change the calendar and the policies", () => {
    it("lets no one but the administrator and the customer-service head change them (403)", async () => {
      const policyId = ((await admin.get("/api/deadline-policies")).body.items as Array<{ id: string }>)[0]?.id;
      for (const username of ["csagent", "deptstaff", "depthead", "worker", "qa", "mgmtrep", "res1"]) {
        const client = await t.as(username);
        const responses = [
          await put(client, "/api/calendar", { workingPeriods: DEFAULT_WORKING_PERIODS }),
          await put(client, "/api/calendar/days/2026-12-31", { kind: "holiday", name: "越权" }),
          await client.delete("/api/calendar/days/2026-10-01"),
          await client.post("/api/calendar/days/import-china?year=2025"),
          await client.post("/api/deadline-policies", { kind: "suggestion", acceptMinutes: 1, resultMinutes: 2 }),
          await client.patch(`/api/deadline-policies/${policyId}`, { acceptMinutes: 1 }),
          await client.delete(`/api/deadline-policies/${policyId}`),
        ];
        for (const response of responses) {
          expect(response.status, username).toBe(403);
          expect(response.body.error.code).toBe("FORBIDDEN");
        }
      }
      expect((await daysOf(admin, 2026)).items.map((d) => d.day)).toContain("2026-10-01");
      expect((await daysOf(admin, 2026)).items.map((d) => d.day)).not.toContain("2026-12-31");
    });

    it("keeps residents and anonymous callers out of the reads (403, 401)", async () => {
      const resident = await t.as("res1");
      for (const path of ["/api/calendar", "/api/calendar/days?year=2026", "/api/deadline-policies"]) {
        expect((await resident.get(path)).status, path).toBe(403);
        expect((await t.anonymous().get(path)).status, path).toBe(401);
      }
    });

    it("keeps each organisation's days to itself", async () => {
      // Organisation A's own holiday on 24 December is not organisation B's.
      expect((await daysOf(adminB, 2026)).items.map((d) => d.day)).not.toContain("2026-12-24");
      expect((await daysOf(admin, 2027)).items).toEqual([]);
      expect((await daysOf(adminB, 2027)).items).toEqual([{ day: "2027-01-01", kind: "holiday", name: "元旦" }]);
    });
  });
});
