/**
 * The forms of §5.0 filled from the database, with the same access checks as the records
 * themselves: a case's form through getCaseDetail (404 when out of sight), the register
 * through the register's own query and presenter (so its scoping and masking apply).
 */
import {
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  type CaseSummary,
  CHANNEL_LABELS,
  type NonconformitySource,
  type RegisterQuery,
  type ReportSignaturePart,
  type Satisfaction,
  URGENCY_LABELS,
} from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { findOrganisationTimeZone } from "../calendar/calendar.repository.js";
import { findCaseRow } from "../cases/cases.repository.js";
import { getCaseDetail, listRegister } from "../cases/register.service.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { nonconformityReportView } from "../nonconformities/nonconformity-report.service.js";
import { findOrganisation } from "../org/organisation.repository.js";
import { getWorkOrder, getWorkOrderFile } from "../work-orders/work-order-workflow.service.js";
import { renderComplaintForm, renderDispatchOrder, renderNonconformityReport, renderRegister } from "./forms.js";
import { formatInstant } from "./pdf-document.js";

export const SATISFACTION_ZH: Record<Satisfaction, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  dissatisfied: "不满意",
};

export interface RenderedPdf {
  fileName: string;
  pdf: Buffer;
}

async function organisationOf(db: Db, orgId: string): Promise<{ name: string; timeZone: string }> {
  const organisation = await findOrganisation(db, orgId);
  return {
    name: organisation?.name ?? "",
    timeZone: (await findOrganisationTimeZone(db, orgId)) ?? "Asia/Shanghai",
  };
}

/** The record's page in the web app, for the QR code. */
export function caseUrl(baseUrl: string, caseId: string): string {
  return `${baseUrl}/cases/${caseId}`;
}

