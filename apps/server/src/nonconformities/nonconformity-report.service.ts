/**
 * The formal nonconformity report QR-019 《不合格报告》: description, cause analysis,
 * correction, corrective action, verification of effectiveness, and the signatures of the
 * reporter, the responsible party, the verifier and the approver. `nonconformityReportView`
 * is the typed view model a printed page or a PDF renders.
 */
import type {
  NonconformityReportInput,
  NonconformityReportView,
  ReportSignature,
  ReportSignatureInput,
  ReportSignaturePart,
  Role,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import type { Db, DbOrTx } from "../db/database.js";
import { findOwnUploads } from "../files/files.service.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import * as repo from "./nonconformities.repository.js";
import { nonconformityVisibility } from "./nonconformity-workflow.service.js";

interface StoredSignature {
  part: ReportSignaturePart;
  userId: string;
  name: string;
  uploadId: string;
  signedAt: string;
}

function parseSignatures(json: string): StoredSignature[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as StoredSignature[]) : [];
}

async function loadVisible(db: DbOrTx, context: RequestContext, id: string) {
  const nc = await repo.findView(db, context.actor.orgId, id, nonconformityVisibility(context.actor));
  if (!nc) throw notFound("nonconformity", id);
  return nc;
}

/** QR-019 as a printed page or PDF shows it. */
export async function nonconformityReportView(
  db: DbOrTx,
  context: RequestContext,
  nonconformityId: string,
): Promise<NonconformityReportView> {
  const nc = await loadVisible(db, context, nonconformityId);
  const report = await repo.findReport(db, nonconformityId);
  if (!report) throw notFound("nonconformity report", nonconformityId);
  const organisation = await repo.findOrgTimeZone(db, nc.org_id);
  const signatures: ReportSignature[] = parseSignatures(report.signatures_json).map((signature) => ({
    ...signature,
    imageUrl: `/api/nonconformities/${nonconformityId}/report/signatures/${signature.part}`,
  }));
  return {
    formCode: "TXHY.QR-019",
    nonconformityId,
    number: nc.number,
    organisationName: organisation.name,
    estateName: nc.estate_name,
    caseNumber: nc.case_number,
    source: nc.source,
    foundAt: nc.created_at,
    responsibleUserName: nc.responsible_user_name,
    responsibleDepartmentName: nc.responsible_department_name,
    dueAt: nc.due_at,
    status: nc.status,
    description: report.description,
    causeAnalysis: report.cause_analysis,
    correction: report.correction,
    correctiveAction: report.corrective_action,
    verification: report.verification,
    effective: report.effective === null ? null : report.effective === 1,
    signatures,
    createdAt: report.created_at,
    updatedAt: report.updated_at,
  };
}

export async function saveNonconformityReport(
  db: Db,
  context: RequestContext,
  nonconformityId: string,
  input: NonconformityReportInput,
): Promise<NonconformityReportView> {
  await db.transaction().execute(async (tx) => {
    const nc = await loadVisible(tx, context, nonconformityId);
    if (nc.status === "candidate" || nc.status === "dismissed") {
      throw new AppError("INVALID_TRANSITION", { reason: "only a confirmed nonconformity has a report" });
    }
    const now = nowIso();
    const fields = {
      description: input.description,
      cause_analysis: input.causeAnalysis ?? null,
      correction: input.correction ?? null,
      corrective_action: input.correctiveAction ?? null,
      verification: input.verification ?? null,
      effective: input.effective === undefined || input.effective === null ? null : input.effective ? 1 : 0,
      updated_at: now,
    };
    const existing = await repo.findReport(tx, nonconformityId);
    if (existing) {
      await repo.updateReport(tx, nonconformityId, fields);
    } else {
      await repo.insertReport(tx, {
        nonconformity_id: nonconformityId,
        org_id: nc.org_id,
        signatures_json: "[]",
        created_by: context.actor.userId,
        created_at: now,
        ...fields,
      });
    }
    await recordAudit(tx, context, {
      action: existing ? "nonconformity_report.updated" : "nonconformity_report.created",
      entityType: "nonconformity",
      entityId: nonconformityId,
      before: existing ?? null,
      after: fields,
    });
  });
  return nonconformityReportView(db, context, nonconformityId);
}

/** Who may sign which part of QR-019. */
function maySign(actor: Actor, part: ReportSignaturePart, nc: repo.NonconformityView): boolean {
  const has = (roles: Role[]) => actor.roles.some((role) => roles.includes(role));
  switch (part) {
    case "reporter":
      return has(["cs_head", "cs_agent"]);
    case "responsible":
      return (
        nc.responsible_user_id === actor.userId ||
        (nc.responsible_department_id !== null && actor.departmentIds.includes(nc.responsible_department_id))
      );
    case "verifier":
      return has(["cs_head", "qa"]);
    case "approver":
      return has(["mgmt_rep"]);
  }
}

/** A signature image (uploaded by the signer, checked like every signature) on one part of the report. */
export async function signNonconformityReport(
  db: Db,
  context: RequestContext,
  nonconformityId: string,
  input: ReportSignatureInput,
): Promise<NonconformityReportView> {
  await db.transaction().execute(async (tx) => {
    const nc = await loadVisible(tx, context, nonconformityId);
    const report = await repo.findReport(tx, nonconformityId);
    if (!report) throw notFound("nonconformity report", nonconformityId);
    if (!maySign(context.actor, input.part, nc)) throw new AppError("FORBIDDEN", { part: input.part });
    const [upload] = await findOwnUploads(tx, context.actor, [input.signatureUploadId]);
    if (!upload) throw new AppError("VALIDATION_FAILED", { issues: [{ path: "body/signatureUploadId" }] });
    const now = nowIso();
    const signature: StoredSignature = {
      part: input.part,
      userId: context.actor.userId,
      name: context.actor.displayName,
      uploadId: upload.id,
      signedAt: now,
    };
    const signatures = [...parseSignatures(report.signatures_json).filter((s) => s.part !== input.part), signature];
    await repo.updateReport(tx, nonconformityId, { signatures_json: JSON.stringify(signatures), updated_at: now });
    await recordAudit(tx, context, {
      action: "nonconformity_report.signed",
      entityType: "nonconformity",
      entityId: nonconformityId,
      after: signature,
    });
  });
  return nonconformityReportView(db, context, nonconformityId);
}

/** The upload of one part's signature, for whoever may see the report. */
export async function findReportSignatureUpload(
  db: DbOrTx,
  context: RequestContext,
  nonconformityId: string,
  part: ReportSignaturePart,
) {
  await loadVisible(db, context, nonconformityId);
  const report = await repo.findReport(db, nonconformityId);
  const signature = report ? parseSignatures(report.signatures_json).find((s) => s.part === part) : undefined;
  if (!signature) throw notFound("signature");
  const upload = await db
    .selectFrom("uploads")
    .selectAll()
    .where("org_id", "=", context.actor.orgId)
    .where("id", "=", signature.uploadId)
    .executeTakeFirst();
  if (!upload) throw notFound("signature");
  return upload;
}
