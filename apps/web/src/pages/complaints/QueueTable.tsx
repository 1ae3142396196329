import { type HandlingQueueItem, URGENCIES } from "@estate-desk/domain";
import { Button, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { UrgencyTag } from "../../components/CaseTags";
import { useLocale } from "../../i18n";
import { placeText } from "../cases/caseText";
import { DeadlineTag } from "./DeadlineTag";

export type QueueColumnKey =
  | "number"
  | "receivedAt"
  | "place"
  | "category"
  | "urgency"
  | "department"
  | "sectionStatus"
  | "handler"
  | "deadline";

interface QueueTableProps {
  items: readonly HandlingQueueItem[];
  loading: boolean;
  now: number;
  emptyText: string;
  /** Columns particular to one screen (age, escalation, quick actions), placed before the last. */
  extraColumns?: ColumnsType<HandlingQueueItem>;
  actions?: (item: HandlingQueueItem) => ReactNode;
  hide?: readonly QueueColumnKey[];
  /** Wide enough for the row's action buttons. */
  actionsWidth?: number;
  label: string;
}

/**
 * Complaint sections in a work list: the department inbox and customer service's tracking share
 * the columns; a click on the row opens the case.
 */
export function QueueTable({
  items,
  loading,
  now,
  emptyText,
  extraColumns = [],
  actions,
  hide = [],
  actionsWidth = 170,
  label,
}: QueueTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";

  const columns: ColumnsType<HandlingQueueItem> = [
    {
      title: t("cases.number"),
      key: "number",
      dataIndex: "number",
      fixed: "left",
      width: 190,
      render: (number: string, row) => (
        <>
          <Link to={`/cases/${row.caseId}`} className="case-number">
            {number}
          </Link>
          {row.isMajor || row.pausedAt !== null ? (
            <div className="queue-tags">
              {row.isMajor ? <Tag color="red">{t("complaint.majorTag")}</Tag> : null}
              {row.pausedAt !== null ? <Tag>{t("complaint.pausedTag")}</Tag> : null}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t("cases.receivedAt"),
      key: "receivedAt",
      dataIndex: "receivedAt",
      width: 150,
      render: (value: string) => formatDateTime(value, locale, timeZone),
    },
    {
      title: t("cases.place"),
      key: "place",
      width: 150,
      render: (_value, row) => `${row.estateName} · ${placeText(row)}`,
    },
    {
      title: t("cases.category"),
      key: "category",
      dataIndex: "categoryName",
      width: 100,
      render: (name: string | null) => name ?? "—",
    },
    {
      title: t("cases.urgency"),
      key: "urgency",
      dataIndex: "urgency",
      width: 80,
      // The queue reports urgency as a plain string; an unknown value is shown as sent.
      render: (raw: string) => {
        const urgency = URGENCIES.find((candidate) => candidate === raw);
        return urgency ? <UrgencyTag urgency={urgency} /> : raw;
      },
    },
    { title: t("cases.department"), key: "department", dataIndex: "departmentName", width: 110 },
    {
      title: t("inbox.sectionStatus"),
      key: "sectionStatus",
      dataIndex: "handlingStatus",
      width: 90,
      render: (status: HandlingQueueItem["handlingStatus"]) => t(`complaint.handlingStatus.${status}`),
    },
    {
      title: t("inbox.handler"),
      key: "handler",
      dataIndex: "assigneeName",
      width: 90,
      render: (name: string | null) => name ?? "—",
    },
    {
      title: t("inbox.deadline"),
      key: "deadline",
      width: 200,
      render: (_value, row) => (
        <DeadlineTag
          section={{
            status: row.handlingStatus,
            acceptDueAt: row.acceptDueAt,
            resultDueAt: row.resultDueAt,
            escalationLevel: row.escalationLevel,
          }}
          paused={row.pausedAt !== null}
          now={now}
        />
      ),
    },
  ];
  const shown = columns.filter((column) => !hide.some((key) => key === column.key));
  const all: ColumnsType<HandlingQueueItem> = [
    ...shown,
    ...extraColumns,
    ...(actions
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            fixed: "right" as const,
            width: actionsWidth,
            render: (_value: unknown, row: HandlingQueueItem) => (
              <Space size={0} wrap>
                {actions(row)}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <section aria-label={label}>
      <Table<HandlingQueueItem>
        rowKey="handlingId"
        size="middle"
        loading={loading}
        dataSource={[...items]}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText }}
        onRow={(row) => ({
          onClick: (event) => {
            // Links and buttons in the row do their own thing; the rest of the row opens the case.
            if ((event.target as HTMLElement).closest("a, button, .ant-modal")) return;
            void navigate(`/cases/${row.caseId}`);
          },
          className: "clickable-row",
        })}
        columns={all}
      />
    </section>
  );
}

/** A small action button in a queue row, named for screen readers and browser tests. */
export function QuickButton({ label, onClick, primary }: { label: string; onClick: () => void; primary?: boolean }) {
  return (
    <Button type={primary ? "primary" : "link"} size="small" onClick={onClick}>
      {label}
    </Button>
  );
}
