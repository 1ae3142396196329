/**
 * The spreadsheet import of an estate's buildings and units (楼栋/房号): read the sheet,
 * check every row, and only then write all of it in one transaction, or nothing.
 */
import { buildingInputSchema, type UnitImportError, type UnitImportResult, unitInputSchema } from "@estate-desk/domain";
import ExcelJS from "exceljs";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardUnique } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as buildingsRepo from "./buildings.repository.js";
import { presentBuilding } from "./buildings.service.js";
import { getVisibleEstate } from "./estates.service.js";
import * as unitsRepo from "./units.repository.js";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Far above the largest estate; bounds the memory and the transaction of one import. */
export const IMPORT_MAX_ROWS = 20_000;
/** A sheet with a wrong column fails on every row; the first errors are enough to fix it. */
export const IMPORT_MAX_REPORTED_ERRORS = 200;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type ColumnKey = "building" | "number" | "floor" | "area";

interface ColumnSpec {
  /** The header the template writes, and the name errors give the column. */
  header: string;
  english: string;
  /** Accepted header names, compared after normaliseHeader(). */
  names: readonly string[];
  required: boolean;
}

const COLUMNS: Record<ColumnKey, ColumnSpec> = {
  building: { header: "楼栋", english: "Building", names: ["楼栋", "building"], required: true },
  number: { header: "房号", english: "Unit", names: ["房号", "unit"], required: true },
  floor: { header: "楼层", english: "Floor", names: ["楼层", "floor"], required: false },
  area: { header: "面积(㎡)", english: "Area", names: ["面积", "area"], required: false },
};
const COLUMN_KEYS: readonly ColumnKey[] = ["building", "number", "floor", "area"];

// The limits come from the input schemas, so that an imported unit obeys the same rules as
// one created by hand.
const buildingNameSchema = buildingInputSchema.shape.name;
const unitNumberSchema = unitInputSchema.shape.number;
const floorSchema = unitInputSchema.shape.floor.unwrap().unwrap();
const areaSchema = unitInputSchema.shape.areaSquareMetres.unwrap().unwrap();

/** "面积 (㎡)", "面积（m²）" and "Area" all name the area column: case, spaces and units do not matter. */
function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/[(（].*?[)）]/g, "");
}

/** One data row of the sheet, checked. */
export interface UnitSheetRow {
  /** The spreadsheet row number, for messages. */
  row: number;
  building: string;
  number: string;
  floor: number | null;
  area: number | null;
}

export interface UnitSheet {
  rows: UnitSheetRow[];
  errors: UnitImportError[];
}

type CellContent =
  | { kind: "blank" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "date" }
  | { kind: "error" };

const BLANK: CellContent = { kind: "blank" };

/** What a cell holds, seen through rich text, hyperlinks and formulas. */
function contentOf(value: ExcelJS.CellValue): CellContent {
  if (value === null || value === undefined) return BLANK;
  if (typeof value === "string") {
    const text = value.trim();
    return text === "" ? BLANK : { kind: "text", text };
  }
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "text", text: String(value) };
  if (value instanceof Date) return { kind: "date" };
  if ("richText" in value) return contentOf(value.richText.map((part) => part.text).join(""));
  if ("hyperlink" in value) return contentOf(value.text);
  if ("formula" in value || "sharedFormula" in value) {
    return value.result === undefined ? BLANK : contentOf(value.result);
  }
  if ("error" in value) return { kind: "error" };
  return BLANK;
}

function isBlank(content: CellContent): boolean {
  return content.kind === "blank";
}

class RowChecker {
  constructor(
    private readonly row: number,
    private readonly errors: UnitImportError[],
  ) {}

  fail(column: ColumnKey, message: string, messageEn: string): null {
    this.errors.push({ row: this.row, column: COLUMNS[column].header, message, messageEn });
    return null;
  }

