import { ArrowLeftOutlined, MobileOutlined, PrinterOutlined, ScheduleOutlined } from "@ant-design/icons";
import type { WorkOrder, WorkOrderAction, WorkOrderActionInput } from "@estate-desk/domain";
import { Button, Card, Descriptions, Empty, Rate, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/errors";
import { useMe } from "../../api/session";
import { useWorkOrder, useWorkOrderAction } from "../../api/workOrders";
import { formatDateTime } from "../../app/format";
import { CasePhotos } from "../../components/CasePhotos";
import { UrgencyTag } from "../../components/CaseTags";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { LoadErrorResult, NotFoundResult } from "../../components/Results";
import { useLocale } from "../../i18n";
import { useDocumentTitle } from "../../layout/useDocumentTitle";
import { ActionDialog } from "./ActionDialog";
import { BillingTag, QuoteTable } from "./QuoteSection";
import { placeOf, WorkOrderStatusTag } from "./WorkOrderTags";
import { dialogFor, fenToYuan, urgencyOf } from "./workOrderRules";
import "./repairs.css";

/** Steps taken right on this page; assigning needs the board's workers, the field steps the phone screen. */
const FORM_STEPS: readonly WorkOrderAction[] = ["accept", "cancel", "close"];
const BOARD_STEPS: readonly WorkOrderAction[] = ["assign", "transfer"];
const PHONE_STEPS: readonly WorkOrderAction[] = [
  "start",
  "arrive",
  "wait",
  "resume",
  "complete",
  "evaluate",
  "revisit",
  "return_to_lead",
  "give_up",
];

/**
 * 派工单 TXHY.QR-024 as a page: every section of the paper form (request, acceptance,
 * assignment, work, materials, customer opinion with the signature, callback), printable on
 * one A4 sheet. The callback section is filled by the callback issue; until then it says so.
 */
export function WorkOrderFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const order = useWorkOrder(id);
  useDocumentTitle(order.data ? `${t("workOrder.form.title")} ${order.data.number}` : t("workOrder.form.title"));
  if (order.isPending) return <PageLoading />;
  if (order.isError) {
    return order.error instanceof ApiError && order.error.status === 404 ? (
      <NotFoundResult homePath="/cases" />
    ) : (
      <LoadErrorResult message={errorText(order.error)} onRetry={() => void order.refetch()} />
    );
  }
  return <WorkOrderForm order={order.data} />;
}

function WorkOrderForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const { success, failure } = useFeedback();
  const act = useWorkOrderAction(order.id);
  const [dialog, setDialog] = useState<WorkOrderAction | null>(null);
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const time = (iso: string | null) => formatDateTime(iso, locale, timeZone) || "—";
  const dash = (value: string | number | null) => (value === null || value === "" ? "—" : value);
  const photos = (phase: "before" | "after" | "absence") => order.photos.filter((photo) => photo.phase === phase);

  const send = async (input: WorkOrderActionInput) => {
    try {
      await act.mutateAsync(input);
      setDialog(null);
      success(t("workOrder.done", { action: t(`workOrder.actions.${input.action}`), number: order.number }));
    } catch (error) {
      failure(error);
    }
  };
  const has = (steps: readonly WorkOrderAction[]) => steps.some((step) => order.availableActions.includes(step));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} className="case-page work-order-form">
      <div className="page-toolbar no-print" style={{ marginBottom: 0 }}>
        <Link to={`/cases/${order.caseId}`} aria-label={t("workOrder.form.backToCase")}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }} className="case-number">
          {order.number}
        </Typography.Title>
        <WorkOrderStatusTag status={order.status} />
        <UrgencyTag urgency={urgencyOf(order)} />
        <span className="page-toolbar-spacer" />
        <Typography.Text type="secondary">
          {t("workOrder.form.title")} {t("workOrder.form.code")}
        </Typography.Text>
        {FORM_STEPS.filter((step) => order.availableActions.includes(step)).map((step) => (
          <Button
            key={step}
            danger={step === "cancel"}
            type={step === "accept" ? "primary" : "default"}
            loading={act.isPending && act.variables?.action === step}
            onClick={() => (dialogFor(step) === null ? void send({ action: step }) : setDialog(step))}
          >
            {t(`workOrder.actions.${step}`)}
          </Button>
        ))}
        {has(BOARD_STEPS) ? (
          <Link to="/repairs/board">
            <Button icon={<ScheduleOutlined />}>{t("workOrder.form.toBoard")}</Button>
          </Link>
        ) : null}
        {has(PHONE_STEPS) ? (
          <Link to={`/repairs/mine/${order.id}`}>
            <Button icon={<MobileOutlined />}>{t("workOrder.form.toPhone")}</Button>
          </Link>
        ) : null}
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t("workOrder.form.print")}
        </Button>
      </div>
      {/* On paper the page reads as the procedure's form: its title and code on top. */}
      <div className="print-only print-form-header">
        <span className="print-form-org">{me?.orgName}</span>
        <span className="print-form-title">{t("workOrder.form.title")}</span>
        <span className="print-form-code">
          {t("workOrder.form.codeLabel")} {t("workOrder.form.code")}
          <br />
          {t("workOrder.form.number")} {order.number}
          <br />
          {t("workOrder.form.status")} {t(`workOrder.status.${order.status}`)}
        </span>
      </div>
      <Card size="small" title={t("workOrder.form.sections.request")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "number", label: t("workOrder.form.number"), children: order.number },
            { key: "receivedAt", label: t("workOrder.form.receivedAt"), children: time(order.receivedAt) },
            { key: "place", label: t("workOrder.form.place"), children: placeOf(order) },
            { key: "category", label: t("workOrder.form.category"), children: dash(order.categoryName) },
            { key: "contact", label: t("workOrder.form.contact"), children: dash(order.contactName) },
            {
              key: "phone",
              label: t("workOrder.form.phone"),
              children: order.contactPhone ? <a href={`tel:${order.contactPhone}`}>{order.contactPhone}</a> : "—",
            },
            { key: "urgency", label: t("workOrder.form.urgency"), children: <UrgencyTag urgency={urgencyOf(order)} /> },
            ...(order.reworkOfId
              ? [
                  {
                    key: "rework",
                    label: t("workOrder.form.reworkOf"),
                    children: <Link to={`/work-orders/${order.reworkOfId}`}>{t("workOrder.form.open")}</Link>,
                  },
                ]
              : []),
            { key: "content", label: t("workOrder.form.content"), span: "filled", children: order.content },
          ]}
        />
      </Card>
      <Card size="small" title={t("workOrder.form.sections.acceptance")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "dispatchedAt", label: t("workOrder.form.dispatchedAt"), children: time(order.dispatchedAt) },
            { key: "acceptedAt", label: t("workOrder.form.acceptedAt"), children: time(order.acceptedAt) },
            { key: "acceptedBy", label: t("workOrder.form.acceptedBy"), children: dash(order.acceptedByName) },
          ]}
        />
      </Card>
      <Card size="small" title={t("workOrder.form.sections.assignment")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "trade", label: t("workOrder.form.trade"), children: dash(order.tradeName) },
            { key: "worker", label: t("workOrder.form.worker"), children: dash(order.workerName) },
            { key: "assignedAt", label: t("workOrder.form.assignedAt"), children: time(order.assignedAt) },
            { key: "startedAt", label: t("workOrder.form.startedAt"), children: time(order.startedAt) },
            { key: "arrivedAt", label: t("workOrder.form.arrivedAt"), children: time(order.arrivedAt) },
            { key: "visits", label: t("workOrder.form.visits"), children: order.visitCount },
            ...(order.waitingSince
              ? [
                  {
                    key: "waiting",
                    label: t("workOrder.form.waiting"),
                    children: `${time(order.waitingSince)} · ${t(`workOrder.waitReasons.${order.waitReason === "parts" ? "parts" : "customer"}`)}`,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t("workOrder.form.sections.work")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "completedAt", label: t("workOrder.form.completedAt"), children: time(order.completedAt) },
            {
              key: "minutes",
              label: t("workOrder.form.minutes"),
              children:
                order.minutesSpent === null ? "—" : t("workOrder.form.minutesValue", { count: order.minutesSpent }),
            },
            {
              key: "description",
              label: t("workOrder.form.description"),
              span: "filled",
              children: dash(order.workDescription),
            },
            {
              key: "before",
              label: t("workOrder.form.photosBefore"),
              span: "filled",
              children: <CasePhotos photos={photos("before")} />,
            },
            {
              key: "after",
              label: t("workOrder.form.photosAfter"),
              span: "filled",
              children: <CasePhotos photos={photos("after")} />,
            },
            ...(order.absenceReason
              ? [
                  {
                    key: "absence",
                    label: t("workOrder.form.absence"),
                    span: "filled" as const,
                    children: (
                      <div>
                        <div>{order.absenceReason}</div>
                        <CasePhotos photos={photos("absence")} />
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t("workOrder.form.sections.materials")}>
        {order.materials.length === 0 ? (
          <Typography.Text type="secondary">{t("workOrder.form.noMaterials")}</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            bordered
            rowKey={(_, index) => String(index)}
            dataSource={order.materials}
            columns={[
              { key: "index", title: "#", width: 48, render: (_, __, index) => index + 1 },
              { key: "name", title: t("workOrder.form.materialName"), dataIndex: "name" },
              { key: "quantity", title: t("workOrder.form.quantity"), dataIndex: "quantity", width: 100 },
              { key: "unit", title: t("workOrder.form.unit"), dataIndex: "unit", width: 100 },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t("workOrder.form.sections.opinion")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: "satisfaction",
              label: t("workOrder.evaluation.satisfaction"),
              children: order.satisfaction ? t(`workOrder.satisfaction.${order.satisfaction}`) : "—",
            },
            {
              key: "stars",
              label: t("workOrder.evaluation.stars"),
              children: order.stars === null ? "—" : <Rate disabled value={order.stars} className="print-stars" />,
            },
            { key: "opinion", label: t("workOrder.evaluation.opinion"), span: "filled", children: dash(order.opinion) },
            {
              key: "signature",
              label: t("workOrder.evaluation.signature"),
              children: order.signatureUrl ? (
                <img
                  src={order.signatureUrl}
                  alt={t("workOrder.evaluation.signatureAlt")}
                  className="signature-image"
                />
              ) : (
                "—"
              ),
            },
            { key: "evaluatedAt", label: t("workOrder.form.evaluatedAt"), children: time(order.evaluatedAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t("repairs.quote.title")} className="charge-section">
        <Space orientation="vertical" style={{ width: "100%" }}>
          <BillingTag billing={order.billing} />
          {order.billing === null ? (
            <Typography.Text type="secondary">{t("repairs.quote.free")}</Typography.Text>
          ) : null}
          {order.quote ? <QuoteTable quote={order.quote} /> : null}
          {order.quote ? (
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: "approvedAt",
                  label: t("repairs.quote.approvedAt"),
                  children: order.quote.approvedAt ? time(order.quote.approvedAt) : t("repairs.quote.pending"),
                },
                {
                  key: "quoteSignature",
                  label: t("workOrder.evaluation.signature"),
                  children: order.quote.signatureUrl ? (
                    <img
                      src={order.quote.signatureUrl}
                      alt={t("repairs.quote.signatureAlt")}
                      className="signature-image"
                    />
                  ) : (
                    "—"
                  ),
                },
                {
                  key: "finalCharge",
                  label: t("repairs.quote.finalCharge"),
                  children: order.finalChargeFen === null ? "—" : `¥${fenToYuan(order.finalChargeFen)}`,
                },
                ...(order.chargeReason
                  ? [{ key: "chargeReason", label: t("repairs.quote.finalChargeReason"), children: order.chargeReason }]
                  : []),
              ]}
            />
          ) : null}
        </Space>
      </Card>
      {/* Filled by the callback module through `callbacks` on the dispatch order. */}
      <Card size="small" title={t("repairs.callbacks.title")} className="callback-section">
        {order.callbacks.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("repairs.callbacks.none")} />
        ) : (
          <Table
            size="small"
            pagination={false}
            bordered
            rowKey={(_, index) => String(index)}
            dataSource={order.callbacks}
            columns={[
              { key: "at", title: t("repairs.callbacks.at"), render: (_, row) => time(row.at) },
              { key: "by", title: t("repairs.callbacks.by"), render: (_, row) => dash(row.byName) },
              {
                key: "result",
                title: t("repairs.callbacks.result"),
                render: (_, row) =>
                  row.result in CALLBACK_RESULT_LABELS
                    ? t(CALLBACK_RESULT_LABELS[row.result as keyof typeof CALLBACK_RESULT_LABELS])
                    : row.result,
              },
              { key: "note", title: t("repairs.callbacks.note"), render: (_, row) => dash(row.note) },
            ]}
          />
        )}
      </Card>
      <div className="print-only print-printed-at">
        {t("workOrder.form.printedAt", { time: time(new Date().toISOString()) })}
      </div>
      <ActionDialog
        action={dialog}
        order={order}
        busy={act.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(input) => void send(input)}
      />
    </Space>
  );
}

/** The callback section's result: the satisfaction when the resident was reached, else the outcome. */
const CALLBACK_RESULT_LABELS = {
  satisfied: "callbacks.quick.satisfied",
  basically_satisfied: "callbacks.quick.basically_satisfied",
  dissatisfied: "callbacks.quick.dissatisfied",
  unreachable: "callbacks.outcome.unreachable",
  answered_by_letter: "callbacks.outcome.answered_by_letter",
  reached: "callbacks.outcome.reached",
} as const;
