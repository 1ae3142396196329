import type { CaseSummary } from "@estate-desk/domain";
import { Button, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useIntakeQueue } from "../../api/cases";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { KindTag } from "../../components/CaseTags";
import { useErrorText } from "../../components/feedback";
import { LoadMore } from "../../components/LoadMore";
import { useDrawerState } from "../../components/useDrawerState";
import { useLocale } from "../../i18n";
import { placeText } from "../cases/caseText";
import { CompleteCaseDrawer } from "./CompleteCaseDrawer";

/** Customer service's intake queue: what other departments forwarded, oldest first. */
export function IntakeQueue() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const queue = useIntakeQueue();
  const drawer = useDrawerState<CaseSummary>();

  return (
    <>
      {queue.isError ? <Typography.Text type="danger">{errorText(queue.error)}</Typography.Text> : null}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        loading={queue.isPending}
        dataSource={queue.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("intake.queue.empty") }}
        columns={[
          {
            title: t("cases.number"),
            dataIndex: "number",
            width: 200,
            render: (number: string, row) => (
              <Link to={`/cases/${row.id}`} className="case-number">
                {number}
              </Link>
            ),
          },
          {
            title: t("cases.receivedAt"),
            dataIndex: "receivedAt",
            width: 160,
            render: (value: string) => formatDateTime(value, locale, timeZone),
          },
          {
            title: t("cases.forwardedBy"),
            dataIndex: "forwardedByName",
            width: 120,
            render: (name: string | null) => name ?? "—",
          },
          {
            title: t("cases.kind"),
            dataIndex: "kind",
            width: 110,
            render: (kind: CaseSummary["kind"]) => <KindTag kind={kind} />,
          },
          { title: t("cases.estate"), dataIndex: "estateName", width: 110 },
          { title: t("cases.place"), key: "place", width: 130, render: (_value, row) => placeText(row) },
          { title: t("cases.content"), dataIndex: "content", ellipsis: true },
          {
            title: t("common.actions"),
            key: "actions",
            fixed: "right",
            width: 100,
            render: (_value, row) => (
              <Button type="primary" size="small" onClick={() => drawer.openWith(row)}>
                {t("intake.queue.complete")}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore
        count={queue.items.length}
        hasNextPage={queue.hasNextPage}
        loading={queue.isFetchingNextPage}
        onLoadMore={() => void queue.fetchNextPage()}
      />
      <CompleteCaseDrawer open={drawer.open} summary={drawer.record} onClose={drawer.close} />
    </>
  );
}
