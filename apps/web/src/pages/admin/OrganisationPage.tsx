import { Button, Card, Form, Input, Select, Skeleton, Tabs, Typography } from "antd";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useOrganisation, useUpdateOrganisation } from "../../api/organisation";
import { useMe } from "../../api/session";
import { can } from "../../auth/permissions";
import { AuditTimeline } from "../../components/AuditTimeline";
import { useErrorText, useFeedback } from "../../components/feedback";
import { useRules } from "../../components/formRules";
import { LoadErrorResult } from "../../components/Results";
import { timeZoneOptions } from "../timeZones";

interface OrganisationFormValues {
  name: string;
  timeZone: string;
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const organisation = useOrganisation();

  let body: ReactNode;
  if (organisation.isPending) body = <Skeleton active />;
  else if (organisation.isError)
    body = <LoadErrorResult message={errorText(organisation.error)} onRetry={() => void organisation.refetch()} />;
  else {
    const form = <OrganisationForm key={organisation.data.updatedAt} initial={organisation.data} />;
    body = can(me, "audit.read") ? (
      <Tabs
        items={[
          { key: "record", label: t("common.recordTab"), children: form },
          {
            key: "audit",
            label: t("audit.tab"),
            children: <AuditTimeline entityType="organisation" entityId={organisation.data.id} />,
          },
        ]}
      />
    ) : (
      form
    );
  }

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={3}>{t("organisation.title")}</Typography.Title>
      <Card>{body}</Card>
    </div>
  );
}

function OrganisationForm({ initial }: { initial: OrganisationFormValues & { code: string } }) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const update = useUpdateOrganisation();
  const zones = useMemo(() => timeZoneOptions(), []);
  return (
    <Form<OrganisationFormValues>
      layout="vertical"
      initialValues={initial}
      onFinish={(values) =>
        update.mutate(
          { name: values.name.trim(), timeZone: values.timeZone },
          { onSuccess: () => success(t("common.saved")), onError: failure },
        )
      }
      requiredMark="optional"
    >
      <Form.Item label={t("organisation.code")} required>
        <Input value={initial.code} disabled />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("organisation.name")}
        rules={[rules.required(t("organisation.name")), rules.max(100)]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        name="timeZone"
        label={t("organisation.timeZone")}
        extra={t("organisation.timeZoneHelp")}
        rules={[rules.select(t("organisation.timeZone"))]}
      >
        <Select showSearch options={zones} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t("common.save")}
      </Button>
    </Form>
  );
}
