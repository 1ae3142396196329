import type { WorkOrder, WorkOrderAction, WorkOrderActionInput } from "@estate-desk/domain";
import { Form, Input, Modal, Radio, Select, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { RepairWorker } from "../../api/workOrders";
import { dialogFor, orderWorkers } from "./workOrderRules";

interface WorkerSelectProps {
  workers: readonly RepairWorker[];
  tradeId: string | null;
  tradeName: string | null;
  value?: string;
  onChange?: (workerId: string) => void;
  id?: string;
}

/**
 * Choose a worker: each with trades and open load; those of the order's trade first, the
 * others disabled with the reason, since the server refuses them (R-4.5.1).
 */
export function WorkerSelect({ workers, tradeId, tradeName, value, onChange, id }: WorkerSelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      size="large"
      value={value}
      onChange={onChange}
      aria-label={t("workOrder.dialog.worker")}
      placeholder={t("workOrder.dialog.workerPlaceholder")}
      notFoundContent={t("repairs.board.noWorkers")}
      options={orderWorkers(workers, tradeId).map(({ worker, fits }) => ({
        value: worker.id,
        disabled: !fits,
        label: (
          <span className="worker-option">
            <span>{worker.name}</span>
            <Typography.Text type="secondary">
              {worker.trades.map((trade) => trade.name).join("、") || t("repairs.board.noTrade")} ·{" "}
              {t("repairs.board.load", { count: worker.openOrders })}
            </Typography.Text>
            {fits ? null : (
              <Typography.Text type="warning">
                {t("repairs.board.notOfTrade", { trade: tradeName ?? "" })}
              </Typography.Text>
            )}
          </span>
        ),
      }))}
    />
  );
}

interface ActionDialogProps {
  /** The step to take, or null when the dialog is closed. */
  action: WorkOrderAction | null;
  order: Pick<WorkOrder, "number" | "tradeId" | "tradeName">;
  workers?: readonly RepairWorker[];
  /** Pre-selected worker, e.g. the card an order was dropped on. */
  workerId?: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (input: WorkOrderActionInput) => void;
}

interface DialogValues {
  comment?: string;
  workerId?: string;
  waitReason?: "parts" | "customer";
}

/**
 * The fields a step needs beyond a tap, asked for as WORK_ORDER_RULES lists them: a reason,
 * what the worker waits for, or a worker (and, for a transfer, why).
 */
export function ActionDialog({ action, order, workers = [], workerId, busy, onCancel, onSubmit }: ActionDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DialogValues>();
  const dialog = action === null ? null : dialogFor(action);

  useEffect(() => {
    if (action !== null) form.setFieldsValue({ comment: undefined, waitReason: undefined, workerId });
  }, [action, workerId, form]);

  if (action === null) return null;
  const needsWorker = dialog === "worker" || dialog === "workerAndReason";
  const needsReason = dialog === "reason" || dialog === "workerAndReason";
  return (
    <Modal
      open
      title={`${t(`workOrder.actions.${action}`)} · ${order.number}`}
      okText={t(`workOrder.actions.${action}`)}
      okButtonProps={{ loading: busy, size: "large", danger: action === "cancel" || action === "give_up" }}
      cancelButtonProps={{ size: "large" }}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<DialogValues>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          onSubmit({
            action,
            ...(needsWorker && values.workerId ? { workerId: values.workerId } : {}),
            ...(needsReason && values.comment ? { comment: values.comment.trim() } : {}),
            ...(dialog === "waitReason" && values.waitReason ? { waitReason: values.waitReason } : {}),
          })
        }
      >
        {needsWorker ? (
          <Form.Item
            name="workerId"
            label={t("workOrder.dialog.worker")}
            rules={[{ required: true, message: t("workOrder.dialog.workerRequired") }]}
          >
            <WorkerSelect workers={workers} tradeId={order.tradeId} tradeName={order.tradeName} />
          </Form.Item>
        ) : null}
        {dialog === "waitReason" ? (
          <Form.Item
            name="waitReason"
            label={t("workOrder.dialog.waitReason")}
            rules={[{ required: true, message: t("workOrder.dialog.waitReasonRequired") }]}
          >
            <Radio.Group optionType="button" buttonStyle="solid" size="large" className="choice-buttons">
              <Radio.Button value="parts">{t("workOrder.waitReasons.parts")}</Radio.Button>
              <Radio.Button value="customer">{t("workOrder.waitReasons.customer")}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        ) : null}
        {needsReason ? (
          <Form.Item
            name="comment"
            label={t("workOrder.dialog.reason")}
            rules={[{ required: true, whitespace: true, message: t("workOrder.dialog.reasonRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
