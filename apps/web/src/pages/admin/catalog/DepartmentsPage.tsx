import { PlusOutlined } from "@ant-design/icons";
import {
  DEPARTMENT_FUNCTION_LABELS,
  DEPARTMENT_FUNCTIONS,
  type Department,
  type DepartmentFunction,
} from "@estate-desk/domain";
import { Button, Form, Input, Select, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateDepartment, useDeleteDepartment, useDepartments, useUpdateDepartment } from "../../../api/catalog";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { ActiveFilterSelect } from "../../../components/ActiveFilterSelect";
import { ActiveTag } from "../../../components/ActiveTag";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useErrorText, useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";
import { RowActions } from "../../../components/RowActions";
import { useRecordActions } from "../../../components/recordActions";
import { useDrawerState } from "../../../components/useDrawerState";
import { labelText, useLocale } from "../../../i18n";

export function DepartmentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [active, setActive] = useState<ActiveFilter>("all");
  const departments = useDepartments(activeQuery(active));
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const actions = useRecordActions();
  const drawer = useDrawerState<Department>();

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("departments.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <ActiveFilterSelect value={active} onChange={setActive} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
          {t("departments.create")}
        </Button>
      </div>
      {departments.isError ? <Typography.Text type="danger">{errorText(departments.error)}</Typography.Text> : null}
      <Table<Department>
        rowKey="id"
        loading={departments.isPending}
        dataSource={departments.data ?? []}
        pagination={false}
        locale={{ emptyText: t("departments.empty") }}
        columns={[
          { title: t("departments.code"), dataIndex: "code", width: 140 },
          { title: t("departments.name"), dataIndex: "name" },
          {
            title: t("departments.function"),
            dataIndex: "function",
            render: (value: DepartmentFunction) => labelText(DEPARTMENT_FUNCTION_LABELS[value], locale),
          },
          { title: t("departments.memberCount"), dataIndex: "memberCount", width: 90, align: "right" },
          {
            title: t("common.status"),
            dataIndex: "active",
            width: 90,
            render: (value: boolean) => <ActiveTag active={value} />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 140,
            render: (_value, department) => (
              <RowActions
                active={department.active}
                onOpen={() => drawer.openWith(department)}
                target={{
                  name: department.name,
                  setActive: (value) => update.mutateAsync({ id: department.id, active: value }),
                  remove: () => remove.mutateAsync(department.id),
                }}
                actions={actions}
              />
            ),
          },
        ]}
      />
      <FormDrawer
        open={drawer.open}
        title={drawer.record ? t("departments.editTitle") : t("departments.createTitle")}
        onClose={drawer.close}
        width={480}
        audit={drawer.record ? { entityType: "department", entityId: drawer.record.id } : null}
      >
        <DepartmentForm department={drawer.record} onClose={drawer.close} />
      </FormDrawer>
    </>
  );
}

interface DepartmentFormValues {
  code: string;
  name: string;
  function: DepartmentFunction;
}

function DepartmentForm({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<DepartmentFormValues>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const labels = { code: t("departments.code"), name: t("departments.name"), function: t("departments.function") };

  const onFinish = (values: DepartmentFormValues) => {
    const input = { code: values.code.trim(), name: values.name.trim(), function: values.function };
    const options = {
      onSuccess: () => {
        success(department ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (department) update.mutate({ id: department.id, ...input }, options);
    else create.mutate(input, options);
  };

  return (
    <Form<DepartmentFormValues>
      form={form}
      layout="vertical"
      initialValues={department ?? { function: "other" }}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="name" label={labels.name} rules={[rules.required(labels.name), rules.max(50)]}>
        <Input />
      </Form.Item>
      <Form.Item name="code" label={labels.code} rules={[rules.required(labels.code), rules.code]}>
        <Input />
      </Form.Item>
      <Form.Item name="function" label={labels.function} rules={[rules.select(labels.function)]}>
        <Select
          options={DEPARTMENT_FUNCTIONS.map((value) => ({
            value,
            label: labelText(DEPARTMENT_FUNCTION_LABELS[value], locale),
          }))}
        />
      </Form.Item>
      <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />
    </Form>
  );
}
