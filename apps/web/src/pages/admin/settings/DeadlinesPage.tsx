import { PlusOutlined } from "@ant-design/icons";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  type CaseKind,
  type DeadlinePolicy,
  deadlinePolicyProblems,
  MAX_POLICY_MINUTES,
  URGENCIES,
  URGENCY_LABELS,
  type Urgency,
} from "@estate-desk/domain";
import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCategories } from "../../../api/catalog";
import { useMe } from "../../../api/session";
import {
  type DeadlinePolicyInput,
  useCreateDeadlinePolicy,
  useDeadlinePolicies,
  useDeadlinePreview,
  useDeleteDeadlinePolicy,
  useUpdateDeadlinePolicy,
} from "../../../api/settings";
import { formatDateTime } from "../../../app/format";
import { KindTag, UrgencyTag } from "../../../components/CaseTags";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useErrorText, useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";
import { useRecordActions } from "../../../components/recordActions";
import { useDebouncedValue } from "../../../components/useDebouncedValue";
import { useDrawerState } from "../../../components/useDrawerState";
import { labelText, useLocale } from "../../../i18n";
import { minutesAsHours } from "./calendarEdit";

/** 处理时限: how long each kind, category and urgency may take, in working time (issue #4 item 6). */
export function DeadlinesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const locale = useLocale();
  const { confirmDelete } = useRecordActions();
  const policies = useDeadlinePolicies();
  const remove = useDeleteDeadlinePolicy();
  const drawer = useDrawerState<DeadlinePolicy>();
  const minutes = (value: number | null) =>
    value === null ? "—" : t("deadlines.minutesAndHours", { minutes: value, hours: minutesAsHours(value) });

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("deadlines.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
          {t("deadlines.create")}
        </Button>
      </div>
      <Typography.Text type="secondary">{t("deadlines.intro")}</Typography.Text>
      {policies.isError ? <Typography.Text type="danger">{errorText(policies.error)}</Typography.Text> : null}
      <Table<DeadlinePolicy>
        rowKey="id"
        size="middle"
        loading={policies.isPending}
        dataSource={policies.data ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t("deadlines.empty") }}
        columns={[
          {
            title: t("deadlines.kind"),
            dataIndex: "kind",
            width: 110,
            render: (kind: CaseKind) => <KindTag kind={kind} />,
          },
          {
            title: t("deadlines.category"),
            dataIndex: "categoryName",
            width: 130,
            render: (name: string | null) => name ?? t("deadlines.allCategories"),
          },
          {
            title: t("deadlines.urgency"),
            dataIndex: "urgency",
            width: 100,
            render: (urgency: Urgency | null) =>
              urgency === null ? t("deadlines.allUrgencies") : <UrgencyTag urgency={urgency} />,
          },
          { title: t("deadlines.accept"), dataIndex: "acceptMinutes", width: 150, render: minutes },
          { title: t("deadlines.arrive"), dataIndex: "arriveMinutes", width: 150, render: minutes },
          { title: t("deadlines.result"), dataIndex: "resultMinutes", width: 160, render: minutes },
          {
            title: t("deadlines.warnPercent"),
            dataIndex: "warnPercent",
            width: 80,
            render: (percent: number) => t("deadlines.percent", { percent }),
          },
          { title: t("deadlines.escalateAfter"), dataIndex: "escalateAfterMinutes", width: 150, render: minutes },
          {
            title: t("common.actions"),
            key: "actions",
            fixed: "right",
            width: 130,
            render: (_value, policy) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => drawer.openWith(policy)}>
                  {t("common.edit")}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    confirmDelete({
                      title: t("common.confirmDeleteTitle", {
                        name: `${labelText(CASE_KIND_LABELS[policy.kind], locale)} ${policy.categoryName ?? ""}`.trim(),
                      }),
                      removeRecord: () => remove.mutateAsync(policy.id),
                    })
                  }
                >
                  {t("common.delete")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <PreviewCard />
      <FormDrawer
        open={drawer.open}
        title={drawer.record ? t("deadlines.editTitle") : t("deadlines.createTitle")}
        onClose={drawer.close}
        width={520}
      >
        <PolicyForm policy={drawer.record} onClose={drawer.close} />
      </FormDrawer>
    </Space>
  );
}

/** "From now + N working minutes = …": what a number of minutes means on this calendar. */
function PreviewCard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const [from] = useState(() => new Date().toISOString());
  const [minutes, setMinutes] = useState<number | null>(480);
  const settled = useDebouncedValue(minutes, 300);
  const preview = useDeadlinePreview(from, settled);
  return (
    <Card size="small" title={t("deadlines.preview")}>
      <Space wrap align="center">
        <InputNumber
          aria-label={t("deadlines.previewMinutes")}
          min={0}
          max={MAX_POLICY_MINUTES}
          precision={0}
          value={minutes}
          onChange={(value) => setMinutes(typeof value === "number" ? value : null)}
          style={{ width: 140 }}
        />
        {preview.data && settled !== null ? (
          <Typography.Text strong>
            {t("deadlines.previewResult", {
              minutes: settled,
              time: formatDateTime(preview.data, locale, me?.orgTimeZone ?? "Asia/Shanghai"),
            })}
          </Typography.Text>
        ) : null}
        {preview.isError ? <Typography.Text type="danger">{errorText(preview.error)}</Typography.Text> : null}
      </Space>
    </Card>
  );
}

interface PolicyFormValues {
  kind: CaseKind;
  categoryId?: string | null;
  urgency?: Urgency | null;
  acceptMinutes: number;
  arriveMinutes?: number | null;
  resultMinutes: number;
  warnPercent: number;
  escalateAfterMinutes: number;
}

