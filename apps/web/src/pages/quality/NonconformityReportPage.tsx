import { REPORT_SIGNATURE_PARTS, type ReportSignaturePart } from "@estate-desk/domain";
import { Button, Form, Input, Modal, Radio, Space, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  useNonconformity,
  useNonconformityReport,
  useSaveNonconformityReport,
  useSignNonconformityReport,
} from "../../api/quality";
import { uploadSignature } from "../../api/workOrders";
import { useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { SignaturePad, type SignaturePadHandle } from "../repairs/SignaturePad";
import { useHasRole, useWhen } from "./shared";
import "./quality.css";

interface ReportForm {
  description: string;
  causeAnalysis?: string;
  correction?: string;
  correctiveAction?: string;
  verification?: string;
  effective?: boolean | null;
}

/**
 * 不合格报告 TXHY.QR-019, laid out like the paper form for printing, from the typed
 * view model the server also hands the PDF renderer. The customer-service head writes it;
 * the reporter, the responsible party, the verifier and the approver sign their parts.
 */
export function NonconformityReportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const nc = useNonconformity(id);
  const report = useNonconformityReport(id);
  const save = useSaveNonconformityReport(id ?? "");
  const sign = useSignNonconformityReport(id ?? "");
  const when = useWhen();
  const isHead = useHasRole("cs_head");
  const { success, failure } = useFeedback();
  const [editing, setEditing] = useState(false);
  const [signing, setSigning] = useState<ReportSignaturePart | null>(null);
  const pad = useRef<SignaturePadHandle>(null);
  const [form] = Form.useForm<ReportForm>();

  if (nc.isLoading || report.isLoading) return <PageLoading />;
  const view = report.data;

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync(values);
      success(t("common.saved"));
      setEditing(false);
    } catch (error) {
      failure(error);
    }
  };

  const submitSignature = async () => {
    if (!signing) return;
    const png = await pad.current?.toPng();
    if (!png) {
      failure(new Error(t("quality.report.signatureEmpty")));
      return;
    }
    try {
      const signatureUploadId = await uploadSignature(png);
      await sign.mutateAsync({ part: signing, signatureUploadId });
      success(t("common.saved"));
      setSigning(null);
    } catch (error) {
      failure(error);
    }
  };

  const rows: Array<[string, string | null | undefined]> = view
    ? [
        [t("quality.report.description"), view.description],
        [t("quality.report.causeAnalysis"), view.causeAnalysis],
        [t("quality.report.correction"), view.correction],
        [t("quality.report.correctiveAction"), view.correctiveAction],
        [
          t("quality.report.verification"),
          [
            view.verification,
            view.effective === null
              ? null
              : view.effective
                ? t("quality.report.effectiveYes")
                : t("quality.report.effectiveNo"),
          ]
            .filter(Boolean)
            .join(" — "),
        ],
      ]
    : [];

  return (
    <>
      <div className="page-toolbar no-print">
        <Link to={`/quality/nonconformities/${id}`}>{t("common.back")}</Link>
        <span className="page-toolbar-spacer" />
        <Space wrap>
          {isHead && nc.data?.status !== "candidate" ? (
            <Button
              onClick={() => {
                form.setFieldsValue({
                  description: view?.description ?? nc.data?.description ?? "",
                  causeAnalysis: view?.causeAnalysis ?? undefined,
                  correction: view?.correction ?? nc.data?.fixDescription ?? undefined,
                  correctiveAction: view?.correctiveAction ?? undefined,
                  verification: view?.verification ?? undefined,
                  effective: view?.effective ?? null,
                });
                setEditing(true);
              }}
            >
              {t("quality.report.edit")}
            </Button>
          ) : null}
          {view
            ? REPORT_SIGNATURE_PARTS.map((part) => (
                <Button key={part} onClick={() => setSigning(part)}>
                  {t("quality.report.signAs", { part: t(`quality.report.part.${part}`) })}
                </Button>
              ))
            : null}
          {view ? (
            <Button type="primary" onClick={() => window.print()}>
              {t("quality.report.print")}
            </Button>
          ) : null}
        </Space>
      </div>
      {!view ? (
        <Typography.Paragraph type="secondary">{t("quality.report.missing")}</Typography.Paragraph>
      ) : (
        <div className="paper-form">
          <div className="paper-form-code">{view.formCode}</div>
          <h2 className="paper-form-title">{t("quality.report.title")}</h2>
          <table className="paper-form-table">
            <tbody>
              <tr>
                <th>{t("quality.report.organisation")}</th>
                <td>{view.organisationName}</td>
                <th>{t("quality.nc.number")}</th>
                <td>{view.number}</td>
              </tr>
              <tr>
                <th>{t("quality.report.estate")}</th>
                <td>{view.estateName}</td>
                <th>{t("quality.nc.case")}</th>
                <td>{view.caseNumber}</td>
              </tr>
              <tr>
                <th>{t("quality.nc.source")}</th>
                <td>{t(`quality.ncSource.${view.source}`)}</td>
                <th>{t("quality.nc.foundAt")}</th>
                <td>{when(view.foundAt)}</td>
              </tr>
              <tr>
                <th>{t("quality.nc.responsible")}</th>
                <td>{[view.responsibleUserName, view.responsibleDepartmentName].filter(Boolean).join(" / ")}</td>
                <th>{t("quality.nc.due")}</th>
                <td>{when(view.dueAt)}</td>
              </tr>
              {rows.map(([label, text]) => (
                <tr key={label}>
                  <th>{label}</th>
                  <td colSpan={3} className="paper-form-text">
                    {text}
                  </td>
                </tr>
              ))}
              <tr>
                <th>{t("quality.report.signatures")}</th>
                <td colSpan={3}>
                  <div className="paper-form-signatures">
                    {REPORT_SIGNATURE_PARTS.map((part) => {
                      const signature = view.signatures.find((s) => s.part === part);
                      return (
                        <div key={part} className="paper-form-signature">
                          <div>{t(`quality.report.part.${part}`)}</div>
                          {signature ? (
                            <>
                              <img src={signature.imageUrl} alt={signature.name} />
                              <div>
                                {signature.name} {when(signature.signedAt)}
                              </div>
                            </>
                          ) : (
                            <div className="paper-form-blank" />
                          )}
                        </div>
                      );
                    })}
                  </div>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={editing}
        width={720}
        title={t("quality.report.edit")}
        onCancel={() => setEditing(false)}
        onOk={() => void submit()}
        confirmLoading={save.isPending}
        okText={t("common.save")}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="description"
            label={t("quality.report.description")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item name="causeAnalysis" label={t("quality.report.causeAnalysis")}>
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item name="correction" label={t("quality.report.correction")}>
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item name="correctiveAction" label={t("quality.report.correctiveAction")}>
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item name="verification" label={t("quality.report.verification")}>
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item name="effective" label={t("quality.report.effective")}>
            <Radio.Group
              options={[
                { value: true, label: t("quality.report.effectiveYes") },
                { value: false, label: t("quality.report.effectiveNo") },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={signing !== null}
        title={signing ? t("quality.report.signAs", { part: t(`quality.report.part.${signing}`) }) : ""}
        onCancel={() => setSigning(null)}
        onOk={() => void submitSignature()}
        confirmLoading={sign.isPending}
        okText={t("quality.report.sign")}
        destroyOnHidden
      >
        <SignaturePad ref={pad} />
      </Modal>
    </>
  );
}
