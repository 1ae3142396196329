import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  RESIDENT_RELATION_LABELS,
  RESIDENT_RELATIONS,
  type Resident,
  type ResidentRelation,
} from "@estate-desk/domain";
import { Button, Card, Flex, Form, Input, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type ResidentInput, useCreateResident, useUpdateResident } from "../../../api/people";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { emptyToNull, normalisePhone, useRules, useServerFieldErrors } from "../../../components/formRules";
import { labelText, useLocale } from "../../../i18n";
import { UnitCascadePicker } from "./UnitCascadePicker";

interface UnitLinkValue {
  unitId?: string;
  relation: ResidentRelation;
  /** Set for links that already exist (shown as text) and filled in by the picker for new ones. */
  label?: string;
  existing?: boolean;
}

interface ResidentFormValues {
  name: string;
  phone: string;
  altPhone?: string;
  note?: string;
  units: UnitLinkValue[];
}

interface ResidentFormDrawerProps {
  open: boolean;
  resident: Resident | null;
  readOnly: boolean;
  onClose: () => void;
}

export function ResidentFormDrawer(props: ResidentFormDrawerProps) {
  const { t } = useTranslation();
  const { resident } = props;
  return (
    <FormDrawer
      open={props.open}
      title={resident ? (props.readOnly ? resident.name : t("residents.editTitle")) : t("residents.createTitle")}
      onClose={props.onClose}
      width={640}
      audit={resident ? { entityType: "resident", entityId: resident.id } : null}
    >
      <ResidentForm {...props} />
    </FormDrawer>
  );
}

function ResidentForm({ resident, readOnly, onClose }: ResidentFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<ResidentFormValues>();
  const create = useCreateResident();
  const update = useUpdateResident();
  const labels: Record<string, string> = {
    name: t("residents.name"),
    phone: t("residents.phone"),
    altPhone: t("residents.altPhone"),
    note: t("residents.note"),
    units: t("residents.units"),
  };
  const relationOptions = RESIDENT_RELATIONS.map((relation) => ({
    value: relation,
    label: labelText(RESIDENT_RELATION_LABELS[relation], locale),
  }));

  const initialValues: Partial<ResidentFormValues> = resident
    ? {
        name: resident.name,
        phone: resident.phone,
        altPhone: resident.altPhone ?? "",
        note: resident.note ?? "",
        units: resident.units.map((unit) => ({
          unitId: unit.unitId,
          relation: unit.relation,
          label: `${unit.estateName} ${unit.label}`,
          existing: true,
        })),
      }
    : { units: [] };

  const onFinish = (values: ResidentFormValues) => {
    // A half-filled picker row (no unit chosen) is dropped rather than sent.
    const links = (values.units ?? []).flatMap((link) =>
      link.unitId ? [{ unitId: link.unitId, relation: link.relation }] : [],
    );
    const input: ResidentInput = {
      name: values.name.trim(),
      phone: normalisePhone(values.phone),
      altPhone: emptyToNull(values.altPhone) === null ? null : normalisePhone(values.altPhone ?? ""),
      note: emptyToNull(values.note),
      units: links,
    };
    const options = {
      onSuccess: () => {
        success(resident ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (resident) update.mutate({ id: resident.id, ...input }, options);
    else create.mutate(input, options);
  };

  return (
    <Form<ResidentFormValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={initialValues}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="name" label={labels.name} rules={[rules.required(t("residents.name")), rules.max(50)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="phone"
          label={labels.phone}
          rules={[rules.required(t("residents.phone")), rules.phone]}
          style={{ flex: "1 1 200px" }}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="altPhone" label={labels.altPhone} rules={[rules.phone]} style={{ flex: "1 1 200px" }}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item name="note" label={labels.note} rules={[rules.max(500)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Typography.Text strong>{labels.units}</Typography.Text>
      <Form.List name="units">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((field) => {
              const existing = form.getFieldValue(["units", field.name, "existing"]) === true;
              const label = form.getFieldValue(["units", field.name, "label"]);
              return (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }}>
                  <Flex gap={8} align="start" wrap>
                    <div style={{ flex: "1 1 300px" }}>
                      {existing ? (
                        <div style={{ lineHeight: "32px" }}>{typeof label === "string" ? label : ""}</div>
                      ) : (
                        <Form.Item
                          name={[field.name, "unitId"]}
                          rules={[rules.select(t("residents.unit"))]}
                          style={{ marginBottom: 0 }}
                        >
                          <UnitCascadePicker />
                        </Form.Item>
                      )}
                    </div>
                    <Form.Item
                      name={[field.name, "relation"]}
                      rules={[rules.select(t("residents.relation"))]}
                      style={{ marginBottom: 0, width: 130 }}
                    >
                      <Select aria-label={t("residents.relation")} options={relationOptions} />
                    </Form.Item>
                    {readOnly ? null : (
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t("residents.removeUnit")}
                        title={t("residents.removeUnit")}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Flex>
                </Card>
              );
            })}
            {readOnly ? null : (
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ relation: "owner" })}>
                {t("residents.addUnit")}
              </Button>
            )}
          </div>
        )}
      </Form.List>
      {readOnly ? null : <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />}
    </Form>
  );
}
