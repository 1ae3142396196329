/**
 * A small toolkit for paper-like forms on pdfkit (issue #8 item 4, §5.0): A4 pages with the
 * form code and title in the header, a QR code to the record, bordered label/value grids,
 * section headings, signature boxes and "第 n 页 共 m 页" on every page.
 *
 * Chinese text is set in Noto Sans SC from the `@expo-google-fonts/noto-sans-sc` package
 * (SIL Open Font License 1.1), embedded as a subset: no system font is needed and the text
 * stays extractable (ToUnicode map) for search and for `pdftotext`.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

const require = createRequire(import.meta.url);
const FONT_PACKAGE = path.dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));

type ParsedFont = ReturnType<typeof fontkit.create>;
let fonts: { regular: ParsedFont; bold: ParsedFont } | undefined;
/**
 * Read and parsed once per process: the fonts are 10 MB each and parsing them is most of the
 * cost of a small PDF. pdfkit takes the parsed font and embeds a fresh subset (only the glyphs
 * used) in every document; the parsed font itself is only read.
 */
function loadFonts(): { regular: ParsedFont; bold: ParsedFont } {
  const parse = (folder: string, file: string) =>
    fontkit.create(new Uint8Array(fs.readFileSync(path.join(FONT_PACKAGE, folder, file))));
  fonts ??= {
    regular: parse("400Regular", "NotoSansSC_400Regular.ttf"),
    bold: parse("700Bold", "NotoSansSC_700Bold.ttf"),
  };
  return fonts;
}

export const MM = 72 / 25.4;

export interface FormHeader {
  /** e.g. TXHY.QR-023 */
  formCode: string;
  /** e.g. 投诉处理表 */
  title: string;
  /** The management centre, printed above the title. */
  organisation: string;
  /** Printed under the title on the right: the record number. */
  recordNumber?: string | undefined;
  /** Encoded in the QR code in the top right corner: the record's page. */
  qrUrl?: string | undefined;
}

export interface Cell {
  label: string;
  value?: string | null | undefined;
  /** Share of the row's width, in columns of a 12-column grid (label and value together). */
  span?: number;
  /** Label width in mm. */
  labelWidth?: number;
}

export class FormDocument {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private qrPng: Buffer | undefined;
  readonly left: number;
  readonly right: number;
  readonly top = 14 * MM;
  readonly bottom: number;

  private constructor(
    private readonly header: FormHeader,
    landscape: boolean,
  ) {
    const { regular, bold } = loadFonts();
    this.doc = new PDFDocument({
      size: "A4",
      layout: landscape ? "landscape" : "portrait",
      margins: { top: 14 * MM, bottom: 16 * MM, left: 14 * MM, right: 14 * MM },
      bufferPages: true,
      autoFirstPage: false,
      info: {
        Title: `${header.title} ${header.formCode}`,
        Author: header.organisation,
        Creator: "Estate Desk 物业服务台",
      },
    });
    // pdfkit accepts a parsed fontkit font where its types say a path or a buffer.
    this.doc.registerFont("zh", regular as unknown as Buffer);
    this.doc.registerFont("zh-bold", bold as unknown as Buffer);
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
    const width = landscape ? 297 * MM : 210 * MM;
    const height = landscape ? 210 * MM : 297 * MM;
    this.left = 14 * MM;
    this.right = width - 14 * MM;
    this.bottom = height - 16 * MM;
  }

  static async create(header: FormHeader, options: { landscape?: boolean } = {}): Promise<FormDocument> {
    const form = new FormDocument(header, options.landscape ?? false);
    if (header.qrUrl) {
      form.qrPng = await QRCode.toBuffer(header.qrUrl, {
        type: "png",
        margin: 1,
        width: 180,
        errorCorrectionLevel: "M",
      });
    }
    form.newPage();
    return form;
  }

