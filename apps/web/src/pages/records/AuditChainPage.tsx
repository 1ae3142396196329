import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useVerifyAuditChain } from "../../api/records";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { useFeedback } from "../../components/feedback";
import { useLocale } from "../../i18n";

/**
 * 记录完整性: proves the organisation's hash-chained audit log intact, or names the
 * first entry that no longer fits — the same check as `npm run verify-records`.
 */
export function AuditChainPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const { failure } = useFeedback();
  const verify = useVerifyAuditChain();
  const result = verify.data;
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 860 }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("records.auditChain.title")}
        </Typography.Title>
      </div>
      <Typography.Text type="secondary">{t("records.auditChain.intro")}</Typography.Text>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate(undefined, { onError: failure })}
          >
            {t("records.auditChain.verify")}
          </Button>
          {result ? (
            result.intact ? (
              <Alert
                type="success"
                showIcon
                data-testid="chain-result"
                message={t("records.auditChain.intact", { entries: result.entries })}
              />
            ) : (
              <Alert
                type="error"
                showIcon
                data-testid="chain-result"
                message={t("records.auditChain.broken", { entries: result.entries })}
                description={t("records.auditChain.firstBreak", {
                  id: result.firstBreak?.entryId ?? t("records.auditChain.endOfChain"),
                  seq: result.firstBreak?.seq ?? "—",
                  reason: t(
                    `records.auditChain.reasons.${result.firstBreak?.reason ?? "hash_mismatch"}` as "records.auditChain.reasons.hash_mismatch",
                  ),
                })}
              />
            )
          ) : null}
          {result ? (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: "entries", label: t("records.auditChain.entries"), children: result.entries },
                { key: "hash", label: t("records.auditChain.lastHash"), children: <code>{result.lastHash}</code> },
                {
                  key: "at",
                  label: t("records.auditChain.checkedAt"),
                  children: formatDateTime(result.checkedAt, locale, timeZone),
                },
              ]}
            />
          ) : null}
          <Typography.Text type="secondary">{t("records.auditChain.cli")}</Typography.Text>
        </Space>
      </Card>
    </Space>
  );
}
