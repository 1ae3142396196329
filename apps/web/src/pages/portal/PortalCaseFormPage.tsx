import { ArrowLeftOutlined } from "@ant-design/icons";
import { CASE_KINDS, CASE_STATUS_LABELS, type CaseKind, type ResidentCase, type Upload } from "@estate-desk/domain";
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Skeleton, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCreatePortalCase, usePortalCategories } from "../../api/cases";
import { usePortalHome } from "../../api/organisation";
import { CaseNumberResult } from "../../components/CaseNumberResult";
import { useErrorText, useFeedback } from "../../components/feedback";
import { normalisePhone, useRules } from "../../components/formRules";
import { PhotoUploader } from "../../components/PhotoUploader";
import { NotFoundResult } from "../../components/Results";
import { labelText, useLocale } from "../../i18n";
import { useDocumentTitle } from "../../layout/useDocumentTitle";

interface PortalCaseValues {
  unitId?: string;
  categoryId?: string;
  content?: string;
  photos: Upload[];
  wantsCallback: boolean;
  callbackPhone?: string;
}

const TITLE_KEYS = {
  repair: "portalCase.newRepair",
  complaint: "portalCase.newComplaint",
  suggestion: "portalCase.newSuggestion",
} as const satisfies Record<CaseKind, string>;

/** A resident files a repair request, complaint or suggestion for one of their own units, from their phone. */
export function PortalCaseFormPage() {
  const { kind: kindParam } = useParams();
  const kind = CASE_KINDS.find((candidate) => candidate === kindParam);
  if (kind === undefined) return <NotFoundResult homePath="/portal" />;
  return <PortalCaseForm key={kind} kind={kind} />;
}

function PortalCaseForm({ kind }: { kind: CaseKind }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const errorText = useErrorText();
  const { failure } = useFeedback();
  const home = usePortalHome(true);
  const categories = usePortalCategories(kind);
  const create = useCreatePortalCase();
  const [form] = Form.useForm<PortalCaseValues>();
  const [done, setDone] = useState<ResidentCase | null>(null);
  const wantsCallback = Form.useWatch("wantsCallback", form);
  const title = t(TITLE_KEYS[kind]);
  useDocumentTitle(title);

  const units = home.data?.resident.units ?? [];

  if (done) {
    return (
      <Card>
        <CaseNumberResult
          number={done.number}
          title={t("portalCase.done")}
          hint={t("portalCase.doneStatus", { status: labelText(CASE_STATUS_LABELS[done.status], locale) })}
          actions={[
            <Link key="open" to={`/portal/cases/${done.id}`}>
              <Button type="primary" size="large">
                {t("portalCase.viewProgress")}
              </Button>
            </Link>,
            <Link key="home" to="/portal">
              <Button size="large">{t("portalCase.backHome")}</Button>
            </Link>,
          ]}
        >
          <Typography.Text type="secondary">{t("portalCase.doneHint")}</Typography.Text>
        </CaseNumberResult>
      </Card>
    );
  }

  return (
    <div>
      <div className="portal-page-title">
        <Link to="/portal" aria-label={t("common.back")}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </div>
      <Card>
        {home.isPending ? (
          <Skeleton active />
        ) : home.isError ? (
          <Alert type="warning" showIcon title={t("portal.unavailable")} description={errorText(home.error)} />
        ) : units.length === 0 ? (
          <Alert type="info" showIcon title={t("portal.noUnits")} />
        ) : (
          <Form<PortalCaseValues>
            form={form}
            name="portalCase"
            layout="vertical"
            requiredMark={false}
            initialValues={{
              unitId: units.length === 1 ? units[0]?.unitId : undefined,
              photos: [],
              wantsCallback: true,
              callbackPhone: home.data.resident.phone,
            }}
            onFinish={(values) =>
              create.mutate(
                {
                  kind,
                  unitId: values.unitId ?? "",
                  categoryId: values.categoryId ?? "",
                  content: values.content?.trim() ?? "",
                  photoIds: values.photos.map((photo) => photo.id),
                  wantsCallback: values.wantsCallback,
                  callbackPhone:
                    values.wantsCallback && values.callbackPhone ? normalisePhone(values.callbackPhone) : null,
                  callbackNote: null,
                },
                { onSuccess: setDone, onError: failure },
              )
            }
          >
            <Form.Item name="unitId" label={t("portalCase.unit")} rules={[rules.select(t("portalCase.unit"))]}>
              <Radio.Group className="choice-list" aria-label={t("portalCase.unit")}>
                {units.map((unit) => (
                  <Radio.Button key={unit.unitId} value={unit.unitId}>
                    {unit.estateName} {unit.label}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="categoryId"
              label={t("portalCase.category")}
              rules={[rules.select(t("portalCase.category"))]}
            >
              {categories.isPending ? (
                <Skeleton.Input active />
              ) : categories.isError ? (
                <Typography.Text type="danger">{errorText(categories.error)}</Typography.Text>
              ) : (
                <Radio.Group className="choice-grid" aria-label={t("portalCase.category")}>
                  {categories.data.map((category) => (
                    <Radio.Button key={category.id} value={category.id}>
                      {category.name}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              )}
            </Form.Item>
            <Form.Item
              name="content"
              label={t("portalCase.content")}
              rules={[rules.required(t("portalCase.content")), rules.max(4000)]}
            >
              <Input.TextArea
                autoSize={{ minRows: 4, maxRows: 12 }}
                maxLength={4000}
                placeholder={t(`portalCase.contentPlaceholder.${kind}`)}
              />
            </Form.Item>
            <Form.Item name="photos" label={t("photos.label")}>
              <PhotoUploader camera />
            </Form.Item>
            <Form.Item name="wantsCallback" valuePropName="checked">
              <Checkbox>{t("portalCase.wantsCallback")}</Checkbox>
            </Form.Item>
            {wantsCallback ? (
              <Form.Item name="callbackPhone" label={t("portalCase.callbackPhone")} rules={[rules.phone]}>
                <Input inputMode="tel" autoComplete="tel" />
              </Form.Item>
            ) : null}
            <Button type="primary" size="large" block htmlType="submit" loading={create.isPending}>
              {t("portalCase.submit")}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
