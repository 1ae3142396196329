import { FileTextOutlined, ReloadOutlined, UserOutlined } from "@ant-design/icons";
import type { WorkOrder, WorkOrderAction, WorkOrderActionInput } from "@estate-desk/domain";
import { Badge, Button, Card, Col, Empty, Row, Select, Space, Tag, Typography } from "antd";
import { type DragEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useAllEstates } from "../../api/places";
import { useMe } from "../../api/session";
import { type RepairWorker, useBoardAction, useWorkOrderBoard } from "../../api/workOrders";
import { UrgencyTag } from "../../components/CaseTags";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { LoadErrorResult } from "../../components/Results";
import { useNow } from "../complaints/DeadlineTag";
import { ActionDialog } from "./ActionDialog";
import { OrderAge, placeOf, WorkOrderStatusTag } from "./WorkOrderTags";
import { BOARD_LANES, dialogFor, groupByLane, urgencyOf, workerFits } from "./workOrderRules";
import "./repairs.css";

/** The drag payload's type: only our order cards can be dropped on a worker. */
const DRAG_TYPE = "application/x-estate-desk-work-order";

/** Steps the board offers on a card, in this order; the rest happen on the workers' phones. */
const BOARD_STEPS: readonly WorkOrderAction[] = ["accept", "assign", "transfer", "cancel"];
/** Steps a drop onto a worker can take. */
const DROP_STEPS: readonly WorkOrderAction[] = ["accept", "assign", "transfer"];

interface Pending {
  action: WorkOrderAction;
  order: WorkOrder;
  workerId?: string;
}

/**
 * 派工看板: the repair team leader's board for one estate (R-4.5.1). New orders are accepted
 * with one tap (the acceptance record: who, when), then given to a worker of the right trade,
 * by choosing or by dragging the card onto a worker. Urgent orders come first in every column.
 */
