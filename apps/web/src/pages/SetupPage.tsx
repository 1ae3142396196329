import { TIME_ZONE_DEFAULT } from "@estate-desk/domain";
import { Alert, Button, Card, Divider, Form, Input, Result, Select, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useLogin, useSetup, useSetupStatus } from "../api/session";
import { FormActions } from "../components/FormActions";
import { useErrorText } from "../components/feedback";
import { useRules } from "../components/formRules";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { PageLoading } from "../components/PageLoading";
import { LanguageSwitch } from "../layout/HeaderControls";
import { timeZoneOptions } from "./timeZones";

interface SetupForm {
  orgCode: string;
  orgName: string;
  timeZone: string;
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
}

/** First start of a production install: the organisation and its first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rules = useRules();
  const errorText = useErrorText();
  const status = useSetupStatus();
  const setup = useSetup();
  const login = useLogin();
  const zones = useMemo(() => timeZoneOptions(), []);

  if (status.isPending) return <PageLoading />;
  if (status.data && !status.data.needsSetup && !setup.isSuccess) {
    return (
      <div className="auth-page">
        <Result
          status="info"
          title={t("setup.alreadyDone")}
          subTitle={t("setup.alreadyDoneHint")}
          extra={
            <Link to="/login">
              <Button type="primary">{t("setup.goLogin")}</Button>
            </Link>
          }
        />
      </div>
    );
  }

  const failure = setup.error ?? login.error;
  const onFinish = (values: SetupForm) => {
    setup.mutate(
      {
        organisation: { code: values.orgCode.trim(), name: values.orgName.trim(), timeZone: values.timeZone },
        admin: { username: values.username.trim(), displayName: values.displayName.trim(), password: values.password },
      },
      {
        // Sign the new administrator in straight away: they just typed the password.
        onSuccess: () =>
          login.mutate(
            { username: values.username.trim(), password: values.password },
            { onSuccess: () => void navigate("/", { replace: true }) },
          ),
      },
    );
  };

  return (
    <div className="auth-page">
      <div className="auth-header">
        <LanguageSwitch />
      </div>
      <Card className="auth-card auth-card-wide">
        <Typography.Title level={3}>{t("setup.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("setup.intro")}</Typography.Paragraph>
        {failure ? (
          <Alert type="error" showIcon role="alert" title={errorText(failure)} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<SetupForm>
          layout="vertical"
          initialValues={{ timeZone: TIME_ZONE_DEFAULT }}
          onFinish={onFinish}
          requiredMark="optional"
        >
          <Divider titlePlacement="start">{t("setup.organisation")}</Divider>
          <Form.Item
            name="orgName"
            label={t("setup.orgName")}
            rules={[rules.required(t("setup.orgName")), rules.max(100)]}
          >
            <Input autoFocus />
          </Form.Item>
          <Form.Item
            name="orgCode"
            label={t("setup.orgCode")}
            extra={t("setup.orgCodeHelp")}
            rules={[rules.required(t("setup.orgCode")), rules.code]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="timeZone" label={t("setup.timeZone")} rules={[rules.select(t("setup.timeZone"))]}>
            <Select showSearch options={zones} />
          </Form.Item>
          <Divider titlePlacement="start">{t("setup.admin")}</Divider>
          <Form.Item
            name="displayName"
            label={t("setup.adminDisplayName")}
            rules={[rules.required(t("setup.adminDisplayName")), rules.max(50)]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t("setup.adminUsername")}
            rules={[rules.required(t("setup.adminUsername")), rules.username]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <NewPasswordFields
            name="password"
            label={t("setup.adminPassword")}
            confirmName="passwordConfirm"
            confirmLabel={t("setup.adminPasswordConfirm")}
          />
          <FormActions
            saving={setup.isPending || login.isPending}
            onCancel={() => void navigate("/login")}
            submitLabel={t("setup.submit")}
          />
        </Form>
      </Card>
    </div>
  );
}
