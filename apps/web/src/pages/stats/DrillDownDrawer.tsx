import { Button, Drawer, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../../api/session";
import { type FigureQuery, type StatsParams, useFigureCases } from "../../api/stats";
import { formatDateTime } from "../../app/format";
import { KindTag, StatusTag } from "../../components/CaseTags";
import { useErrorText } from "../../components/feedback";
import { useLocale } from "../../i18n";

/** The cases behind one number of the dashboard, each a link to its case page. */
export function DrillDownDrawer({
  params,
  figure,
  onClose,
}: {
  params: StatsParams;
  figure: (FigureQuery & { title: string }) | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const cases = useFigureCases(params, figure);
  return (
    <Drawer
      open={figure !== null}
      onClose={onClose}
      width={760}
      title={figure ? t("stats.drillTitle", { title: figure.title, count: cases.total }) : ""}
      destroyOnHidden
    >
      {cases.error && <Typography.Text type="danger">{errorText(cases.error)}</Typography.Text>}
      <Table
        size="small"
        rowKey="id"
        loading={cases.isLoading}
        pagination={false}
        dataSource={cases.items}
        data-testid="drill-down"
        columns={[
          { title: t("stats.number"), render: (_, row) => <Link to={`/cases/${row.id}`}>{row.number}</Link> },
          { title: t("stats.kind"), render: (_, row) => <KindTag kind={row.kind} /> },
          { title: t("stats.receivedAt"), render: (_, row) => formatDateTime(row.receivedAt, locale, timeZone) },
          { title: t("stats.estate"), dataIndex: "estateName" },
          { title: t("stats.content"), dataIndex: "content", ellipsis: true },
          { title: t("common.status"), render: (_, row) => <StatusTag status={row.status} /> },
        ]}
      />
      {cases.hasNextPage && (
        <Button block style={{ marginTop: 8 }} loading={cases.isFetchingNextPage} onClick={() => cases.fetchNextPage()}>
          {t("stats.more")}
        </Button>
      )}
    </Drawer>
  );
}
