import { RETENTION_RECORD_TYPES, type RetentionSettings } from "@estate-desk/domain";
import { Button, Card, Form, InputNumber, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useRetentionSettings, useUpdateRetentionSettings } from "../../api/records";
import { useMe } from "../../api/session";
import { can } from "../../auth/permissions";
import { useErrorText, useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { LoadErrorResult } from "../../components/Results";

/** 记录保存期限 (R-4.12.3, QP-02): how long each kind of record is kept, in months. */
export function RetentionPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = useRetentionSettings();
  let body: ReactNode;
  if (settings.isPending) body = <PageLoading />;
  else if (settings.isError)
    body = <LoadErrorResult message={errorText(settings.error)} onRetry={() => void settings.refetch()} />;
  else body = <RetentionForm initial={settings.data} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("records.retention.title")}
        </Typography.Title>
      </div>
      <Typography.Text type="secondary">{t("records.retention.intro")}</Typography.Text>
      <Card>{body}</Card>
    </Space>
  );
}

function RetentionForm({ initial }: { initial: RetentionSettings }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { success, failure } = useFeedback();
  const update = useUpdateRetentionSettings();
  const editable = can(me, "settings.manage");
  return (
    <Form<RetentionSettings>
      layout="vertical"
      initialValues={initial}
      disabled={!editable}
      onFinish={(values) => update.mutate(values, { onSuccess: () => success(t("common.saved")), onError: failure })}
    >
      {RETENTION_RECORD_TYPES.map((type) => (
        <Form.Item
          key={type}
          name={type}
          label={t(`records.retention.types.${type}`)}
          rules={[
            { required: true, message: t("validation.required", { field: t(`records.retention.types.${type}`) }) },
          ]}
        >
          <InputNumber
            min={type === "departedResidentData" ? 1 : 12}
            max={600}
            precision={0}
            suffix={t("records.retention.months")}
            aria-label={t(`records.retention.types.${type}`)}
            style={{ width: 200 }}
          />
        </Form.Item>
      ))}
      {editable ? (
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t("common.save")}
        </Button>
      ) : null}
    </Form>
  );
}