  /** A required text cell: the building name or the unit number. */
  text(column: ColumnKey, content: CellContent, maxLength: number): string | null {
    const { header, english } = COLUMNS[column];
    switch (content.kind) {
      case "blank":
        return this.fail(column, `${header}不能为空`, `${english} is required`);
      case "date":
        return this.fail(
          column,
          `${header}被 Excel 识别成了日期，请把该列设为文本格式后重新填写`,
          `${english} was read as a date; format the column as text and type it again`,
        );
      case "error":
        return this.fail(column, `${header}单元格是错误值`, `${english} holds a spreadsheet error value`);
      case "number":
      case "text": {
        const text = content.kind === "number" ? String(content.value) : content.text;
        if (text.length > maxLength) {
          return this.fail(
            column,
            `${header}不能超过 ${maxLength} 个字符`,
            `${english} is longer than ${maxLength} characters`,
          );
        }
        return text;
      }
    }
  }

  /** An optional number cell: blank is null, a number typed as text is accepted. */
  number(column: ColumnKey, content: CellContent): number | null | undefined {
    const { header, english } = COLUMNS[column];
    switch (content.kind) {
      case "blank":
        return null;
      case "number":
        return content.value;
      case "text":
        if (/^[+-]?\d+(\.\d+)?$/.test(content.text)) return Number(content.text);
        break;
      case "date":
      case "error":
        break;
    }
    this.fail(column, `${header}必须是数字`, `${english} must be a number`);
    return undefined;
  }
}

/**
 * Reads the first worksheet of an uploaded workbook and checks every row on its own
 * (required cells, lengths, numbers, duplicates inside the file). Anything that is not an
 * .xlsx workbook is a 415.
 */
export async function readUnitSheet(file: Buffer): Promise<UnitSheet> {
  const worksheet = await loadFirstWorksheet(file);
  const errors: UnitImportError[] = [];

  const columnOf = new Map<ColumnKey, number>();
  worksheet.getRow(1).eachCell((cell, columnNumber) => {
    const content = contentOf(cell.value);
    if (content.kind !== "text") return;
    const name = normaliseHeader(content.text);
    const key = COLUMN_KEYS.find((candidate) => COLUMNS[candidate].names.includes(name));
    if (key && !columnOf.has(key)) columnOf.set(key, columnNumber);
  });
  for (const key of COLUMN_KEYS) {
    const { header, english, required } = COLUMNS[key];
    if (required && !columnOf.has(key)) {
      errors.push({
        row: 1,
        column: header,
        message: `缺少“${header}”列`,
        messageEn: `The column "${header}" (${english}) is missing`,
      });
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: UnitSheetRow[] = [];
  const firstRowOfUnit = new Map<string, number>();
  const cellOf = (row: ExcelJS.Row, key: ColumnKey): CellContent => {
    const column = columnOf.get(key);
    return column === undefined ? BLANK : contentOf(row.getCell(column).value);
  };
  let dataRowCount = 0;
  for (let rowNumber = 2; rowNumber <= worksheet.rowCount; rowNumber++) {
    const row = worksheet.getRow(rowNumber);
    const cells = {
      building: cellOf(row, "building"),
      number: cellOf(row, "number"),
      floor: cellOf(row, "floor"),
      area: cellOf(row, "area"),
    };
    // Blank rows (often left between blocks or at the end of a sheet) are not data.
    if (Object.values(cells).every(isBlank)) continue;
    dataRowCount++;
    if (dataRowCount > IMPORT_MAX_ROWS) {
      errors.push({
        row: rowNumber,
        column: null,
        message: `一次最多导入 ${IMPORT_MAX_ROWS} 行，请分成多个文件`,
        messageEn: `At most ${IMPORT_MAX_ROWS} rows can be imported at once; split the file`,
      });
      break;
    }
    const check = new RowChecker(rowNumber, errors);
    const building = check.text("building", cells.building, buildingNameSchema.maxLength ?? Number.MAX_SAFE_INTEGER);
    const number = check.text("number", cells.number, unitNumberSchema.maxLength ?? Number.MAX_SAFE_INTEGER);
    let floor = check.number("floor", cells.floor);
    if (floor !== undefined && floor !== null && !floorSchema.safeParse(floor).success) {
      floor = undefined;
      check.fail(
        "floor",
        `楼层必须是 ${floorSchema.minValue} 到 ${floorSchema.maxValue} 之间的整数`,
        `Floor must be a whole number from ${floorSchema.minValue} to ${floorSchema.maxValue}`,
      );
    }
    let area = check.number("area", cells.area);
    if (area !== undefined && area !== null && !areaSchema.safeParse(area).success) {
      area = undefined;
      check.fail(
        "area",
        // The bounds come from the schema (at least 0.01 since a 1e-50 area failed on PostgreSQL).
        `面积必须在 ${areaSchema.minValue} 到 ${areaSchema.maxValue} 之间`,
        `Area must be between ${areaSchema.minValue} and ${areaSchema.maxValue}`,
      );
    }
    if (building === null || number === null || floor === undefined || area === undefined) continue;

    const key = unitKey(building, number);
    const firstRow = firstRowOfUnit.get(key);
    if (firstRow !== undefined) {
      check.fail(
        "number",
        `与第 ${firstRow} 行重复（同一楼栋、同一房号）`,
        `Duplicates row ${firstRow} (same building and unit number)`,
      );
      continue;
    }
    firstRowOfUnit.set(key, rowNumber);
    rows.push({ row: rowNumber, building, number, floor, area });
  }
  if (dataRowCount === 0) {
    errors.push({ row: 2, column: null, message: "表格中没有数据行", messageEn: "The sheet has no data rows" });
  }
  return { rows, errors };
}

async function loadFirstWorksheet(file: Buffer): Promise<ExcelJS.Worksheet> {
  // An .xlsx file is a zip archive: anything else is refused before the parser sees it.
  const isZip = file.length >= 4 && file.readUInt32BE(0) === 0x504b0304;
  if (!isZip) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: XLSX_CONTENT_TYPE });
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a copy into a plain ArrayBuffer satisfies it.
    await workbook.xlsx.load(new Uint8Array(file).buffer);
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: XLSX_CONTENT_TYPE });
  }
  const worksheet = workbook.worksheets[0];
  // A zip without a worksheet (a .docx, say) is not a workbook either.
  if (!worksheet) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: XLSX_CONTENT_TYPE });
  return worksheet;
}

