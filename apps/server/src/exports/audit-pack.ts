/**
 * The audit pack (issue #8 item 7): for a period and an estate, one ZIP with what an ISO 9001
 * auditor asks for — every case's form (QR-023 / QR-024) as PDF, the register (QR-022) as PDF
 * and xlsx, the statistics as xlsx, the monthly reports — and a manifest of SHA-256 hashes of
 * every file in it. Streamed: each file goes into the archive as soon as it is rendered.
 *
 * Then the monthly handovers, the QA inspections and the nonconformity reports QR-019
 * (quality-records-section.ts).
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { RequestContext } from "../auth/actor.js";
import { estateScope } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { type RegisterFilterQuery, registerRows, renderCaseForm, renderRegisterPdf } from "../pdf/pdf.service.js";
import { monthBounds, renderMonthlyReportFor } from "../stats/monthly-reports.js";
import { getStatistics } from "../stats/stats.service.js";
import { writeRegisterSheet, writeStatisticsSheets } from "./exports.service.js";
import { qualityRecordsSection } from "./quality-records-section.js";
import { xlsxBuffer } from "./xlsx-stream.js";

export interface AuditPackRequest {
  from: string;
  to: string;
  estateId?: string | undefined;
  /** The register filter for the period (instants), as the register takes it. */
  registerFilter: RegisterFilterQuery;
  baseUrl: string;
}

export interface AuditPackFile {
  path: string;
  bytes: Buffer;
}

/** The months a period touches, YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
    months.push(month);
    const [year, number] = month.split("-").map(Number) as [number, number];
    month = new Date(Date.UTC(year, number, 1)).toISOString().slice(0, 7);
  }
  return months;
}

async function* packFiles(
  db: Db,
  files: FileStore,
  context: RequestContext,
  request: AuditPackRequest,
): AsyncGenerator<AuditPackFile> {
  const { from, to, estateId } = request;
  yield {
    path: "01-register/QR-022-register.pdf",
    bytes: (await renderRegisterPdf(db, context, request.registerFilter, `${from} 至 ${to}`, request.baseUrl)).pdf,
  };
  yield {
    path: "01-register/QR-022-register.xlsx",
    bytes: await xlsxBuffer(async (workbook) => {
      await writeRegisterSheet(workbook, db, context, request.registerFilter);
    }),
  };
  const stats = await getStatistics(db, context, { from, to, estateId, groupBy: "category" });
  yield {
    path: "02-statistics/statistics.xlsx",
    bytes: await xlsxBuffer(async (workbook) => writeStatisticsSheets(workbook, stats)),
  };
  for (const month of monthsOf(from, to)) {
    const bounds = monthBounds(month);
    // Only whole months that have ended make a monthly report.
    if (bounds.to > to || bounds.from < from) continue;
    yield {
      path: `03-monthly-reports/monthly-report-${month}.pdf`,
      bytes: await renderMonthlyReportFor(db, context, month, estateId, request.baseUrl),
    };
  }
  for await (const item of registerRows(db, context, request.registerFilter)) {
    const rendered = await renderCaseForm(db, files, context, item.id, request.baseUrl);
    const folder = item.kind === "repair" ? "04-forms/QR-024-dispatch-orders" : "04-forms/QR-023-complaint-forms";
    yield { path: `${folder}/${rendered.fileName}`, bytes: rendered.pdf };
  }
  yield* qualityRecordsSection(db, files, context, request, monthsOf(from, to));
}

/** Writes the pack into a ZIP stream; the manifest of SHA-256 hashes comes last. */
export function streamAuditPack(
  db: Db,
  files: FileStore,
  context: RequestContext,
  request: AuditPackRequest,
  onError: (error: unknown) => void,
): Readable {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  const manifest: Array<{ path: string; sha256: string; size: number }> = [];
  const mtime = new Date();
  void (async () => {
    try {
      for await (const file of packFiles(db, files, context, request)) {
        manifest.push({
          path: file.path,
          sha256: createHash("sha256").update(file.bytes).digest("hex"),
          size: file.bytes.length,
        });
        // PDFs and xlsx are compressed already.
        zip.addBuffer(file.bytes, file.path, { mtime, compress: false });
        // Let the download catch up, so that a large pack is not held in memory.
        while (output.readableLength > 8 * 1024 * 1024 && !output.destroyed) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      const sums = manifest.map((entry) => `${entry.sha256}  ${entry.path}\n`).join("");
      zip.addBuffer(Buffer.from(sums, "utf8"), "SHA256SUMS.txt", { mtime });
      const description = {
        generatedAt: mtime.toISOString(),
        generatedBy: context.actor.username,
        period: { from: request.from, to: request.to },
        estateId: request.estateId ?? null,
        allEstates: estateScope(context.actor).all,
        files: manifest,
      };
      zip.addBuffer(Buffer.from(JSON.stringify(description, null, 2), "utf8"), "manifest.json", { mtime });
      zip.end();
    } catch (error) {
      onError(error);
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return output;
}
