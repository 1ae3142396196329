import type { Callback, CallbackMethod, SampleReason, StaffUser } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Empty, Progress, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  useAssignPlan,
  usePlan,
  usePlans,
  useProposePlan,
  useRates,
  useRecordCallback,
  useUpdateCallback,
  useWorklist,
} from "../../api/callbacks";
import { fetchAllPages } from "../../api/query";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { can } from "../../auth/permissions";
import { useFeedback } from "../../components/feedback";
import { QueryErrorText } from "../../components/QueryErrorText";
import { useLocale } from "../../i18n";
import { CallbackResultTag } from "./CaseCallbacksCard";
import { type QuickOutcome, RecordCallbackDialog } from "./RecordCallbackDialog";

/** Customer-service users: who may be given callbacks (R-4.4.1). */
function useCallers(enabled: boolean) {
  return useQuery({
    queryKey: ["users", "callers"],
    queryFn: ({ signal }) =>
      fetchAllPages<StaffUser>("/api/users", { active: "true" }, signal).then((users) =>
        users.filter((u) => u.roles.some((role) => role === "cs_agent" || role === "cs_head")),
      ),
    enabled,
    staleTime: 60_000,
  });
}

function useTime() {
  const { data: me } = useMe();
  const locale = useLocale();
  return (iso: string | null | undefined) => formatDateTime(iso, locale, me?.orgTimeZone ?? "Asia/Shanghai");
}

function SubjectLink({ callback }: { callback: Callback }) {
  const { t } = useTranslation();
  const label = callback.caseNumber ?? callback.topicTitle ?? "—";
  const kind = t(`callbacks.subject.${callback.subjectType}`);
  if (callback.workOrderId) return <Link to={`/work-orders/${callback.workOrderId}`}>{`${kind} ${label}`}</Link>;
  if (callback.caseId) return <Link to={`/cases/${callback.caseId}`}>{`${kind} ${label}`}</Link>;
  return <span>{`${kind} ${label}`}</span>;
}

/** R-4.4.2: a caller's list for the week, with click-to-call and one-click outcomes. */
function Worklist() {
  const { t } = useTranslation();
  const time = useTime();
  const list = useWorklist("mine");
  const record = useRecordCallback();
  const feedback = useFeedback();
  const [open, setOpen] = useState<{ callback: Callback; outcome: QuickOutcome } | null>(null);
  // One click records a phone or letter callback that went well or reached nobody; a
  // dissatisfied resident's opinion, a question to answer later or a signature on site need the form.
  const oneClick = (c: Callback, outcome: QuickOutcome) =>
    c.method !== "on_site" &&
    (outcome === "satisfied" || outcome === "basically_satisfied" || outcome === "unreachable");
  async function recordAtOnce(c: Callback, outcome: QuickOutcome) {
    try {
      await record.mutateAsync({
        id: c.id,
        result:
          outcome === "unreachable"
            ? { outcome: "unreachable" }
            : { outcome: "reached", satisfaction: outcome as "satisfied" | "basically_satisfied" },
      });
      feedback.success(t("callbacks.record.saved"));
    } catch (error) {
      feedback.failure(error);
    }
  }
  if (list.isError) return <QueryErrorText query={list} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert type="info" showIcon message={t("callbacks.script.title")} description={t("callbacks.script.body")} />
      <Table<Callback>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t("callbacks.worklist.empty")} /> }}
        scroll={{ x: true }}
        columns={[
          { key: "subject", title: t("callbacks.fields.subject"), render: (_, c) => <SubjectLink callback={c} /> },
          {
            key: "contact",
            title: t("callbacks.fields.contact"),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>{c.contactName ?? "—"}</span>
                {c.contactPhone ? <a href={`tel:${c.contactPhone}`}>{c.contactPhone}</a> : null}
              </Space>
            ),
          },
          {
            key: "summary",
            title: t("callbacks.fields.summary"),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                  {c.summary ?? ""}
                </Typography.Text>
                {c.nonconformityId ? <Tag color="red">{t("callbacks.worklist.nonconformity")}</Tag> : null}
                {c.followUpOfId ? <Tag color="blue">{t("callbacks.worklist.followUp")}</Tag> : null}
              </Space>
            ),
          },
          { key: "method", title: t("callbacks.fields.method"), render: (_, c) => t(`callbacks.method.${c.method}`) },
          { key: "due", title: t("callbacks.fields.due"), render: (_, c) => (c.dueAt ? time(c.dueAt) : "—") },
          {
            key: "record",
            title: t("callbacks.fields.record"),
            render: (_, c) => (
              <Space wrap size={4}>
                {(["satisfied", "basically_satisfied", "dissatisfied", "unreachable", "reply_later"] as const).map(
                  (outcome) => (
                    <Button
                      key={outcome}
                      size="small"
                      loading={record.isPending && record.variables?.id === c.id}
                      onClick={() =>
                        oneClick(c, outcome) ? recordAtOnce(c, outcome) : setOpen({ callback: c, outcome })
                      }
                    >
                      {t(`callbacks.quick.${outcome}`)}
                    </Button>
                  ),
                )}
              </Space>
            ),
          },
        ]}
      />
      {open ? (
        <RecordCallbackDialog
          open
          title={`${t("callbacks.actions.record")} · ${open.callback.caseNumber ?? open.callback.topicTitle ?? ""}`}
          defaultMethod={open.callback.method}
          defaultOutcome={open.outcome}
          onCancel={() => setOpen(null)}
          onSubmit={async (result) => {
            await record.mutateAsync({ id: open.callback.id, result });
            setOpen(null);
          }}
        />
      ) : null}
    </Space>
  );
}