function unitKey(buildingKey: string, number: string): string {
  return `${buildingKey}\u0000${number}`;
}

export interface ExistingBuilding {
  id: string;
  name: string;
  active: boolean;
}

export interface UnitImportPlan {
  /** New buildings, in the order the sheet first names them. */
  buildingsToCreate: string[];
  unitsToCreate: UnitSheetRow[];
  unitsSkipped: number;
  errors: UnitImportError[];
}

/**
 * Compares the sheet with the estate as it is: names of missing buildings, units to create,
 * and units that exist already (skipped, so that a file can be imported again after a fix).
 */
export function planUnitImport(
  rows: readonly UnitSheetRow[],
  existingBuildings: readonly ExistingBuilding[],
  existingUnits: readonly { building_id: string; number: string }[],
): UnitImportPlan {
  const buildingByName = new Map(existingBuildings.map((building) => [building.name, building]));
  const existingUnitKeys = new Set(existingUnits.map((unit) => unitKey(unit.building_id, unit.number)));
  const buildingsToCreate: string[] = [];
  const unitsToCreate: UnitSheetRow[] = [];
  const errors: UnitImportError[] = [];
  let unitsSkipped = 0;
  for (const row of rows) {
    const building = buildingByName.get(row.building);
    if (!building) {
      if (!buildingsToCreate.includes(row.building)) buildingsToCreate.push(row.building);
      unitsToCreate.push(row);
    } else if (!building.active) {
      errors.push({
        row: row.row,
        column: COLUMNS.building.header,
        message: `楼栋“${row.building}”已停用，请先启用`,
        messageEn: `The building "${row.building}" is deactivated; reactivate it first`,
      });
    } else if (existingUnitKeys.has(unitKey(building.id, row.number))) {
      unitsSkipped++;
    } else {
      unitsToCreate.push(row);
    }
  }
  return { buildingsToCreate, unitsToCreate, unitsSkipped, errors };
}

function importInvalid(errors: readonly UnitImportError[]): AppError {
  return new AppError("IMPORT_INVALID", {
    errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
    errorCount: errors.length,
  });
}

