import { ArrowLeftOutlined, DeleteOutlined, EnvironmentOutlined, PhoneOutlined, PlusOutlined } from "@ant-design/icons";
import type { Upload, WorkOrder, WorkOrderAction, WorkOrderActionInput } from "@estate-desk/domain";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Skeleton,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/errors";
import { useMe } from "../../api/session";
import {
  useApproveQuote,
  useMarkWarranty,
  usePriceItems,
  useRecordQuote,
  useSetExpectedArrival,
  useWorkOrder,
  useWorkOrderAction,
} from "../../api/workOrders";
import { formatDateTime } from "../../app/format";
import { UrgencyTag } from "../../components/CaseTags";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PhotoUploader } from "../../components/PhotoUploader";
import { useLocale } from "../../i18n";
import { useDocumentTitle } from "../../layout/useDocumentTitle";
import { ActionDialog } from "./ActionDialog";
import { type Evaluation, EvaluationForm } from "./EvaluationForm";
import { BillingTag, QuoteApproval, QuoteEditor, QuoteTable } from "./QuoteSection";
import { placeOf, WorkOrderStatusTag } from "./WorkOrderTags";
import {
  cleanMaterials,
  dialogFor,
  fenToYuan,
  isDangerStep,
  type MaterialDraft,
  primaryStep,
  secondarySteps,
  urgencyOf,
  yuanToFen,
} from "./workOrderRules";
import "./repairs.css";

type WorkDone = NonNullable<WorkOrderActionInput["workDone"]>;
type Phase = "steps" | "work" | "customer" | "absent" | "quote" | "approve";

interface WorkValues {
  description?: string;
  minutesSpent?: number | null;
  materials?: MaterialDraft[];
  photosBefore?: Upload[];
  photosAfter?: Upload[];
  finalChargeYuan?: number | null;
  chargeReason?: string;
}

/** Minutes on site so far, as the default for "time spent": one less thing to type. */
function minutesSince(iso: string | null): number {
  if (iso === null) return 0;
  return Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
}

/**
 * A worker's order on the phone: what and where, the contact to call, and the steps the server
 * allows now as big buttons at the bottom (one-handed). Completing records the work, then the
 * phone goes to the customer to rate and sign, or the worker records why the customer is absent.
 */
