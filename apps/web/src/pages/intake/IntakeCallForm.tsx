import { ClearOutlined, SaveOutlined } from "@ant-design/icons";
import { CASE_KIND_LABELS, type CaseDetail, CHANNEL_LABELS, STAFF_INTAKE_CHANNELS } from "@estate-desk/domain";
import { Alert, Button, Card, Form, Input, Segmented, Select, Space, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCreateCase, useSimilarCases } from "../../api/cases";
import { useDepartments } from "../../api/catalog";
import { invalidFieldsOf, type SimilarCase, similarCasesOf } from "../../api/errors";
import { useMe } from "../../api/session";
import { isoToZonedLocal } from "../../app/zonedTime";
import { CaseMiniList } from "../../components/CaseMiniList";
import { CaseNumberResult } from "../../components/CaseNumberResult";
import { ClassificationFields } from "../../components/CasePickers";
import { useFeedback } from "../../components/feedback";
import { PhotoUploader } from "../../components/PhotoUploader";
import { SimilarCasesModal } from "../../components/SimilarCasesModal";
import { labelText, useLocale } from "../../i18n";
import { CallerLookup, LOOKUP_INPUT_ID } from "./CallerLookup";
import {
  CASE_FORM_DEFAULTS,
  CallbackFields,
  type CaseFormValues,
  ContactFields,
  ContentField,
  KindSegmented,
  LocationFields,
  MajorComplaintFields,
  toIntakeValues,
} from "./caseFormFields";
import { buildIntakeBody, type StaffChannel } from "./intakeBody";
import { intakeShortcut } from "./intakeShortcuts";
import type { LookupChoice } from "./lookupChoices";

const FORM_NAME = "intake";

/** Fields the server may name in a 400, mapped to the form's fields. */
const SERVER_FIELDS: Record<string, keyof CaseFormValues> = {
  estateId: "estateId",
  unitId: "unit",
  residentId: "resident",
  visitor: "visitorPhone",
  publicArea: "publicArea",
  categoryId: "categoryId",
  departmentId: "departmentId",
  source: "source",
  majorReason: "majorReason",
  content: "content",
  callbackPhone: "callbackPhone",
  receivedAt: "receivedAtLocal",
  forwardedByDepartmentId: "forwardedByDepartmentId",
  forwardedByName: "forwardedByName",
  photoIds: "photos",
};

function focusField(field: keyof CaseFormValues) {
  // antd gives each control the id `<form name>_<field>`.
  window.setTimeout(() => document.getElementById(`${FORM_NAME}_${field}`)?.focus(), 0);
}

