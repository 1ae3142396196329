import type { Estate } from "@estate-desk/domain";
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { type EstateInput, useCreateEstate, useUpdateEstate } from "../../../api/places";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { emptyToNull, normalisePhone, useRules, useServerFieldErrors } from "../../../components/formRules";

interface EstateFormValues {
  code: string;
  name: string;
  address?: string;
  complaintHotline: string;
  repairHotline: string;
  receptionAddress: string;
}

interface EstateFormDrawerProps {
  open: boolean;
  /** null: create a new estate. */
  estate: Estate | null;
  readOnly: boolean;
  onClose: () => void;
}

export function EstateFormDrawer({ open, estate, readOnly, onClose }: EstateFormDrawerProps) {
  const { t } = useTranslation();
  return (
    <FormDrawer
      open={open}
      title={estate ? (readOnly ? estate.name : t("estates.editTitle")) : t("estates.createTitle")}
      onClose={onClose}
      audit={estate ? { entityType: "estate", entityId: estate.id } : null}
    >
      <EstateForm estate={estate} readOnly={readOnly} onClose={onClose} />
    </FormDrawer>
  );
}

/** Mounted only while the drawer is open, so every opening starts from the record's values. */
function EstateForm({ estate, readOnly, onClose }: Omit<EstateFormDrawerProps, "open">) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<EstateFormValues>();
  const create = useCreateEstate();
  const update = useUpdateEstate();
  const labels: Record<string, string> = {
    code: t("estates.code"),
    name: t("estates.name"),
    address: t("estates.address"),
    complaintHotline: t("estates.complaintHotline"),
    repairHotline: t("estates.repairHotline"),
    receptionAddress: t("estates.receptionAddress"),
  };

  const onFinish = (values: EstateFormValues) => {
    const input: EstateInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      address: emptyToNull(values.address),
      complaintHotline: normalisePhone(values.complaintHotline),
      repairHotline: normalisePhone(values.repairHotline),
      receptionAddress: values.receptionAddress.trim(),
    };
    const options = {
      onSuccess: () => {
        success(estate ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (estate) update.mutate({ id: estate.id, ...input }, options);
    else create.mutate(input, options);
  };

  return (
    <Form<EstateFormValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={estate ?? undefined}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="name" label={labels.name} rules={[rules.required(t("estates.name")), rules.max(100)]}>
        <Input />
      </Form.Item>
      <Form.Item name="code" label={labels.code} rules={[rules.required(t("estates.code")), rules.code]}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={labels.address} rules={[rules.max(200)]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="complaintHotline"
        label={labels.complaintHotline}
        rules={[rules.required(t("estates.complaintHotline")), rules.phone]}
      >
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="repairHotline"
        label={labels.repairHotline}
        rules={[rules.required(t("estates.repairHotline")), rules.phone]}
      >
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="receptionAddress"
        label={labels.receptionAddress}
        rules={[rules.required(t("estates.receptionAddress")), rules.max(200)]}
      >
        <Input />
      </Form.Item>
      {readOnly ? null : <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />}
    </Form>
  );
}
