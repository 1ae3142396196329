import type { Resident } from "@estate-desk/domain";
import { Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCreateResidentAccount } from "../../../api/people";
import { FormActions } from "../../../components/FormActions";
import { focusFirstField } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";

interface AccountFormValues {
  username: string;
  password: string;
}

interface ResidentAccountModalProps {
  resident: Resident | null;
  open: boolean;
  onClose: () => void;
}

/** A portal login for a resident; staff hand over the user name and first password. */
export function ResidentAccountModal({ resident, open, onClose }: ResidentAccountModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t("residents.accountTitle", { name: resident?.name ?? "" })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (opened) focusFirstField(document.querySelector(".resident-account-form"));
      }}
    >
      {resident ? <AccountForm resident={resident} onClose={onClose} /> : null}
    </Modal>
  );
}

function AccountForm({ resident, onClose }: { resident: Resident; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<AccountFormValues>();
  const createAccount = useCreateResidentAccount();
  const labels = { username: t("users.username"), password: t("users.password") };

  return (
    <Form<AccountFormValues>
      form={form}
      className="resident-account-form"
      layout="vertical"
      onFinish={(values) =>
        createAccount.mutate(
          { residentId: resident.id, username: values.username.trim(), password: values.password },
          {
            onSuccess: (account) => {
              success(t("residents.accountCreated", { username: account.username }));
              onClose();
            },
            onError: (error) => {
              markFields(form, error, labels, t("errors.unknown"));
              failure(error);
            },
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("residents.accountHint")}</Typography.Paragraph>
      <Form.Item name="username" label={labels.username} rules={[rules.required(labels.username), rules.username]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="password"
        label={labels.password}
        rules={[rules.required(labels.password), rules.strongPassword]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <FormActions saving={createAccount.isPending} onCancel={onClose} submitLabel={t("residents.createAccount")} />
    </Form>
  );
}
