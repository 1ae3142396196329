import { ArrowLeftOutlined } from "@ant-design/icons";
import type { Upload } from "@estate-desk/domain";
import { Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useHandover, useReceiveHandover } from "../../api/records";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { PhotoUploader } from "../../components/PhotoUploader";
import { LoadErrorResult } from "../../components/Results";
import { useLocale } from "../../i18n";

/** One handover batch: its records, and QA's receipt with signature. */
export function HandoverDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const batch = useHandover(id);
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const time = (iso: string | null) => (iso ? formatDateTime(iso, locale, timeZone) : "—");

  if (batch.isPending) return <PageLoading />;
  if (batch.isError) return <LoadErrorResult message={errorText(batch.error)} onRetry={() => void batch.refetch()} />;
  const data = batch.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Link to="/records/handovers" aria-label={t("records.handovers.title")}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("records.handovers.batchTitle", { period: data.period })}
        </Typography.Title>
        {data.status === "received" ? (
          <Tag color="green">{t("records.handovers.received")}</Tag>
        ) : (
          <Tag color="blue">{t("records.handovers.handedOver")}</Tag>
        )}
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: "count", label: t("records.handovers.completed"), children: data.caseCount },
            {
              key: "prepared",
              label: t("records.handovers.preparedAt"),
              children: `${data.preparedByName ?? "—"} ${time(data.preparedAt)}`,
            },
            { key: "note", label: t("records.handovers.note"), children: data.note ?? "—" },
            {
              key: "received",
              label: t("records.handovers.receivedAt"),
              children: data.receivedAt ? `${data.receivedByName ?? "—"} ${time(data.receivedAt)}` : "—",
            },
            { key: "confirmation", label: t("records.handovers.confirmation"), children: data.receiptNote ?? "—" },
            {
              key: "signature",
              label: t("records.handovers.signature"),
              children: data.signatureUploadId ? (
                <img
                  src={`/api/records/handovers/${data.id}/signature`}
                  alt={t("records.handovers.signature")}
                  style={{ maxHeight: 60, background: "#fff" }}
                />
              ) : (
                "—"
              ),
            },
          ]}
        />
      </Card>
      {data.status === "handed_over" && can(me, "records.inspect") ? <ReceiveForm id={data.id} /> : null}
      <Card size="small" title={t("records.handovers.records")}>
        <Typography.Paragraph type="secondary">{t("records.handovers.lockedNote")}</Typography.Paragraph>
        <Table
          rowKey="caseId"
          size="small"
          dataSource={data.cases}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              key: "number",
              title: t("cases.number"),
              render: (_, row) => <Link to={`/cases/${row.caseId}`}>{row.number}</Link>,
            },
            { key: "estate", title: t("cases.estate"), dataIndex: "estateName" },
            { key: "category", title: t("cases.category"), render: (_, row) => row.categoryName ?? "—" },
            { key: "received", title: t("cases.receivedAt"), render: (_, row) => time(row.receivedAt) },
            { key: "closed", title: t("records.handovers.closedAt"), render: (_, row) => time(row.closedAt) },
          ]}
        />
      </Card>
    </Space>
  );
}

interface ReceiveValues {
  confirmation?: string;
  signature?: Upload[];
}

function ReceiveForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const receive = useReceiveHandover(id);
  return (
    <Card size="small" title={t("records.handovers.receiveTitle")}>
      <Form<ReceiveValues>
        layout="vertical"
        onFinish={(values) => {
          const signatureUploadId = values.signature?.[0]?.id;
          const confirmation = values.confirmation?.trim();
          receive.mutate(
            { ...(signatureUploadId ? { signatureUploadId } : {}), ...(confirmation ? { confirmation } : {}) },
            { onSuccess: () => success(t("records.handovers.receivedDone")), onError: failure },
          );
        }}
      >
        <Form.Item
          name="confirmation"
          label={t("records.handovers.confirmation")}
          extra={t("records.handovers.confirmationHelp")}
          rules={[{ required: true, whitespace: true, message: t("records.handovers.confirmationRequired") }]}
        >
          <Input.TextArea maxLength={500} aria-label={t("records.handovers.confirmation")} />
        </Form.Item>
        <Form.Item name="signature" label={t("records.handovers.signature")}>
          <PhotoUploader max={1} camera />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={receive.isPending}>
          {t("records.handovers.receive")}
        </Button>
      </Form>
    </Card>
  );
}
