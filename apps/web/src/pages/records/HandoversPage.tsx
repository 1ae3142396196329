import type { HandoverMonth } from "@estate-desk/domain";
import { Button, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useHandoverMonths, usePrepareHandover } from "../../api/records";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { useErrorText, useFeedback } from "../../components/feedback";
import { LoadErrorResult } from "../../components/Results";
import { useLocale } from "../../i18n";

/**
 * 月度移交: every month with its completed complaint records and whether customer
 * service has handed them to QA; months not yet handed over stand out. Customer service hands a
 * month over here; QA opens a batch to receive and sign it.
 */
export function HandoversPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const months = useHandoverMonths();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const [preparing, setPreparing] = useState<string | null>(null);
  const pending = (months.data?.items ?? []).filter((m) => m.handover === null && m.completedCases > 0);

  if (months.isError)
    return <LoadErrorResult message={errorText(months.error)} onRetry={() => void months.refetch()} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("records.handovers.title")}
        </Typography.Title>
      </div>
      <Typography.Text type="secondary">{t("records.handovers.intro")}</Typography.Text>
      {pending.length > 0 ? (
        <Typography.Text type="warning" data-testid="pending-months">
          {t("records.handovers.pending", { months: pending.map((m) => m.period).join("、") })}
        </Typography.Text>
      ) : null}
      <Table<HandoverMonth>
        rowKey="period"
        loading={months.isPending}
        dataSource={months.data?.items ?? []}
        pagination={false}
        columns={[
          { key: "period", title: t("records.handovers.period"), dataIndex: "period" },
          { key: "count", title: t("records.handovers.completed"), dataIndex: "completedCases" },
          {
            key: "status",
            title: t("records.handovers.status"),
            render: (_, row) =>
              row.handover === null ? (
                <Tag color={row.completedCases > 0 ? "orange" : "default"}>{t("records.handovers.notHandedOver")}</Tag>
              ) : row.handover.status === "received" ? (
                <Tag color="green">{t("records.handovers.received")}</Tag>
              ) : (
                <Tag color="blue">{t("records.handovers.handedOver")}</Tag>
              ),
          },
          {
            key: "who",
            title: t("records.handovers.who"),
            render: (_, row) =>
              row.handover ? (
                <span>
                  {t("records.handovers.preparedBy", {
                    name: row.handover.preparedByName ?? "—",
                    time: formatDateTime(row.handover.preparedAt, locale, timeZone),
                  })}
                  {row.handover.receivedAt ? (
                    <>
                      <br />
                      {t("records.handovers.receivedBy", {
                        name: row.handover.receivedByName ?? "—",
                        time: formatDateTime(row.handover.receivedAt, locale, timeZone),
                      })}
                    </>
                  ) : null}
                </span>
              ) : (
                "—"
              ),
          },
          {
            key: "actions",
            title: t("common.actions"),
            render: (_, row) =>
              row.handover ? (
                <Link to={`/records/handovers/${row.handover.id}`}>{t("records.handovers.open")}</Link>
              ) : can(me, "records.handover") && row.completedCases > 0 ? (
                <Button size="small" type="primary" onClick={() => setPreparing(row.period)}>
                  {t("records.handovers.handOver")}
                </Button>
              ) : null,
          },
        ]}
      />
      {preparing ? <PrepareModal period={preparing} onClose={() => setPreparing(null)} /> : null}
    </Space>
  );
}

function PrepareModal({ period, onClose }: { period: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const prepare = usePrepareHandover();
  const [note, setNote] = useState("");
  return (
    <Modal
      open
      title={t("records.handovers.confirmTitle", { period })}
      okText={t("records.handovers.handOver")}
      confirmLoading={prepare.isPending}
      onCancel={onClose}
      onOk={() =>
        prepare.mutate(
          { period, ...(note.trim() ? { note: note.trim() } : {}) },
          {
            onSuccess: (batch) => {
              success(t("records.handovers.done", { total: batch.caseCount }));
              onClose();
            },
            onError: failure,
          },
        )
      }
    >
      <Typography.Paragraph>{t("records.handovers.confirmText")}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t("records.handovers.note")}
        placeholder={t("records.handovers.note")}
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
    </Modal>
  );
}