/** QR-023 for a complaint or suggestion, QR-024 for a repair: the form of the case. */
export async function renderCaseForm(
  db: Db,
  files: FileStore,
  context: RequestContext,
  caseId: string,
  baseUrl: string,
): Promise<RenderedPdf> {
  const detail = await getCaseDetail(db, context, caseId);
  const row = await findCaseRow(db, context.actor.orgId, caseId);
  const { name: organisation, timeZone } = await organisationOf(db, context.actor.orgId);
  const at = (iso: string | null | undefined) => formatInstant(iso, timeZone);
  const qrUrl = caseUrl(baseUrl, caseId);
  const unitLabel = detail.unitLabel ?? detail.publicArea;
  if (detail.kind === "repair" && detail.workOrder) {
    const order = await getWorkOrder(db, context, detail.workOrder.id);
    let signature: Buffer | null = null;
    const signatureId = order.signatureUrl?.split("/").pop();
    if (signatureId) {
      const upload = await getWorkOrderFile(db, context, order.id, signatureId).catch(() => undefined);
      if (upload) signature = (await files.get(upload.sha256)) ?? null;
    }
    const pdf = await renderDispatchOrder({
      organisation,
      qrUrl,
      number: detail.number,
      estateName: detail.estateName,
      receivedAt: at(detail.receivedAt),
      dispatchedAt: at(order.dispatchedAt),
      contactName: detail.contactName,
      contactPhone: detail.contactPhone,
      unitLabel,
      categoryName: detail.categoryName,
      tradeName: order.tradeName,
      urgencyLabel: URGENCY_LABELS[detail.urgency]["zh-CN"],
      statusLabel: CASE_STATUS_LABELS[detail.status]["zh-CN"],
      content: detail.content,
      acceptedAt: at(order.acceptedAt),
      acceptedByName: order.acceptedByName,
      workerName: order.workerName,
      arrivedAt: at(order.arrivedAt),
      completedAt: at(order.completedAt),
      workDescription: order.workDescription,
      materials: order.materials,
      minutesSpent: order.minutesSpent,
      satisfactionLabel: order.satisfaction ? SATISFACTION_ZH[order.satisfaction] : null,
      stars: order.stars,
      opinion: order.opinion,
      absenceReason: order.absenceReason,
      evaluatedAt: at(order.evaluatedAt),
      signature,
      urgeCount: order.urgeCount,
      // Extension point for #7: the repair callbacks recorded on the dispatch order.
      callbacks: [],
    });
    return { fileName: `${detail.number}-QR-024.pdf`, pdf };
  }
  const sections = detail.complaint;
  const pdf = await renderComplaintForm({
    organisation,
    qrUrl,
    number: detail.number,
    kindLabel: CASE_KIND_LABELS[detail.kind]["zh-CN"],
    estateName: detail.estateName,
    receivedAt: at(detail.receivedAt),
    channelLabel: CHANNEL_LABELS[detail.channel]["zh-CN"],
    receivedByName: detail.receivedByName,
    forwardedByName: detail.forwardedByName
      ? `${detail.forwardedByDepartmentName ?? ""} ${detail.forwardedByName}`.trim()
      : null,
    contactName: detail.contactName,
    contactPhone: detail.contactPhone,
    unitLabel,
    categoryName: detail.categoryName,
    urgencyLabel: URGENCY_LABELS[detail.urgency]["zh-CN"],
    statusLabel: CASE_STATUS_LABELS[detail.status]["zh-CN"],
    content: detail.content,
    isMajor: sections?.isMajor ?? false,
    majorReason: sections?.majorReason ?? null,
    signedOff: sections?.signedOffAt ? `${at(sections.signedOffAt)} ${sections.signedOffByName ?? ""}`.trim() : null,
    coordination: sections?.coordinationDecision
      ? `${sections.coordinationDecision}（${sections.coordinatedByName ?? ""}）`
      : null,
    handlings: (sections?.handlings ?? [])
      .filter((handling) => handling.status !== "reassigned")
      .map((handling) => ({
        departmentName: handling.departmentName,
        routedAt: at(handling.routedAt),
        acceptedAt: at(handling.acceptedAt),
        acceptedByName: handling.acceptedByName,
        assigneeName: handling.assigneeName,
        acceptDueAt: at(handling.acceptDueAt),
        resultDueAt: at(handling.resultDueAt),
        measures: handling.measures,
        result: handling.result,
        returnedAt: at(handling.returnedAt),
        returnedByName: handling.returnedByName,
      })),
    checked: sections?.checkedAt ? `${at(sections.checkedAt)} ${sections.checkedByName ?? ""}`.trim() : null,
    // Extension point for #7: the complaint callbacks with the resident's signed opinion.
    callbacks: [],
    closedAt: detail.status === "closed" ? at(row?.closed_at) : "",
  });
  return { fileName: `${detail.number}-QR-023.pdf`, pdf };
}

export type RegisterFilterQuery = Omit<RegisterQuery, "cursor" | "limit" | "sort" | "order" | "q">;

/**
 * Every register row matching the filter, oldest first, read page by page through the
 * register's own service (its scoping and presenter), for the PDF and the audit pack.
 */