export function DispatchBoardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const { success, failure, message } = useFeedback();
  const [search, setSearch] = useSearchParams();
  const estates = useAllEstates();
  const now = useNow();
  const mine = useMemo(
    () => (estates.data ?? []).filter((estate) => me?.allEstates || me?.estateIds.includes(estate.id)),
    [estates.data, me],
  );
  const estateId = search.get("estate") ?? mine[0]?.id;
  const board = useWorkOrderBoard(estateId);
  const act = useBoardAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [dragging, setDragging] = useState<WorkOrder | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const workers = board.data?.workers ?? [];
  const lanes = groupByLane(board.data?.orders ?? []);

  const send = async (order: WorkOrder, input: WorkOrderActionInput) => {
    setBusyId(order.id);
    try {
      await act.mutateAsync({ id: order.id, input });
      success(t("workOrder.done", { action: t(`workOrder.actions.${input.action}`), number: order.number }));
      setPending(null);
    } catch (error) {
      failure(error);
    } finally {
      setBusyId(null);
    }
  };

  const start = (order: WorkOrder, action: WorkOrderAction, workerId?: string) => {
    if (dialogFor(action) === null) void send(order, { action });
    else setPending({ order, action, workerId });
  };

  /** Dropping a card on a worker: assign (accepting a new order first), or ask why for a transfer. */
  const dropOn = async (worker: RepairWorker, order: WorkOrder) => {
    if (!workerFits(worker, order.tradeId)) {
      void message.warning(t("repairs.board.dropNotFit", { name: worker.name, trade: order.tradeName ?? "" }));
      return;
    }
    if (order.availableActions.includes("transfer")) return start(order, "transfer", worker.id);
    if (order.availableActions.includes("accept")) {
      setBusyId(order.id);
      try {
        // One gesture for the leader, two recorded steps: the acceptance (R-4.5.1), then the assignment.
        await act.mutateAsync({ id: order.id, input: { action: "accept" } });
        await act.mutateAsync({ id: order.id, input: { action: "assign", workerId: worker.id } });
        success(t("repairs.board.assignedTo", { number: order.number, name: worker.name }));
      } catch (error) {
        failure(error);
      } finally {
        setBusyId(null);
      }
      return;
    }
    if (order.availableActions.includes("assign")) {
      setBusyId(order.id);
      try {
        await act.mutateAsync({ id: order.id, input: { action: "assign", workerId: worker.id } });
        success(t("repairs.board.assignedTo", { number: order.number, name: worker.name }));
      } catch (error) {
        failure(error);
      } finally {
        setBusyId(null);
      }
    }
  };

  const draggable = (order: WorkOrder) =>
    busyId !== order.id && DROP_STEPS.some((step) => order.availableActions.includes(step));

  const orderCard = (order: WorkOrder) => (
    <Card
      key={order.id}
      size="small"
      className={`order-card urgency-${urgencyOf(order)}${busyId === order.id ? " order-busy" : ""}`}
      draggable={draggable(order)}
      aria-label={t("repairs.board.orderCard", { number: order.number })}
      onDragStart={(event: DragEvent<HTMLDivElement>) => {
        event.dataTransfer.setData(DRAG_TYPE, order.id);
        event.dataTransfer.effectAllowed = "move";
        setDragging(order);
      }}
      onDragEnd={() => {
        setDragging(null);
        setDropTarget(null);
      }}
    >
      <div className="order-card-head">
        <UrgencyTag urgency={urgencyOf(order)} />
        <Link to={`/work-orders/${order.id}`} className="case-number">
          {order.number}
        </Link>
        <OrderAge order={order} now={now} />
        {/* Pool mode: workers may still claim it; accepting takes it over. */}
        {order.poolUntil ? <Tag color="purple">{t("repairs.pool.title")}</Tag> : null}
      </div>
      <div className="order-card-place">{placeOf(order)}</div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} className="order-card-content">
        {order.content}
      </Typography.Paragraph>
      <Space size={[4, 4]} wrap>
        <WorkOrderStatusTag status={order.status} />
        {order.categoryName ? <Tag>{order.categoryName}</Tag> : null}
        {order.tradeName ? <Tag color="geekblue">{order.tradeName}</Tag> : null}
        {order.workerName ? (
          <Tag icon={<UserOutlined />} color="green">
            {order.workerName}
          </Tag>
        ) : null}
      </Space>
      <div className="order-card-actions">
        {BOARD_STEPS.filter((step) => order.availableActions.includes(step)).map((step) => (
          <Button
            key={step}
            size="small"
            type={step === "accept" || step === "assign" ? "primary" : "default"}
            danger={step === "cancel"}
            loading={busyId === order.id && dialogFor(step) === null}
            disabled={busyId === order.id}
            aria-label={`${t(`workOrder.actions.${step}`)} ${order.number}`}
            onClick={() => start(order, step)}
          >
            {t(`workOrder.actions.${step}`)}
          </Button>
        ))}
        <Link to={`/work-orders/${order.id}`} aria-label={`${t("workOrder.form.open")} ${order.number}`}>
          <Button size="small" type="text" icon={<FileTextOutlined />} />
        </Link>
      </div>
    </Card>
  );

  const workerCard = (worker: RepairWorker) => {
    const fits = dragging === null ? null : workerFits(worker, dragging.tradeId);
    return (
      <li
        key={worker.id}
        className={`worker-card${dropTarget === worker.id ? " drop-over" : ""}${fits === false ? " drop-refused" : ""}`}
        aria-label={t("repairs.board.workerCard", { name: worker.name })}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = fits === false ? "none" : "move";
          setDropTarget(worker.id);
        }}
        onDragLeave={() => setDropTarget((current) => (current === worker.id ? null : current))}
        onDrop={(event) => {
          event.preventDefault();
          setDropTarget(null);
          const id = event.dataTransfer.getData(DRAG_TYPE);
          const order = board.data?.orders.find((candidate) => candidate.id === id);
          if (order) void dropOn(worker, order);
        }}
      >
        <div className="worker-card-name">
          <UserOutlined /> {worker.name}
          <Badge
            count={t("repairs.board.load", { count: worker.openOrders })}
            color={worker.openOrders > 3 ? "orange" : "blue"}
          />
          {worker.onDuty ? null : <Tag color="default">{t("repairs.duty.off")}</Tag>}
        </div>
        <Space size={[4, 4]} wrap>
          {worker.trades.length === 0 ? (
            <Typography.Text type="secondary">{t("repairs.board.noTrade")}</Typography.Text>
          ) : (
            worker.trades.map((trade) => (
              <Tag key={trade.id} color={dragging?.tradeId === trade.id ? "green" : "default"}>
                {trade.name}
              </Tag>
            ))
          )}
        </Space>
        {worker.phone ? (
          <div>
            <a href={`tel:${worker.phone}`}>{worker.phone}</a>
          </div>
        ) : null}
      </li>
    );
  };

  if (estates.isPending) return <PageLoading />;
  if (estates.isError) {
    return <LoadErrorResult message={errorText(estates.error)} onRetry={() => void estates.refetch()} />;
  }
  if (mine.length === 0) return <Empty description={t("repairs.board.noEstates")} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} className="repair-board">
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("repairs.board.title")}
        </Typography.Title>
        <Select
          style={{ minWidth: 160 }}
          aria-label={t("repairs.board.estate")}
          value={estateId}
          onChange={(value) => setSearch({ estate: value }, { replace: true })}
          options={mine.map((estate) => ({ value: estate.id, label: estate.name }))}
        />
        <span className="page-toolbar-spacer" />
        <Button
          icon={<ReloadOutlined />}
          loading={board.isFetching}
          onClick={() => void board.refetch()}
          aria-label={t("repairs.board.refresh")}
        >
          {t("repairs.board.refresh")}
        </Button>
      </div>
      {board.isError ? (
        <LoadErrorResult message={errorText(board.error)} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <PageLoading />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={18}>
            <Row gutter={[12, 12]}>
              {BOARD_LANES.map((lane) => (
                <Col key={lane} xs={24} md={12} xxl={6}>
                  <section className="board-lane" aria-label={t(`repairs.board.lanes.${lane}`)}>
                    <div className="board-lane-title">
                      {t(`repairs.board.lanes.${lane}`)} <Badge count={lanes[lane].length} showZero color="#8c8c8c" />
                    </div>
                    {lanes[lane].length === 0 ? (
                      <Typography.Text type="secondary">{t("repairs.board.laneEmpty")}</Typography.Text>
                    ) : (
                      lanes[lane].map(orderCard)
                    )}
                  </section>
                </Col>
              ))}
            </Row>
          </Col>
          <Col xs={24} xl={6}>
            <Card size="small" title={t("repairs.board.workers")} className="workers-panel">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t("repairs.board.dropHint")}
              </Typography.Paragraph>
              {workers.length === 0 ? (
                <Typography.Text type="secondary">{t("repairs.board.noWorkers")}</Typography.Text>
              ) : (
                <ul className="worker-list">{workers.map(workerCard)}</ul>
              )}
            </Card>
          </Col>
        </Row>
      )}
      {pending ? (
        <ActionDialog
          action={pending.action}
          order={pending.order}
          workers={workers}
          workerId={pending.workerId}
          busy={busyId === pending.order.id}
          onCancel={() => setPending(null)}
          onSubmit={(input) => void send(pending.order, input)}
        />
      ) : null}
    </Space>
  );
}
