import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import type { UnitImportResult } from "@estate-desk/domain";
import { Alert, Button, Flex, Modal, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ImportRowError, importErrorsOf } from "../../../api/errors";
import { downloadUnitImportTemplate, useUnitImport } from "../../../api/places";
import { useFeedback } from "../../../components/feedback";
import { useLocale } from "../../../i18n";

type Step =
  | { kind: "pick" }
  | { kind: "preview"; file: File; result: UnitImportResult }
  | { kind: "invalid"; file: File; errors: ImportRowError[] };

interface UnitImportModalProps {
  open: boolean;
  estateId: string;
  onClose: () => void;
}

/**
 * Spreadsheet import in two steps: a dry run shows what would change (or every row error),
 * and only the confirmation writes. The server writes nothing if any row is wrong.
 */
export function UnitImportModal({ open, estateId, onClose }: UnitImportModalProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { success, failure, errorText } = useFeedback();
  const importUnits = useUnitImport(estateId);
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: "pick" });
  const [downloading, setDownloading] = useState(false);

  const reset = () => {
    setFile(null);
    setStep({ kind: "pick" });
    importUnits.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const check = (chosen: File) => {
    importUnits.mutate(
      { file: chosen, dryRun: true },
      {
        onSuccess: (result) => setStep({ kind: "preview", file: chosen, result }),
        onError: (error) => {
          const errors = importErrorsOf(error);
          // Other refusals (not an .xlsx, too large) show in the alert under the file picker.
          if (errors.length > 0) setStep({ kind: "invalid", file: chosen, errors });
        },
      },
    );
  };

  const confirm = (chosen: File) => {
    importUnits.mutate(
      { file: chosen, dryRun: false },
      {
        onSuccess: (result) => {
          success(
            t("unitImport.imported", {
              buildings: result.buildingsCreated.length,
              units: result.unitsCreated,
              skipped: result.unitsSkipped,
            }),
          );
          close();
        },
        onError: (error) => {
          // Someone may have changed the estate since the dry run: show the new errors.
          const errors = importErrorsOf(error);
          if (errors.length > 0) setStep({ kind: "invalid", file: chosen, errors });
          else failure(error);
        },
      },
    );
  };

  const download = async () => {
    setDownloading(true);
    try {
      await downloadUnitImportTemplate(t("unitImport.templateFileName"));
    } catch (error) {
      failure(error);
    } finally {
      setDownloading(false);
    }
  };

  const footer = (() => {
    switch (step.kind) {
      case "pick":
        return [
          <Button key="cancel" onClick={close}>
            {t("common.cancel")}
          </Button>,
          <Button
            key="check"
            type="primary"
            disabled={file === null}
            loading={importUnits.isPending}
            onClick={() => file && check(file)}
          >
            {t("unitImport.check")}
          </Button>,
        ];
      case "preview":
        return [
          <Button key="again" onClick={reset} disabled={importUnits.isPending}>
            {t("unitImport.chooseAnother")}
          </Button>,
          <Button key="confirm" type="primary" loading={importUnits.isPending} onClick={() => confirm(step.file)}>
            {t("unitImport.confirm")}
          </Button>,
        ];
      case "invalid":
        return [
          <Button key="close" onClick={close}>
            {t("common.close")}
          </Button>,
          <Button key="again" type="primary" onClick={reset}>
            {t("unitImport.chooseAnother")}
          </Button>,
        ];
    }
  })();

  return (
    <Modal open={open} title={t("unitImport.title")} onCancel={close} footer={footer} width={680} destroyOnHidden>
      {step.kind === "pick" ? (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Flex gap={12} align="center" wrap>
            <Typography.Text>1. {t("unitImport.step1")}</Typography.Text>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
              {t("unitImport.downloadTemplate")}
            </Button>
          </Flex>
          <Typography.Text>2. {t("unitImport.step2")}</Typography.Text>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={
              file
                ? [{ uid: "chosen", name: file.name, size: file.size, type: file.type, status: "done" as const }]
                : []
            }
            // Keep the file in the browser; it is sent only when the user asks for the check.
            beforeUpload={(chosen) => {
              setFile(chosen);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("unitImport.pickFile")}</p>
            <p className="ant-upload-hint">{t("unitImport.pickFileHint")}</p>
          </Upload.Dragger>
          {importUnits.isError && importErrorsOf(importUnits.error).length === 0 ? (
            <Alert type="error" showIcon title={errorText(importUnits.error)} />
          ) : null}
        </Space>
      ) : null}
      {step.kind === "preview" ? (
        <Alert
          type="success"
          showIcon
          title={t("unitImport.previewTitle")}
          description={
            <Space orientation="vertical" size={4}>
              <span>{step.file.name}</span>
              <span>{t("unitImport.previewRows", { count: step.result.rowCount })}</span>
              <span>
                {step.result.buildingsCreated.length > 0
                  ? t("unitImport.previewBuildings", { names: step.result.buildingsCreated.join("、") })
                  : t("unitImport.previewNoBuildings")}
              </span>
              <span>
                {t("unitImport.previewUnits", {
                  created: step.result.unitsCreated,
                  skipped: step.result.unitsSkipped,
                })}
              </span>
            </Space>
          }
        />
      ) : null}
      {step.kind === "invalid" ? (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Alert
            type="error"
            showIcon
            title={t("unitImport.errorsTitle", { count: step.errors.length })}
            description={`${step.file.name} · ${t("unitImport.errorsHint")}`}
          />
          <Table<ImportRowError & { key: number }>
            size="small"
            pagination={step.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            dataSource={step.errors.map((row, index) => ({ ...row, key: index }))}
            columns={[
              { title: t("unitImport.row"), dataIndex: "row", width: 70 },
              {
                title: t("unitImport.column"),
                dataIndex: "column",
                width: 120,
                render: (column: string | null) => column ?? t("unitImport.sheet"),
              },
              {
                title: t("unitImport.message"),
                key: "message",
                render: (_value, row) => (locale === "en" ? row.messageEn : row.message),
              },
            ]}
          />
        </Space>
      ) : null}
    </Modal>
  );
}
