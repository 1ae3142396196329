import {
  DEPARTMENT_FUNCTION_LABELS,
  DEPARTMENT_FUNCTIONS,
  type Department,
  type DepartmentFunction,
} from "@estate-desk/domain";
import { Form, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateDepartment, useDeleteDepartment, useDepartments, useUpdateDepartment } from "../../../api/catalog";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { CodedCatalogPage, CodedRecordForm } from "../../../components/CodedCatalogPage";
import { useRules } from "../../../components/formRules";
import { useDrawerState } from "../../../components/useDrawerState";
import { labelText, useLocale } from "../../../i18n";

export function DepartmentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [active, setActive] = useState<ActiveFilter>("all");
  const departments = useDepartments(activeQuery(active));
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const drawer = useDrawerState<Department>();

  return (
    <CodedCatalogPage<Department>
      texts={{
        title: t("departments.title"),
        create: t("departments.create"),
        empty: t("departments.empty"),
        code: t("departments.code"),
        name: t("departments.name"),
        editTitle: t("departments.editTitle"),
        createTitle: t("departments.createTitle"),
      }}
      active={active}
      onActiveChange={setActive}
      records={departments}
      columns={[
        {
          title: t("departments.function"),
          dataIndex: "function",
          render: (value: DepartmentFunction) => labelText(DEPARTMENT_FUNCTION_LABELS[value], locale),
        },
        { title: t("departments.memberCount"), dataIndex: "memberCount", width: 90, align: "right" },
      ]}
      target={(department) => ({
        name: department.name,
        setActive: (value) => update.mutateAsync({ id: department.id, active: value }),
        remove: () => remove.mutateAsync(department.id),
      })}
      drawer={drawer}
      entityType="department"
    >
      <DepartmentForm department={drawer.record} onClose={drawer.close} />
    </CodedCatalogPage>
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
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const labels = { code: t("departments.code"), name: t("departments.name"), function: t("departments.function") };

  return (
    <CodedRecordForm<DepartmentFormValues>
      editing={department !== null}
      initialValues={department ?? { function: "other" }}
      labels={labels}
      saving={create.isPending || update.isPending}
      onSave={(values, callbacks) => {
        const input = { code: values.code.trim(), name: values.name.trim(), function: values.function };
        if (department) update.mutate({ id: department.id, ...input }, callbacks);
        else create.mutate(input, callbacks);
      }}
      onClose={onClose}
    >
      <Form.Item name="function" label={labels.function} rules={[rules.select(labels.function)]}>
        <Select
          options={DEPARTMENT_FUNCTIONS.map((value) => ({
            value,
            label: labelText(DEPARTMENT_FUNCTION_LABELS[value], locale),
          }))}
        />
      </Form.Item>
    </CodedRecordForm>
  );
}
