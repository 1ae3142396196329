import { ArrowLeftOutlined, CopyOutlined, PrinterOutlined } from "@ant-design/icons";
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseDetail, CHANNEL_LABELS, type Locale } from "@estate-desk/domain";
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCase } from "../../api/cases";
import { ApiError } from "../../api/errors";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { CasePhotos } from "../../components/CasePhotos";
import { KindTag, StatusTag, UrgencyTag } from "../../components/CaseTags";
import { copyText } from "../../components/copyText";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { LoadErrorResult, NotFoundResult } from "../../components/Results";
import { labelText, useLocale } from "../../i18n";
import { useDocumentTitle } from "../../layout/useDocumentTitle";
import { CaseCallbacksCard } from "../callbacks/CaseCallbacksCard";
import { CompleteCaseDrawer } from "../intake/CompleteCaseDrawer";
import { CaseAddenda } from "../records/CaseAddenda";
import { RevealableContact } from "../records/RevealContact";
import { CaseComments } from "./CaseComments";
import {
  ComplaintActionBar,
  ComplaintReviewSections,
  complaintEventNames,
  HandlingSections,
  PausedBanner,
} from "./ComplaintSections";
import { caseEventText } from "./caseEvents";
import { DuplicatesCard } from "./DuplicatesCard";

/** A dispatch order's status; the repair workflow shares the case vocabulary, anything newer shows as sent. */
function workOrderStatusText(status: string, locale: Locale): string {
  const known = CASE_STATUSES.find((candidate) => candidate === status);
  return known ? CASE_STATUS_LABELS[known][locale] : status;
}

/**
 * One case: the complaint handling form (QR-023) or the dispatch order summary (QR-024) as
 * sections, its timeline, its notes and replies, and its duplicates.
 */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const detail = useCase(id);
  useDocumentTitle(detail.data?.number ?? t("caseDetail.title"));

  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    return detail.error instanceof ApiError && detail.error.status === 404 ? (
      <NotFoundResult homePath="/cases" />
    ) : (
      <LoadErrorResult message={errorText(detail.error)} onRetry={() => void detail.refetch()} />
    );
  }
  return <CaseView data={detail.data} />;
}

