import type { StaffUser } from "@estate-desk/domain";
import { Alert, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useResetUserPassword } from "../../../api/people";
import { FormActions } from "../../../components/FormActions";
import { focusFirstField } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { NewPasswordFields } from "../../../components/NewPasswordFields";

interface ResetPasswordModalProps {
  user: StaffUser | null;
  open: boolean;
  onClose: () => void;
}

export function ResetPasswordModal({ user, open, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t("users.resetPasswordTitle", { name: user?.displayName ?? "" })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (opened) focusFirstField(document.querySelector(".reset-password-form"));
      }}
    >
      {user ? <ResetPasswordForm user={user} onClose={onClose} /> : null}
    </Modal>
  );
}

interface ResetFormValues {
  password: string;
  confirmPassword: string;
}

function ResetPasswordForm({ user, onClose }: { user: StaffUser; onClose: () => void }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const reset = useResetUserPassword();
  return (
    <Form<ResetFormValues>
      className="reset-password-form"
      layout="vertical"
      onFinish={(values) =>
        reset.mutate(
          { id: user.id, password: values.password },
          {
            onSuccess: () => {
              success(t("users.passwordReset"));
              onClose();
            },
            onError: failure,
          },
        )
      }
    >
      <Alert type="info" showIcon title={t("users.resetPasswordHint")} style={{ marginBottom: 16 }} />
      <NewPasswordFields
        name="password"
        label={t("users.newPassword")}
        confirmName="confirmPassword"
        confirmLabel={t("account.confirmPassword")}
      />
      <FormActions saving={reset.isPending} onCancel={onClose} submitLabel={t("users.resetPassword")} />
    </Form>
  );
}
