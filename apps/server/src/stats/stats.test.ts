/**
 * Issue #8 item 3 (R-4.12.1, §5.0): every statistics figure equals the count computed
 * independently from the raw rows of a generated data set, and the drill-down lists exactly
 * the cases behind each figure. Working time comes from the domain's workingMinutesBetween,
 * not from the SQL under test.
 */
import { type BusinessCalendar, type CaseKind, startOfZonedDay, workingMinutesBetween } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { generateCases } from "./generated-cases.js";

// Many signed-in users and rendered documents per test: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const FROM = "2026-10-01";
const TO = "2026-10-31";

interface RawCase {
  id: string;
  kind: CaseKind;
  status: string;
  estate_id: string;
  unit_id: string | null;
  category_id: string | null;
  received_at: string;
  closed_at: string | null;
}

interface Expected {
  cases: RawCase[];
  accept: Map<string, "late" | "on_time">;
  result: Map<string, "late" | "on_time">;
  acceptedAt: Map<string, string>;
  resultAt: Map<string, string>;
  satisfaction: Map<string, string>;
  urges: Map<string, number>;
  workerOf: Map<string, string | null>;
}

/** Nearest rank: the ⌈p·n⌉-th smallest value. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1] ?? null;
}

/** The figures from the raw rows, in plain code that shares nothing with the SQL. */
async function expectedFrom(t: TestApp, startsAt: string, endsAt: string, now: string): Promise<Expected> {
  const db = t.database.db;
  const orgId = t.world.a.orgId;
  const all = (await db.selectFrom("cases").selectAll().where("org_id", "=", orgId).execute()) as unknown as RawCase[];
  const cases = all.filter(
    (row) => Date.parse(row.received_at) >= Date.parse(startsAt) && Date.parse(row.received_at) < Date.parse(endsAt),
  );
  const handlings = await db.selectFrom("case_handlings").selectAll().where("org_id", "=", orgId).execute();
  const orders = await db.selectFrom("work_orders").selectAll().where("org_id", "=", orgId).execute();
  const expected: Expected = {
    cases,
    accept: new Map(),
    result: new Map(),
    acceptedAt: new Map(),
    resultAt: new Map(),
    satisfaction: new Map(),
    urges: new Map(),
    workerOf: new Map(),
  };
  const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);
  for (const row of cases) {
    if (row.kind === "complaint") {
      const sections = handlings.filter((h) => h.case_id === row.id && h.status !== "reassigned");
      const accepted = sections.map((h) => h.accepted_at).filter((v): v is string => v !== null);
      if (accepted.length > 0)
        expected.acceptedAt.set(row.id, accepted.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? "");
      if (sections.length > 0 && sections.every((h) => h.returned_at !== null)) {
        const returned = sections.map((h) => h.returned_at as string).sort((a, b) => Date.parse(b) - Date.parse(a));
        expected.resultAt.set(row.id, returned[0] ?? "");
      }
      const assignees = sections
        .map((h) => h.assignee_id)
        .filter((v): v is string => v !== null)
        .sort();
      expected.workerOf.set(row.id, assignees[0] ?? null);
      for (const [stage, doneOf, dueOf] of [
        ["accept", (h: (typeof sections)[number]) => h.accepted_at, (h: (typeof sections)[number]) => h.accept_due_at],
        ["result", (h: (typeof sections)[number]) => h.returned_at, (h: (typeof sections)[number]) => h.result_due_at],
      ] as const) {
        const withDue = sections.filter((h) => dueOf(h) !== null);
        const late = withDue.some((h) => {
          const done = doneOf(h);
          const due = dueOf(h) as string;
          return done !== null ? before(due, done) : before(due, now);
        });
        const allOnTime =
          withDue.length > 0 &&
          withDue.every((h) => doneOf(h) !== null && !before(dueOf(h) as string, doneOf(h) as string));
        const map = stage === "accept" ? expected.accept : expected.result;
        if (late) map.set(row.id, "late");
        else if (allOnTime) map.set(row.id, "on_time");
      }
    } else if (row.kind === "repair") {
      const order = orders.find((o) => o.case_id === row.id);
      expected.workerOf.set(row.id, order?.worker_id ?? null);
      if (!order) continue;
      if (order.accepted_at) expected.acceptedAt.set(row.id, order.accepted_at);
      if (order.completed_at) {
        expected.resultAt.set(row.id, order.completed_at);
        expected.satisfaction.set(row.id, order.satisfaction ?? "none");
      }
      expected.urges.set(row.id, order.urge_count);
      for (const [stage, done, due] of [
        ["accept", order.accepted_at, order.accept_due_at],
        ["result", order.completed_at, order.result_due_at],
      ] as const) {
        if (due === null) continue;
        const map = stage === "accept" ? expected.accept : expected.result;
        if (done !== null ? before(due, done) : before(due, now)) map.set(row.id, "late");
        else if (done !== null) map.set(row.id, "on_time");
      }
    }
  }
  return expected;
}

