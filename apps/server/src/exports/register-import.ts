/**
 * Importing a historic register (QR-022) from xlsx (issue #8 item 5): the columns of the
 * register export, so an exported register reads back. Every row is checked first; a dry run
 * reports each bad row (row number, column, message in Chinese and English) and writes
 * nothing, and a real import with any bad row is refused as a whole (422 IMPORT_INVALID).
 */
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CaseKind,
  type CaseStatus,
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  type UnitImportError,
  URGENCIES,
  URGENCY_LABELS,
  type Urgency,
} from "@estate-desk/domain";
import ExcelJS from "exceljs";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { estateScope } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { indexNewCase, searchColumnsForNewCase, searchTermsOf } from "../db/search.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { IMPORT_MAX_REPORTED_ERRORS, XLSX_CONTENT_TYPE } from "../org/unit-import.js";
import { timeZoneOfOrg } from "./exports.service.js";

export const REGISTER_IMPORT_MAX_ROWS = 50_000;

export interface RegisterImportResult {
  dryRun: boolean;
  rowCount: number;
  imported: number;
}

type Column =
  | "number"
  | "receivedAt"
  | "kind"
  | "channel"
  | "receiver"
  | "estate"
  | "place"
  | "resident"
  | "phone"
  | "category"
  | "urgency"
  | "content"
  | "department"
  | "status";

/** The header texts of the register export (exports.service.ts REGISTER_COLUMNS), Chinese part first. */
const HEADERS: Record<Column, { zh: string; en: string }> = {
  number: { zh: "编号", en: "Number" },
  receivedAt: { zh: "受理时间", en: "Received" },
  kind: { zh: "类型", en: "Kind" },
  channel: { zh: "受理方式", en: "Channel" },
  receiver: { zh: "接待人", en: "Receiver" },
  estate: { zh: "小区", en: "Estate" },
  place: { zh: "房号/地点", en: "Unit" },
  resident: { zh: "业主/住户", en: "Resident" },
  phone: { zh: "联系电话", en: "Phone" },
  category: { zh: "类别", en: "Category" },
  urgency: { zh: "紧急程度", en: "Urgency" },
  content: { zh: "内容", en: "Content" },
  department: { zh: "处理部门", en: "Department" },
  status: { zh: "状态", en: "Status" },
};
const REQUIRED: readonly Column[] = ["number", "receivedAt", "kind", "estate", "content"];

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  // An exported cell neutralised with an apostrophe reads back without it.
  return String(value)
    .trim()
    .replace(/^'(?=[=+\-@])/, "");
}

/** A label in either language, or the code itself. */
function byLabel<T extends string>(
  codes: readonly T[],
  labels: Record<T, { "zh-CN": string; en: string }>,
  text: string,
): T | undefined {
  const lower = text.toLowerCase();
  return codes.find(
    (code) => code === lower || labels[code]["zh-CN"] === text || labels[code].en.toLowerCase() === lower,
  );
}

/** "2026-10-15 09:12" (local), an ISO instant, or an Excel date (read as UTC wall clock). */
function parseReceivedAt(raw: ExcelJS.CellValue, text: string, timeZone: string): string | undefined {
  if (raw instanceof Date) {
    const wall = raw.toISOString().slice(0, 16).replace("T", " ");
    return parseReceivedAt(null, wall, timeZone);
  }
  const local = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = local;
    const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (Number.isNaN(asUtc)) return undefined;
    // The zone's offset at that moment (no DST in the zones this serves; close enough across one).
    const offset = zoneOffsetMs(timeZone, asUtc);
    const instant = new Date(asUtc - offset);
    if (instant.getUTCFullYear() < 1990) return undefined;
    return instant.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Date(text).toISOString();
  }
  return undefined;
}

