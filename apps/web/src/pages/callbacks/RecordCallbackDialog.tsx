import type { CallbackMethod, CallbackResultInput, Satisfaction } from "@estate-desk/domain";
import { Form, Input, Modal, Radio } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadPhoto } from "../../api/cases";
import { useFeedback } from "../../components/feedback";
import { SignaturePad, type SignaturePadHandle } from "../repairs/SignaturePad";

export type QuickOutcome = Satisfaction | "unreachable" | "reply_later";

interface Values {
  method: CallbackMethod;
  outcome: QuickOutcome;
  opinion?: string;
  replyQuestion?: string;
  /** `YYYY-MM-DDTHH:mm` in the browser's time zone (an <input type="datetime-local">). */
  replyDueAt?: string;
}

/**
 * Recording a callback: satisfied, basically satisfied,
 * dissatisfied, unreachable, or a question to answer later with its appointed time. On site,
 * the resident signs on the screen; phone and letter take no signature.
 */
export function RecordCallbackDialog(props: {
  open: boolean;
  title: string;
  defaultMethod: CallbackMethod;
  defaultOutcome?: QuickOutcome;
  onCancel: () => void;
  onSubmit: (result: CallbackResultInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const pad = useRef<SignaturePadHandle>(null);
  const [busy, setBusy] = useState(false);
  const method = Form.useWatch("method", form) ?? props.defaultMethod;
  const outcome = Form.useWatch("outcome", form) ?? props.defaultOutcome;

  async function submit(values: Values) {
    setBusy(true);
    try {
      let signatureId: string | undefined;
      if (values.method === "on_site" && values.outcome !== "unreachable") {
        const signature = await pad.current?.toPng();
        if (!signature) {
          feedback.message.error(t("callbacks.record.signatureRequired"));
          return;
        }
        signatureId = (await uploadPhoto(new File([signature], "signature.png", { type: "image/png" }))).id;
      }
      const reached = values.outcome !== "unreachable";
      const result: CallbackResultInput = {
        method: values.method,
        outcome: reached ? "reached" : "unreachable",
        ...(reached && values.outcome !== "reply_later" ? { satisfaction: values.outcome as Satisfaction } : {}),
        ...(values.opinion ? { opinion: values.opinion } : {}),
        ...(signatureId ? { signatureId } : {}),
        ...(values.outcome === "reply_later" && values.replyDueAt
          ? { replyQuestion: values.replyQuestion ?? "", replyDueAt: new Date(values.replyDueAt).toISOString() }
          : {}),
      };
      await props.onSubmit(result);
      feedback.success(t("callbacks.record.saved"));
      form.resetFields();
    } catch (error) {
      feedback.failure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t("callbacks.record.submit")}
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ method: props.defaultMethod, outcome: props.defaultOutcome ?? "satisfied" }}
        onFinish={submit}
      >
        <Form.Item name="method" label={t("callbacks.fields.method")}>
          <Radio.Group
            optionType="button"
            options={(["phone", "on_site", "letter"] as const).map((m) => ({
              value: m,
              label: t(`callbacks.method.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t("callbacks.fields.outcome")}>
          <Radio.Group
            options={(["satisfied", "basically_satisfied", "dissatisfied", "unreachable", "reply_later"] as const).map(
              (o) => ({ value: o, label: t(`callbacks.quick.${o}`) }),
            )}
          />
        </Form.Item>
        {outcome === "reply_later" ? (
          <>
            <Form.Item
              name="replyQuestion"
              label={t("callbacks.fields.replyQuestion")}
              rules={[{ required: true, message: t("callbacks.record.replyQuestionRequired") }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="replyDueAt"
              label={t("callbacks.fields.replyDueAt")}
              rules={[{ required: true, message: t("callbacks.record.replyDueRequired") }]}
            >
              <Input type="datetime-local" data-testid="reply-due-at" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="opinion" label={t("callbacks.fields.opinion")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {method === "on_site" && outcome !== "unreachable" ? (
          <Form.Item label={t("callbacks.fields.signature")} required>
            <SignaturePad ref={pad} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