export function WorkerOrderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const order = useWorkOrder(id);
  useDocumentTitle(order.data?.number ?? t("repairs.mine.title"));

  if (order.isPending) {
    return (
      <div className="phone-page">
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  if (order.isError) {
    return order.error instanceof ApiError && order.error.status === 404 ? (
      <Result
        status="404"
        title={t("repairs.order.notFound")}
        extra={<Link to="/repairs/mine">{t("common.back")}</Link>}
      />
    ) : (
      <div className="phone-page">
        <Alert
          type="error"
          showIcon
          title={errorText(order.error)}
          action={
            <Button size="large" onClick={() => void order.refetch()}>
              {t("common.retry")}
            </Button>
          }
        />
      </div>
    );
  }
  return <WorkerOrder order={order.data} />;
}

function WorkerOrder({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const { success } = useFeedback();
  const act = useWorkOrderAction(order.id);
  const [phase, setPhase] = useState<Phase>("steps");
  const [dialog, setDialog] = useState<WorkOrderAction | null>(null);
  const [lastTry, setLastTry] = useState<{ input: WorkOrderActionInput; error: unknown } | null>(null);
  const [work, setWork] = useState<WorkDone | null>(null);
  const [workForm] = Form.useForm<WorkValues>();
  const [absenceReason, setAbsenceReason] = useState("");
  const [absencePhotos, setAbsencePhotos] = useState<Upload[]>([]);
  const [absenceProblem, setAbsenceProblem] = useState<string | null>(null);
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const time = (iso: string | null) => formatDateTime(iso, locale, timeZone);

  /** Sends a step; on failure the error stays on screen with a retry of the same input. */
  const send = async (input: WorkOrderActionInput): Promise<boolean> => {
    setLastTry(null);
    try {
      await act.mutateAsync(input);
      setDialog(null);
      success(t("workOrder.done", { action: t(`workOrder.actions.${input.action}`), number: order.number }));
      return true;
    } catch (error) {
      setLastTry({ input, error });
      return false;
    }
  };

  const tap = (action: WorkOrderAction) => {
    const kind = dialogFor(action);
    if (kind === "complete") return setPhase("work");
    if (kind === "evaluate") return setPhase("customer");
    if (kind === null) return void send({ action });
    setDialog(action);
  };

  /** Checks the work form and keeps it, then moves to the customer's screen or the absence form. */
  const finishWork = async (next: "customer" | "absent") => {
    const values = await workForm.validateFields().catch(() => null);
    if (values === null) return;
    const materials = cleanMaterials(values.materials ?? []);
    if (!materials.ok) {
      workForm.setFields([
        { name: ["materials", materials.row, "name"], errors: [t("repairs.order.materialIncomplete")] },
      ]);
      return;
    }
    let finalCharge: WorkDone["finalCharge"];
    if (order.billing === "chargeable" && values.finalChargeYuan !== null && values.finalChargeYuan !== undefined) {
      const amountFen = yuanToFen(values.finalChargeYuan);
      const reason = values.chargeReason?.trim() ?? "";
      if (amountFen !== order.quote?.totalFen && reason === "") {
        workForm.setFields([{ name: "chargeReason", errors: [t("repairs.quote.finalChargeReasonRequired")] }]);
        return;
      }
      finalCharge = { amountFen, ...(reason ? { reason } : {}) };
    }
    setWork({
      ...(finalCharge ? { finalCharge } : {}),
      description: (values.description ?? "").trim(),
      minutesSpent: values.minutesSpent ?? 0,
      materials: materials.materials,
      photosBefore: (values.photosBefore ?? []).map((upload) => upload.id),
      photosAfter: (values.photosAfter ?? []).map((upload) => upload.id),
    });
    setPhase(next);
  };

  const actions = order.availableActions;
  const primary = primaryStep(actions);
  const others = secondarySteps(actions);
  const busy = act.isPending;

  const failureBanner = lastTry ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(lastTry.error)}
      description={
        lastTry.error instanceof ApiError && lastTry.error.code === "NETWORK_ERROR"
          ? t("repairs.order.networkHint")
          : null
      }
      action={
        <Button size="large" loading={busy} onClick={() => void send(lastTry.input)}>
          {t("common.retry")}
        </Button>
      }
    />
  ) : null;

  if (phase === "quote") {
    return (
      <QuotePhase
        order={order}
        onDone={() => {
          success(t("repairs.quote.saved"));
          setPhase("steps");
        }}
        onBack={() => setPhase("steps")}
      />
    );
  }

  if (phase === "approve" && order.quote) {
    return (
      <CustomerQuoteApproval
        order={order}
        onDone={() => {
          success(t("repairs.quote.approvedThanks"));
          setPhase("steps");
        }}
        onBack={() => setPhase("steps")}
      />
    );
  }

  if (phase === "customer") {
    const evaluate = async (evaluation: Evaluation) => {
      const input: WorkOrderActionInput =
        actions.includes("evaluate") || work === null
          ? { action: "evaluate", evaluation }
          : { action: "complete", workDone: work, evaluation };
      // Errors go back to the form, which shows them and keeps the uploaded signature for a retry.
      await act.mutateAsync(input);
      success(t("repairs.customer.thanks"));
      setPhase("steps");
    };
    return (
      <div className="customer-view" role="dialog" aria-modal="true" aria-label={t("repairs.customer.title")}>
        <div className="customer-view-inner">
          <Typography.Title level={3}>{t("repairs.customer.title")}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {order.number} · {placeOf(order)}
          </Typography.Paragraph>
          {work ? (
            <Card size="small" title={t("workOrder.form.description")} style={{ marginBottom: 16 }}>
              <Typography.Paragraph style={{ margin: 0 }}>{work.description}</Typography.Paragraph>
              {work.materials.length > 0 ? (
                <Typography.Text type="secondary">
                  {work.materials.map((m) => `${m.name} ${m.quantity}${m.unit}`).join("、")}
                </Typography.Text>
              ) : null}
            </Card>
          ) : null}
          <EvaluationForm onSubmit={evaluate} submitLabel={t("repairs.customer.submit")} />
          <Button type="link" block onClick={() => setPhase(work ? "work" : "steps")} disabled={busy}>
            {t("repairs.customer.handBack")}
          </Button>
        </div>
      </div>
    );
  }

  if (phase === "absent") {
    const submitAbsence = async () => {
      setAbsenceProblem(null);
      const photo = absencePhotos[0];
      if (absenceReason.trim() === "") return setAbsenceProblem(t("repairs.absent.reasonRequired"));
      if (!photo) return setAbsenceProblem(t("repairs.absent.photoRequired"));
      if (work === null) return setPhase("work");
      if (
        await send({
          action: "complete",
          workDone: work,
          absenceReason: { reason: absenceReason.trim(), photoId: photo.id },
        })
      ) {
        setPhase("steps");
      }
    };
    return (
      <div className="phone-page with-bottom-bar">
        <div className="phone-title">
          <Button
            type="text"
            size="large"
            icon={<ArrowLeftOutlined />}
            aria-label={t("common.back")}
            onClick={() => setPhase("work")}
          />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("repairs.absent.title")}
          </Typography.Title>
        </div>
        <Card>
          <Typography.Paragraph type="secondary">{t("repairs.absent.hint")}</Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label={t("repairs.absent.reason")} htmlFor="absence-reason" required>
              <Input.TextArea
                id="absence-reason"
                rows={3}
                maxLength={500}
                value={absenceReason}
                onChange={(event) => setAbsenceReason(event.target.value)}
              />
            </Form.Item>
            <Form.Item label={t("repairs.absent.photo")} required>
              <PhotoUploader camera max={1} value={absencePhotos} onChange={setAbsencePhotos} />
            </Form.Item>
          </Form>
          {absenceProblem ? <Alert type="error" showIcon title={absenceProblem} role="alert" /> : null}
          {failureBanner}
        </Card>
        <div className="bottom-bar">
          <Button type="primary" size="large" block loading={busy} onClick={() => void submitAbsence()}>
            {t("repairs.absent.submit")}
          </Button>
        </div>
      </div>
    );
  }

  if (phase === "work") {
    return (
      <div className="phone-page with-bottom-bar">
        <div className="phone-title">
          <Button
            type="text"
            size="large"
            icon={<ArrowLeftOutlined />}
            aria-label={t("common.back")}
            onClick={() => setPhase("steps")}
          />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("repairs.order.workTitle")}
          </Typography.Title>
        </div>
        <Card>
          <Form<WorkValues>
            form={workForm}
            layout="vertical"
            initialValues={{
              description: work?.description,
              minutesSpent: work?.minutesSpent ?? minutesSince(order.arrivedAt),
              materials: [{}],
              finalChargeYuan:
                work?.finalCharge !== undefined
                  ? work.finalCharge.amountFen / 100
                  : order.quote
                    ? order.quote.totalFen / 100
                    : null,
              chargeReason: work?.finalCharge?.reason,
            }}
          >
            {order.billing === "chargeable" ? (
              <>
                <Form.Item name="finalChargeYuan" label={t("repairs.quote.finalCharge")}>
                  <InputNumber min={0} precision={2} inputMode="decimal" size="large" style={{ width: "100%" }} />
                </Form.Item>
                <Form.Item name="chargeReason" label={t("repairs.quote.finalChargeReason")}>
                  <Input maxLength={500} />
                </Form.Item>
              </>
            ) : null}
            <Form.Item
              name="description"
              label={t("workOrder.form.description")}
              rules={[{ required: true, whitespace: true, message: t("repairs.order.descriptionRequired") }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Typography.Text strong>{t("workOrder.form.materials")}</Typography.Text>
            <Form.List name="materials">
              {(fields, { add, remove }) => (
                <div className="material-rows">
                  {fields.map((field, index) => (
                    <div className="material-row" key={field.key}>
                      <Form.Item name={[field.name, "name"]} className="material-name">
                        <Input
                          placeholder={t("workOrder.form.materialName")}
                          aria-label={t("repairs.order.materialNameN", { index: index + 1 })}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "quantity"]} className="material-quantity">
                        <InputNumber
                          min={0}
                          inputMode="decimal"
                          placeholder={t("workOrder.form.quantity")}
                          aria-label={t("repairs.order.quantityN", { index: index + 1 })}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "unit"]} className="material-unit">
                        <Input
                          placeholder={t("workOrder.form.unit")}
                          aria-label={t("repairs.order.unitN", { index: index + 1 })}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("repairs.order.removeMaterial", { index: index + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} block onClick={() => add({})}>
                    {t("repairs.order.addMaterial")}
                  </Button>
                </div>
              )}
            </Form.List>
            <Form.Item
              name="minutesSpent"
              label={t("workOrder.form.minutes")}
              rules={[{ required: true, message: t("repairs.order.minutesRequired") }]}
              style={{ marginTop: 16 }}
            >
              <InputNumber
                min={0}
                max={100_000}
                precision={0}
                inputMode="numeric"
                style={{ width: "100%" }}
                size="large"
              />
            </Form.Item>
            <Form.Item name="photosBefore" label={t("workOrder.form.photosBefore")}>
              <PhotoUploader camera max={9} />
            </Form.Item>
            <Form.Item name="photosAfter" label={t("workOrder.form.photosAfter")}>
              <PhotoUploader camera max={9} />
            </Form.Item>
          </Form>
        </Card>
        <div className="bottom-bar bottom-bar-two">
          <Button size="large" onClick={() => void finishWork("absent")}>
            {t("repairs.order.customerAbsent")}
          </Button>
          <Button type="primary" size="large" onClick={() => void finishWork("customer")}>
            {t("repairs.order.handOver")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className={`phone-page${actions.length > 0 ? " with-bottom-bar" : ""}`}>
      <div className="phone-title">
        <Link to="/repairs/mine" aria-label={t("repairs.order.backToList")}>
          <Button type="text" size="large" icon={<ArrowLeftOutlined />} tabIndex={-1} />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }} className="case-number">
          {order.number}
        </Typography.Title>
      </div>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Card size="small" className={`order-card urgency-${urgencyOf(order)}`}>
          <Space size={[4, 4]} wrap style={{ marginBottom: 8 }}>
            <UrgencyTag urgency={urgencyOf(order)} />
            <WorkOrderStatusTag status={order.status} />
            {order.waitReason ? (
              <span>{t(`workOrder.waitReasons.${order.waitReason === "parts" ? "parts" : "customer"}`)}</span>
            ) : null}
          </Space>
          <div className="phone-order-place">
            <EnvironmentOutlined /> {placeOf(order)}
          </div>
          <Typography.Paragraph className="order-card-content">{order.content}</Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: "category", label: t("workOrder.form.category"), children: order.categoryName ?? "—" },
              { key: "contact", label: t("workOrder.form.contact"), children: order.contactName ?? "—" },
              { key: "assignedAt", label: t("workOrder.form.assignedAt"), children: time(order.assignedAt) || "—" },
              ...(order.startedAt
                ? [{ key: "startedAt", label: t("workOrder.form.startedAt"), children: time(order.startedAt) }]
                : []),
              ...(order.arrivedAt
                ? [{ key: "arrivedAt", label: t("workOrder.form.arrivedAt"), children: time(order.arrivedAt) }]
                : []),
              ...(order.completedAt
                ? [{ key: "completedAt", label: t("workOrder.form.completedAt"), children: time(order.completedAt) }]
                : []),
              ...(order.absenceReason
                ? [{ key: "absence", label: t("workOrder.form.absence"), children: order.absenceReason }]
                : []),
            ]}
          />
          {order.contactPhone ? (
            <a className="phone-call" href={`tel:${order.contactPhone}`}>
              <PhoneOutlined /> {t("repairs.mine.call", { name: order.contactName ?? "", phone: order.contactPhone })}
            </a>
          ) : null}
        </Card>
        <ExpectedArrival order={order} />
        <PaidRepairCard order={order} onQuote={() => setPhase("quote")} onApprove={() => setPhase("approve")} />
        {order.status === "awaiting_evaluation" && actions.includes("evaluate") ? (
          <Alert type="info" showIcon title={t("repairs.order.awaitingEvaluation")} />
        ) : null}
        {act.isPaused ? (
          // TanStack Query holds a step taken offline and sends it once the phone is back online.
          <Alert type="warning" showIcon role="status" title={t("repairs.order.offlineQueued")} />
        ) : null}
        {failureBanner}
        {others.length > 0 ? (
          <section className="step-grid" aria-label={t("repairs.order.moreSteps")}>
            {others.map((action) => (
              <Button
                key={action}
                size="large"
                danger={isDangerStep(action)}
                disabled={busy}
                loading={busy && act.variables?.action === action}
                onClick={() => tap(action)}
              >
                {t(`workOrder.actions.${action}`)}
              </Button>
            ))}
          </section>
        ) : null}
        {actions.length === 0 ? <Alert type="success" showIcon title={t("repairs.order.nothingToDo")} /> : null}
      </Space>
      {primary ? (
        <div className="bottom-bar">
          <Button
            type="primary"
            size="large"
            block
            disabled={busy}
            loading={busy && act.variables?.action === primary}
            onClick={() => tap(primary)}
          >
            {t(`workOrder.actions.${primary}`)}
          </Button>
        </div>
      ) : null}
      <ActionDialog
        action={dialog}
        order={order}
        busy={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(input) => void send(input)}
      />
    </div>
  );
}

