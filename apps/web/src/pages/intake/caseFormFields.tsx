import { CloseOutlined, UserOutlined } from "@ant-design/icons";
import type { CaseKind, CaseSource, ResidentRelation, Upload, Urgency } from "@estate-desk/domain";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  RESIDENT_RELATION_LABELS,
} from "@estate-desk/domain";
import { Button, Checkbox, Form, Input, Segmented, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EstateSelect, type UnitChoice, UnitSearchSelect } from "../../components/CasePickers";
import { useRules } from "../../components/formRules";
import { labelText, useLocale } from "../../i18n";
import type { ContactMode, IntakeValues, PlaceMode, StaffChannel } from "./intakeBody";
import { KIND_SHORTCUT_KEYS } from "./intakeShortcuts";

/** A resident picked from the lookup, shown as a card in the form. */
export interface PickedResident {
  id: string;
  name: string;
  phone: string;
  relation: ResidentRelation | null;
}

/** The values of the case forms as antd holds them; converted to request bodies by intakeBody.ts. */
export interface CaseFormValues {
  kind: CaseKind;
  channel: StaffChannel;
  forwardedByDepartmentId?: string;
  forwardedByName?: string;
  receivedAtLocal?: string;
  estateId?: string;
  place: PlaceMode;
  unit?: UnitChoice;
  publicArea?: string;
  contact: ContactMode;
  resident?: PickedResident;
  visitorName?: string;
  visitorPhone?: string;
  categoryId?: string;
  urgency?: Urgency;
  departmentId?: string;
  source: CaseSource;
  major: boolean;
  majorReason?: string;
  content?: string;
  wantsCallback: boolean;
  callbackPhone?: string;
  callbackNote?: string;
  photos: Upload[];
}

export const CASE_FORM_DEFAULTS: CaseFormValues = {
  kind: "complaint",
  channel: "phone",
  place: "unit",
  contact: "resident",
  // The server's default too; a category then brings its own.
  urgency: "normal",
  source: "resident",
  major: false,
  wantsCallback: true,
  photos: [],
};

export function toIntakeValues(values: CaseFormValues): IntakeValues {
  return {
    ...values,
    unitId: values.unit?.id,
    residentId: values.resident?.id,
    photoIds: values.photos.map((photo) => photo.id),
  };
}

/** 投诉 / 报修 / 意见建议 as one control; with shortcuts, the letter is shown in each option. */
export function KindSegmented({
  value,
  onChange,
  showShortcuts = false,
  block = false,
}: {
  value?: CaseKind;
  onChange?: (kind: CaseKind) => void;
  showShortcuts?: boolean;
  block?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Segmented<CaseKind>
      aria-label={t("cases.kind")}
      size="large"
      block={block}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={CASE_KINDS.map((kind) => ({
        value: kind,
        label: (
          <span>
            {labelText(CASE_KIND_LABELS[kind], locale)}
            {showShortcuts ? <kbd className="shortcut-key">Alt+{KIND_SHORTCUT_KEYS[kind]}</kbd> : null}
          </span>
        ),
      }))}
    />
  );
}

/** The picked resident, or a reminder to look them up. */
function ResidentCard({ value, onChange }: { value?: PickedResident; onChange?: (value: undefined) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!value) return <Typography.Text type="secondary">{t("intake.pickResidentHint")}</Typography.Text>;
  return (
    <div className="picked-resident">
      <UserOutlined />
      <Typography.Text strong>{value.name}</Typography.Text>
      {value.relation ? (
        <Typography.Text>{labelText(RESIDENT_RELATION_LABELS[value.relation], locale)}</Typography.Text>
      ) : null}
      <Typography.Text>{value.phone}</Typography.Text>
      <Button
        type="text"
        size="small"
        icon={<CloseOutlined />}
        aria-label={t("intake.clearResident")}
        onClick={() => onChange?.(undefined)}
      />
    </div>
  );
}

