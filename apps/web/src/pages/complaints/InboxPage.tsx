import type { HandlingQueueItem } from "@estate-desk/domain";
import { Badge, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type ComplaintQueue, useComplaintQueue } from "../../api/complaints";
import { useMe } from "../../api/session";
import { useErrorText } from "../../components/feedback";
import { useComplaintActionLauncher } from "./ComplaintActionLauncher";
import { useNow } from "./DeadlineTag";
import { QueueTable, QuickButton } from "./QueueTable";
import { quickActions, sortByDeadline } from "./queues";

type InboxTab = Extract<ComplaintQueue, "department" | "mine">;

function tabOf(value: string | null): InboxTab {
  return value === "mine" ? "mine" : "department";
}

/**
 * 部门待办: the complaints routed to one's departments (heads accept and assign
 * them) and those assigned to oneself (return the result), most urgent deadline first.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = tabOf(search.get("tab"));
  const department = useComplaintQueue("department");
  const mine = useComplaintQueue("mine");
  const count = (list: typeof department) => list.data?.length ?? 0;

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("inbox.title")}
        </Typography.Title>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === "mine" ? { tab: "mine" } : {}, { replace: true })}
        items={[
          {
            key: "department",
            label: (
              <span>
                {t("inbox.tabs.department")} <Badge count={count(department)} showZero={false} />
              </span>
            ),
            children: <InboxList queue="department" />,
          },
          {
            key: "mine",
            label: (
              <span>
                {t("inbox.tabs.mine")} <Badge count={count(mine)} showZero={false} />
              </span>
            ),
            children: <InboxList queue="mine" />,
          },
        ]}
      />
    </>
  );
}

function InboxList({ queue }: { queue: InboxTab }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const list = useComplaintQueue(queue);
  const now = useNow();
  const launcher = useComplaintActionLauncher();
  const items = sortByDeadline(list.data ?? [], now);

  const actions = (item: HandlingQueueItem) => {
    if (!me) return null;
    const section = {
      handlingId: item.handlingId,
      departmentId: item.departmentId,
      departmentName: item.departmentName,
    };
    const target = { id: item.caseId, number: item.number };
    return quickActions(item, me).map((action) => (
      <QuickButton
        key={action}
        primary={action === "accept"}
        label={t(`complaint.actions.${action}`)}
        onClick={() => launcher.start(target, action, section)}
      />
    ));
  };

  return (
    <>
      {list.isError ? <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> : null}
      <QueueTable
        label={t(`inbox.tabs.${queue}`)}
        items={items}
        loading={list.isPending}
        now={now}
        emptyText={t("inbox.empty")}
        // Columns that would say the same on every row: the handler in "mine", the one department.
        hide={[
          ...(queue === "mine" ? (["handler"] as const) : []),
          ...(new Set(items.map((item) => item.departmentId)).size <= 1 ? (["department"] as const) : []),
        ]}
        actions={actions}
      />
      {launcher.element}
    </>
  );
}