/** R-4.4.2, R-4.6.1, R-4.7.3: the head reviews the proposed plan and assigns it to callers. */
function WeeklyPlan() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const plans = usePlans();
  const [chosen, setChosen] = useState<string | undefined>();
  const planId = chosen ?? plans.data?.[0]?.id;
  const plan = usePlan(planId);
  const callers = useCallers(true);
  const propose = useProposePlan();
  const assign = useAssignPlan();
  const update = useUpdateCallback();
  const [assignments, setAssignments] = useState<Record<string, string>>({});
  const callerOptions = useMemo(
    () => (callers.data ?? []).map((u) => ({ value: u.id, label: u.displayName })),
    [callers.data],
  );

  async function save(confirm: boolean) {
    if (!planId) return;
    try {
      await assign.mutateAsync({
        planId,
        input: {
          assignments: Object.entries(assignments).map(([callbackId, assigneeId]) => ({ callbackId, assigneeId })),
          confirm,
        },
      });
      setAssignments({});
      feedback.success(t("callbacks.plan.saved"));
    } catch (error) {
      feedback.failure(error);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          style={{ minWidth: 220 }}
          value={planId}
          placeholder={t("callbacks.plan.none")}
          onChange={setChosen}
          options={(plans.data ?? []).map((p) => ({
            value: p.id,
            label: `${t("callbacks.plan.weekOf", { week: p.weekStart })} · ${t(`callbacks.plan.status.${p.status}`)}`,
          }))}
        />
        <Button
          onClick={async () => {
            try {
              const created = await propose.mutateAsync();
              setChosen(created.id);
            } catch (error) {
              feedback.failure(error);
            }
          }}
          loading={propose.isPending}
        >
          {t("callbacks.plan.proposeNow")}
        </Button>
      </Space>
      {plan.data ? (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              { key: "status", label: t("common.status"), children: t(`callbacks.plan.status.${plan.data.status}`) },
              {
                key: "complaints",
                label: t("callbacks.plan.complaints"),
                children: t("callbacks.plan.complaintsValue", plan.data.summary),
              },
              {
                key: "orders",
                label: t("callbacks.plan.orders", { week: plan.data.summary.sampledWeekStart }),
                children: t("callbacks.plan.ordersValue", { ...plan.data.summary, rate: plan.data.repairRatePercent }),
              },
              {
                key: "topics",
                label: t("callbacks.plan.topics"),
                children: t("callbacks.plan.topicsValue", { ...plan.data.summary, rate: plan.data.topicRatePercent }),
              },
              { key: "seed", label: t("callbacks.plan.seed"), children: <code>{plan.data.seed}</code> },
            ]}
          />
          <Table<Callback>
            rowKey="id"
            size="small"
            dataSource={plan.data.items}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { key: "subject", title: t("callbacks.fields.subject"), render: (_, c) => <SubjectLink callback={c} /> },
              {
                key: "why",
                title: t("callbacks.plan.why"),
                render: (_, c) =>
                  c.sampleReason ? <Tag>{t(`callbacks.plan.reason.${c.sampleReason as SampleReason}`)}</Tag> : null,
              },
              { key: "estate", title: t("cases.estate"), dataIndex: "estateName" },
              {
                key: "method",
                title: t("callbacks.fields.method"),
                render: (_, c) => (
                  <Select<CallbackMethod>
                    size="small"
                    value={c.method}
                    disabled={c.status !== "planned"}
                    style={{ width: 110 }}
                    onChange={(method) => update.mutate({ id: c.id, input: { method } })}
                    options={(["phone", "on_site", "letter"] as const).map((m) => ({
                      value: m,
                      label: t(`callbacks.method.${m}`),
                    }))}
                  />
                ),
              },
              {
                key: "caller",
                title: t("callbacks.fields.caller"),
                render: (_, c) =>
                  c.status === "planned" ? (
                    <Select
                      size="small"
                      style={{ width: 140 }}
                      aria-label={t("callbacks.fields.caller")}
                      value={assignments[c.id] ?? c.assigneeId ?? undefined}
                      placeholder={t("callbacks.plan.unassigned")}
                      onChange={(value: string) => setAssignments((current) => ({ ...current, [c.id]: value }))}
                      options={callerOptions}
                    />
                  ) : (
                    (c.performedByName ?? "")
                  ),
              },
              {
                key: "result",
                title: t("callbacks.fields.outcome"),
                render: (_, c) => <CallbackResultTag callback={c} />,
              },
              {
                key: "remove",
                title: "",
                render: (_, c) =>
                  c.status === "planned" ? (
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => update.mutate({ id: c.id, input: { cancelled: true } })}
                    >
                      {t("callbacks.plan.remove")}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <Space>
            <Button onClick={() => save(false)} disabled={Object.keys(assignments).length === 0}>
              {t("callbacks.plan.saveAssignments")}
            </Button>
            <Button type="primary" onClick={() => save(true)} loading={assign.isPending}>
              {t("callbacks.plan.confirm")}
            </Button>
          </Space>
        </>
      ) : plans.data && plans.data.length === 0 ? (
        <Empty description={t("callbacks.plan.none")} />
      ) : null}
    </Space>
  );
}