export async function* registerRows(
  db: Db,
  context: RequestContext,
  filter: RegisterFilterQuery,
): AsyncGenerator<CaseSummary> {
  let cursor: string | undefined;
  do {
    const page = await listRegister(db, context, { ...filter, sort: "receivedAt", order: "asc", limit: 200, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The most rows one register PDF holds; longer periods are split or exported as xlsx. */
export const REGISTER_PDF_MAX_ROWS = 5_000;

export async function renderRegisterPdf(
  db: Db,
  context: RequestContext,
  filter: RegisterFilterQuery,
  scopeLabel: string,
  baseUrl: string,
): Promise<RenderedPdf> {
  const { name: organisation, timeZone } = await organisationOf(db, context.actor.orgId);
  const rows: Parameters<typeof renderRegister>[0]["rows"][number][] = [];
  for await (const item of registerRows(db, context, filter)) {
    if (rows.length >= REGISTER_PDF_MAX_ROWS) break;
    rows.push({
      number: item.number,
      receivedAt: formatInstant(item.receivedAt, timeZone),
      kindLabel: CASE_KIND_LABELS[item.kind]["zh-CN"],
      channelLabel: CHANNEL_LABELS[item.channel]["zh-CN"],
      receivedByName: item.receivedByName ?? item.forwardedByName ?? "",
      contactName: item.contactName ?? "",
      contactPhone: item.contactPhone ?? "",
      unitLabel: item.unitLabel ?? item.publicArea ?? "",
      categoryName: item.categoryName ?? "",
      content: item.content,
      departmentName: item.departmentName ?? "",
      statusLabel: CASE_STATUS_LABELS[item.status]["zh-CN"],
    });
  }
  const pdf = await renderRegister({ organisation, qrUrl: `${baseUrl}/cases`, scopeLabel, rows });
  return { fileName: `QR-022-${scopeLabel.replace(/[^0-9A-Za-z-]+/g, "_")}.pdf`, pdf };
}

const NONCONFORMITY_SOURCE_ZH: Record<NonconformitySource, string> = {
  callback: "回访不满意",
  callback_inspection: "回访检查",
  overdue_reply: "约定答复逾期",
  qa_inspection: "品质月度检查",
  manual: "客户服务部发现",
};

const SIGNATURE_PART_ZH: Record<ReportSignaturePart, string> = {
  reporter: "报告人",
  responsible: "责任人",
  verifier: "验证人",
  approver: "批准人",
};

/** QR-019: the formal nonconformity report, with the same access as its page. */
export async function renderNonconformityPdf(
  db: Db,
  files: FileStore,
  context: RequestContext,
  nonconformityId: string,
  baseUrl: string,
): Promise<RenderedPdf> {
  const view = await nonconformityReportView(db, context, nonconformityId);
  const { timeZone } = await organisationOf(db, context.actor.orgId);
  const time = (iso: string | null) => formatInstant(iso, timeZone) || "—";
  const signed = (part: ReportSignaturePart) => view.signatures.find((signature) => signature.part === part);
  const signatures = await Promise.all(
    view.signatures.map(async (signature) => {
      const upload = await db
        .selectFrom("uploads")
        .select("sha256")
        .where("id", "=", signature.uploadId)
        .where("org_id", "=", context.actor.orgId)
        .executeTakeFirst();
      return {
        label: SIGNATURE_PART_ZH[signature.part],
        image: upload ? ((await files.get(upload.sha256)) ?? null) : null,
        name: signature.name,
        date: time(signature.signedAt),
      };
    }),
  );
  const verifier = signed("verifier");
  const pdf = await renderNonconformityReport({
    organisation: view.organisationName,
    qrUrl: `${baseUrl}/quality/nonconformities/${view.nonconformityId}`,
    number: view.number ?? "—",
    estateName: view.estateName ?? "—",
    foundAt: time(view.foundAt),
    sourceLabel: NONCONFORMITY_SOURCE_ZH[view.source],
    relatedCaseNumbers: view.caseNumber ? [view.caseNumber] : [],
    responsibleDepartment: view.responsibleDepartmentName ?? "—",
    responsiblePerson: view.responsibleUserName,
    description: view.description,
    reportedByName: signed("reporter")?.name ?? "—",
    dueAt: time(view.dueAt),
    causeAnalysis: view.causeAnalysis,
    correction: view.correction,
    correctiveAction: view.correctiveAction,
    verification: view.verification
      ? {
          at: time(verifier?.signedAt ?? view.updatedAt),
          byName: verifier?.name ?? "—",
          result: view.verification,
          effective: view.effective,
        }
      : null,
    closedAt: view.status === "closed" ? time(view.updatedAt) : "—",
    signatures,
  });
  return { fileName: `QR-019-${view.number ?? view.nonconformityId}.pdf`, pdf };
}
