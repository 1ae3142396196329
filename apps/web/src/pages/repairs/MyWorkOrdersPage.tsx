import { EnvironmentOutlined, PhoneOutlined, ReloadOutlined, RightOutlined } from "@ant-design/icons";
import type { WorkOrder } from "@estate-desk/domain";
import { Alert, Button, Card, Empty, Segmented, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api/errors";
import { useMe } from "../../api/session";
import { useClaimOrder, useDuty, useMyWorkOrders, usePoolOrders, useSetDuty } from "../../api/workOrders";
import { formatDateTime } from "../../app/format";
import { UrgencyTag } from "../../components/CaseTags";
import { useErrorText, useFeedback } from "../../components/feedback";
import { useLocale } from "../../i18n";
import { useNow } from "../complaints/DeadlineTag";
import { OrderAge, placeOf, WorkOrderStatusTag } from "./WorkOrderTags";
import { isForToday, sortUrgentFirst, urgencyOf } from "./workOrderRules";
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
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const isWorker = me?.roles?.includes("repair_worker") ?? false;
  const [filter, setFilter] = useState<"all" | "today">("today");
  const shown = (orders.data ?? []).filter((order) => filter === "all" || isForToday(order, now, timeZone));

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
      {isWorker ? <DutySwitch /> : null}
      {isWorker ? <PoolSection /> : null}
      <Segmented
        block
        size="large"
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(value) => setFilter(value === "all" ? "all" : "today")}
        options={[
          { value: "today", label: t("repairs.filter.today") },
          { value: "all", label: t("repairs.filter.all") },
        ]}
      />
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
      ) : shown.length === 0 ? (
        <Empty description={filter === "today" ? t("repairs.filter.todayEmpty") : t("repairs.mine.empty")} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          {orders.isRefetchError ? <Alert type="warning" showIcon title={t("repairs.mine.stale")} /> : null}
          {sortUrgentFirst(shown).map((order) => (
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

/** The worker's own on-duty switch (default on): automatic dispatch passes over workers off duty. */
function DutySwitch() {
  const { t } = useTranslation();
  const duty = useDuty();
  const setDuty = useSetDuty();
  const { failure } = useFeedback();
  const onDuty = duty.data?.onDuty ?? true;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space>
        <Switch
          checked={onDuty}
          loading={duty.isPending || setDuty.isPending}
          aria-label={t("repairs.duty.label")}
          onChange={(checked) => setDuty.mutate(checked, { onError: failure })}
        />
        <Typography.Text>{onDuty ? t("repairs.duty.on") : t("repairs.duty.off")}</Typography.Text>
      </Space>
    </Card>
  );
}

/** Orders of the worker's trades waiting to be claimed (抢单); a colleague may be faster (409). */
function PoolSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const pool = usePoolOrders(true);
  const claim = useClaimOrder();
  const { success, failure, message } = useFeedback();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  if (!pool.data || pool.data.length === 0) return null;
  const take = async (id: string, number: string) => {
    try {
      await claim.mutateAsync(id);
      success(t("repairs.pool.claimed", { number }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) void message.warning(t("repairs.pool.lost"));
      else failure(error);
    }
  };
  return (
    <Card size="small" title={t("repairs.pool.title")} style={{ marginBottom: 12 }} className="pool-section">
      <Space orientation="vertical" style={{ width: "100%" }}>
        {sortUrgentFirst(pool.data).map((order) => (
          <div key={order.id} className="pool-order">
            <div className="order-card-head">
              <UrgencyTag urgency={urgencyOf(order)} />
              <span className="case-number">{order.number}</span>
            </div>
            <div className="phone-order-place">
              <EnvironmentOutlined /> {placeOf(order)}
            </div>
            <div className="order-card-content">{order.content}</div>
            {order.poolUntil ? (
              <Typography.Text type="secondary">
                {t("repairs.pool.until", { time: formatDateTime(order.poolUntil, locale, timeZone) })}
              </Typography.Text>
            ) : null}
            <Button
              type="primary"
              size="large"
              block
              loading={claim.isPending && claim.variables === order.id}
              onClick={() => void take(order.id, order.number)}
            >
              {t("repairs.pool.claim")}
            </Button>
          </div>
        ))}
      </Space>
    </Card>
  );
}
