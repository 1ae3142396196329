import { SATISFACTIONS, type Satisfaction, type WorkOrderActionInput } from "@estate-desk/domain";
import { Alert, Button, Form, Input, Radio, Rate, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadSignature } from "../../api/workOrders";
import { useErrorText } from "../../components/feedback";
import { SignaturePad, type SignaturePadHandle } from "./SignaturePad";

export type Evaluation = NonNullable<WorkOrderActionInput["evaluation"]>;

interface EvaluationFormProps {
  /** Sends the step; the form has already uploaded the signature. */
  onSubmit: (evaluation: Evaluation) => Promise<unknown>;
  submitLabel: string;
}

/**
 * The customer's evaluation: satisfaction, 1–5 stars, an opinion and the signature
 * drawn on the screen. Used on the worker's phone handed to the customer and in the portal.
 * The signature is uploaded first (POST /api/files) and the step refers to it by id; an empty
 * pad is refused here, before anything is sent.
 */
export function EvaluationForm({ onSubmit, submitLabel }: EvaluationFormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const pad = useRef<SignaturePadHandle>(null);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [stars, setStars] = useState(0);
  const [opinion, setOpinion] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The signature id survives a failed step, so a retry on a bad network does not upload it again.
  const signatureId = useRef<string | null>(null);

  const submit = async () => {
    setProblem(null);
    if (satisfaction === null) return setProblem(t("workOrder.evaluation.satisfactionRequired"));
    if (stars < 1) return setProblem(t("workOrder.evaluation.starsRequired"));
    setBusy(true);
    try {
      if (signatureId.current === null) {
        const png = await pad.current?.toPng();
        if (!png) {
          setProblem(t("workOrder.evaluation.signatureEmpty"));
          return;
        }
        signatureId.current = await uploadSignature(png);
      }
      const text = opinion.trim();
      await onSubmit({
        satisfaction,
        stars,
        signatureId: signatureId.current,
        ...(text === "" ? {} : { opinion: text }),
      });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" className="evaluation-form" onFinish={() => void submit()}>
      <Form.Item label={t("workOrder.evaluation.satisfaction")} required>
        {/* Radio buttons, not Segmented: nothing may look chosen before the customer chooses. */}
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          className="choice-buttons"
          aria-label={t("workOrder.evaluation.satisfaction")}
          value={satisfaction}
          onChange={(event) => setSatisfaction(SATISFACTIONS.find((value) => value === event.target.value) ?? null)}
          options={SATISFACTIONS.map((value) => ({ value, label: t(`workOrder.satisfaction.${value}`) }))}
        />
      </Form.Item>
      <Form.Item label={t("workOrder.evaluation.stars")} required>
        <Rate
          value={stars}
          onChange={setStars}
          className="evaluation-stars"
          aria-label={t("workOrder.evaluation.stars")}
        />
      </Form.Item>
      <Form.Item label={t("workOrder.evaluation.opinion")} htmlFor="evaluation-opinion">
        <Input.TextArea
          id="evaluation-opinion"
          rows={3}
          maxLength={1000}
          value={opinion}
          placeholder={t("workOrder.evaluation.opinionPlaceholder")}
          onChange={(event) => setOpinion(event.target.value)}
        />
      </Form.Item>
      <Form.Item label={t("workOrder.evaluation.signature")} required>
        <Typography.Text type="secondary">{t("workOrder.evaluation.signatureHint")}</Typography.Text>
        <SignaturePad
          ref={pad}
          onChange={(hasInk) => {
            // A new stroke means a new signature: upload it again.
            signatureId.current = null;
            if (hasInk) setProblem(null);
          }}
        />
      </Form.Item>
      {problem ? <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 12 }} /> : null}
      <div className="phone-actions">
        <Button type="primary" size="large" block htmlType="submit" loading={busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
