/**
 * Streamed xlsx exports (issue #8 item 5): exceljs's streaming WorkbookWriter writes straight
 * into the HTTP response, each row committed as soon as it is added, so that an export of
 * 100,000 rows never holds them all in memory (the rows themselves come from keyset-paged
 * reads, see register-export.ts).
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import { XLSX_CONTENT_TYPE } from "../org/unit-import.js";

export { XLSX_CONTENT_TYPE };

/**
 * Text a spreadsheet program would run as a formula (= + - @, or a tab or carriage return
 * before one) gets an apostrophe in front: shown as text, never evaluated (CSV/formula
 * injection, see security/spreadsheet-safety.ts).
 */
export function safeCellText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CellInput = string | number | Date | null | undefined;

export function safeRow(values: readonly CellInput[]): Array<string | number | Date | null> {
  return values.map((value) => (typeof value === "string" ? safeCellText(value) : (value ?? null)));
}

export interface SheetSpec {
  name: string;
  columns: ReadonlyArray<{ header: string; width?: number }>;
}

export type XlsxWriter = ExcelJS.stream.xlsx.WorkbookWriter;

export function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Adds a worksheet with a bold, frozen header row. */
export function addSheet(workbook: XlsxWriter, spec: SheetSpec): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = spec.columns.map((column, index) => ({
    header: column.header,
    key: `c${index}`,
    width: column.width ?? 16,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return sheet;
}

/** Appends a row of values (neutralised) and commits it to the stream. */
export function writeRow(sheet: ExcelJS.Worksheet, values: readonly CellInput[]): void {
  sheet.addRow(safeRow(values)).commit();
}

/**
 * Starts the download and writes the workbook while it is sent. A failure half-way aborts the
 * response (the browser sees a broken download, never a truncated file that looks whole).
 */
export function streamXlsx(
  reply: FastifyReply,
  fileName: string,
  build: (workbook: XlsxWriter) => Promise<void>,
  headers: Record<string, string> = {},
): FastifyReply {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  reply
    .type(XLSX_CONTENT_TYPE)
    .header("content-disposition", contentDisposition(fileName))
    .header("cache-control", "private, no-store");
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  reply.send(stream);
  void (async () => {
    try {
      await build(workbook);
      await workbook.commit();
    } catch (error) {
      reply.log.error({ err: error }, "export failed");
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return reply;
}

/** The same workbook into a Buffer: for the audit pack and tests. */
export async function xlsxBuffer(build: (workbook: XlsxWriter) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  await build(workbook);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
