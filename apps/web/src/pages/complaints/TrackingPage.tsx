import type { HandlingQueueItem } from "@estate-desk/domain";
import { Checkbox, Select, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useComplaintQueue } from "../../api/complaints";
import { useMe } from "../../api/session";
import { useErrorText } from "../../components/feedback";
import { useComplaintActionLauncher } from "./ComplaintActionLauncher";
import { useDurationText, useNow } from "./DeadlineTag";
import { QueueTable, QuickButton } from "./QueueTable";
import { overdueCount, trackingRows } from "./queues";

const LEVEL_COLOURS = ["default", "orange", "red", "magenta", "purple"] as const;

function levelKey(level: number): "l0" | "l1" | "l2" | "l3" | "l4" {
  if (level >= 4) return "l4";
  if (level === 3) return "l3";
  if (level === 2) return "l2";
  if (level === 1) return "l1";
  return "l0";
}

/**
 * 投诉跟踪 (R-4.3.2): customer service follows the complaints in the departments' hands, most
 * urgent deadline first, and records follow-ups. Filters live in the URL so a filtered list
 * can be bookmarked or shared.
 */
export function TrackingPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [search, setSearch] = useSearchParams();
  const departmentId = search.get("department") ?? undefined;
  const overdueOnly = search.get("overdue") === "1";
  const list = useComplaintQueue("tracking");
  const now = useNow();
  const durationText = useDurationText();
  const launcher = useComplaintActionLauncher();
  const { data: me } = useMe();
  // Follow-ups are customer service's; the management representative only watches here.
  const canFollowUp = me?.roles.some((role) => role === "cs_agent" || role === "cs_head") ?? false;
  const all = list.data ?? [];
  const rows = trackingRows(all, { departmentId, overdueOnly }, now);
  const departments = [...new Map(all.map((item) => [item.departmentId, item.departmentName])).entries()];

  const update = (next: { department?: string | undefined; overdue?: boolean }) => {
    const params = new URLSearchParams(search);
    if ("department" in next) {
      if (next.department) params.set("department", next.department);
      else params.delete("department");
    }
    if (next.overdue !== undefined) {
      if (next.overdue) params.set("overdue", "1");
      else params.delete("overdue");
    }
    setSearch(params, { replace: true });
  };

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("tracking.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("tracking.intro")}</Typography.Text>
        <span className="page-toolbar-spacer" />
        <Select
          allowClear
          aria-label={t("cases.department")}
          placeholder={t("tracking.allDepartments")}
          value={departmentId}
          onChange={(value: string | undefined) => update({ department: value })}
          style={{ width: 170 }}
          options={departments.map(([id, name]) => ({ value: id, label: name }))}
        />
        <Checkbox checked={overdueOnly} onChange={(event) => update({ overdue: event.target.checked })}>
          {t("tracking.overdueOnly")}
        </Checkbox>
      </div>
      {list.isError ? <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> : null}
      <Typography.Paragraph type="secondary">
        {t("tracking.summary", { count: all.length, overdue: overdueCount(all, now) })}
      </Typography.Paragraph>
      <QueueTable
        label={t("tracking.title")}
        items={rows}
        loading={list.isPending}
        now={now}
        emptyText={departmentId || overdueOnly ? t("tracking.noMatch") : t("tracking.empty")}
        // Customer service judges by department, handler and deadline here; the case page has the rest.
        hide={["receivedAt", "category"]}
        actionsWidth={90}
        extraColumns={[
          {
            title: t("tracking.age"),
            key: "age",
            width: 110,
            render: (_value: unknown, row: HandlingQueueItem) => durationText(now - Date.parse(row.receivedAt)),
          },
          {
            title: t("tracking.level"),
            key: "level",
            width: 130,
            render: (_value: unknown, row: HandlingQueueItem) =>
              row.escalationLevel > 0 ? (
                <Tag color={LEVEL_COLOURS[Math.min(row.escalationLevel, 4)]}>
                  {t(`tracking.levels.${levelKey(row.escalationLevel)}`)}
                </Tag>
              ) : (
                "—"
              ),
          },
        ]}
        actions={
          canFollowUp
            ? (row) => (
                <QuickButton
                  label={t("complaint.actions.follow_up")}
                  onClick={() => launcher.start({ id: row.caseId, number: row.number }, "follow_up", null)}
                />
              )
            : undefined
        }
      />
      {launcher.element}
    </>
  );
}
