import type { CallbackInspectionInput, InspectableCallback } from "@estate-desk/domain";
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  type SampleQuery,
  useCallerInspectionSummary,
  useInspectionSample,
  useInspections,
  useRecordInspection,
} from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import { useActiveStaff } from "./pickers";
import { shiftWeek, useWhen } from "./shared";

/** Monday of the current week in the browser's calendar: the default week to sample. */
function currentMonday(): string {
  const today = new Date();
  const day = today.getDay();
  const monday = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() - (day === 0 ? 6 : day - 1)));
  return monday.toISOString().slice(0, 10);
}

/**
 * 回访检查: the customer-service head draws a random sample of performed callbacks
 * (by caller and week, from a recorded seed), checks each, and records the result per caller;
 * the per-caller summary and history follow.
 */
export function InspectionsPage() {
  const { t } = useTranslation();
  const when = useWhen();
  const [search, setSearch] = useSearchParams();
  const historyCaller = search.get("caller") ?? undefined;
  const staff = useActiveStaff();
  const [filters, setFilters] = useState<{ callerId?: string; weekStart?: string; size: number; seed: string }>({
    weekStart: currentMonday(),
    size: 5,
    seed: "",
  });
  const [query, setQuery] = useState<SampleQuery | null>(null);
  const sample = useInspectionSample(query);
  const summary = useCallerInspectionSummary();
  const history = useInspections(historyCaller);
  const record = useRecordInspection();
  const { success, failure } = useFeedback();
  const [inspecting, setInspecting] = useState<InspectableCallback | null>(null);
  const [form] = Form.useForm<Omit<CallbackInspectionInput, "callbackId" | "sampleSeed">>();

  const draw = (reuseSeed: boolean) =>
    setQuery({
      callerId: filters.callerId,
      weekStart: filters.weekStart,
      size: filters.size,
      seed: reuseSeed && filters.seed.trim() !== "" ? filters.seed.trim() : undefined,
    });

  const submit = async () => {
    if (!inspecting) return;
    const values = await form.validateFields();
    try {
      const finding = values.finding?.trim();
      await record.mutateAsync({
        method: values.method,
        result: values.result,
        ...(finding ? { finding } : {}),
        callbackId: inspecting.id,
        ...(sample.data ? { sampleSeed: sample.data.seed } : {}),
      });
      success(t("quality.inspections.recorded"));
      setInspecting(null);
    } catch (error) {
      failure(error);
    }
  };

  const staffOptions = (staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName }));
  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("quality.inspections.title")}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t("quality.inspections.intro")}</Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            aria-label={t("quality.inspections.caller")}
            placeholder={t("quality.inspections.allCallers")}
            style={{ width: 180 }}
            value={filters.callerId}
            onChange={(callerId: string | undefined) => setFilters({ ...filters, callerId })}
            options={staffOptions}
            showSearch={{ optionFilterProp: "label" }}
          />
          <Space.Compact>
            <Button
              onClick={() =>
                filters.weekStart && setFilters({ ...filters, weekStart: shiftWeek(filters.weekStart, -1) })
              }
            >
              ‹
            </Button>
            <Button
              onClick={() => setFilters({ ...filters, weekStart: filters.weekStart ? undefined : currentMonday() })}
            >
              {t("quality.inspections.week")}: {filters.weekStart ?? t("quality.inspections.anyWeek")}
            </Button>
            <Button
              onClick={() =>
                filters.weekStart && setFilters({ ...filters, weekStart: shiftWeek(filters.weekStart, 1) })
              }
            >
              ›
            </Button>
          </Space.Compact>
          <span>{t("quality.inspections.size")}</span>
          <InputNumber
            min={1}
            max={100}
            value={filters.size}
            onChange={(size) => setFilters({ ...filters, size: size ?? 5 })}
          />
          <Button type="primary" onClick={() => draw(false)}>
            {t("quality.inspections.draw")}
          </Button>
          <Input
            aria-label={t("quality.inspections.seed")}
            placeholder={t("quality.inspections.seed")}
            style={{ width: 220 }}
            value={filters.seed}
            onChange={(event) => setFilters({ ...filters, seed: event.target.value })}
          />
          <Button onClick={() => draw(true)} disabled={filters.seed.trim() === ""}>
            {t("quality.inspections.redraw")}
          </Button>
        </Space>
        {sample.data ? (
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t("quality.inspections.seed")}:{" "}
            <Typography.Text code copyable>
              {sample.data.seed}
            </Typography.Text>{" "}
            <Typography.Text type="secondary">
              {t("quality.inspections.population", { count: sample.data.population })} ·{" "}
              {t("quality.inspections.seedHelp")}
            </Typography.Text>
          </Typography.Paragraph>
        ) : null}
        <Table<InspectableCallback>
          rowKey="id"
          size="small"
          loading={sample.isFetching}
          dataSource={sample.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t("quality.inspections.case"),
              render: (_v, row) =>
                row.caseId ? <Link to={`/cases/${row.caseId}`}>{row.caseNumber}</Link> : row.topicTitle,
            },
            { title: t("quality.inspections.caller"), dataIndex: "callerName" },
            {
              title: t("quality.inspections.performedAt"),
              dataIndex: "performedAt",
              render: (v: string | null) => when(v),
            },
            { title: t("quality.inspections.resident"), dataIndex: "residentName" },
            { title: t("quality.inspections.phone"), dataIndex: "residentPhone" },
            {
              title: t("quality.inspections.satisfaction"),
              dataIndex: "satisfaction",
              render: (value: "satisfied" | null) => (value ? t(`quality.satisfaction.${value}`) : ""),
            },
            { title: t("quality.inspections.opinion"), dataIndex: "opinion", ellipsis: true },
            {
              title: t("common.actions"),
              render: (_v, row) =>
                row.inspected ? (
                  <Tag color="green">{t("quality.inspections.inspected")}</Tag>
                ) : (
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      setInspecting(row);
                    }}
                  >
                    {t("quality.inspections.inspect")}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("quality.inspections.byCaller")} style={{ marginTop: 16 }}>
        <Table
          rowKey="callerId"
          size="small"
          pagination={false}
          dataSource={summary.data ?? []}
          columns={[
            {
              title: t("quality.inspections.caller"),
              dataIndex: "callerName",
              render: (name: string, row) => (
                <Button type="link" onClick={() => setSearch({ caller: row.callerId })}>
                  {name}
                </Button>
              ),
            },
            { title: t("quality.inspections.inspectedCount"), dataIndex: "inspected" },
            { title: t("quality.inspections.passed"), dataIndex: "passed" },
            { title: t("quality.inspections.failed"), dataIndex: "failed" },
            {
              title: t("quality.inspections.lastInspectedAt"),
              dataIndex: "lastInspectedAt",
              render: (v: string | null) => when(v),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("quality.inspections.history")} style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={history.data ?? []}
          columns={[
            { title: t("quality.inspections.inspectedAt"), dataIndex: "inspectedAt", render: (v: string) => when(v) },
            { title: t("quality.inspections.caller"), dataIndex: "callerName" },
            { title: t("quality.inspections.case"), dataIndex: "caseNumber" },
            {
              title: t("quality.inspections.method"),
              dataIndex: "method",
              render: (v: "called_again") => t(`quality.inspections.methods.${v}`),
            },
            {
              title: t("quality.inspections.result"),
              dataIndex: "result",
              render: (v: "passed" | "failed") => (
                <Tag color={v === "passed" ? "green" : "red"}>{t(`quality.inspections.results.${v}`)}</Tag>
              ),
            },
            { title: t("quality.inspections.finding"), dataIndex: "finding" },
            { title: t("quality.inspections.inspector"), dataIndex: "inspectorName" },
            {
              title: t("quality.inspections.nonconformity"),
              dataIndex: "nonconformityId",
              render: (value: string | null) =>
                value ? (
                  <Link to={`/quality/nonconformities/${value}`}>{t("quality.inspections.nonconformity")}</Link>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={inspecting !== null}
        title={`${t("quality.inspections.inspect")} ${inspecting?.caseNumber ?? ""}`}
        onCancel={() => setInspecting(null)}
        onOk={() => void submit()}
        confirmLoading={record.isPending}
        okText={t("common.save")}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ method: "called_again", result: "passed" }}
        >
          <Form.Item name="method" label={t("quality.inspections.method")}>
            <Radio.Group
              options={(["called_again", "reviewed_record"] as const).map((method) => ({
                value: method,
                label: t(`quality.inspections.methods.${method}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="result" label={t("quality.inspections.result")}>
            <Radio.Group
              options={(["passed", "failed"] as const).map((result) => ({
                value: result,
                label: t(`quality.inspections.results.${result}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="finding"
            label={t("quality.inspections.finding")}
            dependencies={["result"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  getFieldValue("result") === "failed" && !value?.trim()
                    ? Promise.reject(new Error(t("quality.inspections.findingRequired")))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
