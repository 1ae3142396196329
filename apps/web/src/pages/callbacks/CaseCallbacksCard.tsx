import type { Callback, CallbackExemptionReason, CaseDetail } from "@estate-desk/domain";
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCaseCallbacks, useCreateCallback, useRecordExemption } from "../../api/callbacks";
import { uploadPhoto } from "../../api/cases";
import { useFeedback } from "../../components/feedback";
import { RecordCallbackDialog } from "./RecordCallbackDialog";

/** A callback's result in a few words: reached or not, and how satisfied. */
export function CallbackResultTag({ callback }: { callback: Callback }) {
  const { t } = useTranslation();
  if (callback.status === "planned") return <Tag>{t("callbacks.status.planned")}</Tag>;
  if (callback.outcome !== "reached")
    return <Tag color="orange">{t(`callbacks.outcome.${callback.outcome ?? "unreachable"}`)}</Tag>;
  if (!callback.satisfaction) return <Tag color="blue">{t("callbacks.quick.reply_later")}</Tag>;
  const color = callback.satisfaction === "dissatisfied" ? "red" : "green";
  return <Tag color={color}>{t(`callbacks.quick.${callback.satisfaction}`)}</Tag>;
}

/** Every callback of a subject in order, as on the paper form's callback section. */
export function CallbackTable({ items, time }: { items: Callback[]; time: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <Table<Callback>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      locale={{ emptyText: t("callbacks.none") }}
      columns={[
        { key: "sequence", title: "#", dataIndex: "sequence", width: 48 },
        { key: "method", title: t("callbacks.fields.method"), render: (_, c) => t(`callbacks.method.${c.method}`) },
        {
          key: "who",
          title: t("callbacks.fields.performedBy"),
          render: (_, c) =>
            c.performedAt ? `${c.performedByName ?? ""} · ${time(c.performedAt)}` : (c.assigneeName ?? "—"),
        },
        { key: "result", title: t("callbacks.fields.outcome"), render: (_, c) => <CallbackResultTag callback={c} /> },
        {
          key: "opinion",
          title: t("callbacks.fields.opinion"),
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              {c.opinion ? <span>{c.opinion}</span> : null}
              {c.replyQuestion ? (
                <Typography.Text type="secondary">
                  {t("callbacks.replyLine", { question: c.replyQuestion, due: c.replyDueAt ? time(c.replyDueAt) : "" })}
                  {c.repliedAt ? ` ✓ ${time(c.repliedAt)}` : ""}
                </Typography.Text>
              ) : null}
              {c.signatureUrl ? (
                <img src={c.signatureUrl} alt={t("callbacks.fields.signature")} className="callback-signature" />
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/**
 * The callback section of the complaint form (QR-023) or of a repair: the
 * callbacks in order, recording one, and for a complaint the exemption with its reply letter
 * (R-4.4.5).
 */
export function CaseCallbacksCard({
  data,
  canRecord,
  time,
}: {
  data: CaseDetail;
  canRecord: boolean;
  time: (iso: string) => string;
}) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const history = useCaseCallbacks(data.id);
  const create = useCreateCallback();
  const exempt = useRecordExemption();
  const [recording, setRecording] = useState(false);
  const [exempting, setExempting] = useState(false);
  const [letterId, setLetterId] = useState<string | null>(null);
  const [exemptForm] = Form.useForm<{ reason: CallbackExemptionReason; note?: string }>();
  const items = history.data?.items ?? [];
  const exemption = history.data?.exemption ?? null;
  const isComplaint = data.kind === "complaint";
  const workOrderId = data.workOrder?.id;
  const open = data.status !== "closed" && data.status !== "withdrawn";
  const pendingReply = [...items].reverse().find((c) => c.replyDueAt && !c.repliedAt);
  if (!isComplaint && data.kind !== "repair") return null;

  return (
    <Card
      size="small"
      title={t("callbacks.section")}
      data-testid="callback-section"
      extra={
        canRecord && open && !exemption && (isComplaint || workOrderId) ? (
          <Space className="no-print">
            <Button size="small" type="primary" onClick={() => setRecording(true)}>
              {pendingReply ? t("callbacks.actions.followUp") : t("callbacks.actions.record")}
            </Button>
            {isComplaint ? (
              <Button size="small" onClick={() => setExempting(true)}>
                {t("callbacks.actions.exempt")}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      <CallbackTable items={items} time={time} />
      {exemption ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t("callbacks.exemption.line", {
            reason: t(`callbacks.exemption.reason.${exemption.reason}`),
            who: exemption.recordedByName ?? "",
            time: time(exemption.recordedAt),
          })}
          {exemption.note ? ` — ${exemption.note}` : ""}{" "}
          {exemption.letterUrl ? (
            <a href={exemption.letterUrl} target="_blank" rel="noreferrer">
              {t("callbacks.exemption.letter")}
            </a>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      <RecordCallbackDialog
        open={recording}
        title={pendingReply ? t("callbacks.actions.followUp") : t("callbacks.actions.record")}
        defaultMethod={isComplaint ? "phone" : "phone"}
        onCancel={() => setRecording(false)}
        onSubmit={async (result) => {
          await create.mutateAsync({
            subjectType: isComplaint ? "complaint" : "work_order",
            ...(isComplaint ? { caseId: data.id } : { workOrderId }),
            method: result.method ?? "phone",
            ...(pendingReply ? { followUpOfId: pendingReply.id } : {}),
            result,
          });
          setRecording(false);
        }}
      />
      <Modal
        open={exempting}
        title={t("callbacks.actions.exempt")}
        onCancel={() => setExempting(false)}
        onOk={() => exemptForm.submit()}
        confirmLoading={exempt.isPending}
        destroyOnHidden
      >
        <Form
          form={exemptForm}
          layout="vertical"
          onFinish={async (values) => {
            if (!letterId) {
              feedback.message.error(t("callbacks.exemption.letterRequired"));
              return;
            }
            try {
              await exempt.mutateAsync({ caseId: data.id, input: { ...values, letterId } });
              feedback.success(t("callbacks.exemption.saved"));
              setExempting(false);
            } catch (error) {
              feedback.failure(error);
            }
          }}
        >
          <Form.Item name="reason" label={t("callbacks.exemption.reasonLabel")} rules={[{ required: true }]}>
            <Select
              options={(["no_contact", "declined", "written_reply_only"] as const).map((r) => ({
                value: r,
                label: t(`callbacks.exemption.reason.${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t("callbacks.exemption.note")}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t("callbacks.exemption.letter")} required extra={t("callbacks.exemption.letterHint")}>
            <Upload
              accept="application/pdf,image/jpeg,image/png,image/webp"
              maxCount={1}
              customRequest={async ({ file, onSuccess, onError }) => {
                try {
                  const upload = await uploadPhoto(file as File);
                  setLetterId(upload.id);
                  onSuccess?.(upload);
                } catch (error) {
                  feedback.failure(error);
                  onError?.(error as Error);
                }
              }}
            >
              <Button>{t("callbacks.exemption.upload")}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