/** The phone intake: look the caller up, classify, type what they say, save, read the number back. */
export function IntakeCallForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const { failure } = useFeedback();
  const [form] = Form.useForm<CaseFormValues>();
  const create = useCreateCase();
  const departments = useDepartments("true");
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [similar, setSimilar] = useState<SimilarCase[] | null>(null);
  // A new form (and lookup box) for every call.
  const [callNumber, setCallNumber] = useState(0);

  const kind = Form.useWatch("kind", form) ?? CASE_FORM_DEFAULTS.kind;
  const channel = Form.useWatch("channel", form) ?? CASE_FORM_DEFAULTS.channel;
  const unit = Form.useWatch("unit", form);
  const place = Form.useWatch("place", form);
  const pointedOut = useSimilarCases(kind, place === "unit" ? unit?.id : undefined);

  const setKind = useCallback(
    (next: CaseFormValues["kind"]) => {
      if (form.getFieldValue("kind") === next) return;
      // Categories belong to one kind; urgency and department came from the category.
      form.setFieldsValue({ kind: next, categoryId: undefined, urgency: "normal", departmentId: undefined });
    },
    [form],
  );

  const save = useCallback(
    async (acknowledged: boolean) => {
      let values: CaseFormValues;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      const body = buildIntakeBody(toIntakeValues(values), timeZone, acknowledged);
      create.mutate(body, {
        onSuccess: (detail) => {
          setSimilar(null);
          setDone(detail);
        },
        onError: (error) => {
          const cases = similarCasesOf(error);
          if (cases !== null) {
            setSimilar(cases);
            return;
          }
          setSimilar(null);
          const fields = invalidFieldsOf(error)
            .map((field) => SERVER_FIELDS[field])
            .filter((field) => field !== undefined);
          if (fields.length > 0) {
            form.setFields(fields.map((name) => ({ name, errors: [t("intake.serverRejected")] })));
          }
          failure(error);
        },
      });
    },
    [create, failure, form, t, timeZone],
  );

  const nextCall = useCallback(() => {
    form.resetFields();
    create.reset();
    setDone(null);
    setSimilar(null);
    setCallNumber((count) => count + 1);
  }, [create, form]);

  // Shortcuts work anywhere on the screen, also while typing in the content box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (done !== null) return;
      const shortcut = intakeShortcut(event);
      if (shortcut === null) return;
      event.preventDefault();
      if (shortcut.type === "save") void save(false);
      else if (shortcut.type === "kind") setKind(shortcut.kind);
      else document.getElementById(LOOKUP_INPUT_ID)?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [done, save, setKind]);

  const fillCallbackPhone = (phone: string | null) => {
    if (phone !== null && !form.isFieldTouched("callbackPhone")) form.setFieldValue("callbackPhone", phone);
  };

  const pick = (choice: LookupChoice, typedPhone: string | null) => {
    form.setFieldsValue({
      ...(choice.estateId ? { estateId: choice.estateId } : {}),
      ...(choice.unitId && choice.unitLabel
        ? { place: "unit", unit: { id: choice.unitId, label: choice.unitLabel } }
        : {}),
    });
    if (choice.residentId !== null && choice.name !== null && choice.phone !== null) {
      form.setFieldsValue({
        contact: "resident",
        resident: { id: choice.residentId, name: choice.name, phone: choice.phone, relation: choice.relation },
      });
      // The number they call from may be the alternative one; that is the one to call back.
      fillCallbackPhone(typedPhone ?? choice.phone);
      focusField("categoryId");
    } else {
      form.setFieldsValue({ contact: "visitor", resident: undefined, visitorPhone: typedPhone ?? undefined });
      fillCallbackPhone(typedPhone);
      focusField("visitorName");
    }
  };

  const asVisitor = (typedPhone: string | null) => {
    form.setFieldsValue({ contact: "visitor", resident: undefined, visitorPhone: typedPhone ?? undefined });
    fillCallbackPhone(typedPhone);
    focusField("visitorName");
  };

  if (done !== null) {
    const routing =
      done.kind === "repair"
        ? t("intake.done.dispatched")
        : done.departmentName
          ? t("intake.done.routed", { department: done.departmentName })
          : t("intake.done.registered");
    return (
      <Card>
        <CaseNumberResult
          number={done.number}
          title={t("intake.done.title", { kind: labelText(CASE_KIND_LABELS[done.kind], locale) })}
          hint={t("intake.done.readBack")}
          actions={[
            <Button key="next" type="primary" size="large" autoFocus onClick={nextCall}>
              {t("intake.done.nextCall")}
            </Button>,
            <Link key="open" to={`/cases/${done.id}`}>
              <Button size="large">{t("intake.done.open")}</Button>
            </Link>,
          ]}
        >
          <Typography.Text type="secondary">{routing}</Typography.Text>
          {done.complaint?.isMajor ? (
            <div>
              <Typography.Text type="danger">{t("intake.done.major")}</Typography.Text>
            </div>
          ) : null}
        </CaseNumberResult>
      </Card>
    );
  }

  const similarItems = pointedOut.data ?? [];
  return (
    <Form<CaseFormValues>
      key={callNumber}
      form={form}
      name={FORM_NAME}
      layout="vertical"
      initialValues={CASE_FORM_DEFAULTS}
      onValuesChange={(changed: Partial<CaseFormValues>) => {
        if (changed.visitorPhone !== undefined) fillCallbackPhone(changed.visitorPhone);
      }}
      onFinish={() => void save(false)}
      className="intake-form"
    >
      <Card size="small" title={t("intake.sections.caller")} className="intake-card">
        <CallerLookup key={callNumber} onPick={pick} onVisitor={asVisitor} />
        <ContactFields modes={["resident", "visitor", "anonymous"]} />
      </Card>

      <Card size="small" title={t("intake.sections.case")} className="intake-card">
        <div className="intake-kind-row">
          <Form.Item name="kind" label={t("cases.kind")}>
            <KindSegmented showShortcuts onChange={setKind} />
          </Form.Item>
          <Form.Item name="channel" label={t("cases.channel")}>
            <Segmented<StaffChannel>
              aria-label={t("cases.channel")}
              options={STAFF_INTAKE_CHANNELS.map((value) => ({
                value,
                label: labelText(CHANNEL_LABELS[value], locale),
              }))}
            />
          </Form.Item>
        </div>
        {channel === "forwarded" ? (
          <div className="form-grid">
            <Form.Item
              name="forwardedByDepartmentId"
              label={t("cases.forwardedByDepartment")}
              dependencies={["forwardedByName"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_rule: unknown, value: unknown) => {
                    if (!value && !String(getFieldValue("forwardedByName") ?? "").trim()) {
                      throw new Error(t("intake.forwardedByRequired"));
                    }
                  },
                }),
              ]}
            >
              <Select
                allowClear
                aria-label={t("cases.forwardedByDepartment")}
                showSearch={{ optionFilterProp: "label" }}
                options={(departments.data ?? []).map((department) => ({
                  value: department.id,
                  label: department.name,
                }))}
              />
            </Form.Item>
            <Form.Item name="forwardedByName" label={t("cases.forwardedByName")}>
              <Input autoComplete="off" maxLength={50} />
            </Form.Item>
          </div>
        ) : null}
        {channel !== "phone" ? (
          <Form.Item name="receivedAtLocal" label={t("cases.receivedAt")} extra={t("intake.receivedAtHelp")}>
            <Input type="datetime-local" max={isoToZonedLocal(Date.now(), timeZone)} style={{ maxWidth: 260 }} />
          </Form.Item>
        ) : null}
        <LocationFields />
        <div className="form-grid classification-grid">
          {/* Urgency and department come with the category and rarely change: go on to the content. */}
          <ClassificationFields kind={kind} onCategoryPicked={() => focusField("content")} />
        </div>
        {kind === "complaint" ? <MajorComplaintFields /> : null}
        <ContentField />
        <CallbackFields />
        <Form.Item name="photos" label={t("photos.label")}>
          <PhotoUploader />
        </Form.Item>
        {similarItems.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("intake.similarNotice", { count: similarItems.length })}
            description={<CaseMiniList cases={similarItems} newTab />}
          />
        ) : null}
        <Space wrap>
          <Button type="primary" size="large" htmlType="submit" icon={<SaveOutlined />} loading={create.isPending}>
            {t("intake.save")}
            <kbd className="shortcut-key on-primary">Ctrl+Enter</kbd>
          </Button>
          <Button size="large" icon={<ClearOutlined />} onClick={nextCall}>
            {t("intake.clear")}
          </Button>
        </Space>
      </Card>
      <SimilarCasesModal
        cases={similar}
        saving={create.isPending}
        onCancel={() => setSimilar(null)}
        onConfirm={() => void save(true)}
      />
    </Form>
  );
}