  get width(): number {
    return this.right - this.left;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** A new page with the form's header; the cursor below it. */
  newPage(): void {
    const doc = this.doc;
    doc.addPage();
    const { formCode, title, organisation, recordNumber } = this.header;
    doc.font("zh").fontSize(9).fillColor("#000");
    doc.text(organisation, this.left, this.top, { width: this.width, align: "center", lineBreak: false });
    doc.font("zh-bold").fontSize(16);
    doc.text(title, this.left, this.top + 5 * MM, { width: this.width, align: "center", lineBreak: false });
    doc.font("zh").fontSize(9);
    doc.text(`表格编号：${formCode}`, this.left, this.top + 14 * MM, { lineBreak: false });
    if (recordNumber) {
      doc.text(`编号：${recordNumber}`, this.left, this.top + 14 * MM, {
        width: this.width - (this.qrPng ? 24 * MM : 0),
        align: "right",
        lineBreak: false,
      });
    }
    if (this.qrPng) doc.image(this.qrPng, this.right - 20 * MM, this.top - 4 * MM, { width: 20 * MM, height: 20 * MM });
    doc.y = this.top + 20 * MM;
    doc.x = this.left;
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** A section heading; `keepWith` is the height of what must follow it on the same page (a chart). */
  section(title: string, keepWith = 7 * MM): void {
    this.ensureSpace(9 * MM + keepWith);
    const doc = this.doc;
    const y = doc.y + 2 * MM;
    doc.rect(this.left, y, this.width, 7 * MM).fillAndStroke("#eeeeee", "#000000");
    doc.fillColor("#000").font("zh-bold").fontSize(10.5);
    doc.text(title, this.left + 2 * MM, y + 1.6 * MM, { width: this.width - 4 * MM, lineBreak: false });
    doc.font("zh").fontSize(10);
    doc.y = y + 7 * MM;
  }

  /** One bordered row of label/value cells on a 12-column grid; it grows with the longest value. */
  row(cells: readonly Cell[], options: { minHeight?: number } = {}): void {
    const doc = this.doc;
    doc.font("zh").fontSize(10).lineWidth(0.6);
    const totalSpan = cells.reduce((sum, cell) => sum + (cell.span ?? 12 / cells.length), 0);
    const layout = cells.map((cell) => {
      const cellWidth = (this.width * (cell.span ?? 12 / cells.length)) / totalSpan;
      const labelWidth = Math.min((cell.labelWidth ?? 24) * MM, cellWidth * 0.6);
      return { cell, cellWidth, labelWidth, valueWidth: cellWidth - labelWidth - 3 * MM };
    });
    const padding = 1.8 * MM;
    const height = Math.max(
      options.minHeight ?? 8 * MM,
      ...layout.map(
        ({ cell, labelWidth, valueWidth }) =>
          Math.max(
            doc.heightOfString(cell.label, { width: labelWidth - 2 * MM }),
            doc.heightOfString(cell.value ?? " ", { width: valueWidth }),
          ) +
          2 * padding,
      ),
    );
    this.ensureSpace(height);
    const y = doc.y;
    let x = this.left;
    for (const { cell, cellWidth, labelWidth, valueWidth } of layout) {
      doc.rect(x, y, cellWidth, height).stroke();
      doc.rect(x, y, labelWidth, height).fillAndStroke("#f6f6f6", "#000000");
      doc.fillColor("#000");
      doc.text(cell.label, x + 1 * MM, y + padding, { width: labelWidth - 2 * MM });
      doc.text(cell.value ?? "", x + labelWidth + 1.5 * MM, y + padding, { width: valueWidth });
      x += cellWidth;
    }
    doc.y = y + height;
    doc.x = this.left;
  }

  /** A labelled signature box with the signature image (PNG/JPEG) or an empty line to sign on paper. */
  signatureRow(
    boxes: ReadonlyArray<{
      label: string;
      image?: Buffer | null | undefined;
      name?: string | null;
      date?: string | null;
    }>,
  ): void {
    const doc = this.doc;
    const height = 22 * MM;
    this.ensureSpace(height);
    const y = doc.y;
    const boxWidth = this.width / boxes.length;
    boxes.forEach((box, index) => {
      const x = this.left + index * boxWidth;
      doc.lineWidth(0.6).rect(x, y, boxWidth, height).stroke();
      doc.font("zh").fontSize(9).fillColor("#000");
      doc.text(box.label, x + 1.5 * MM, y + 1.5 * MM, { width: boxWidth - 3 * MM, lineBreak: false });
      if (box.image && isEmbeddableImage(box.image)) {
        doc.image(box.image, x + 3 * MM, y + 6 * MM, { fit: [boxWidth - 30 * MM, 13 * MM] });
      } else if (box.image) {
        doc.text("（签名图片格式无法嵌入，见系统记录）", x + 3 * MM, y + 10 * MM, { width: boxWidth - 30 * MM });
      }
      const footer = [box.name, box.date].filter(Boolean).join("  ");
      doc.text(footer || "签名：__________  日期：__________", x + 1.5 * MM, y + height - 5.5 * MM, {
        width: boxWidth - 3 * MM,
        align: "right",
        lineBreak: false,
      });
    });
    doc.y = y + height;
    doc.x = this.left;
  }

  /** A simple table: a grey header row, then one row per entry; widths are shares of the page width. */
  table(
    columns: ReadonlyArray<{ title: string; width?: number; align?: "left" | "right" | "center" }>,
    rows: ReadonlyArray<ReadonlyArray<string | number>>,
  ): void {
    const doc = this.doc;
    const totalWidth = columns.reduce((sum, column) => sum + (column.width ?? 1), 0);
    const widths = columns.map((column) => ((column.width ?? 1) / totalWidth) * this.width);
    const rowHeight = 6.5 * MM;
    const header = () => {
      this.ensureSpace(rowHeight * 2);
      const y = doc.y;
      let x = this.left;
      doc.font("zh-bold").fontSize(8.5).lineWidth(0.5);
      columns.forEach((column, index) => {
        const width = widths[index] ?? 0;
        doc.rect(x, y, width, rowHeight).fillAndStroke("#eeeeee", "#000000");
        doc
          .fillColor("#000")
          .text(column.title, x + 2, y + 1.8 * MM, { width: width - 4, align: "center", lineBreak: false });
        x += width;
      });
      doc.y = y + rowHeight;
    };
    header();
    doc.font("zh").fontSize(8.5);
    for (const row of rows) {
      if (doc.y + rowHeight > this.bottom) {
        this.newPage();
        header();
        doc.font("zh").fontSize(8.5);
      }
      const y = doc.y;
      let x = this.left;
      columns.forEach((column, index) => {
        const width = widths[index] ?? 0;
        doc.rect(x, y, width, rowHeight).stroke();
        doc.text(String(row[index] ?? ""), x + 2, y + 1.8 * MM, {
          width: width - 4,
          align: column.align ?? (typeof row[index] === "number" ? "right" : "left"),
          lineBreak: false,
          ellipsis: "…",
        });
        x += width;
      });
      doc.y = y + rowHeight;
    }
    doc.x = this.left;
    doc.y += 2 * MM;
  }

  /** Free text under the grid (notes, explanations). */
  note(text: string): void {
    const doc = this.doc;
    doc.font("zh").fontSize(8.5).fillColor("#333");
    const height = doc.heightOfString(text, { width: this.width });
    this.ensureSpace(height + 2 * MM);
    doc.text(text, this.left, doc.y + 1.5 * MM, { width: this.width });
    doc.fillColor("#000").fontSize(10);
  }

  /** Writes "第 n 页 共 m 页" on every page and returns the finished PDF. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("zh").fontSize(9).fillColor("#000");
      doc.text(`第 ${index - range.start + 1} 页 共 ${range.count} 页`, this.left, this.bottom + 6 * MM, {
        width: this.width,
        align: "center",
        lineBreak: false,
      });
      doc.text(this.header.formCode, this.left, this.bottom + 6 * MM, {
        width: this.width,
        align: "right",
        lineBreak: false,
      });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return this.done;
  }
}

/** PNG or JPEG: what pdfkit can embed (WebP cannot be). */
export function isEmbeddableImage(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  return png || jpeg;
}

/** An instant as the organisation's wall clock, e.g. 2026-11-29 14:05. */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