function zoneOffsetMs(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

interface PlannedCase {
  row: number;
  number: string;
  receivedAt: string;
  kind: CaseKind;
  channel: Channel;
  receivedBy: string | null;
  estateId: string;
  unitId: string | null;
  publicArea: string | null;
  visitorName: string | null;
  visitorPhone: string | null;
  categoryId: string | null;
  urgency: Urgency;
  content: string;
  departmentId: string | null;
  status: CaseStatus;
}

const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export async function importRegister(
  db: Db,
  context: RequestContext,
  file: Buffer,
  dryRun: boolean,
): Promise<RegisterImportResult> {
  const isZip = file.length >= 4 && file.readUInt32BE(0) === 0x504b0304;
  if (!isZip) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: XLSX_CONTENT_TYPE });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(file).buffer);
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: XLSX_CONTENT_TYPE });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: XLSX_CONTENT_TYPE });

  const errors: UnitImportError[] = [];
  const fail = (row: number, column: Column | null, message: string, messageEn: string) => {
    errors.push({ row, column: column ? HEADERS[column].zh : null, message, messageEn });
  };
  // Columns found by their header (Chinese or English part), in any order.
  const columnOf = new Map<Column, number>();
  sheet.getRow(1).eachCell((cell, index) => {
    const header = cellText(cell.value);
    for (const [column, names] of Object.entries(HEADERS) as Array<[Column, { zh: string; en: string }]>) {
      if (header.startsWith(names.zh) || header.toLowerCase().startsWith(names.en.toLowerCase())) {
        if (!columnOf.has(column)) columnOf.set(column, index);
      }
    }
  });
  for (const column of REQUIRED) {
    if (!columnOf.has(column)) {
      fail(1, column, `缺少“${HEADERS[column].zh}”列`, `The column "${HEADERS[column].en}" is missing`);
    }
  }
  if (errors.length > 0) throw importInvalid(errors);

  const orgId = context.actor.orgId;
  const timeZone = await timeZoneOfOrg(db, orgId);
  const scope = estateScope(context.actor);
  const estates = (
    await db.selectFrom("estates").select(["id", "name", "code"]).where("org_id", "=", orgId).execute()
  ).filter((estate) => scope.all || scope.estateIds.includes(estate.id));
  const units = await db
    .selectFrom("units")
    .innerJoin("buildings", "buildings.id", "units.building_id")
    .select(["units.id", "units.estate_id", "units.number", "buildings.name as building"])
    .where("units.org_id", "=", orgId)
    .execute();
  const categories = await db
    .selectFrom("categories")
    .select(["id", "kind", "name", "code"])
    .where("org_id", "=", orgId)
    .execute();
  const departments = await db
    .selectFrom("departments")
    .select(["id", "name", "code"])
    .where("org_id", "=", orgId)
    .execute();
  const users = await db
    .selectFrom("users")
    .select(["id", "display_name", "username"])
    .where("org_id", "=", orgId)
    .execute();

  const planned: PlannedCase[] = [];
  const numbersInFile = new Map<string, number>();
  const now = Date.now();
  sheet.eachRow({ includeEmpty: false }, (excelRow, rowNumber) => {
    if (rowNumber === 1) return;
    const raw = (column: Column) => {
      const index = columnOf.get(column);
      return index === undefined ? null : excelRow.getCell(index).value;
    };
    const text = (column: Column) => cellText(raw(column));
    if ((Object.keys(HEADERS) as Column[]).every((column) => text(column) === "")) return;
    if (planned.length + 1 > REGISTER_IMPORT_MAX_ROWS) {
      fail(
        rowNumber,
        null,
        `一次最多导入 ${REGISTER_IMPORT_MAX_ROWS} 行`,
        `At most ${REGISTER_IMPORT_MAX_ROWS} rows at a time`,
      );
      return;
    }
    const errorCount = errors.length;
    for (const column of REQUIRED) {
      if (text(column) === "")
        fail(rowNumber, column, `${HEADERS[column].zh}不能为空`, `${HEADERS[column].en} is required`);
    }
    const number = text("number");
    if (number.length > 40) fail(rowNumber, "number", "编号不能超过 40 个字符", "Number is longer than 40 characters");
    const earlier = numbersInFile.get(number);
    if (number && earlier !== undefined) {
      fail(rowNumber, "number", `编号与第 ${earlier} 行重复`, `Number repeats row ${earlier}`);
    } else if (number) numbersInFile.set(number, rowNumber);

    const receivedText = text("receivedAt");
    const receivedAt = receivedText ? parseReceivedAt(raw("receivedAt"), receivedText, timeZone) : undefined;
    if (receivedText && !receivedAt) {
      fail(rowNumber, "receivedAt", "受理时间格式应为 2026-10-15 09:12", "Received must look like 2026-10-15 09:12");
    } else if (receivedAt && Date.parse(receivedAt) > now) {
      fail(rowNumber, "receivedAt", "受理时间不能晚于现在", "Received cannot be in the future");
    }
    const kind = text("kind") ? byLabel(CASE_KINDS, CASE_KIND_LABELS, text("kind")) : undefined;
    if (text("kind") && !kind)
      fail(rowNumber, "kind", "类型应为 投诉、报修 或 建议", "Kind must be complaint, repair or suggestion");
    const channel = text("channel") ? byLabel(CHANNELS, CHANNEL_LABELS, text("channel")) : "phone";
    if (!channel) fail(rowNumber, "channel", "受理方式无法识别", "Unknown channel");
    const estateText = text("estate");
    const estate = estates.find((candidate) => candidate.name === estateText || candidate.code === estateText);
    if (estateText && !estate)
      fail(rowNumber, "estate", `找不到小区“${estateText}”`, `No estate "${estateText}" you may see`);
    const place = text("place");
    const unit = estate
      ? units.find(
          (candidate) => candidate.estate_id === estate.id && `${candidate.building} ${candidate.number}` === place,
        )
      : undefined;
    const categoryText = text("category");
    const category = categoryText
      ? categories.find(
          (candidate) =>
            candidate.kind === kind && (candidate.name === categoryText || candidate.code === categoryText),
        )
      : undefined;
    if (categoryText && kind && !category) {
      fail(rowNumber, "category", `找不到该类型的类别“${categoryText}”`, `No ${kind} category "${categoryText}"`);
    }
    const urgency = text("urgency") ? byLabel(URGENCIES, URGENCY_LABELS, text("urgency")) : "normal";
    if (!urgency) fail(rowNumber, "urgency", "紧急程度无法识别", "Unknown urgency");
    const departmentText = text("department");
    const department = departmentText
      ? departments.find((candidate) => candidate.name === departmentText || candidate.code === departmentText)
      : undefined;
    if (departmentText && !department)
      fail(rowNumber, "department", `找不到部门“${departmentText}”`, `No department "${departmentText}"`);
    const status = text("status") ? byLabel(CASE_STATUSES, CASE_STATUS_LABELS, text("status")) : "closed";
    if (!status) fail(rowNumber, "status", "状态无法识别", "Unknown status");
    const content = text("content");
    if (content.length > 4000)
      fail(rowNumber, "content", "内容不能超过 4000 个字符", "Content is longer than 4000 characters");
    const phone = text("phone");
    if (phone && !/^[0-9+\-*() ]{5,20}$/.test(phone))
      fail(rowNumber, "phone", "联系电话格式不正确", "Phone is not a phone number");
    if (errors.length > errorCount) return;
    const receiver = text("receiver");
    planned.push({
      row: rowNumber,
      number,
      receivedAt: receivedAt as string,
      kind: kind as CaseKind,
      channel: channel as Channel,
      receivedBy: users.find((user) => user.display_name === receiver || user.username === receiver)?.id ?? null,
      estateId: (estate as { id: string }).id,
      unitId: unit?.id ?? null,
      publicArea: unit ? null : place.slice(0, 200) || null,
      visitorName: text("resident").slice(0, 50) || null,
      visitorPhone: phone || null,
      categoryId: category?.id ?? null,
      urgency: urgency as Urgency,
      content,
      departmentId: department?.id ?? null,
      status: status as CaseStatus,
    });
  });
  if (planned.length > 0) {
    // Numbers already in the register cannot be imported twice.
    const taken = new Set<string>();
    const numbers = planned.map((row) => row.number);
    for (let index = 0; index < numbers.length; index += 500) {
      const rows = await db
        .selectFrom("cases")
        .select("number")
        .where("org_id", "=", orgId)
        .where("number", "in", numbers.slice(index, index + 500))
        .execute();
      for (const row of rows) taken.add(row.number);
    }
    for (const row of planned) {
      if (taken.has(row.number)) {
        fail(row.row, "number", `编号 ${row.number} 已在登记表中`, `Number ${row.number} is already in the register`);
      }
    }
  }
  if (errors.length > 0) throw importInvalid(errors.sort((a, b) => a.row - b.row));
  const result: RegisterImportResult = { dryRun, rowCount: planned.length, imported: dryRun ? 0 : planned.length };
  if (dryRun) return result;

  const stamp = nowIso();
  await db.transaction().execute(async (tx) => {
    for (const row of planned) {
      const terms = searchTermsOf(row.number, row.content, row.visitorName, row.visitorPhone, row.publicArea);
      const searchColumns = await searchColumnsForNewCase(tx, terms);
      await tx
        .insertInto("cases")
        .values({
          id: newId(),
          org_id: orgId,
          estate_id: row.estateId,
          kind: row.kind,
          number: row.number,
          status: row.status,
          channel: row.channel,
          received_at: row.receivedAt,
          received_by: row.receivedBy,
          created_by: context.actor.userId,
          forwarded_by_department_id: null,
          forwarded_by_user_id: null,
          forwarded_by_name: null,
          resident_id: null,
          visitor_name: row.visitorName,
          visitor_phone: row.visitorPhone,
          unit_id: row.unitId,
          public_area: row.publicArea,
          category_id: row.categoryId,
          urgency: row.urgency,
          urgency_rank: URGENCY_RANK[row.urgency],
          content: row.content,
          department_id: row.departmentId,
          wants_callback: 0,
          callback_phone: null,
          callback_note: null,
          duplicate_of_id: null,
          // The paper register has no close time: imported cases stay out of the close-time figures.
          closed_at: null,
          created_at: stamp,
          updated_at: stamp,
          ...searchColumns,
        })
        .execute();
      await indexNewCase(tx, searchColumns, terms);
    }
    await recordAudit(tx, context, {
      action: "register.imported",
      entityType: "organisation",
      entityId: orgId,
      after: { rowCount: planned.length, first: planned[0]?.number ?? null, last: planned.at(-1)?.number ?? null },
    });
  });
  return result;
}

function importInvalid(errors: readonly UnitImportError[]): AppError {
  return new AppError("IMPORT_INVALID", {
    errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
    errorCount: errors.length,
  });
}
