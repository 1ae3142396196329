import { ArrowLeftOutlined } from "@ant-design/icons";
import {
  INSPECTION_CHECKS,
  type InspectionCheck,
  type InspectionDetail,
  type InspectionItem,
  type TrackingCall,
  type TrackingResult,
} from "@estate-desk/domain";
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCheckInspectionItem, useCloseInspection, useInspection, useRecordTrackingCall } from "../../api/records";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { LoadErrorResult } from "../../components/Results";
import { useLocale } from "../../i18n";
import { type CheckValue, fromCheckValue, toCheckValue } from "./recordsText";

const RESULTS: TrackingResult[] = ["satisfied", "neutral", "dissatisfied", "unreachable"];

/** One monthly inspection: the sampled entries with their checklist, findings and QA's tracking calls. */
export function InspectionDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const inspection = useInspection(id);
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const time = (iso: string | null) => (iso ? formatDateTime(iso, locale, timeZone) : "—");

  if (inspection.isPending) return <PageLoading />;
  if (inspection.isError)
    return <LoadErrorResult message={errorText(inspection.error)} onRetry={() => void inspection.refetch()} />;
  const data = inspection.data;
  const editable = data.status === "open" && can(me, "records.inspect");
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Link to="/records/inspections" aria-label={t("records.inspections.title")}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("records.inspections.detailTitle", { period: data.period })}
        </Typography.Title>
        {data.status === "open" ? (
          <Tag color="blue">{t("records.inspections.open")}</Tag>
        ) : (
          <Tag color="green">{t("records.inspections.closed")}</Tag>
        )}
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: "sample",
              label: t("records.inspections.sample"),
              children: t("records.inspections.sampleOf", {
                checked: data.checkedCount,
                sample: data.sampleSize,
                population: data.population,
              }),
            },
            { key: "seed", label: t("records.inspections.seed"), children: <code>{data.seed}</code> },
            {
              key: "opened",
              label: t("records.inspections.openedAt"),
              children: `${data.openedByName ?? "—"} ${time(data.openedAt)}`,
            },
            {
              key: "closed",
              label: t("records.inspections.closedAt"),
              children: data.closedAt ? `${data.closedByName ?? "—"} ${time(data.closedAt)}` : "—",
            },
            { key: "summary", label: t("records.inspections.summary"), children: data.summary ?? "—" },
          ]}
        />
      </Card>
      {/* TODO(#7): callbackDone and nonconformityClosed will be read from the callback and nonconformity records. */}
      <Alert type="info" showIcon message={t("records.inspections.manualChecksNote")} />
      <Card size="small" title={t("records.inspections.items")}>
        <Space orientation="vertical" size="small" style={{ width: "100%" }}>
          {data.items.map((item) => (
            <ItemRow key={item.id} inspectionId={data.id} item={item} editable={editable} time={time} />
          ))}
        </Space>
      </Card>
      <TrackingCalls data={data} editable={editable} time={time} />
      {editable ? <CloseForm id={data.id} /> : null}
    </Space>
  );
}

function ItemRow({
  inspectionId,
  item,
  editable,
  time,
}: {
  inspectionId: string;
  item: InspectionItem;
  editable: boolean;
  time: (iso: string | null) => string;
}) {
  const { t } = useTranslation();
  const yesNo = (value: boolean | null) => (value === null ? "—" : value ? t("common.yes") : t("common.no"));
  const { success, failure } = useFeedback();
  const check = useCheckInspectionItem(inspectionId);
  const [checks, setChecks] = useState(item.checks);
  const [finding, setFinding] = useState(item.finding ?? "");
  const options = [
    { value: "yes", label: t("common.yes") },
    { value: "no", label: t("common.no") },
    { value: "na", label: "—" },
  ];
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`inspection-item-${item.position}`}
      title={
        <Space wrap>
          <span>#{item.position}</span>
          <Link to={`/cases/${item.caseId}`}>{item.caseNumber}</Link>
          <Typography.Text type="secondary">{item.estateName}</Typography.Text>
          {item.checkedAt ? (
            <Tag color="green">
              {t("records.inspections.checkedBy", { name: item.checkedByName ?? "—", time: time(item.checkedAt) })}
            </Tag>
          ) : null}
        </Space>
      }
    >
      <Space wrap size="middle">
        {INSPECTION_CHECKS.map((key: InspectionCheck) => (
          <span key={key} style={{ display: "inline-flex", gap: 6, alignItems: "center" }}>
            <span>{t(`records.inspections.checks.${key}`)}</span>
            <Select<CheckValue>
              size="small"
              style={{ width: 80 }}
              disabled={!editable}
              aria-label={t(`records.inspections.checks.${key}`)}
              value={toCheckValue(checks[key])}
              options={options}
              onChange={(value) => setChecks({ ...checks, [key]: fromCheckValue(value) })}
            />
          </span>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: "8px 0" }}>
        {t("records.inspections.suggested", {
          complete: yesNo(item.suggested.complete),
          routed: yesNo(item.suggested.routedInTime),
          callback: yesNo(item.suggested.callbackDone),
          nonconformity: yesNo(item.suggested.nonconformityClosed),
        })}
      </Typography.Paragraph>
      <Space.Compact style={{ width: "100%" }}>
        <Input
          aria-label={t("records.inspections.finding")}
          placeholder={t("records.inspections.findingPlaceholder")}
          disabled={!editable}
          value={finding}
          maxLength={2000}
          onChange={(event) => setFinding(event.target.value)}
        />
        {editable ? (
          <Button
            type="primary"
            loading={check.isPending}
            onClick={() =>
              check.mutate(
                { itemId: item.id, checks, finding: finding.trim() ? finding.trim() : null },
                { onSuccess: () => success(t("common.saved")), onError: failure },
              )
            }
          >
            {t("common.save")}
          </Button>
        ) : null}
      </Space.Compact>
    </Card>
  );
}

