import type { Inspection } from "@estate-desk/domain";
import { Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useInspections, useOpenInspection } from "../../api/records";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { useErrorText, useFeedback } from "../../components/feedback";
import { LoadErrorResult } from "../../components/Results";
import { useLocale } from "../../i18n";
import { recentPeriods } from "./recordsText";

/**
 * 月度检查: QA's inspections of the register, one per month; QA opens the next one
 * here with a sample size, and the server draws the sample from a recorded seed.
 */
export function InspectionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const list = useInspections();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";

  if (list.isError) return <LoadErrorResult message={errorText(list.error)} onRetry={() => void list.refetch()} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("records.inspections.title")}
        </Typography.Title>
      </div>
      <Typography.Text type="secondary">{t("records.inspections.intro")}</Typography.Text>
      {can(me, "records.inspect") ? <OpenInspectionForm /> : null}
      <Table<Inspection>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            key: "period",
            title: t("records.inspections.period"),
            render: (_, row) => <Link to={`/records/inspections/${row.id}`}>{row.period}</Link>,
          },
          {
            key: "status",
            title: t("records.inspections.status"),
            render: (_, row) =>
              row.status === "open" ? (
                <Tag color="blue">{t("records.inspections.open")}</Tag>
              ) : (
                <Tag color="green">{t("records.inspections.closed")}</Tag>
              ),
          },
          {
            key: "sample",
            title: t("records.inspections.sample"),
            render: (_, row) =>
              t("records.inspections.sampleOf", {
                checked: row.checkedCount,
                sample: row.sampleSize,
                population: row.population,
              }),
          },
          { key: "findings", title: t("records.inspections.findings"), dataIndex: "findingCount" },
          {
            key: "opened",
            title: t("records.inspections.openedAt"),
            render: (_, row) => `${row.openedByName ?? "—"} ${formatDateTime(row.openedAt, locale, timeZone)}`,
          },
        ]}
      />
    </Space>
  );
}

function OpenInspectionForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { failure } = useFeedback();
  const open = useOpenInspection();
  const periods = recentPeriods(new Date(), 12);
  return (
    <Card size="small" title={t("records.inspections.openTitle")}>
      <Form<{ period: string; sampleSize: number }>
        layout="inline"
        initialValues={{ period: periods[1], sampleSize: 10 }}
        onFinish={(values) =>
          open.mutate(values, {
            onSuccess: (inspection) => void navigate(`/records/inspections/${inspection.id}`),
            onError: failure,
          })
        }
      >
        <Form.Item name="period" label={t("records.inspections.period")}>
          <Select
            aria-label={t("records.inspections.period")}
            style={{ width: 140 }}
            options={periods.map((value) => ({ value, label: value }))}
          />
        </Form.Item>
        <Form.Item name="sampleSize" label={t("records.inspections.sampleSize")}>
          <InputNumber min={1} max={200} precision={0} aria-label={t("records.inspections.sampleSize")} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          {t("records.inspections.openButton")}
        </Button>
      </Form>
    </Card>
  );
}