function PolicyForm({ policy, onClose }: { policy: DeadlinePolicy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<PolicyFormValues>();
  const kind = Form.useWatch("kind", form) ?? policy?.kind ?? "complaint";
  const categories = useCategories(kind, "true");
  const create = useCreateDeadlinePolicy();
  const update = useUpdateDeadlinePolicy();
  const editing = policy !== null;
  const labels: Record<keyof PolicyFormValues, string> = {
    kind: t("deadlines.kind"),
    categoryId: t("deadlines.category"),
    urgency: t("deadlines.urgency"),
    acceptMinutes: t("deadlines.acceptMinutes"),
    arriveMinutes: t("deadlines.arriveMinutes"),
    resultMinutes: t("deadlines.resultMinutes"),
    warnPercent: t("deadlines.warnPercentLabel"),
    escalateAfterMinutes: t("deadlines.escalateAfterLabel"),
  };
  const hours = (name: keyof PolicyFormValues) => (
    <Form.Item noStyle shouldUpdate={(a, b) => a[name] !== b[name]}>
      {() => {
        const value = form.getFieldValue(name);
        return typeof value === "number" ? t("deadlines.hoursApprox", { hours: minutesAsHours(value) }) : null;
      }}
    </Form.Item>
  );
  const minutesField = (name: keyof PolicyFormValues, required: boolean) => (
    <Form.Item
      name={name}
      label={labels[name]}
      extra={hours(name)}
      rules={required ? [{ required: true, message: t("validation.required", { field: labels[name] }) }] : []}
    >
      <InputNumber min={1} max={MAX_POLICY_MINUTES} precision={0} style={{ width: "100%" }} />
    </Form.Item>
  );

  const onFinish = (values: PolicyFormValues) => {
    const arriveMinutes = values.kind === "repair" ? (values.arriveMinutes ?? null) : null;
    // The domain's own consistency check, so the mistake is named before the round trip.
    const problems = deadlinePolicyProblems(values.kind, {
      acceptMinutes: values.acceptMinutes,
      arriveMinutes,
      resultMinutes: values.resultMinutes,
    });
    if (problems.some((problem) => problem.path === "acceptMinutes")) {
      form.setFields([{ name: "acceptMinutes", errors: [t("deadlines.acceptBeforeResult")] }]);
      return;
    }
    if (problems.length > 0) {
      form.setFields([{ name: "arriveMinutes", errors: [t("deadlines.arriveOnlyRepair")] }]);
      return;
    }
    const times = {
      acceptMinutes: values.acceptMinutes,
      arriveMinutes,
      resultMinutes: values.resultMinutes,
      warnPercent: values.warnPercent,
      escalateAfterMinutes: values.escalateAfterMinutes,
    };
    const options = {
      onSuccess: () => {
        success(editing ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (policy) update.mutate({ id: policy.id, ...times }, options);
    else {
      const input: DeadlinePolicyInput = {
        kind: values.kind,
        categoryId: values.categoryId ?? null,
        urgency: values.urgency ?? null,
        ...times,
      };
      create.mutate(input, options);
    }
  };

  return (
    <Form<PolicyFormValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      onFinish={onFinish}
      initialValues={
        policy ?? {
          kind: "complaint",
          categoryId: null,
          urgency: null,
          acceptMinutes: 30,
          resultMinutes: 480,
          warnPercent: 80,
          escalateAfterMinutes: 240,
        }
      }
    >
      {editing ? <Alert type="info" showIcon title={t("deadlines.scopeFixed")} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="kind" label={labels.kind} rules={[rules.select(labels.kind)]}>
        <Select
          disabled={editing}
          onChange={() => form.setFieldValue("categoryId", null)}
          options={CASE_KINDS.map((value) => ({ value, label: labelText(CASE_KIND_LABELS[value], locale) }))}
        />
      </Form.Item>
      <Form.Item name="categoryId" label={labels.categoryId}>
        <Select
          disabled={editing}
          allowClear
          placeholder={t("deadlines.allCategories")}
          loading={categories.isPending}
          showSearch={{ optionFilterProp: "label" }}
          options={[
            ...(categories.data ?? []).map((category) => ({ value: category.id, label: category.name })),
            // A policy's category may have been deactivated since; keep it readable.
            ...(policy?.categoryId && !(categories.data ?? []).some((c) => c.id === policy.categoryId)
              ? [{ value: policy.categoryId, label: policy.categoryName ?? "" }]
              : []),
          ]}
        />
      </Form.Item>
      <Form.Item name="urgency" label={labels.urgency}>
        <Select
          disabled={editing}
          allowClear
          placeholder={t("deadlines.allUrgencies")}
          options={URGENCIES.map((value) => ({ value, label: labelText(URGENCY_LABELS[value], locale) }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t("deadlines.minutesHelp", { hours: 8 })}</Typography.Paragraph>
      {minutesField("acceptMinutes", true)}
      {kind === "repair" ? minutesField("arriveMinutes", false) : null}
      {minutesField("resultMinutes", true)}
      <Form.Item
        name="warnPercent"
        label={labels.warnPercent}
        extra={t("deadlines.warnPercentHelp")}
        rules={[{ required: true, message: t("validation.required", { field: labels.warnPercent }) }]}
      >
        <InputNumber min={1} max={99} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="escalateAfterMinutes"
        label={labels.escalateAfterMinutes}
        extra={t("deadlines.escalateAfterHelp")}
        rules={[{ required: true, message: t("validation.required", { field: labels.escalateAfterMinutes }) }]}
      >
        <InputNumber min={1} max={MAX_POLICY_MINUTES} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />
    </Form>
  );
}
