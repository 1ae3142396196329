import type { CaseSummary } from "@estate-desk/domain";
import { Descriptions, Form, Skeleton } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCase, useCompleteCase } from "../../api/cases";
import { type SimilarCase, similarCasesOf } from "../../api/errors";
import { CasePhotos } from "../../components/CasePhotos";
import { ClassificationFields } from "../../components/CasePickers";
import { FormActions } from "../../components/FormActions";
import { FormDrawer } from "../../components/FormDrawer";
import { useFeedback } from "../../components/feedback";
import { SimilarCasesModal } from "../../components/SimilarCasesModal";
import { contactText, placeText } from "../cases/caseText";
import { ContentField, KindSegmented } from "./caseFormFields";
import { buildCompletionBody, type CompletionValues } from "./intakeBody";

/** Customer service completes a forwarded case: classifies it and routes it like its own intake. */
export function CompleteCaseDrawer({
  open,
  summary,
  onClose,
}: {
  open: boolean;
  summary: CaseSummary | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDrawer
      open={open}
      title={t("intake.queue.completeTitle", { number: summary?.number ?? "" })}
      onClose={onClose}
      width={640}
    >
      {summary ? <CompletionForm key={summary.id} summary={summary} onClose={onClose} /> : null}
    </FormDrawer>
  );
}

function CompletionForm({ summary, onClose }: { summary: CaseSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const [form] = Form.useForm<CompletionValues>();
  const detail = useCase(summary.id);
  const complete = useCompleteCase();
  const [similar, setSimilar] = useState<SimilarCase[] | null>(null);
  const kind = Form.useWatch("kind", form) ?? summary.kind;

  const submit = async (acknowledged: boolean) => {
    let values: CompletionValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    complete.mutate(
      { id: summary.id, body: buildCompletionBody(values, acknowledged) },
      {
        onSuccess: (done) => {
          setSimilar(null);
          success(t("intake.queue.completed", { number: done.number }));
          onClose();
        },
        onError: (error) => {
          const cases = similarCasesOf(error);
          if (cases !== null) setSimilar(cases);
          else failure(error);
        },
      },
    );
  };

  return (
    <>
      {detail.isPending ? (
        <Skeleton active />
      ) : (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            {
              key: "forwardedBy",
              label: t("cases.forwardedBy"),
              children:
                [summary.forwardedByName, detail.data?.forwardedByDepartmentName].filter(Boolean).join(" · ") || "—",
            },
            { key: "estate", label: t("cases.estate"), children: summary.estateName },
            { key: "place", label: t("cases.place"), children: placeText(summary) },
            { key: "contact", label: t("cases.contact"), children: contactText(summary) },
            {
              key: "photos",
              label: t("photos.label"),
              children: <CasePhotos photos={detail.data?.photos ?? []} />,
            },
          ]}
        />
      )}
      <Form<CompletionValues>
        form={form}
        name="complete"
        layout="vertical"
        initialValues={{ kind: summary.kind, content: summary.content, urgency: summary.urgency }}
        onFinish={() => void submit(false)}
      >
        <Form.Item name="kind" label={t("cases.kind")}>
          <KindSegmented
            onChange={(next) =>
              form.setFieldsValue({ kind: next, categoryId: undefined, urgency: "normal", departmentId: undefined })
            }
          />
        </Form.Item>
        <ClassificationFields kind={kind} autoFocusCategory />
        <ContentField />
        <FormActions saving={complete.isPending} onCancel={onClose} submitLabel={t("intake.queue.submit")} />
      </Form>
      <SimilarCasesModal
        cases={similar}
        saving={complete.isPending}
        onCancel={() => setSimilar(null)}
        onConfirm={() => void submit(true)}
      />
    </>
  );
}
