import { Form, Input } from "antd";
import { useRules } from "./formRules";

interface NewPasswordFieldsProps {
  /** The form field of the new password and its label. */
  name: string;
  label: string;
  /** The form field that repeats it, so a typing mistake does not lock the user out. */
  confirmName: string;
  confirmLabel: string;
}

/** A new password (checked for strength) and its confirmation (checked to match it). */
export function NewPasswordFields({ name, label, confirmName, confirmLabel }: NewPasswordFieldsProps) {
  const rules = useRules();
  return (
    <>
      <Form.Item name={name} label={label} rules={[rules.required(label), rules.strongPassword]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={confirmName}
        label={confirmLabel}
        dependencies={[name]}
        rules={[rules.required(confirmLabel), rules.sameAs(name)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
