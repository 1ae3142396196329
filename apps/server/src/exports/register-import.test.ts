/**
 * Issue #8 item 5: importing a historic register from xlsx. An import with one bad row imports
 * nothing and names the row (number, column, bilingual message); a dry run writes nothing;
 * a clean file is imported whole; an exported register reads back.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countCases } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { REGISTER_COLUMNS } from "./exports.service.js";

// Many signed-in users and rendered documents per test: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

async function workbookOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("QR-022");
  sheet.addRow(REGISTER_COLUMNS.map((column) => column.header));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(client: ApiClient, file: Buffer, dryRun: boolean) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)]), "register.xlsx");
  return client.request("POST", `/api/register/import?dryRun=${dryRun}`, undefined, { rawBody: form });
}

//        编号, 受理时间, 类型, 方式, 接待人, 小区, 房号, 住户, 电话, 类别, 紧急, 内容, 部门, 状态
const good = (number: string, kind = "投诉", content = "楼上装修噪音扰民") => [
  number,
  "2025-03-04 09:30",
  kind,
  "电话",
  "cshead",
  "E1 花园",
  "1栋 1-101",
  "王先生",
  "13800002222",
  kind === "报修" ? "漏水渗水" : "噪音扰民",
  "一般",
  content,
  "",
  "已结案",
];

describe.each(testDatabases())("register import on %s", (kind) => {
  let t: TestApp;
  let cshead: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    cshead = await t.as("cshead");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("a file with bad rows imports nothing, on a dry run or not, and names each bad row and column", async () => {
    const before = await countCases(t.database.db);
    const bad = good("H-2025-0002", "投拆");
    const noContent = good("H-2025-0003", "投诉", "");
    const file = await workbookOf([good("H-2025-0001"), bad, noContent, good("H-2025-0001")]);
    for (const dryRun of [true, false]) {
      const response = await upload(cshead, file, dryRun);
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body.error.code).toBe("IMPORT_INVALID");
      const errors = response.body.error.details.errors;
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            row: 3,
            column: "类型",
            messageEn: "Kind must be complaint, repair or suggestion",
          }),
          expect.objectContaining({
            row: 4,
            column: "内容",
            message: "内容不能为空",
            messageEn: "Content is required",
          }),
          expect.objectContaining({ row: 5, column: "编号", message: "编号与第 2 行重复" }),
        ]),
      );
      expect(await countCases(t.database.db)).toBe(before);
    }
  });

  it("a clean file: the dry run counts and writes nothing, the import writes every row into the register", async () => {
    const before = await countCases(t.database.db);
    const file = await workbookOf([
      good("H-2025-0101"),
      good("H-2025-0102", "报修", "厨房水管漏水"),
      good("H-2025-0103"),
    ]);
    const dry = await upload(cshead, file, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toEqual({ dryRun: true, rowCount: 3, imported: 0 });
    expect(await countCases(t.database.db)).toBe(before);

    const real = await upload(cshead, file, false);
    expect(real.body).toEqual({ dryRun: false, rowCount: 3, imported: 3 });
    const register = await cshead.get("/api/cases?q=H-2025-0102");
    expect(register.body.items).toHaveLength(1);
    expect(register.body.items[0]).toMatchObject({
      number: "H-2025-0102",
      kind: "repair",
      status: "closed",
      unitLabel: expect.stringContaining("1-101"),
      receivedAt: "2025-03-04T01:30:00.000Z",
    });
    // The same numbers again: refused, nothing doubled.
    const again = await upload(cshead, file, false);
    expect(again.status).toBe(422);
    expect(again.body.error.details.errors[0]).toMatchObject({ row: 2, column: "编号" });
    expect(await countCases(t.database.db)).toBe(before + 3);
  });

  it("an exported register reads back (only the numbers already there are refused)", async () => {
    const exported = await fetch(`${t.baseUrl}/api/exports/register.xlsx`, {
      headers: { cookie: cshead.cookie ?? "" },
    });
    const response = await upload(cshead, Buffer.from(await exported.arrayBuffer()), true);
    expect(response.status).toBe(422);
    const errors = response.body.error.details.errors as Array<{ column: string }>;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.column === "编号")).toBe(true);
  });

  it("only customer-service heads and administrators; not an xlsx is 415", async () => {
    const file = await workbookOf([good("H-2025-0201")]);
    expect((await upload(await t.as("qa"), file, true)).status).toBe(403);
    expect((await upload(await t.as("csagent"), file, true)).status).toBe(403);
    expect((await upload(cshead, Buffer.from("not a workbook"), true)).status).toBe(415);
  });
});
