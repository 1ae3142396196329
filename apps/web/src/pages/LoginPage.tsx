import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../api/errors";
import { type LoginInput, useLogin, useMe, useSetupStatus } from "../api/session";
import { safeNextPath } from "../app/format";
import { homePathOf } from "../auth/permissions";
import { useErrorText } from "../components/feedback";
import { PageLoading } from "../components/PageLoading";
import { LanguageSwitch } from "../layout/HeaderControls";
import { HomeIcon } from "../layout/HomeIcon";
import { useDocumentTitle } from "../layout/useDocumentTitle";

/** Extra advice for refusals where "wrong password" would mislead. */
function hintFor(error: unknown): "auth.lockedHint" | "auth.rateLimitedHint" | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "ACCOUNT_LOCKED") return "auth.lockedHint";
  if (error.code === "RATE_LIMITED") return "auth.rateLimitedHint";
  return null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorText = useErrorText();
  const me = useMe();
  const setup = useSetupStatus();
  const login = useLogin();
  const [form] = Form.useForm<LoginInput>();
  useDocumentTitle(t("auth.title"));

  if (me.isPending || setup.isPending) return <PageLoading />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={safeNextPath(params.get("next")) ?? homePathOf(me.data)} replace />;

  const hint = login.isError ? hintFor(login.error) : null;

  return (
    <div className="auth-page">
      <div className="auth-header">
        <LanguageSwitch />
      </div>
      <Card className="auth-card">
        <div style={{ textAlign: "center", marginBottom: 24 }}>
          <HomeIcon size={48} />
          <Typography.Title level={3} style={{ marginTop: 12, marginBottom: 4 }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("auth.subtitle")}</Typography.Text>
        </div>
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorText(login.error)}
            description={hint ? t(hint) : undefined}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<LoginInput>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) =>
            login.mutate(values, {
              onSuccess: (signedIn) => {
                void navigate(safeNextPath(params.get("next")) ?? homePathOf(signedIn), { replace: true });
              },
              onError: () => form.setFieldValue("password", ""),
            })
          }
        >
          <Form.Item
            name="username"
            label={t("auth.username")}
            rules={[{ required: true, whitespace: true, message: t("auth.usernameRequired") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("auth.password")}
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t("auth.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
