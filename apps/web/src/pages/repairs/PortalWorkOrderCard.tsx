import type { WorkOrderActionInput } from "@estate-desk/domain";
import { Alert, Button, Card, Descriptions, Rate, Skeleton, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/session";
import { useApproveQuote, useUrgeRepair, useWorkOrder, useWorkOrderAction } from "../../api/workOrders";
import { formatDateTime } from "../../app/format";
import { useErrorText, useFeedback } from "../../components/feedback";
import { useLocale } from "../../i18n";
import { ActionDialog } from "./ActionDialog";
import { type Evaluation, EvaluationForm } from "./EvaluationForm";
import { BillingTag, QuoteApproval, QuoteTable } from "./QuoteSection";
import { WorkOrderStatusTag } from "./WorkOrderTags";
import "./repairs.css";

/**
 * The resident's repair, step by step (who, when) from its dispatch order; when the worker
 * found nobody at home, the resident evaluates and signs here (R-4.5.3); and cancels while the
 * server allows it.
 */
export function PortalWorkOrderCard({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const { success, failure } = useFeedback();
  const order = useWorkOrder(workOrderId, "portal");
  const act = useWorkOrderAction(workOrderId, "portal");
  const urge = useUrgeRepair(workOrderId);
  const approveQuote = useApproveQuote(workOrderId, "portal");
  const [approving, setApproving] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";

  if (order.isPending) {
    return (
      <Card title={t("repairs.portal.title")}>
        <Skeleton active />
      </Card>
    );
  }
  if (order.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        title={errorText(order.error)}
        action={<Button onClick={() => void order.refetch()}>{t("common.retry")}</Button>}
      />
    );
  }
  const data = order.data;
  const canEvaluate = data.availableActions.includes("evaluate");
  const canCancel = data.availableActions.includes("cancel");
  // Urging makes sense until the worker is done on site.
  const canUrge = ["dispatched", "accepted", "assigned", "on_the_way", "on_site", "waiting"].includes(data.status);
  const quotePending = data.quote !== null && data.quote.approvedAt === null;
  const urgeNow = async () => {
    try {
      await urge.mutateAsync();
      success(t("repairs.portal.urged"));
    } catch (error) {
      failure(error);
    }
  };

  const evaluate = async (evaluation: Evaluation) => {
    await act.mutateAsync({ action: "evaluate", evaluation });
    setEvaluating(false);
    success(t("repairs.customer.thanks"));
  };
  const cancel = async (input: WorkOrderActionInput) => {
    try {
      await act.mutateAsync(input);
      setCancelling(false);
      success(t("repairs.portal.cancelled"));
    } catch (error) {
      failure(error);
    }
  };

  return (
    <Card
      title={t("repairs.portal.title")}
      extra={<WorkOrderStatusTag status={data.status} />}
      className="portal-work-order"
    >
      {/* Decision 0007: repair staff appear as role + masked name ("维修工 李师傅"), as the server sends them. */}
      <Timeline
        items={data.progress.map((step, index) => ({
          key: `${step.step}-${index}`,
          content: (
            <div>
              <div>
                {t(`repairs.progress.steps.${progressKey(step.step)}`)}
                {step.name && step.role && step.role !== "system" && step.role !== "resident"
                  ? ` · ${t(`repairs.progress.roles.${step.role}`)} ${step.name}`
                  : ""}
              </div>
              <Typography.Text type="secondary">{formatDateTime(step.at, locale, timeZone)}</Typography.Text>
            </div>
          ),
        }))}
      />
      {data.expectedArrivalAt ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          className="expected-arrival"
          title={`${t("repairs.arrival.expected")}: ${formatDateTime(data.expectedArrivalAt, locale, timeZone)}`}
        />
      ) : null}
      {data.billing !== null || data.quote ? (
        <div style={{ marginBottom: 12 }}>
          <BillingTag billing={data.billing} />
          {data.quote && !approving ? <QuoteTable quote={data.quote} /> : null}
          {quotePending && !approving ? (
            <Button type="primary" block size="large" style={{ marginTop: 8 }} onClick={() => setApproving(true)}>
              {t("repairs.quote.approveSubmit")}
            </Button>
          ) : null}
          {quotePending && approving && data.quote ? (
            <QuoteApproval
              quote={data.quote}
              onApprove={async (signatureId) => {
                await approveQuote.mutateAsync(signatureId);
                setApproving(false);
                success(t("repairs.quote.approvedThanks"));
              }}
            />
          ) : null}
        </div>
      ) : null}
      {data.waitingSince ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("repairs.portal.waiting", {
            reason: t(`workOrder.waitReasons.${data.waitReason === "parts" ? "parts" : "customer"}`),
          })}
        />
      ) : null}
      {data.workDescription ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: "work", label: t("workOrder.form.description"), children: data.workDescription },
            ...(data.absenceReason
              ? [{ key: "absence", label: t("workOrder.form.absence"), children: data.absenceReason }]
              : []),
          ]}
        />
      ) : null}
      {data.evaluatedAt ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: "satisfaction",
              label: t("workOrder.evaluation.satisfaction"),
              children: data.satisfaction ? t(`workOrder.satisfaction.${data.satisfaction}`) : "—",
            },
            {
              key: "stars",
              label: t("workOrder.evaluation.stars"),
              children: <Rate disabled value={data.stars ?? 0} />,
            },
            ...(data.opinion
              ? [{ key: "opinion", label: t("workOrder.evaluation.opinion"), children: data.opinion }]
              : []),
            ...(data.signatureUrl
              ? [
                  {
                    key: "signature",
                    label: t("workOrder.evaluation.signature"),
                    children: (
                      <img
                        src={data.signatureUrl}
                        alt={t("workOrder.evaluation.signatureAlt")}
                        className="signature-image"
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {canEvaluate && !evaluating ? (
        <div className="phone-actions">
          <Alert type="info" showIcon title={t("repairs.portal.evaluateHint")} style={{ marginBottom: 12 }} />
          <Button type="primary" size="large" block onClick={() => setEvaluating(true)}>
            {t("repairs.portal.evaluate")}
          </Button>
        </div>
      ) : null}
      {canEvaluate && evaluating ? (
        <EvaluationForm onSubmit={evaluate} submitLabel={t("repairs.customer.submit")} />
      ) : null}
      {canUrge ? (
        <Button block size="large" style={{ marginTop: 12 }} loading={urge.isPending} onClick={() => void urgeNow()}>
          {t("repairs.portal.urge")}
          {data.urgeCount > 0 ? ` (${data.urgeCount})` : ""}
        </Button>
      ) : null}
      {canUrge && data.nextUrgeAt ? (
        <Typography.Text type="secondary" style={{ display: "block", marginTop: 4 }}>
          {t("repairs.progress.nextUrge", { time: formatDateTime(data.nextUrgeAt, locale, timeZone) })}
        </Typography.Text>
      ) : null}
      {canCancel ? (
        <Button danger block size="large" style={{ marginTop: 12 }} onClick={() => setCancelling(true)}>
          {t("repairs.portal.cancel")}
        </Button>
      ) : null}
      <ActionDialog
        action={cancelling ? "cancel" : null}
        order={data}
        busy={act.isPending}
        onCancel={() => setCancelling(false)}
        onSubmit={(input) => void cancel(input)}
      />
    </Card>
  );
}

const PROGRESS_STEPS = [
  "dispatched",
  "accepted",
  "assigned",
  "on_the_way",
  "on_site",
  "waiting",
  "quoted",
  "quote_approved",
  "completed",
  "evaluated",
  "closed",
  "cancelled",
] as const;

/** A step name the server sends, as a translation key; one this version does not know shows as closed. */
function progressKey(step: string): (typeof PROGRESS_STEPS)[number] {
  return PROGRESS_STEPS.find((known) => known === step) ?? "closed";
}