/** Who the case is from: the resident found by the lookup, a visitor, or nobody (anonymous). */
export function ContactFields({ modes }: { modes: readonly ContactMode[] }) {
  const { t } = useTranslation();
  const rules = useRules();
  const form = Form.useFormInstance<CaseFormValues>();
  const contact = Form.useWatch("contact", form);
  return (
    <>
      {modes.length > 1 ? (
        <Form.Item name="contact" label={t("cases.contact")}>
          <Segmented<ContactMode>
            aria-label={t("cases.contact")}
            options={modes.map((mode) => ({ value: mode, label: t(`intake.contactModes.${mode}`) }))}
          />
        </Form.Item>
      ) : null}
      {contact === "resident" ? (
        <Form.Item
          name="resident"
          label={t("cases.resident")}
          rules={[{ required: true, message: t("intake.pickResidentRequired") }]}
        >
          <ResidentCard />
        </Form.Item>
      ) : null}
      {contact === "visitor" ? (
        <div className="form-grid">
          <Form.Item
            name="visitorName"
            label={t("cases.visitorName")}
            rules={[rules.required(t("cases.visitorName")), rules.max(50)]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="visitorPhone"
            label={t("cases.visitorPhone")}
            rules={[rules.required(t("cases.visitorPhone")), rules.phone]}
          >
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
        </div>
      ) : null}
    </>
  );
}

/** Where: the estate, then one unit or a public area. */
export function LocationFields() {
  const { t } = useTranslation();
  const rules = useRules();
  const form = Form.useFormInstance<CaseFormValues>();
  const estateId = Form.useWatch("estateId", form);
  const place = Form.useWatch("place", form);
  return (
    <div className="form-grid">
      <Form.Item name="estateId" label={t("cases.estate")} rules={[rules.select(t("cases.estate"))]}>
        <EstateSelect
          onlyOne={(estate) => form.setFieldValue("estateId", estate.id)}
          onChange={(next) => {
            form.setFieldsValue({ estateId: next, unit: undefined });
          }}
        />
      </Form.Item>
      <Form.Item label={t("cases.place")} required>
        <div className="place-row">
          <Form.Item name="place" noStyle>
            <Segmented<PlaceMode>
              aria-label={t("cases.place")}
              options={[
                { value: "unit", label: t("cases.unit") },
                { value: "public", label: t("cases.publicArea") },
              ]}
            />
          </Form.Item>
          {place === "public" ? (
            <Form.Item name="publicArea" noStyle rules={[rules.required(t("cases.publicArea")), rules.max(200)]}>
              <Input aria-label={t("cases.publicArea")} placeholder={t("cases.publicAreaPlaceholder")} />
            </Form.Item>
          ) : (
            <Form.Item name="unit" noStyle rules={[rules.select(t("cases.unit"))]}>
              <UnitSearchSelect estateId={estateId} />
            </Form.Item>
          )}
        </div>
      </Form.Item>
    </div>
  );
}

/** A complaint's source and the clerk's major-complaint flag, with an optional reason. */
export function MajorComplaintFields() {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const form = Form.useFormInstance<CaseFormValues>();
  const major = Form.useWatch("major", form);
  return (
    <div className="form-grid">
      <Form.Item name="source" label={t("intake.major.source")}>
        <Select<CaseSource>
          aria-label={t("intake.major.source")}
          options={CASE_SOURCES.map((value) => ({ value, label: labelText(CASE_SOURCE_LABELS[value], locale) }))}
        />
      </Form.Item>
      <Form.Item name="major" valuePropName="checked" label={t("intake.major.label")} extra={t("intake.major.help")}>
        <Checkbox>{t("intake.major.flag")}</Checkbox>
      </Form.Item>
      {major ? (
        <Form.Item name="majorReason" label={t("intake.major.reason")} rules={[rules.max(500)]}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            placeholder={t("intake.major.reasonPlaceholder")}
          />
        </Form.Item>
      ) : null}
    </div>
  );
}

/** Whether the resident wants to hear back, and how to reach them. */
export function CallbackFields() {
  const { t } = useTranslation();
  const rules = useRules();
  const form = Form.useFormInstance<CaseFormValues>();
  const wantsCallback = Form.useWatch("wantsCallback", form);
  return (
    <div className="form-grid callback-grid">
      <Form.Item name="wantsCallback" valuePropName="checked" label={t("cases.callback")}>
        <Checkbox>{t("cases.wantsCallback")}</Checkbox>
      </Form.Item>
      {wantsCallback ? (
        <>
          <Form.Item name="callbackPhone" label={t("cases.callbackPhone")} rules={[rules.phone]}>
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item name="callbackNote" label={t("cases.callbackNote")} rules={[rules.max(200)]}>
            <Input placeholder={t("cases.callbackNotePlaceholder")} autoComplete="off" />
          </Form.Item>
        </>
      ) : null}
    </div>
  );
}

/** The case's content: what the caller said. */
export function ContentField({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <Form.Item name="content" label={t("cases.content")} rules={[rules.required(t("cases.content")), rules.max(4000)]}>
      <Input.TextArea
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={4000}
        showCount
        autoFocus={autoFocus}
        placeholder={t("cases.contentPlaceholder")}
      />
    </Form.Item>
  );
}
