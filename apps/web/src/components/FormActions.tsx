import { Button, Flex, Form } from "antd";
import { useTranslation } from "react-i18next";

/**
 * Save and cancel inside the form, so Enter in any field submits it (the browser's implicit
 * submission needs a submit button in the form).
 */
export function FormActions({
  saving,
  onCancel,
  submitLabel,
}: {
  saving: boolean;
  onCancel: () => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item style={{ marginTop: 24, marginBottom: 0 }}>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          {submitLabel ?? t("common.save")}
        </Button>
      </Flex>
    </Form.Item>
  );
}
