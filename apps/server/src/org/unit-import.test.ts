import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "../http/errors.js";
import { buildUnitImportTemplate, planUnitImport, readUnitSheet, type UnitSheetRow } from "./unit-import.js";

async function workbookOf(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet("units");
  for (const row of rows) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER = ["楼栋", "房号", "楼层", "面积(㎡)"];

describe("reading an import sheet", () => {
  it("reads the template it hands out", async () => {
    const sheet = await readUnitSheet(await buildUnitImportTemplate());
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows).toEqual([
      { row: 2, building: "1栋", number: "1-101", floor: 1, area: 89.5 },
      { row: 3, building: "1栋", number: "1-102", floor: 1, area: 120 },
    ]);
  });

  it("finds columns by header in any order, in Chinese or English, and skips blank rows", async () => {
    const file = await workbookOf([
      ["Area (m²)", "Remarks", "UNIT", "Building"],
      [null, "ignored", "101", "A座"],
      [],
      ["95.5", null, 102, " A座 "],
    ]);
    const sheet = await readUnitSheet(file);
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows).toEqual([
      { row: 2, building: "A座", number: "101", floor: null, area: null },
      { row: 4, building: "A座", number: "102", floor: null, area: 95.5 },
    ]);
  });

  it("reads rich text, hyperlinks and formula results as what they show", async () => {
    const file = await workbookOf([
      HEADER,
      [
        { richText: [{ text: "2" }, { text: "栋" }] },
        { text: "2-201", hyperlink: "https://example.com" },
        { formula: "1+1", result: 2 },
        60,
      ],
    ]);
    const sheet = await readUnitSheet(file);
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows).toEqual([{ row: 2, building: "2栋", number: "2-201", floor: 2, area: 60 }]);
  });

  it("names the row and column of every problem, in Chinese and English", async () => {
    const file = await workbookOf([
      HEADER,
      ["1栋", "1-101", 1, 90],
      [null, "1-102", 1, 90],
      ["1栋", "1-103", "三楼", 90],
      ["1栋", "1-104", 2.5, 90],
      ["1栋", "1-105", 1, "大"],
      ["1栋", "1-106", 1, -3],
      ["楼".repeat(51), "1-107", 1, 90],
      ["1栋", "1".repeat(31), 1, 90],
      ["1栋", "1-101", 1, 90],
      ["1栋", new Date("2024-01-05"), 1, 90],
    ]);
    const sheet = await readUnitSheet(file);
    expect(sheet.errors.map(({ row, column }) => [row, column])).toEqual([
      [3, "楼栋"],
      [4, "楼层"],
      [5, "楼层"],
      [6, "面积(㎡)"],
      [7, "面积(㎡)"],
      [8, "楼栋"],
      [9, "房号"],
      [10, "房号"],
      [11, "房号"],
    ]);
    expect(sheet.errors[0]).toEqual({
      row: 3,
      column: "楼栋",
      message: "楼栋不能为空",
      messageEn: "Building is required",
    });
    expect(sheet.errors[1]?.messageEn).toBe("Floor must be a number");
    expect(sheet.errors[2]?.messageEn).toBe("Floor must be a whole number from -10 to 200");
    expect(sheet.errors[5]?.message).toBe("楼栋不能超过 50 个字符");
    expect(sheet.errors[7]).toMatchObject({ message: "与第 2 行重复（同一楼栋、同一房号）" });
    expect(sheet.errors[8]?.messageEn).toContain("read as a date");
  });

  it("reports a missing required column and an empty sheet", async () => {
    const noUnitColumn = await readUnitSheet(
      await workbookOf([
        ["楼栋", "楼层"],
        ["1栋", 1],
      ]),
    );
    expect(noUnitColumn.errors).toEqual([
      { row: 1, column: "房号", message: "缺少“房号”列", messageEn: 'The column "房号" (Unit) is missing' },
    ]);
    const headerOnly = await readUnitSheet(await workbookOf([HEADER]));
    expect(headerOnly.errors).toEqual([
      { row: 2, column: null, message: "表格中没有数据行", messageEn: "The sheet has no data rows" },
    ]);
    const nothing = await readUnitSheet(await workbookOf([]));
    expect(nothing.errors.map((error) => error.column)).toEqual(["楼栋", "房号"]);
  });

  it("refuses what is not an .xlsx workbook with 415", async () => {
    for (const file of [Buffer.from("楼栋,房号\n1栋,1-101\n"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]) {
      const failure = await readUnitSheet(file).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).status).toBe(415);
    }
  });
});

describe("planning an import against the estate", () => {
  const row = (rowNumber: number, building: string, number: string): UnitSheetRow => ({
    row: rowNumber,
    building,
    number,
    floor: null,
    area: null,
  });

  it("creates missing buildings once each and skips units that exist already", () => {
    const plan = planUnitImport(
      [row(2, "1栋", "1-101"), row(3, "1栋", "1-103"), row(4, "5栋", "5-101"), row(5, "5栋", "5-102")],
      [{ id: "b1", name: "1栋", active: true }],
      [{ building_id: "b1", number: "1-101" }],
    );
    expect(plan).toEqual({
      buildingsToCreate: ["5栋"],
      unitsToCreate: [row(3, "1栋", "1-103"), row(4, "5栋", "5-101"), row(5, "5栋", "5-102")],
      unitsSkipped: 1,
      errors: [],
    });
  });

  it("refuses units in a deactivated building, naming the row", () => {
    const plan = planUnitImport([row(7, "旧楼", "1")], [{ id: "b9", name: "旧楼", active: false }], []);
    expect(plan.errors).toEqual([
      {
        row: 7,
        column: "楼栋",
        message: "楼栋“旧楼”已停用，请先启用",
        messageEn: 'The building "旧楼" is deactivated; reactivate it first',
      },
    ]);
  });
});
