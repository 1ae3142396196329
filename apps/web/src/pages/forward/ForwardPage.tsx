import { SendOutlined } from "@ant-design/icons";
import type { CaseDetail } from "@estate-desk/domain";
import { Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useForwardCase } from "../../api/cases";
import { useMe } from "../../api/session";
import { isoToZonedLocal } from "../../app/zonedTime";
import { CaseNumberResult } from "../../components/CaseNumberResult";
import { useFeedback } from "../../components/feedback";
import { PhotoUploader } from "../../components/PhotoUploader";
import {
  CASE_FORM_DEFAULTS,
  CallbackFields,
  type CaseFormValues,
  ContactFields,
  ContentField,
  KindSegmented,
  LocationFields,
  toIntakeValues,
} from "../intake/caseFormFields";
import { buildForwardBody } from "../intake/intakeBody";

const FORWARD_DEFAULTS: CaseFormValues = { ...CASE_FORM_DEFAULTS, contact: "visitor" };

/**
 * 转交: any staff member records a complaint, repair request or suggestion a resident told
 * them, and passes it to customer service, which completes and routes it.
 */
export function ForwardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const { failure } = useFeedback();
  const [form] = Form.useForm<CaseFormValues>();
  const forward = useForwardCase();
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);

  const again = () => {
    form.resetFields();
    forward.reset();
    setDone(null);
    setRound((count) => count + 1);
  };

  return (
    <div style={{ maxWidth: 760 }}>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("forward.title")}
        </Typography.Title>
      </div>
      {done ? (
        <Card>
          <CaseNumberResult
            number={done.number}
            title={t("forward.done")}
            hint={t("forward.doneHint")}
            actions={[
              <Button key="again" type="primary" autoFocus onClick={again}>
                {t("forward.again")}
              </Button>,
              <Link key="open" to={`/cases/${done.id}`}>
                <Button>{t("intake.done.open")}</Button>
              </Link>,
            ]}
          />
        </Card>
      ) : (
        <Card>
          <Typography.Paragraph type="secondary">{t("forward.intro")}</Typography.Paragraph>
          <Form<CaseFormValues>
            key={round}
            form={form}
            name="forward"
            layout="vertical"
            initialValues={FORWARD_DEFAULTS}
            onValuesChange={(changed: Partial<CaseFormValues>) => {
              if (changed.visitorPhone !== undefined && !form.isFieldTouched("callbackPhone")) {
                form.setFieldValue("callbackPhone", changed.visitorPhone);
              }
            }}
            onFinish={(values) =>
              forward.mutate(buildForwardBody(toIntakeValues(values), timeZone), {
                onSuccess: setDone,
                onError: failure,
              })
            }
          >
            <Form.Item name="kind" label={t("cases.kind")}>
              <KindSegmented />
            </Form.Item>
            <LocationFields />
            <ContactFields modes={["visitor", "anonymous"]} />
            <ContentField autoFocus />
            <Form.Item name="receivedAtLocal" label={t("forward.toldAt")} extra={t("forward.toldAtHelp")}>
              <Input type="datetime-local" max={isoToZonedLocal(Date.now(), timeZone)} style={{ maxWidth: 260 }} />
            </Form.Item>
            <CallbackFields />
            <Form.Item name="photos" label={t("photos.label")}>
              <PhotoUploader camera />
            </Form.Item>
            <Button type="primary" size="large" htmlType="submit" icon={<SendOutlined />} loading={forward.isPending}>
              {t("forward.submit")}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
