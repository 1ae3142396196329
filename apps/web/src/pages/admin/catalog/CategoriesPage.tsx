import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  type CaseKind,
  type Category,
  URGENCIES,
  URGENCY_LABELS,
  type Urgency,
} from "@estate-desk/domain";
import { Form, Input, InputNumber, Select, Table, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type CategoryInput,
  useCategories,
  useCreateCategory,
  useDeleteCategory,
  useDepartments,
  useTrades,
  useUpdateCategory,
} from "../../../api/catalog";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { UrgencyTag } from "../../../components/CaseTags";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";
import { PageToolbar } from "../../../components/PageToolbar";
import { QueryErrorText } from "../../../components/QueryErrorText";
import { useRecordColumns } from "../../../components/recordColumns";
import { useDrawerState } from "../../../components/useDrawerState";
import { labelText, useLocale } from "../../../i18n";

export function CategoriesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [kind, setKind] = useState<CaseKind>("complaint");
  const [active, setActive] = useState<ActiveFilter>("all");
  const drawer = useDrawerState<Category>();

  return (
    <>
      <PageToolbar
        title={t("categories.title")}
        active={{ value: active, onChange: setActive }}
        create={{ label: t("categories.create"), onClick: () => drawer.openWith(null) }}
      />
      <Tabs
        activeKey={kind}
        onChange={(key) => setKind(CASE_KINDS.find((candidate) => candidate === key) ?? "complaint")}
        items={CASE_KINDS.map((value) => ({
          key: value,
          label: labelText(CASE_KIND_LABELS[value], locale),
          children: <CategoryTable kind={value} active={active} onOpen={drawer.openWith} />,
        }))}
      />
      <FormDrawer
        open={drawer.open}
        title={drawer.record ? t("categories.editTitle") : t("categories.createTitle")}
        onClose={drawer.close}
        width={520}
        audit={drawer.record ? { entityType: "category", entityId: drawer.record.id } : null}
      >
        <CategoryForm category={drawer.record} kind={kind} onClose={drawer.close} />
      </FormDrawer>
    </>
  );
}

function CategoryTable({
  kind,
  active,
  onOpen,
}: {
  kind: CaseKind;
  active: ActiveFilter;
  onOpen: (category: Category) => void;
}) {
  const { t } = useTranslation();
  const categories = useCategories(kind, activeQuery(active));
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const recordColumns = useRecordColumns<Category>();

  return (
    <>
      <QueryErrorText query={categories} />
      <Table<Category>
        rowKey="id"
        loading={categories.isPending}
        dataSource={categories.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t("categories.empty") }}
        columns={[
          { title: t("categories.sortOrder"), dataIndex: "sortOrder", width: 70, align: "right" },
          { title: t("categories.code"), dataIndex: "code", width: 120 },
          { title: t("categories.name"), dataIndex: "name" },
          {
            title: t("categories.defaultDepartment"),
            dataIndex: "defaultDepartmentName",
            render: (name: string | null) => name ?? "—",
          },
          {
            title: t("categories.defaultTrade"),
            dataIndex: "defaultTradeName",
            render: (name: string | null) => name ?? "—",
          },
          {
            title: t("categories.defaultUrgency"),
            dataIndex: "defaultUrgency",
            width: 110,
            render: (urgency: Urgency) => <UrgencyTag urgency={urgency} />,
          },
          recordColumns.status,
          recordColumns.actions((category) => ({
            onOpen: () => onOpen(category),
            target: {
              name: category.name,
              setActive: (value) => update.mutateAsync({ id: category.id, active: value }),
              remove: () => remove.mutateAsync(category.id),
            },
          })),
        ]}
      />
    </>
  );
}

interface CategoryFormValues {
  kind: CaseKind;
  code: string;
  name: string;
  defaultDepartmentId?: string | null;
  defaultTradeId?: string | null;
  defaultUrgency: Urgency;
  sortOrder?: number | null;
}

function CategoryForm({ category, kind, onClose }: { category: Category | null; kind: CaseKind; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<CategoryFormValues>();
  const departments = useDepartments("true");
  const trades = useTrades("true");
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const labels: Record<string, string> = {
    kind: t("categories.kind"),
    code: t("categories.code"),
    name: t("categories.name"),
    defaultDepartmentId: t("categories.defaultDepartment"),
    defaultTradeId: t("categories.defaultTrade"),
    defaultUrgency: t("categories.defaultUrgency"),
    sortOrder: t("categories.sortOrder"),
  };

  // A deactivated default stays visible on the record it is set on, so keep it as an option.
  const departmentOptions = (departments.data ?? []).map((department) => ({
    value: department.id,
    label: department.name,
  }));
  if (category?.defaultDepartmentId && !departmentOptions.some((o) => o.value === category.defaultDepartmentId)) {
    departmentOptions.push({ value: category.defaultDepartmentId, label: category.defaultDepartmentName ?? "" });
  }
  const tradeOptions = (trades.data ?? []).map((trade) => ({ value: trade.id, label: trade.name }));
  if (category?.defaultTradeId && !tradeOptions.some((o) => o.value === category.defaultTradeId)) {
    tradeOptions.push({ value: category.defaultTradeId, label: category.defaultTradeName ?? "" });
  }

  const onFinish = (values: CategoryFormValues) => {
    const input: Omit<CategoryInput, "kind"> = {
      code: values.code.trim(),
      name: values.name.trim(),
      defaultDepartmentId: values.defaultDepartmentId ?? null,
      defaultTradeId: values.defaultTradeId ?? null,
      defaultUrgency: values.defaultUrgency,
      sortOrder: values.sortOrder ?? 0,
    };
    const options = {
      onSuccess: () => {
        success(category ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (category) update.mutate({ id: category.id, ...input }, options);
    else create.mutate({ kind: values.kind, ...input }, options);
  };

  return (
    <Form<CategoryFormValues>
      form={form}
      layout="vertical"
      initialValues={category ?? { kind, defaultUrgency: "normal", sortOrder: 0 }}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="name" label={labels.name} rules={[rules.required(t("categories.name")), rules.max(50)]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={labels.kind} rules={[rules.select(t("categories.kind"))]}>
        {/* The kind of an existing category cannot change: cases already filed under it depend on it. */}
        <Select
          disabled={category !== null}
          options={CASE_KINDS.map((value) => ({ value, label: labelText(CASE_KIND_LABELS[value], locale) }))}
        />
      </Form.Item>
      <Form.Item name="code" label={labels.code} rules={[rules.required(t("categories.code")), rules.code]}>
        <Input />
      </Form.Item>
      <Form.Item name="defaultDepartmentId" label={labels.defaultDepartmentId}>
        <Select
          allowClear
          loading={departments.isPending}
          options={departmentOptions}
          showSearch={{ optionFilterProp: "label" }}
        />
      </Form.Item>
      <Form.Item name="defaultTradeId" label={labels.defaultTradeId}>
        <Select
          allowClear
          loading={trades.isPending}
          options={tradeOptions}
          showSearch={{ optionFilterProp: "label" }}
        />
      </Form.Item>
      <Form.Item
        name="defaultUrgency"
        label={labels.defaultUrgency}
        rules={[rules.select(t("categories.defaultUrgency"))]}
      >
        <Select options={URGENCIES.map((value) => ({ value, label: labelText(URGENCY_LABELS[value], locale) }))} />
      </Form.Item>
      <Form.Item name="sortOrder" label={labels.sortOrder}>
        <InputNumber min={0} max={100_000} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />
    </Form>
  );
}
