/**
 * The quality records of the audit pack beside the forms and the register: the monthly
 * handovers and QA inspections of the months the period touches, as
 * JSON records, and the formal nonconformity reports QR-019 found in the period
 * as PDFs.
 */

import { startOfZonedDay } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { AppError } from "../http/errors.js";
import { renderNonconformityPdf } from "../pdf/pdf.service.js";
import { getHandover, listHandoverMonths, orgTimeZone } from "../records/handover.js";
import { getInspection, listInspections } from "../records/qa-inspection.js";
import { addDays } from "../stats/stats.service.js";
import type { AuditPackFile, AuditPackRequest } from "./audit-pack.js";

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
}

export async function* qualityRecordsSection(
  db: Db,
  files: FileStore,
  context: RequestContext,
  request: AuditPackRequest,
  months: readonly string[],
): AsyncGenerator<AuditPackFile> {
  const { orgId } = context.actor;
  const inPeriod = new Set(months);
  for (const month of await listHandoverMonths(db, orgId)) {
    if (!inPeriod.has(month.period) || month.handover === null) continue;
    yield {
      path: `05-handovers/handover-${month.period}.json`,
      bytes: json(await getHandover(db, orgId, month.handover.id)),
    };
  }
  for (const inspection of await listInspections(db, orgId)) {
    if (!inPeriod.has(inspection.period)) continue;
    yield {
      path: `06-qa-inspections/inspection-${inspection.period}-${inspection.id}.json`,
      bytes: json(await getInspection(db, orgId, inspection.id)),
    };
  }
  const timeZone = await orgTimeZone(db, orgId);
  let reports = db
    .selectFrom("nonconformity_reports")
    .innerJoin("nonconformities", "nonconformities.id", "nonconformity_reports.nonconformity_id")
    .select("nonconformities.id")
    .where("nonconformities.org_id", "=", orgId)
    .where("nonconformities.created_at", ">=", startOfZonedDay(timeZone, request.from))
    .where("nonconformities.created_at", "<", startOfZonedDay(timeZone, addDays(request.to, 1)))
    .orderBy("nonconformities.created_at");
  if (request.estateId) reports = reports.where("nonconformities.estate_id", "=", request.estateId);
  for (const { id } of await reports.execute()) {
    // Through the report's own access check: nonconformities out of the user's sight (404) are
    // skipped; any other failure fails the pack rather than leaving a report out silently.
    const rendered = await renderNonconformityPdf(db, files, context, id, request.baseUrl).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") return null;
      throw error;
    });
    if (rendered) yield { path: `07-nonconformities/${rendered.fileName}`, bytes: rendered.pdf };
  }
}
