import { Form, Input, Table, type TableColumnsType } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ActiveFilter, AuditEntityType } from "../api/types";
import { FormActions } from "./FormActions";
import { FormDrawer } from "./FormDrawer";
import { useFeedback } from "./feedback";
import { useRules, useServerFieldErrors } from "./formRules";
import { PageToolbar } from "./PageToolbar";
import { QueryErrorText } from "./QueryErrorText";
import type { RowActionTarget } from "./RowActions";
import { useRecordColumns } from "./recordColumns";
import type { useDrawerState } from "./useDrawerState";

/** A record of a small coded catalogue (departments, trades): a code and a name, unique per organisation. */
interface CodedRecord {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

interface CodedCatalogPageProps<T extends CodedRecord> {
  /** The catalogue's own texts, so that each keeps its i18n keys. */
  texts: {
    title: string;
    create: string;
    empty: string;
    code: string;
    name: string;
    editTitle: string;
    createTitle: string;
  };
  active: ActiveFilter;
  onActiveChange: (value: ActiveFilter) => void;
  records: { data: T[] | undefined; isPending: boolean; isError: boolean; error: unknown };
  /** The catalogue's own columns, between the name and the status. */
  columns: TableColumnsType<T>;
  target: (record: T) => RowActionTarget;
  drawer: ReturnType<typeof useDrawerState<T>>;
  entityType: AuditEntityType;
  /** The create/edit form shown in the drawer. */
  children: ReactNode;
}

/** The list of a coded catalogue with its filter, row actions and create/edit drawer. */
export function CodedCatalogPage<T extends CodedRecord>({
  texts,
  active,
  onActiveChange,
  records,
  columns,
  target,
  drawer,
  entityType,
  children,
}: CodedCatalogPageProps<T>) {
  const recordColumns = useRecordColumns<T>();
  return (
    <>
      <PageToolbar
        title={texts.title}
        active={{ value: active, onChange: onActiveChange }}
        create={{ label: texts.create, onClick: () => drawer.openWith(null) }}
      />
      <QueryErrorText query={records} />
      <Table<T>
        rowKey="id"
        loading={records.isPending}
        dataSource={records.data ?? []}
        pagination={false}
        locale={{ emptyText: texts.empty }}
        columns={[
          { title: texts.code, dataIndex: "code", width: 140 },
          { title: texts.name, dataIndex: "name" },
          ...columns,
          recordColumns.status,
          recordColumns.actions((record) => ({ onOpen: () => drawer.openWith(record), target: target(record) })),
        ]}
      />
      <FormDrawer
        open={drawer.open}
        title={drawer.record ? texts.editTitle : texts.createTitle}
        onClose={drawer.close}
        width={480}
        audit={drawer.record ? { entityType, entityId: drawer.record.id } : null}
      >
        {children}
      </FormDrawer>
    </>
  );
}

interface CodedRecordFormProps<V extends { code: string; name: string }> {
  /** Whether an existing record is being changed (the success message differs). */
  editing: boolean;
  initialValues: Partial<V> | undefined;
  /** Field labels by form field, also used to put a server refusal next to its field. */
  labels: { code: string; name: string } & Record<string, string>;
  saving: boolean;
  /** Sends the values; the callbacks report the outcome to the user and close the drawer. */
  onSave: (values: V, callbacks: { onSuccess: () => void; onError: (error: Error) => void }) => void;
  onClose: () => void;
  /** The catalogue's own fields, after name and code. */
  children?: ReactNode;
}

/** The create/edit form of a coded catalogue record: name, code, then the catalogue's own fields. */
export function CodedRecordForm<V extends { code: string; name: string }>({
  editing,
  initialValues,
  labels,
  saving,
  onSave,
  onClose,
  children,
}: CodedRecordFormProps<V>) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<V>();

  const onFinish = (values: V) =>
    onSave(values, {
      onSuccess: () => {
        success(editing ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    });

  return (
    <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional">
      <Form.Item name="name" label={labels.name} rules={[rules.required(labels.name), rules.max(50)]}>
        <Input />
      </Form.Item>
      <Form.Item name="code" label={labels.code} rules={[rules.required(labels.code), rules.code]}>
        <Input />
      </Form.Item>
      {children}
      <FormActions saving={saving} onCancel={onClose} />
    </Form>
  );
}