/**
 * Imports buildings and units into one estate. Every row is checked before anything is
 * written; with dryRun nothing is written at all. The writes, one audit entry per created
 * building and one summary entry on the estate commit in one transaction.
 */
export async function importUnits(
  db: Db,
  context: RequestContext,
  estateId: string,
  file: Buffer,
  dryRun: boolean,
): Promise<UnitImportResult> {
  const estate = await getVisibleEstate(db, context, estateId);
  if (!fromFlag(estate.active)) throw new AppError("INACTIVE_REFERENCE", { field: "estateId" });
  const sheet = await readUnitSheet(file);
  if (sheet.errors.length > 0) throw importInvalid(sheet.errors);

  const orgId = context.actor.orgId;
  const buildings = await buildingsRepo.listBuildingsOfEstate(db, orgId, estate.id);
  const plan = planUnitImport(
    sheet.rows,
    buildings.map((building) => ({ id: building.id, name: building.name, active: fromFlag(building.active) })),
    await unitsRepo.listUnitKeysOfEstate(db, orgId, estate.id),
  );
  if (plan.errors.length > 0) throw importInvalid(plan.errors);

  const result: UnitImportResult = {
    dryRun,
    rowCount: sheet.rows.length,
    buildingsCreated: plan.buildingsToCreate,
    unitsCreated: plan.unitsToCreate.length,
    unitsSkipped: plan.unitsSkipped,
  };
  if (dryRun) return result;

  const now = nowIso();
  // New buildings go after the existing ones, in the order of the sheet.
  let sortOrder = Math.max(0, ...buildings.map((building) => building.sort_order));
  const newBuildings: buildingsRepo.BuildingRow[] = plan.buildingsToCreate.map((name) => ({
    id: newId(),
    org_id: orgId,
    estate_id: estate.id,
    name,
    sort_order: ++sortOrder,
    active: 1,
    created_at: now,
    updated_at: now,
  }));
  const buildingIdByName = new Map([...buildings, ...newBuildings].map((building) => [building.name, building.id]));
  const units: unitsRepo.UnitRow[] = [];
  for (const row of plan.unitsToCreate) {
    const buildingId = buildingIdByName.get(row.building);
    if (buildingId === undefined) throw new Error(`import plan names an unknown building: ${row.building}`);
    units.push({
      id: newId(),
      org_id: orgId,
      estate_id: estate.id,
      building_id: buildingId,
      number: row.number,
      floor: row.floor,
      area_sqm: row.area,
      active: 1,
      created_at: now,
      updated_at: now,
    });
  }

  // A unit created by someone else since the check above makes the whole import a 409.
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        for (const building of newBuildings) {
          await buildingsRepo.insertBuilding(tx, building);
          const unitCount = units.filter((unit) => unit.building_id === building.id).length;
          await recordAudit(tx, context, {
            action: "building.created",
            entityType: "building",
            entityId: building.id,
            after: presentBuilding(building, unitCount),
          });
        }
        await unitsRepo.insertUnits(tx, units);
        await recordAudit(tx, context, {
          action: "units.imported",
          entityType: "estate",
          entityId: estate.id,
          after: {
            rowCount: result.rowCount,
            buildingsCreated: result.buildingsCreated,
            unitsCreated: result.unitsCreated,
            unitsSkipped: result.unitsSkipped,
          },
        });
      }),
    "number",
  );
  return result;
}

/** The import template: the header row and two example rows. */
export async function buildUnitImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet("房号");
  worksheet.columns = [
    { header: COLUMNS.building.header, key: "building", width: 12 },
    // Text format, so that Excel keeps "1-101" as typed instead of turning it into a date.
    { header: COLUMNS.number.header, key: "number", width: 14, style: { numFmt: "@" } },
    { header: COLUMNS.floor.header, key: "floor", width: 8 },
    { header: COLUMNS.area.header, key: "area", width: 10 },
  ];
  worksheet.getRow(1).font = { bold: true };
  worksheet.addRow({ building: "1栋", number: "1-101", floor: 1, area: 89.5 });
  worksheet.addRow({ building: "1栋", number: "1-102", floor: 1, area: 120 });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
