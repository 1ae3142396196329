import { EnvironmentOutlined, PhoneOutlined, ReloadOutlined, RightOutlined } from "@ant-design/icons";
import type { WorkOrder } from "@estate-desk/domain";
import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyWorkOrders } from "../../api/workOrders";
import { UrgencyTag } from "../../components/CaseTags";
import { useErrorText } from "../../components/feedback";
import { useNow } from "../complaints/DeadlineTag";
import { OrderAge, placeOf, WorkOrderStatusTag } from "./WorkOrderTags";
import { sortUrgentFirst, urgencyOf } from "./workOrderRules";
import "./repairs.css";

/**
 * 我的工单: the worker's open orders on the phone, urgent first. Each card shows where to go,
 * whom to call (a tel: link) and what is wrong; tapping it opens the order's steps.
 */
export function MyWorkOrdersPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const orders = useMyWorkOrders();
  const now = useNow();

  return (
    <div className="phone-page">
      <div className="phone-title">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("repairs.mine.title")}
        </Typography.Title>
        <Button
          type="text"
          size="large"
          icon={<ReloadOutlined />}
          loading={orders.isFetching}
          aria-label={t("repairs.board.refresh")}
          onClick={() => void orders.refetch()}
        />
      </div>
      {orders.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : orders.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorText(orders.error)}
          action={
            <Button size="large" onClick={() => void orders.refetch()}>
              {t("common.retry")}
            </Button>
          }
        />
      ) : orders.data.length === 0 ? (
        <Empty description={t("repairs.mine.empty")} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          {orders.isRefetchError ? <Alert type="warning" showIcon title={t("repairs.mine.stale")} /> : null}
          {sortUrgentFirst(orders.data).map((order) => (
            <WorkerOrderCard key={order.id} order={order} now={now} />
          ))}
        </Space>
      )}
    </div>
  );
}

function WorkerOrderCard({ order, now }: { order: WorkOrder; now: number }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className={`order-card phone-order urgency-${urgencyOf(order)}`}>
      <Link
        to={`/repairs/mine/${order.id}`}
        className="phone-order-link"
        aria-label={t("repairs.mine.open", { number: order.number })}
      >
        <div className="order-card-head">
          <UrgencyTag urgency={urgencyOf(order)} />
          <WorkOrderStatusTag status={order.status} />
          <OrderAge order={order} now={now} />
          <RightOutlined className="phone-order-chevron" />
        </div>
        <div className="phone-order-place">
          <EnvironmentOutlined /> {placeOf(order)}
        </div>
        <div className="order-card-content">{order.content}</div>
        <Space size={[4, 4]} wrap>
          {order.categoryName ? <Tag>{order.categoryName}</Tag> : null}
          <span className="case-number">{order.number}</span>
        </Space>
      </Link>
      {order.contactPhone ? (
        <a className="phone-call" href={`tel:${order.contactPhone}`}>
          <PhoneOutlined /> {t("repairs.mine.call", { name: order.contactName ?? "", phone: order.contactPhone })}
        </a>
      ) : null}
    </Card>
  );
}
