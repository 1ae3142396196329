import { DownloadOutlined, FileZipOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Input, Progress, Row, Select, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ImportRowError, importErrorsOf } from "../../api/errors";
import { useAllEstates } from "../../api/places";
import { useMe } from "../../api/session";
import {
  downloadWithProgress,
  type RegisterImportResult,
  uploadRegisterImport,
  useMonthlyReports,
} from "../../api/stats";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { useErrorText } from "../../components/feedback";
import { useLocale } from "../../i18n";
import { monthRange } from "../stats/period";

type ImportStep =
  | { kind: "pick" }
  | { kind: "checking"; percent: number }
  | { kind: "preview"; file: File; result: RegisterImportResult }
  | { kind: "invalid"; file: File; errors: ImportRowError[] }
  | { kind: "done"; result: RegisterImportResult };

/** 资料导出 (issue #8): the audit pack, the register as xlsx/PDF, the monthly reports, the historic register import. */
export function ExportsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const estates = useAllEstates();
  const reports = useMonthlyReports();
  const last = monthRange(-1);
  const [from, setFrom] = useState(last.from);
  const [to, setTo] = useState(last.to);
  const [estateId, setEstateId] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<{ what: string; bytes: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<ImportStep>({ kind: "pick" });
  const canImport = me ? can(me, "register.import") : false;

  const download = async (what: string, path: string, fileName: string, query: Record<string, string | undefined>) => {
    setError(null);
    setProgress({ what, bytes: 0 });
    try {
      await downloadWithProgress(path, query, fileName, ({ bytes }) => setProgress({ what, bytes }));
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setProgress(null);
    }
  };

  const runImport = async (chosen: File, dryRun: boolean) => {
    if (!me) return;
    setStep({ kind: "checking", percent: 0 });
    try {
      const result = await uploadRegisterImport(chosen, dryRun, me.csrfToken, (percent) =>
        setStep({ kind: "checking", percent }),
      );
      setStep(dryRun ? { kind: "preview", file: chosen, result } : { kind: "done", result });
    } catch (cause) {
      const errors = importErrorsOf(cause);
      if (errors.length > 0) setStep({ kind: "invalid", file: chosen, errors });
      else {
        setError(errorText(cause));
        setStep({ kind: "pick" });
      }
    }
  };

  const period = { from, to, estateId };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="exports-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("exportsPage.title")}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Input
            type="date"
            aria-label={t("stats.from")}
            value={from}
            onChange={(e) => e.target.value && setFrom(e.target.value)}
          />
          <Input
            type="date"
            aria-label={t("stats.to")}
            value={to}
            onChange={(e) => e.target.value && setTo(e.target.value)}
          />
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t("stats.allEstates")}
            value={estateId ?? null}
            options={(estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name }))}
            onChange={(value) => setEstateId(value ?? undefined)}
          />
        </Space>
      </Card>
      {progress && (
        <Alert
          type="info"
          title={t("exportsPage.downloading", { what: progress.what, size: Math.round(progress.bytes / 1024) })}
          description={<Progress percent={99} status="active" showInfo={false} />}
        />
      )}
      {error && <Alert type="error" title={error} closable onClose={() => setError(null)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("exportsPage.auditPack")}>
            <Typography.Paragraph type="secondary">{t("exportsPage.auditPackHint")}</Typography.Paragraph>
            <Button
              type="primary"
              icon={<FileZipOutlined />}
              disabled={progress !== null}
              onClick={() =>
                download(
                  t("exportsPage.auditPack"),
                  "/api/exports/audit-pack.zip",
                  `audit-pack-${from}-${to}.zip`,
                  period,
                )
              }
            >
              {t("exportsPage.downloadAuditPack")}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("exportsPage.register")}>
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                disabled={progress !== null}
                onClick={() =>
                  download("QR-022 xlsx", "/api/exports/register.xlsx", `QR-022-${from}-${to}.xlsx`, period)
                }
              >
                {t("exportsPage.registerXlsx")}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                disabled={progress !== null}
                onClick={() => download("QR-022 PDF", "/api/register/pdf", `QR-022-${from}-${to}.pdf`, period)}
              >
                {t("exportsPage.registerPdf")}
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("exportsPage.monthlyReports")}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              loading={reports.isLoading}
              dataSource={reports.data?.items ?? []}
              locale={{ emptyText: t("exportsPage.noReports") }}
              columns={[
                { title: t("stats.month"), dataIndex: "month" },
                {
                  title: t("exportsPage.generatedAt"),
                  render: (_, row) => formatDateTime(row.generatedAt, locale, timeZone),
                },
                {
                  title: "SHA-256",
                  render: (_, row) => <Typography.Text code>{row.sha256.slice(0, 12)}…</Typography.Text>,
                },
                {
                  title: t("common.actions"),
                  render: (_, row) => (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() =>
                        download(row.month, `/api/reports/monthly/${row.id}/pdf`, `monthly-report-${row.month}.pdf`, {})
                      }
                    >
                      PDF
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        {canImport && (
          <Col xs={24} lg={12}>
            <Card size="small" title={t("exportsPage.import")}>
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Typography.Text type="secondary">{t("exportsPage.importHint")}</Typography.Text>
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  maxCount={1}
                  fileList={
                    file
                      ? [{ uid: "chosen", name: file.name, size: file.size, type: file.type, status: "done" as const }]
                      : []
                  }
                  beforeUpload={(chosen) => {
                    setFile(chosen);
                    setStep({ kind: "pick" });
                    return false;
                  }}
                  onRemove={() => {
                    setFile(null);
                    setStep({ kind: "pick" });
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t("exportsPage.pickFile")}</p>
                </Upload.Dragger>
                {step.kind === "checking" && <Progress percent={step.percent} status="active" />}
                {step.kind === "pick" && (
                  <Button type="primary" disabled={file === null} onClick={() => file && runImport(file, true)}>
                    {t("exportsPage.check")}
                  </Button>
                )}
                {step.kind === "preview" && (
                  <Alert
                    type="success"
                    title={t("exportsPage.clean", { count: step.result.rowCount })}
                    action={
                      <Button type="primary" onClick={() => runImport(step.file, false)}>
                        {t("exportsPage.confirmImport")}
                      </Button>
                    }
                  />
                )}
                {step.kind === "done" && (
                  <Alert type="success" title={t("exportsPage.imported", { count: step.result.imported })} />
                )}
                {step.kind === "invalid" && (
                  <>
                    <Alert type="error" title={t("exportsPage.invalid", { count: step.errors.length })} />
                    <Table<ImportRowError & { key: number }>
                      size="small"
                      pagination={step.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                      dataSource={step.errors.map((row, index) => ({ ...row, key: index }))}
                      columns={[
                        { title: t("unitImport.row"), dataIndex: "row", width: 70 },
                        {
                          title: t("unitImport.column"),
                          dataIndex: "column",
                          width: 110,
                          render: (column: string | null) => column ?? t("unitImport.sheet"),
                        },
                        {
                          title: t("unitImport.message"),
                          key: "message",
                          render: (_value, row) => (locale === "en" ? row.messageEn : row.message),
                        },
                      ]}
                    />
                  </>
                )}
              </Space>
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