interface CallValues {
  caseId?: string;
  calledName: string;
  calledPhone?: string;
  result: TrackingResult;
  note?: string;
}

function TrackingCalls({
  data,
  editable,
  time,
}: {
  data: InspectionDetail;
  editable: boolean;
  time: (iso: string | null) => string;
}) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const record = useRecordTrackingCall(data.id);
  const [form] = Form.useForm<CallValues>();
  return (
    <Card size="small" title={t("records.inspections.calls")}>
      <Typography.Paragraph type="secondary">{t("records.inspections.callsIntro")}</Typography.Paragraph>
      <Table<TrackingCall>
        rowKey="id"
        size="small"
        dataSource={data.calls}
        pagination={false}
        columns={[
          { key: "at", title: t("records.inspections.calledAt"), render: (_, row) => time(row.calledAt) },
          { key: "case", title: t("cases.number"), render: (_, row) => row.caseNumber ?? "—" },
          { key: "name", title: t("records.inspections.calledName"), dataIndex: "calledName" },
          { key: "phone", title: t("cases.contactPhone"), render: (_, row) => row.calledPhone ?? "—" },
          {
            key: "result",
            title: t("records.inspections.result"),
            render: (_, row) => t(`records.inspections.results.${row.result}`),
          },
          { key: "note", title: t("records.inspections.note"), render: (_, row) => row.note ?? "—" },
          { key: "by", title: t("records.inspections.calledBy"), render: (_, row) => row.calledByName ?? "—" },
        ]}
      />
      {editable ? (
        <Form<CallValues>
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ result: "satisfied" }}
          onFinish={(values) =>
            record.mutate(
              {
                caseId: values.caseId ?? null,
                calledName: values.calledName,
                calledPhone: values.calledPhone?.trim() || null,
                result: values.result,
                note: values.note?.trim() || null,
              },
              {
                onSuccess: () => {
                  form.resetFields();
                  success(t("common.saved"));
                },
                onError: failure,
              },
            )
          }
        >
          <Form.Item name="caseId" label={t("cases.number")}>
            <Select
              allowClear
              style={{ width: 200 }}
              aria-label={t("cases.number")}
              options={data.items.map((item) => ({ value: item.caseId, label: item.caseNumber }))}
            />
          </Form.Item>
          <Form.Item
            name="calledName"
            label={t("records.inspections.calledName")}
            rules={[{ required: true, whitespace: true, message: t("records.inspections.calledNameRequired") }]}
          >
            <Input maxLength={100} aria-label={t("records.inspections.calledName")} />
          </Form.Item>
          <Form.Item name="calledPhone" label={t("cases.contactPhone")}>
            <Input maxLength={30} aria-label={t("cases.contactPhone")} />
          </Form.Item>
          <Form.Item name="result" label={t("records.inspections.result")}>
            <Select
              style={{ width: 140 }}
              aria-label={t("records.inspections.result")}
              options={RESULTS.map((value) => ({ value, label: t(`records.inspections.results.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t("records.inspections.note")}>
            <Input maxLength={1000} aria-label={t("records.inspections.note")} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t("records.inspections.addCall")}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

function CloseForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const close = useCloseInspection(id);
  return (
    <Card size="small" title={t("records.inspections.closeTitle")}>
      <Form<{ summary: string }>
        layout="vertical"
        onFinish={(values) =>
          close.mutate(values, { onSuccess: () => success(t("records.inspections.closedDone")), onError: failure })
        }
      >
        <Form.Item
          name="summary"
          label={t("records.inspections.summary")}
          rules={[{ required: true, whitespace: true, message: t("records.inspections.summaryRequired") }]}
        >
          <Input.TextArea maxLength={4000} aria-label={t("records.inspections.summary")} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={close.isPending}>
          {t("records.inspections.closeButton")}
        </Button>
      </Form>
    </Card>
  );
}