function RateCard({
  title,
  rate,
  target,
  extra,
}: {
  title: string;
  rate: number | null;
  target: number;
  extra: string;
}) {
  return (
    <Card size="small" title={title} style={{ minWidth: 240 }}>
      <Progress
        type="dashboard"
        percent={rate ?? 0}
        status={rate !== null && rate < target ? "exception" : "normal"}
        format={() => (rate === null ? "—" : `${rate}%`)}
      />
      <div>{extra}</div>
    </Card>
  );
}

/** R-4.4.6, R-4.6.1: the rates against their targets, per estate and caller. */
function Rates() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<"week" | "month">("week");
  const rates = useRates(period);
  if (rates.isError) return <QueryErrorText query={rates} />;
  const data = rates.data;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="callback-rates">
      <Select
        value={period}
        onChange={setPeriod}
        style={{ width: 140 }}
        options={[
          { value: "week", label: t("callbacks.rates.week") },
          { value: "month", label: t("callbacks.rates.month") },
        ]}
      />
      {data ? (
        <>
          <Typography.Text type="secondary">
            {t("callbacks.rates.period", { from: data.from, to: data.to })}
            {data.open ? ` · ${t("callbacks.rates.open")}` : ""}
          </Typography.Text>
          <Space wrap>
            <RateCard
              title={t("callbacks.rates.complaints", { target: data.complaints.targetPercent })}
              rate={data.complaints.ratePercent}
              target={data.complaints.targetPercent}
              extra={t("callbacks.rates.complaintsExtra", data.complaints)}
            />
            <RateCard
              title={t("callbacks.rates.repairs", { target: data.repairs.targetPercent })}
              rate={data.repairs.ratePercent}
              target={data.repairs.targetPercent}
              extra={t("callbacks.rates.repairsExtra", data.repairs)}
            />
          </Space>
          <Table
            size="small"
            rowKey="estateId"
            pagination={false}
            dataSource={data.byEstate}
            columns={[
              { key: "estate", title: t("cases.estate"), dataIndex: "estateName" },
              {
                key: "complaints",
                title: t("callbacks.rates.complaintsShort"),
                render: (_, e) =>
                  `${e.complaints.ratePercent ?? "—"}% (${e.complaints.calledBack}/${e.complaints.eligible}, ${t("callbacks.rates.exempt")} ${e.complaints.exempt})`,
              },
              {
                key: "repairs",
                title: t("callbacks.rates.repairsShort"),
                render: (_, e) => `${e.repairs.ratePercent ?? "—"}% (${e.repairs.calledBack}/${e.repairs.eligible})`,
              },
            ]}
          />
          <Table
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={data.byCaller}
            columns={[
              { key: "name", title: t("callbacks.fields.caller"), dataIndex: "name" },
              { key: "performed", title: t("callbacks.rates.performed"), dataIndex: "performed" },
              { key: "reached", title: t("callbacks.rates.reached"), dataIndex: "reached" },
              { key: "dissatisfied", title: t("callbacks.rates.dissatisfied"), dataIndex: "dissatisfied" },
              { key: "planned", title: t("callbacks.rates.planned"), dataIndex: "planned" },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

/** 回访: the caller's list, the head's weekly plan, the rates. */
export function CallbacksPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const isHead = can(me, "callbacks.plan");
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Title level={3}>{t("callbacks.title")}</Typography.Title>
      <Tabs
        defaultActiveKey={isHead ? "plan" : "worklist"}
        items={[
          { key: "worklist", label: t("callbacks.tabs.worklist"), children: <Worklist /> },
          ...(isHead ? [{ key: "plan", label: t("callbacks.tabs.plan"), children: <WeeklyPlan /> }] : []),
          { key: "rates", label: t("callbacks.tabs.rates"), children: <Rates /> },
        ]}
      />
    </Space>
  );
}