async function drill(client: ApiClient, query: string): Promise<{ total: number; ids: string[] }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const response: { status: number; body: { total: number; items: { id: string }[]; nextCursor: string | null } } =
      await client.get(`/api/stats/cases?${query}&limit=97${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    total = response.body.total;
    ids.push(...response.body.items.map((item) => item.id));
    cursor = response.body.nextCursor;
  } while (cursor);
  return { total, ids: ids.sort() };
}

const sortedIds = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

describe.each(testDatabases())("statistics on %s", (kind) => {
  let t: TestApp;
  let qa: ApiClient;
  let calendar: BusinessCalendar;
  let startsAt: string;
  let endsAt: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.database.db;
    const a = t.world.a;
    const categories = await db.selectFrom("categories").select(["id", "kind"]).where("org_id", "=", a.orgId).execute();
    await generateCases(
      db,
      {
        orgId: a.orgId,
        estateIds: [a.estates.E1 as string, a.estates.E2 as string],
        unitIds: {
          [a.estates.E1 as string]: [a.units["E1-1-101"] as string, a.units["E1-1-102"] as string],
          [a.estates.E2 as string]: [a.units["E2-1-101"] as string, a.units["E2-1-102"] as string],
        },
        departmentIds: [...a.catalogue.departments.values()].slice(0, 4),
        categoryIds: {
          complaint: categories.filter((c) => c.kind === "complaint").map((c) => c.id),
          repair: categories.filter((c) => c.kind === "repair").map((c) => c.id),
          suggestion: categories.filter((c) => c.kind === "suggestion").map((c) => c.id),
        },
        staffIds: [a.users.cshead as string, a.users.csagent as string, a.users.deptstaff as string],
        workerIds: [a.users.worker as string, a.users.repairlead as string],
      },
      {
        count: 700,
        fromMs: Date.parse("2026-09-28T00:00:00Z"),
        toMs: Date.parse("2026-11-03T00:00:00Z"),
        seed: 8,
        numberPrefix: "TS-GEN-",
      },
    );
    qa = await t.as("qa");
    calendar = await loadBusinessCalendar(db, a.orgId);
    startsAt = startOfZonedDay("Asia/Shanghai", FROM);
    endsAt = startOfZonedDay("Asia/Shanghai", "2026-11-01");
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it("R-4.12.1 volumes, groups, trend, durations, deadlines, satisfaction, repeats, Pareto and urges equal the raw rows", async () => {
    const response = await qa.get(`/api/stats?from=${FROM}&to=${TO}&groupBy=estate`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const stats = response.body;
    const now = new Date().toISOString();
    const expected = await expectedFrom(t, startsAt, endsAt, now);
    const cases = expected.cases;
    expect(cases.length).toBeGreaterThan(400);
    expect(stats.period).toMatchObject({ from: FROM, to: TO, startsAt, endsAt });

    const ofKind = (k: CaseKind) => cases.filter((row) => row.kind === k).length;
    expect(stats.totals).toEqual({
      complaint: ofKind("complaint"),
      repair: ofKind("repair"),
      suggestion: ofKind("suggestion"),
      all: cases.length,
      closed: cases.filter((row) => row.status === "closed").length,
      open: cases.filter((row) => row.status !== "closed").length,
    });
    for (const [code, estateId] of Object.entries(t.world.a.estates)) {
      const group = stats.groups.find((g: { key: string }) => g.key === estateId);
      expect(group?.all, code).toBe(cases.filter((row) => row.estate_id === estateId).length);
      expect(group?.label).toBe(`${code} 花园`);
    }

    // Trend: one point per day of October, each the cases received that local day.
    expect(stats.trend.unit).toBe("day");
    expect(stats.trend.points).toHaveLength(31);
    for (const point of stats.trend.points) {
      const dayStart = Date.parse(startOfZonedDay("Asia/Shanghai", point.from));
      const dayEnd = dayStart + 86_400_000;
      const inDay = cases.filter(
        (row) => Date.parse(row.received_at) >= dayStart && Date.parse(row.received_at) < dayEnd,
      );
      expect(point.all, point.from).toBe(inDay.length);
      expect(point.repair, point.from).toBe(inDay.filter((row) => row.kind === "repair").length);
    }

    // Durations in working minutes, median and 90th percentile per kind.
    for (const duration of stats.durations) {
      const values = cases
        .filter((row) => row.kind === duration.kind)
        .map((row) => {
          const end =
            duration.measure === "accept"
              ? expected.acceptedAt.get(row.id)
              : duration.measure === "result"
                ? expected.resultAt.get(row.id)
                : row.status === "closed"
                  ? (row.closed_at ?? undefined)
                  : undefined;
          return end === undefined ? undefined : workingMinutesBetween(calendar, row.received_at, end);
        })
        .filter((value): value is number => value !== undefined);
      const label = `${duration.measure} ${duration.kind}`;
      expect(duration.count, label).toBe(values.length);
      expect(values.length, label).toBeGreaterThan(10);
      expect(duration.medianMinutes, label).toBeCloseTo(percentile(values, 0.5) as number, 3);
      expect(duration.p90Minutes, label).toBeCloseTo(percentile(values, 0.9) as number, 3);
    }

    for (const deadline of stats.deadlines) {
      const map = deadline.stage === "accept" ? expected.accept : expected.result;
      const ofKindIds = new Set(cases.filter((row) => row.kind === deadline.kind).map((row) => row.id));
      const states = [...map.entries()].filter(([id]) => ofKindIds.has(id)).map(([, state]) => state);
      const label = `${deadline.stage} ${deadline.kind}`;
      expect(deadline.onTime, label).toBe(states.filter((state) => state === "on_time").length);
      expect(deadline.late, label).toBe(states.filter((state) => state === "late").length);
      expect(deadline.late, label).toBeGreaterThan(0);
      expect(deadline.onTime, label).toBeGreaterThan(0);
    }

    for (const bucket of stats.satisfaction) {
      expect(bucket.count, bucket.value).toBe(
        [...expected.satisfaction.values()].filter((v) => v === bucket.value).length,
      );
    }

    const complaintsPerUnit = new Map<string, number>();
    for (const row of cases) {
      if (row.kind === "complaint" && row.unit_id)
        complaintsPerUnit.set(row.unit_id, (complaintsPerUnit.get(row.unit_id) ?? 0) + 1);
    }
    const repeated = [...complaintsPerUnit.entries()].filter(([, n]) => n >= 2);
    expect(stats.repeatComplaints.map((r: { unitId: string; count: number }) => [r.unitId, r.count]).sort()).toEqual(
      repeated.sort(),
    );

    const perCategory = new Map<string | null, number>();
    for (const row of cases) {
      if (row.kind === "complaint") perCategory.set(row.category_id, (perCategory.get(row.category_id) ?? 0) + 1);
    }
    expect(
      stats.pareto.map((p: { categoryId: string | null; count: number }) => [p.categoryId, p.count]).sort(),
    ).toEqual([...perCategory.entries()].sort());
    const counts = stats.pareto.map((p: { count: number }) => p.count);
    expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x));
    expect(stats.pareto.at(-1).cumulativePercent).toBe(100);

    const urges = [...expected.urges.values()];
    expect(stats.urges).toEqual({
      urgedCases: urges.filter((n) => n > 0).length,
      urges: urges.reduce((s, n) => s + n, 0),
    });
    // No callback in the generated set: every completed order is owed one (loop-sections.test.ts counts them).
    expect(stats.callbacks.repairs.calledBack).toBe(0);
    expect(stats.nonconformities).toMatchObject({ open: 0, overdue: 0 });
  });

  it("R-4.12.1 every figure drills down to exactly the cases behind it", async () => {
    const period = `from=${FROM}&to=${TO}`;
    const expected = await expectedFrom(t, startsAt, endsAt, new Date().toISOString());
    const cases = expected.cases;
    const stateIds = (map: Map<string, string>, state: string) =>
      [...map.entries()]
        .filter(([, s]) => s === state)
        .map(([id]) => id)
        .sort();
    const checks: Array<[string, string[]]> = [
      ["figure=received", sortedIds(cases)],
      ["figure=closed", sortedIds(cases.filter((row) => row.status === "closed"))],
      ["figure=accept.late", stateIds(expected.accept, "late")],
      ["figure=accept.onTime", stateIds(expected.accept, "on_time")],
      ["figure=result.late", stateIds(expected.result, "late")],
      ["figure=result.onTime", stateIds(expected.result, "on_time")],
      ["figure=satisfaction&key=dissatisfied", stateIds(expected.satisfaction, "dissatisfied")],
      ["figure=satisfaction&key=none", stateIds(expected.satisfaction, "none")],
      [
        "figure=urged",
        [...expected.urges.entries()]
          .filter(([, n]) => n > 0)
          .map(([id]) => id)
          .sort(),
      ],
      [
        `figure=repeat&key=${t.world.a.units["E1-1-101"]}`,
        sortedIds(cases.filter((row) => row.kind === "complaint" && row.unit_id === t.world.a.units["E1-1-101"])),
      ],
      [
        `figure=received&kind=repair&estateId=${t.world.a.estates.E2}`,
        sortedIds(cases.filter((row) => row.kind === "repair" && row.estate_id === t.world.a.estates.E2)),
      ],
      [
        `figure=received&workerId=${t.world.a.users.worker}`,
        sortedIds(cases.filter((row) => expected.workerOf.get(row.id) === t.world.a.users.worker)),
      ],
    ];
    for (const [query, ids] of checks) {
      const result = await drill(qa, `${period}&${query}`);
      expect(result.ids, query).toEqual(ids);
      expect(result.total, query).toBe(ids.length);
    }
    // The figure on the dashboard and the drill-down agree for a filtered view too.
    const filtered = await qa.get(`/api/stats?${period}&kind=repair&estateId=${t.world.a.estates.E2}`);
    const repairsE2 = cases.filter((row) => row.kind === "repair" && row.estate_id === t.world.a.estates.E2).length;
    expect(filtered.body.totals.all).toBe(repairsE2);
  });

  it("groups by worker, department, category and channel add up to the total", async () => {
    for (const groupBy of ["worker", "department", "category", "channel"]) {
      const response = await qa.get(`/api/stats?from=${FROM}&to=${TO}&groupBy=${groupBy}`);
      expect(response.status).toBe(200);
      const sum = response.body.groups.reduce((s: number, g: { all: number }) => s + g.all, 0);
      expect(sum, groupBy).toBe(response.body.totals.all);
    }
  });

  it("only QA, the management representative, the customer-service head and administrators; other organisations' estates are 404", async () => {
    for (const user of ["qa", "mgmtrep", "cshead", "admin"]) {
      expect((await (await t.as(user)).get(`/api/stats?from=${FROM}&to=${TO}`)).status, user).toBe(200);
    }
    for (const user of ["csagent", "deptstaff", "worker", "res1"]) {
      expect((await (await t.as(user)).get(`/api/stats?from=${FROM}&to=${TO}`)).status, user).toBe(403);
    }
    const adminb = await t.as("adminb");
    expect((await adminb.get(`/api/stats?from=${FROM}&to=${TO}&estateId=${t.world.a.estates.E1}`)).status).toBe(404);
    // Organisation B sees none of A's cases.
    expect((await adminb.get(`/api/stats?from=${FROM}&to=${TO}`)).body.totals.all).toBe(0);
    expect((await qa.get(`/api/stats?from=${TO}&to=${FROM}`)).status).toBe(400);
    // The calendar is unrolled over the period: it is bounded (1990–2099, at most 1,100 days).
    expect((await qa.get("/api/stats?from=1000-01-01&to=1000-01-02")).status).toBe(400);
    expect((await qa.get("/api/stats?from=2020-01-01&to=2026-01-01")).status).toBe(400);
    expect((await qa.get(`/api/stats/cases?from=${FROM}&to=${TO}&figure=repeat&key=x`)).status).toBe(400);
    expect((await qa.get(`/api/stats/cases?from=${FROM}&to=${TO}&figure=received&cursor=bad`)).status).toBe(400);
  });
});