/** Where a quote may still be written or signed: the worker has the order and the work is not done. */
const QUOTABLE: readonly WorkOrder["status"][] = ["assigned", "on_the_way", "on_site", "waiting"];

function mayHandle(order: WorkOrder, userId: string | undefined, roles: readonly string[] | undefined): boolean {
  return order.workerId === userId || (roles?.includes("repair_lead") ?? false);
}

/**
 * Paid repairs on the phone (issue #5 item 8): the billing of the order, the quote and whether
 * the customer has signed it; the worker writes the quote, hands the phone over for the
 * signature, or marks the repair as a free warranty repair. Public-area repairs are free.
 */
function PaidRepairCard({
  order,
  onQuote,
  onApprove,
}: {
  order: WorkOrder;
  onQuote: () => void;
  onApprove: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const warranty = useMarkWarranty(order.id);
  const { success, failure } = useFeedback();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState("");
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const canEdit = QUOTABLE.includes(order.status) && mayHandle(order, me?.id, me?.roles);
  if (order.billing === "public_area") {
    return (
      <Card size="small" title={t("repairs.quote.title")}>
        <BillingTag billing={order.billing} />
      </Card>
    );
  }
  if (!canEdit && order.quote === null && order.billing === null) return null;
  return (
    <Card size="small" title={t("repairs.quote.title")} extra={<BillingTag billing={order.billing} />}>
      {order.quote ? (
        <>
          <QuoteTable quote={order.quote} />
          {order.quote.approvedAt ? (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 8 }}
              title={t("repairs.quote.approved", { time: formatDateTime(order.quote.approvedAt, locale, timeZone) })}
            />
          ) : (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t("repairs.quote.pending")} />
          )}
        </>
      ) : order.billing === null ? (
        <Typography.Paragraph type="secondary">{t("repairs.quote.none")}</Typography.Paragraph>
      ) : null}
      {order.finalChargeFen !== null ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t("repairs.quote.finalCharge")}: ¥{fenToYuan(order.finalChargeFen)}
          {order.chargeReason ? `（${order.chargeReason}）` : ""}
        </Typography.Paragraph>
      ) : null}
      {canEdit ? (
        <div className="step-grid" style={{ marginTop: 8 }}>
          {order.quote && !order.quote.approvedAt ? (
            <Button type="primary" size="large" onClick={onApprove}>
              {t("repairs.quote.approve")}
            </Button>
          ) : null}
          {order.billing !== "warranty" ? (
            <Button size="large" onClick={onQuote}>
              {order.quote ? t("repairs.quote.recordAgain") : t("repairs.quote.record")}
            </Button>
          ) : null}
          {order.billing !== "warranty" ? (
            <Button size="large" onClick={() => setAsking(true)}>
              {t("repairs.quote.warranty")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <Modal
        open={asking}
        title={t("repairs.quote.warranty")}
        okButtonProps={{ disabled: comment.trim() === "", loading: warranty.isPending }}
        onCancel={() => setAsking(false)}
        onOk={() =>
          warranty.mutate(comment.trim(), {
            onSuccess: () => {
              setAsking(false);
              success(t("repairs.quote.warrantyDone"));
            },
            onError: failure,
          })
        }
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          aria-label={t("repairs.quote.warrantyReason")}
          placeholder={t("repairs.quote.warrantyReason")}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </Modal>
    </Card>
  );
}

function QuotePhase({ order, onDone, onBack }: { order: WorkOrder; onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const priceItems = usePriceItems(order.estateId);
  const record = useRecordQuote(order.id);
  return (
    <div className="phone-page">
      <div className="phone-title">
        <Button type="text" size="large" icon={<ArrowLeftOutlined />} aria-label={t("common.back")} onClick={onBack} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("repairs.quote.title")}
        </Typography.Title>
      </div>
      <Card>
        <QuoteEditor
          priceItems={priceItems.data ?? []}
          busy={record.isPending}
          onSubmit={async (lines) => {
            await record.mutateAsync({ lines });
            onDone();
          }}
        />
      </Card>
    </div>
  );
}

function CustomerQuoteApproval({
  order,
  onDone,
  onBack,
}: {
  order: WorkOrder;
  onDone: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const approve = useApproveQuote(order.id);
  if (!order.quote) return null;
  return (
    <div className="customer-view" role="dialog" aria-modal="true" aria-label={t("repairs.quote.approveTitle")}>
      <div className="customer-view-inner">
        <Typography.Title level={3}>{t("repairs.quote.approveTitle")}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {order.number} · {placeOf(order)}
        </Typography.Paragraph>
        <QuoteApproval
          quote={order.quote}
          onApprove={async (signatureId) => {
            await approve.mutateAsync(signatureId);
            onDone();
          }}
        />
        <Button type="link" block onClick={onBack}>
          {t("repairs.customer.handBack")}
        </Button>
      </div>
    </div>
  );
}

/** A datetime-local value (the phone's wall clock) for an instant, and back. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The leader or worker tells the resident when to expect the worker (issue #5 item 4). */
function ExpectedArrival({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const save = useSetExpectedArrival(order.id);
  const { success, failure } = useFeedback();
  const [value, setValue] = useState(() => toLocalInput(order.expectedArrivalAt));
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const open = ["accepted", "assigned", "on_the_way", "waiting"].includes(order.status) && order.arrivedAt === null;
  if (!open || !mayHandle(order, me?.id, me?.roles)) return null;
  return (
    <Card size="small" title={t("repairs.arrival.set")}>
      {order.expectedArrivalAt ? (
        <Typography.Paragraph>
          {t("repairs.arrival.expected")}: {formatDateTime(order.expectedArrivalAt, locale, timeZone)}
        </Typography.Paragraph>
      ) : null}
      <Space.Compact style={{ width: "100%" }}>
        <Input
          type="datetime-local"
          aria-label={t("repairs.arrival.label")}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <Button
          type="primary"
          disabled={value === ""}
          loading={save.isPending}
          onClick={() =>
            save.mutate(new Date(value).toISOString(), {
              onSuccess: () => success(t("repairs.arrival.saved")),
              onError: failure,
            })
          }
        >
          {t("common.save")}
        </Button>
      </Space.Compact>
    </Card>
  );
}
