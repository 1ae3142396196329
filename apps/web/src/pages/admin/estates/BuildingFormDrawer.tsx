import type { Building } from "@estate-desk/domain";
import { Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { useCreateBuilding, useUpdateBuilding } from "../../../api/places";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";

interface BuildingFormValues {
  name: string;
  sortOrder?: number | null;
}

interface BuildingFormDrawerProps {
  open: boolean;
  estateId: string;
  building: Building | null;
  readOnly: boolean;
  onClose: () => void;
  onCreated?: (building: Building) => void;
}

export function BuildingFormDrawer(props: BuildingFormDrawerProps) {
  const { t } = useTranslation();
  const { building } = props;
  return (
    <FormDrawer
      open={props.open}
      title={building ? t("buildings.editTitle") : t("buildings.createTitle")}
      onClose={props.onClose}
      width={480}
      audit={building ? { entityType: "building", entityId: building.id } : null}
    >
      <BuildingForm {...props} />
    </FormDrawer>
  );
}

function BuildingForm({ estateId, building, readOnly, onClose, onCreated }: BuildingFormDrawerProps) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<BuildingFormValues>();
  const create = useCreateBuilding(estateId);
  const update = useUpdateBuilding();
  const labels = { name: t("buildings.name"), sortOrder: t("buildings.sortOrder") };

  const onFinish = (values: BuildingFormValues) => {
    const input = { name: values.name.trim(), sortOrder: values.sortOrder ?? 0 };
    const onError = (error: Error) => {
      markFields(form, error, labels, t("errors.unknown"));
      failure(error);
    };
    if (building) {
      update.mutate(
        { id: building.id, ...input },
        {
          onSuccess: () => {
            success(t("common.saved"));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          success(t("common.created"));
          onCreated?.(created);
          onClose();
        },
        onError,
      });
    }
  };

  return (
    <Form<BuildingFormValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={building ?? { sortOrder: 0 }}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="name" label={labels.name} rules={[rules.required(labels.name), rules.max(50)]}>
        <Input placeholder={t("buildings.namePlaceholder")} />
      </Form.Item>
      <Form.Item name="sortOrder" label={labels.sortOrder}>
        <InputNumber min={0} max={100_000} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      {readOnly ? null : <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />}
    </Form>
  );
}
