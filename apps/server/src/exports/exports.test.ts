/**
 * Issue #8 item 5: the register, any filtered list and the statistics tables as streamed xlsx,
 * built from the same services as the lists (same scoping), formula injection neutralised.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assertNoFormulaInjection, FORMULA_PAYLOADS, readXlsxRows } from "../security/spreadsheet-safety.js";
import { phoneComplaint, phoneRepair } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

// Many signed-in users and rendered documents per test: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

async function download(t: TestApp, client: ApiClient, path: string) {
  const response = await fetch(t.baseUrl + path, { headers: { cookie: client.cookie ?? "" } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body };
}

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDatabases())("xlsx exports on %s", (kind) => {
  let t: TestApp;
  let cshead: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    cshead = await t.as("cshead");
    for (const payload of FORMULA_PAYLOADS) {
      const created = await cshead.post(
        "/api/cases",
        await phoneComplaint(t, { content: `${payload} 楼道灯不亮`, similarCasesAcknowledged: true }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const repair = await cshead.post(
      "/api/cases",
      await phoneRepair(t, {
        estateId: t.world.a.estates.E2,
        residentId: t.world.a.residents.res2,
        unitId: t.world.a.units["E2-1-101"],
        similarCasesAcknowledged: true,
      }),
    );
    expect(repair.status, JSON.stringify(repair.body)).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("the register as xlsx has a row per case the user may see, text starting with = + - @ neutralised", async () => {
    const response = await download(
      t,
      cshead,
      `/api/exports/register.xlsx?from=${daysFromToday(-1)}&to=${daysFromToday(1)}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const sheets = await readXlsxRows(response.body);
    const rows = sheets.get("QR-022 登记表") ?? [];
    expect(rows[0]?.[0]).toBe("编号 Number");
    expect(rows).toHaveLength(1 + FORMULA_PAYLOADS.length + 1);
    assertNoFormulaInjection(rows, "register export");
    // The payload is still there, readable, behind the apostrophe.
    expect(rows.some((row) => String(row[11]).includes("HYPERLINK"))).toBe(true);

    // csagent sees estate E1 only: the E2 repair is not in their export (the register's own scoping).
    const agent = await download(
      t,
      await t.as("csagent"),
      `/api/exports/register.xlsx?from=${daysFromToday(-1)}&to=${daysFromToday(1)}`,
    );
    const agentRows = (await readXlsxRows(agent.body)).get("QR-022 登记表") ?? [];
    expect(agentRows).toHaveLength(1 + FORMULA_PAYLOADS.length);
    // A filtered list: only repairs.
    const repairs = await download(t, cshead, `/api/exports/register.xlsx?kind=repair`);
    expect((await readXlsxRows(repairs.body)).get("QR-022 登记表")).toHaveLength(2);
  });

  it("the statistics tables as xlsx equal the statistics API", async () => {
    const qa = await t.as("qa");
    const query = `from=${daysFromToday(-3)}&to=${daysFromToday(3)}`;
    const stats = (await qa.get(`/api/stats?${query}`)).body;
    const response = await download(t, qa, `/api/exports/stats.xlsx?${query}`);
    expect(response.status).toBe(200);
    const sheets = await readXlsxRows(response.body);
    expect([...sheets.keys()]).toEqual(
      expect.arrayContaining(["概况 Summary", "趋势 Trend", "用时 Durations", "时限 Deadlines", "帕累托 Pareto"]),
    );
    const summary = new Map((sheets.get("概况 Summary") ?? []).map((row) => [row[0], row[1]]));
    expect(summary.get("受理总数 Received")).toBe(stats.totals.all);
    expect(summary.get("投诉")).toBe(stats.totals.complaint);
    const pareto = sheets.get("帕累托 Pareto") ?? [];
    expect(pareto.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(stats.totals.complaint);

    const figure = await download(t, qa, `/api/exports/stats-cases.xlsx?${query}&figure=received&kind=complaint`);
    expect(figure.headers.get("x-export-rows")).toBe(String(stats.totals.complaint));
    expect((await readXlsxRows(figure.body)).get("明细 Cases")).toHaveLength(1 + stats.totals.complaint);
  });

  it("the same permissions as the lists: 403 without them, 401 signed out, 400 for bad filters", async () => {
    expect(
      (await download(t, await t.as("csagent"), `/api/exports/stats.xlsx?from=${today()}&to=${today()}`)).status,
    ).toBe(403);
    expect((await download(t, await t.as("res1"), "/api/exports/register.xlsx")).status).toBe(403);
    expect((await download(t, t.anonymous(), "/api/exports/register.xlsx")).status).toBe(401);
    expect(
      (await download(t, cshead, `/api/exports/register.xlsx?from=${today()}&to=${daysFromToday(-2)}`)).status,
    ).toBe(400);
  });
});