function CaseView({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const { success } = useFeedback();
  const [completing, setCompleting] = useState(false);
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  // A forwarded case opened from the bell can be taken in right here.
  const canComplete = data.status === "pending_intake" && can(me, "cases.create");
  const time = (iso: string | null | undefined) => formatDateTime(iso, locale, timeZone);
  const dash = (value: string | null | undefined) =>
    value === null || value === undefined || value === "" ? "—" : value;
  const formCode = data.kind === "repair" ? "QR-024" : "QR-023";
  const complaint = data.complaint;
  const eventNames = complaintEventNames(complaint);
  const contactName = data.contactName ?? data.visitorName;
  const contactKind =
    data.residentId !== null
      ? t("cases.resident")
      : data.visitorName !== null
        ? t("cases.visitor")
        : t("cases.anonymous");

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} className="case-page">
      <div className="page-toolbar no-print" style={{ marginBottom: 0 }}>
        <Link to="/cases" aria-label={t("caseDetail.backToRegister")}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }} className="case-number">
          {data.number}
        </Typography.Title>
        <Button
          type="text"
          icon={<CopyOutlined />}
          aria-label={t("cases.copyNumber")}
          onClick={async () => {
            if (await copyText(data.number)) success(t("cases.copied"));
          }}
        />
        <KindTag kind={data.kind} />
        <StatusTag status={data.status} />
        <UrgencyTag urgency={data.urgency} />
        {complaint?.isMajor ? <Tag color="red">{t("complaint.majorTag")}</Tag> : null}
        {complaint?.pausedAt ? <Tag>{t("complaint.pausedTag")}</Tag> : null}
        <span className="page-toolbar-spacer" />
        <Typography.Text type="secondary">
          {data.kind === "repair" ? t("caseDetail.formRepair") : t("caseDetail.formComplaint")} {formCode}
        </Typography.Text>
        <Button icon={<PrinterOutlined />} className="no-print" onClick={() => window.print()}>
          {t("caseDetail.print")}
        </Button>
        {canComplete ? (
          <Button type="primary" onClick={() => setCompleting(true)}>
            {t("intake.queue.submit")}
          </Button>
        ) : null}
      </div>
      {/* On paper the page reads as the procedure's form: its title and code on top. */}
      <div className="print-only print-form-header">
        <span className="print-form-org">{me?.orgName}</span>
        <span className="print-form-title">
          {data.kind === "repair" ? t("caseDetail.formRepair") : t("complaint.print.title")}
        </span>
        <span className="print-form-code">
          {t("caseDetail.formCodeLabel")} {data.kind === "repair" ? "TXHY.QR-024" : t("complaint.formCode")}
          <br />
          {t("cases.number")} {data.number}
          <br />
          {t("cases.status")} {labelText(CASE_STATUS_LABELS[data.status], locale)}
        </span>
      </div>
      {complaint ? <PausedBanner sections={complaint} time={time} /> : null}
      {complaint ? <ComplaintActionBar data={data} sections={complaint} /> : null}
      <CompleteCaseDrawer open={completing} summary={canComplete ? data : null} onClose={() => setCompleting(false)} />
      {data.duplicateOfId ? (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              {t("caseDetail.isDuplicate")}{" "}
              <Link to={`/cases/${data.duplicateOfId}`}>{t("caseDetail.openOriginal")}</Link>
            </span>
          }
        />
      ) : null}
      <Row gutter={[16, 16]} className="case-layout">
        <Col xs={24} xl={16} className="case-form-column">
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Card size="small" title={t("caseDetail.sections.intake")}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: "number", label: t("cases.number"), children: data.number },
                  { key: "receivedAt", label: t("cases.receivedAt"), children: time(data.receivedAt) },
                  {
                    key: "channel",
                    label: t("cases.channel"),
                    children: labelText(CHANNEL_LABELS[data.channel], locale),
                  },
                  { key: "receiver", label: t("cases.receiver"), children: dash(data.receivedByName) },
                  ...(data.channel === "forwarded"
                    ? [
                        {
                          key: "forwardedBy",
                          label: t("cases.forwardedBy"),
                          children: dash(
                            [data.forwardedByName, data.forwardedByDepartmentName].filter(Boolean).join(" · "),
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card size="small" title={t("caseDetail.sections.contact")}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  // Masked for roles that do not contact residents (PIPL); revealing is logged.
                  {
                    key: "who",
                    label: contactKind,
                    children: <RevealableContact caseId={data.id} value={contactName} field="contactName" />,
                  },
                  {
                    key: "phone",
                    label: t("cases.contactPhone"),
                    children: (
                      <RevealableContact
                        caseId={data.id}
                        value={data.contactPhone ?? data.visitorPhone}
                        field="contactPhone"
                      />
                    ),
                  },
                  {
                    key: "wantsCallback",
                    label: t("cases.wantsCallback"),
                    children: data.wantsCallback ? t("common.yes") : t("common.no"),
                  },
                  ...(data.wantsCallback
                    ? [
                        {
                          key: "callbackPhone",
                          label: t("cases.callbackPhone"),
                          children: (
                            <RevealableContact caseId={data.id} value={data.callbackPhone} field="callbackPhone" />
                          ),
                        },
                        { key: "callbackNote", label: t("cases.callbackNote"), children: dash(data.callbackNote) },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card size="small" title={t("caseDetail.sections.routing")}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: "estate", label: t("cases.estate"), children: data.estateName },
                  {
                    key: "place",
                    label: data.unitLabel ? t("cases.unit") : t("cases.publicArea"),
                    children: dash(data.unitLabel ?? data.publicArea),
                  },
                  { key: "category", label: t("cases.category"), children: dash(data.categoryName) },
                  { key: "urgency", label: t("cases.urgency"), children: <UrgencyTag urgency={data.urgency} /> },
                  data.kind === "repair"
                    ? {
                        key: "workOrder",
                        label: t("caseDetail.workOrder"),
                        children: data.workOrder ? (
                          <span>
                            {t("caseDetail.workOrderStatus", {
                              status: workOrderStatusText(data.workOrder.status, locale),
                              time: time(data.workOrder.dispatchedAt),
                            })}{" "}
                            {/* The whole dispatch order (QR-024) is its own page. */}
                            <Link to={`/work-orders/${data.workOrder.id}`} className="no-print">
                              {t("workOrder.form.open")}
                            </Link>
                          </span>
                        ) : (
                          t("caseDetail.noWorkOrder")
                        ),
                      }
                    : { key: "department", label: t("cases.department"), children: dash(data.departmentName) },
                ]}
              />
            </Card>
            <Card size="small" title={t("caseDetail.sections.content")}>
              <Typography.Paragraph className="case-content">{data.content}</Typography.Paragraph>
              <CasePhotos photos={data.photos} />
            </Card>
            {complaint ? <HandlingSections sections={complaint} time={time} /> : null}
            {complaint ? <ComplaintReviewSections sections={complaint} time={time} /> : null}
            {/* Issue #7: the callback section of QR-023 / QR-024. */}
            <CaseCallbacksCard data={data} canRecord={can(me, "callbacks.manage")} time={time} />
            <div className="no-print">
              <CaseComments caseId={data.id} comments={data.comments} canComment={can(me, "cases.comment")} />
            </div>
            <CaseAddenda caseId={data.id} canAdd={can(me, "cases.comment")} time={time} />
            <div className="print-only print-printed-at">
              {t("caseDetail.printedAt", { time: time(new Date().toISOString()) })}
            </div>
          </Space>
        </Col>
        <Col xs={24} xl={8} className="case-side-column">
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Card size="small" title={t("caseDetail.sections.timeline")}>
              <Timeline
                items={data.events.map((event) => {
                  const text = caseEventText(event, locale, eventNames);
                  return {
                    key: event.id,
                    content: (
                      <div>
                        <div>{t(text.key, text.params)}</div>
                        {text.note ? <div className="timeline-note">{text.note}</div> : null}
                        <Typography.Text type="secondary">
                          {time(event.at)} · {event.actorName ?? t("audit.system")}
                        </Typography.Text>
                      </div>
                    ),
                  };
                })}
              />
            </Card>
            <div className="no-print">
              <DuplicatesCard data={data} canMark={can(me, "cases.create")} />
            </div>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
