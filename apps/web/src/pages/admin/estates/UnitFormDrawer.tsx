import { RESIDENT_RELATION_LABELS, type Unit } from "@estate-desk/domain";
import { Divider, Form, Input, InputNumber, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCreateUnit, useUnit, useUpdateUnit } from "../../../api/places";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";
import { labelText, useLocale } from "../../../i18n";

interface UnitFormValues {
  number: string;
  floor?: number | null;
  areaSquareMetres?: number | null;
}

interface UnitFormDrawerProps {
  open: boolean;
  buildingId: string;
  buildingName: string;
  unit: Unit | null;
  readOnly: boolean;
  onClose: () => void;
}

export function UnitFormDrawer(props: UnitFormDrawerProps) {
  const { t } = useTranslation();
  const { unit } = props;
  return (
    <FormDrawer
      open={props.open}
      title={unit ? `${t("units.editTitle")} · ${unit.label}` : `${t("units.createTitle")} · ${props.buildingName}`}
      onClose={props.onClose}
      width={480}
      audit={unit ? { entityType: "unit", entityId: unit.id } : null}
    >
      <UnitForm {...props} />
      {unit ? <UnitOccupants unitId={unit.id} /> : null}
    </FormDrawer>
  );
}

function UnitForm({ buildingId, unit, readOnly, onClose }: UnitFormDrawerProps) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<UnitFormValues>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const labels = { number: t("units.number"), floor: t("units.floor"), areaSquareMetres: t("units.area") };

  const onFinish = (values: UnitFormValues) => {
    const input = {
      number: values.number.trim(),
      floor: values.floor ?? null,
      areaSquareMetres: values.areaSquareMetres ?? null,
    };
    const options = {
      onSuccess: () => {
        success(unit ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (unit) update.mutate({ id: unit.id, ...input }, options);
    else create.mutate({ buildingId, ...input }, options);
  };

  return (
    <Form<UnitFormValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={unit ?? undefined}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="number" label={labels.number} rules={[rules.required(labels.number), rules.max(30)]}>
        <Input placeholder={t("units.numberPlaceholder")} />
      </Form.Item>
      <Form.Item name="floor" label={labels.floor}>
        <InputNumber min={-10} max={200} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="areaSquareMetres" label={labels.areaSquareMetres}>
        <InputNumber min={0.01} max={100_000} step={0.01} style={{ width: "100%" }} />
      </Form.Item>
      {readOnly ? null : <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />}
    </Form>
  );
}

/** Who lives in the unit, so staff see at once whether it is occupied. */
function UnitOccupants({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const detail = useUnit(unitId);
  if (!detail.data) return null;
  return (
    <>
      <Divider titlePlacement="start">{t("units.residents")}</Divider>
      {detail.data.residents.length === 0 ? (
        <Typography.Text type="secondary">{t("common.none")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={detail.data.residents}
          renderItem={(occupant) => (
            <List.Item key={occupant.residentId}>
              <span>
                {occupant.name} <Typography.Text type="secondary">{occupant.phone}</Typography.Text>
              </span>
              <Tag>{labelText(RESIDENT_RELATION_LABELS[occupant.relation], locale)}</Tag>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
