import { Empty, Spin, Table, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAuditEntries } from "../api/organisation";
import { useMe } from "../api/session";
import type { AuditEntityType } from "../api/types";
import { formatDateTime } from "../app/format";
import { useLocale } from "../i18n";
import { actionVerb, changedFields, displayValue, type FieldChange } from "./auditDiff";
import { useErrorText } from "./feedback";

/** 变更记录: every recorded change of one record, newest first. */
export function AuditTimeline({ entityType, entityId }: { entityType: AuditEntityType; entityId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const entries = useAuditEntries(entityType, entityId);
  const fieldLabels: Record<string, string> = t("audit.fields", { returnObjects: true });
  const actionLabels: Record<string, string> = t("audit.actions", { returnObjects: true });
  // `active` reads better as 启用/已停用 than as 是/否.
  const textsFor = (field: string) =>
    field === "active"
      ? { yes: t("common.active"), no: t("common.inactive"), empty: t("audit.emptyValue") }
      : { yes: t("common.yes"), no: t("common.no"), empty: t("audit.emptyValue") };
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";

  if (entries.isPending) return <Spin />;
  if (entries.isError) return <Typography.Text type="danger">{errorText(entries.error)}</Typography.Text>;
  if (entries.data.length === 0) return <Empty description={t("audit.empty")} />;

  const newestFirst = [...entries.data].reverse();
  return (
    <Timeline
      items={newestFirst.map((entry) => {
        const changes = changedFields(entry.before, entry.after);
        const verb = actionVerb(entry.action);
        return {
          key: entry.id,
          // Everything in `content`: a `title` would take half the drawer's width for one line.
          content: (
            <div>
              <div>
                <Typography.Text strong>
                  {actionLabels[verb] ?? entry.action} · {entry.actorName ?? t("audit.system")}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary">{formatDateTime(entry.at, locale, timeZone)}</Typography.Text>
              {changes.length === 0 ? (
                <div>
                  <Typography.Text type="secondary">{t("audit.noFieldChanges")}</Typography.Text>
                </div>
              ) : (
                <Table<FieldChange>
                  size="small"
                  pagination={false}
                  rowKey="field"
                  dataSource={changes}
                  style={{ marginTop: 8 }}
                  columns={[
                    {
                      title: t("audit.field"),
                      dataIndex: "field",
                      width: 120,
                      render: (field: string) => fieldLabels[field] ?? field,
                    },
                    {
                      title: t("audit.before"),
                      dataIndex: "before",
                      render: (value: unknown, row) => (
                        <span className="diff-before">{displayValue(value, textsFor(row.field))}</span>
                      ),
                    },
                    {
                      title: t("audit.after"),
                      dataIndex: "after",
                      render: (value: unknown, row) => (
                        <span className="diff-after">{displayValue(value, textsFor(row.field))}</span>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          ),
        };
      })}
    />
  );
}
