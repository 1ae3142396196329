import type { WorkOrder, WorkOrderStatus } from "@estate-desk/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useDurationText } from "../complaints/DeadlineTag";

const STATUS_COLOURS: Record<WorkOrderStatus, string> = {
  dispatched: "gold",
  accepted: "blue",
  assigned: "processing",
  on_the_way: "processing",
  on_site: "cyan",
  waiting: "orange",
  awaiting_evaluation: "purple",
  awaiting_callback: "purple",
  closed: "success",
  cancelled: "default",
  not_done: "red",
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`workOrder.status.${status}`)}</Tag>;
}

/** How long the order has waited since it reached the team: the board's sense of urgency. */
export function OrderAge({ order, now }: { order: Pick<WorkOrder, "dispatchedAt">; now: number }) {
  const { t } = useTranslation();
  const durationText = useDurationText();
  const age = Math.max(0, now - new Date(order.dispatchedAt).getTime());
  return <span className="order-age">{t("repairs.board.age", { time: durationText(age) })}</span>;
}

/** Where to go: the unit, or the public area for repairs outside a home. */
export function placeOf(order: Pick<WorkOrder, "estateName" | "unitLabel" | "publicArea">): string {
  return [order.estateName, order.unitLabel ?? order.publicArea].filter(Boolean).join(" ");
}
