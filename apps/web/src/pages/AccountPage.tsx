import { Card, Descriptions, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type ChangePasswordInput, useChangePassword, useMe } from "../api/session";
import { homePathOf } from "../auth/permissions";
import { FormActions } from "../components/FormActions";
import { useFeedback } from "../components/feedback";
import { useRules } from "../components/formRules";
import { NewPasswordFields } from "../components/NewPasswordFields";

interface PasswordForm extends ChangePasswordInput {
  confirmPassword: string;
}

export function AccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rules = useRules();
  const { data: me } = useMe();
  const change = useChangePassword();
  const { success, failure } = useFeedback();
  const [form] = Form.useForm<PasswordForm>();
  const home = me ? homePathOf(me) : "/";

  return (
    <div style={{ maxWidth: 520 }}>
      <Typography.Title level={3}>{t("account.title")}</Typography.Title>
      {me ? (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: "name", label: t("users.displayName"), children: me.displayName },
            { key: "username", label: t("users.username"), children: me.username },
          ]}
        />
      ) : null}
      <Card>
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          onFinish={(values) =>
            change.mutate(
              { currentPassword: values.currentPassword, newPassword: values.newPassword },
              {
                onSuccess: () => {
                  success(t("account.changed"));
                  form.resetFields();
                  void navigate(home);
                },
                onError: (error) => {
                  failure(error);
                  form.setFieldValue("currentPassword", "");
                },
              },
            )
          }
        >
          <Form.Item
            name="currentPassword"
            label={t("account.currentPassword")}
            rules={[rules.required(t("account.currentPassword"))]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <NewPasswordFields
            name="newPassword"
            label={t("account.newPassword")}
            confirmName="confirmPassword"
            confirmLabel={t("account.confirmPassword")}
          />
          <FormActions
            saving={change.isPending}
            onCancel={() => void navigate(home)}
            submitLabel={t("account.submit")}
          />
        </Form>
      </Card>
    </div>
  );
}
