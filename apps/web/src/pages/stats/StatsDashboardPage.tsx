import { DownloadOutlined, FilePdfOutlined } from "@ant-design/icons";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  type CaseKind,
  CHANNEL_LABELS,
  CHANNELS,
  STATS_GROUPS,
  type Statistics,
  type StatsGroup,
} from "@estate-desk/domain";
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useAllEstates } from "../../api/places";
import { downloadWithProgress, type FigureQuery, type StatsParams, useStatistics } from "../../api/stats";
import { useErrorText } from "../../components/feedback";
import { labelText, useLocale } from "../../i18n";
import { DrillDownDrawer } from "./DrillDownDrawer";
import { EChart } from "./EChart";
import { monthRange } from "./period";

function hours(minutes: number | null): string {
  return minutes === null ? "—" : (minutes / 60).toFixed(1);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

const KIND_COLORS: Record<CaseKind, string> = { complaint: "#cf1322", repair: "#1677ff", suggestion: "#52c41a" };

/** 统计分析 (issue #8): QA's and management's dashboard; every number opens the cases behind it. */
export function StatsDashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [search, setSearch] = useSearchParams();
  const defaults = monthRange(0);
  const params: StatsParams = {
    from: search.get("from") ?? defaults.from,
    to: search.get("to") ?? defaults.to,
    estateId: search.get("estateId") ?? undefined,
    kind: search.get("kind") ?? undefined,
    channel: search.get("channel") ?? undefined,
    groupBy: search.get("groupBy") ?? "estate",
  };
  const set = (changes: Partial<StatsParams>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === "") next.delete(key);
      else next.set(key, String(value));
    }
    setSearch(next, { replace: true });
  };
  const estates = useAllEstates();
  const stats = useStatistics(params);
  const [figure, setFigure] = useState<(FigureQuery & { title: string }) | null>(null);
  const [exporting, setExporting] = useState<{ bytes: number; rows: number | null } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const data = stats.data;
  const kindLabel = (kind: CaseKind) => labelText(CASE_KIND_LABELS[kind], locale);
  const open = (title: string, query: FigureQuery) => setFigure({ ...query, title });

  const download = async (path: string, fileName: string) => {
    setExportError(null);
    setExporting({ bytes: 0, rows: null });
    try {
      await downloadWithProgress(path, { ...params }, fileName, setExporting);
    } catch (error) {
      setExportError(errorText(error));
    } finally {
      setExporting(null);
    }
  };

  const months = useMemo(
    () =>
      Array.from({ length: 24 }, (_, index) => {
        const range = monthRange(-index);
        return { value: `${range.from}|${range.to}`, label: range.from.slice(0, 7) };
      }),
    [],
  );

  const charts = useMemo(
    () => (data ? chartOptions(data, t, (kind) => labelText(CASE_KIND_LABELS[kind], locale)) : null),
    [data, t, locale],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="stats-dashboard">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("stats.title")}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download("/api/exports/stats.xlsx", `statistics-${params.from}-${params.to}.xlsx`)}
            disabled={exporting !== null}
          >
            {t("stats.exportStats")}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download("/api/exports/register.xlsx", `QR-022-${params.from}-${params.to}.xlsx`)}
            disabled={exporting !== null}
          >
            {t("stats.exportRegister")}
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            onClick={() => download("/api/reports/monthly.pdf", `monthly-report-${params.from.slice(0, 7)}.pdf`)}
            disabled={exporting !== null}
          >
            {t("stats.monthlyReport")}
          </Button>
        </Space>
      </Flex>
      {exporting && (
        <Alert
          type="info"
          title={t("stats.exporting", {
            size: Math.round(exporting.bytes / 1024),
            rows: exporting.rows ?? "…",
          })}
          description={<Progress percent={99} status="active" showInfo={false} />}
        />
      )}
      {exportError && <Alert type="error" title={exportError} closable onClose={() => setExportError(null)} />}
      <Card size="small">
        <Space wrap>
          <Select
            style={{ width: 140 }}
            aria-label={t("stats.month")}
            placeholder={t("stats.month")}
            value={months.find((m) => m.value === `${params.from}|${params.to}`)?.value ?? null}
            options={months}
            onChange={(value: string) => {
              const [from, to] = value.split("|");
              set({ from, to });
            }}
          />
          <Input
            type="date"
            aria-label={t("stats.from")}
            value={params.from}
            onChange={(event) => event.target.value && set({ from: event.target.value })}
            style={{ width: 160 }}
          />
          <Input
            type="date"
            aria-label={t("stats.to")}
            value={params.to}
            onChange={(event) => event.target.value && set({ to: event.target.value })}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t("stats.allEstates")}
            value={params.estateId ?? null}
            options={(estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name }))}
            onChange={(value) => set({ estateId: value ?? undefined })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t("stats.allKinds")}
            value={params.kind ?? null}
            options={CASE_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
            onChange={(value) => set({ kind: value ?? undefined })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t("stats.allChannels")}
            value={params.channel ?? null}
            options={CHANNELS.map((channel) => ({ value: channel, label: labelText(CHANNEL_LABELS[channel], locale) }))}
            onChange={(value) => set({ channel: value ?? undefined })}
          />
          <Select
            style={{ width: 160 }}
            aria-label={t("stats.groupBy")}
            value={params.groupBy as StatsGroup}
            options={STATS_GROUPS.map((group) => ({ value: group, label: t(`stats.groups.${group}`) }))}
            onChange={(value: StatsGroup) => set({ groupBy: value })}
          />
        </Space>
      </Card>
      {stats.error && <Alert type="error" title={errorText(stats.error)} />}
      {data && charts && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small" hoverable onClick={() => open(t("stats.received"), { figure: "received" })}>
                <Statistic title={t("stats.received")} value={data.totals.all} />
                <Typography.Text type="secondary">
                  {CASE_KINDS.map((kind) => `${kindLabel(kind)} ${data.totals[kind]}`).join(" · ")}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" hoverable onClick={() => open(t("stats.closed"), { figure: "closed" })}>
                <Statistic title={t("stats.closed")} value={data.totals.closed} suffix={`/ ${data.totals.all}`} />
                <Typography.Text type="secondary">{t("stats.open", { count: data.totals.open })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" hoverable onClick={() => open(t("stats.resultLate"), { figure: "result.late" })}>
                {(() => {
                  const rows = data.deadlines.filter((row) => row.stage === "result");
                  const onTime = rows.reduce((sum, row) => sum + row.onTime, 0);
                  const late = rows.reduce((sum, row) => sum + row.late, 0);
                  return (
                    <>
                      <Statistic title={t("stats.onTimeRate")} value={percent(onTime, onTime + late)} suffix="%" />
                      <Typography.Text type="secondary">{t("stats.lateCount", { count: late })}</Typography.Text>
                    </>
                  );
                })()}
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" hoverable onClick={() => open(t("stats.urges"), { figure: "urged" })}>
                <Statistic title={t("stats.urges")} value={data.urges.urges} />
                <Typography.Text type="secondary">
                  {t("stats.urgedCases", { count: data.urges.urgedCases })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          {data.callbacks && data.nonconformities && (
            <Row gutter={[16, 16]}>
              {(
                [
                  ["complaintCallbackRate", data.callbacks.complaints],
                  ["repairCallbackRate", data.callbacks.repairs],
                ] as const
              ).map(([label, rate]) => (
                <Col xs={24} md={8} key={label}>
                  <Card size="small" data-testid={`stats-${label}`}>
                    <Statistic
                      title={t(`stats.${label}`, { target: rate.targetPercent })}
                      value={rate.ratePercent ?? "—"}
                      suffix={rate.ratePercent === null ? undefined : "%"}
                      styles={{
                        content: {
                          color:
                            rate.ratePercent !== null && rate.ratePercent < rate.targetPercent ? "#cf1322" : undefined,
                        },
                      }}
                    />
                    <Typography.Text type="secondary">
                      {t("stats.calledBackOf", { calledBack: rate.calledBack, eligible: rate.eligible })}
                      {"exempt" in rate ? ` · ${t("stats.exemptCount", { count: rate.exempt })}` : ""}
                    </Typography.Text>
                  </Card>
                </Col>
              ))}
              <Col xs={24} md={8}>
                <Card size="small" data-testid="stats-nonconformities">
                  <Statistic title={t("stats.openNonconformities")} value={data.nonconformities.open} />
                  <Typography.Text type="secondary">
                    {data.nonconformities.byAge
                      .map((bucket) => `${t(`stats.ncAge.${bucket.bucket}`)} ${bucket.count}`)
                      .join(" · ")}
                    {` · ${t("stats.overdueCount", { count: data.nonconformities.overdue })}`}
                  </Typography.Text>
                </Card>
              </Col>
            </Row>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card size="small" title={t("stats.trend")}>
                <EChart
                  testId="chart-trend"
                  option={charts.trend}
                  onClick={(event) => {
                    const point = data.trend.points[event.dataIndex];
                    if (!point) return;
                    const kind = CASE_KINDS.find((candidate) => kindLabel(candidate) === event.seriesName);
                    open(`${t("stats.trend")} ${point.from}`, {
                      figure: "received",
                      overrides: { from: point.from, to: point.to, ...(kind ? { kind } : {}) },
                    });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t(`stats.groups.${data.groupBy}`)}>
                <EChart
                  testId="chart-groups"
                  option={charts.groups}
                  onClick={(event) => {
                    const group = data.groups[event.dataIndex];
                    if (!group || group.key === null) return;
                    const filterKey = {
                      estate: "estateId",
                      department: "departmentId",
                      category: "categoryId",
                      channel: "channel",
                      worker: "workerId",
                    }[data.groupBy];
                    open(group.label ?? group.key, { figure: "received", overrides: { [filterKey]: group.key } });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t("stats.pareto")}>
                <EChart
                  testId="chart-pareto"
                  option={charts.pareto}
                  onClick={(event) => {
                    const row = data.pareto[event.dataIndex];
                    if (row) open(row.name ?? t("stats.none"), { figure: "pareto", key: row.categoryId ?? "none" });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t("stats.satisfaction")}>
                <EChart
                  testId="chart-satisfaction"
                  option={charts.satisfaction}
                  onClick={(event) => {
                    const row = data.satisfaction[event.dataIndex];
                    if (row)
                      open(t(`stats.satisfactionValues.${row.value}`), { figure: "satisfaction", key: row.value });
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("stats.durations")}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(row) => `${row.measure}-${row.kind}`}
                  dataSource={data.durations}
                  onRow={(row) => ({
                    onClick: () =>
                      open(`${t(`stats.measures.${row.measure}`)} · ${kindLabel(row.kind)}`, {
                        figure: `measured.${row.measure}`,
                        overrides: { kind: row.kind },
                      }),
                    style: { cursor: "pointer" },
                  })}
                  columns={[
                    { title: t("stats.measure"), render: (_, row) => t(`stats.measures.${row.measure}`) },
                    { title: t("stats.kind"), render: (_, row) => kindLabel(row.kind) },
                    { title: t("stats.count"), dataIndex: "count" },
                    { title: t("stats.medianHours"), render: (_, row) => hours(row.medianMinutes) },
                    { title: t("stats.p90Hours"), render: (_, row) => hours(row.p90Minutes) },
                  ]}
                />
                <Typography.Text type="secondary">{t("stats.workingTimeNote")}</Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("stats.deadlines")}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(row) => `${row.stage}-${row.kind}`}
                  dataSource={data.deadlines}
                  columns={[
                    { title: t("stats.stage"), render: (_, row) => t(`stats.stages.${row.stage}`) },
                    { title: t("stats.kind"), render: (_, row) => kindLabel(row.kind) },
                    {
                      title: t("stats.onTime"),
                      render: (_, row) => (
                        <Button
                          type="link"
                          size="small"
                          onClick={() =>
                            open(`${t(`stats.stages.${row.stage}`)} · ${t("stats.onTime")}`, {
                              figure: `${row.stage}.onTime`,
                              overrides: { kind: row.kind },
                            })
                          }
                        >
                          {row.onTime}
                        </Button>
                      ),
                    },
                    {
                      title: t("stats.late"),
                      render: (_, row) => (
                        <Button
                          type="link"
                          size="small"
                          danger={row.late > 0}
                          onClick={() =>
                            open(`${t(`stats.stages.${row.stage}`)} · ${t("stats.late")}`, {
                              figure: `${row.stage}.late`,
                              overrides: { kind: row.kind },
                            })
                          }
                        >
                          {row.late}
                        </Button>
                      ),
                    },
                    {
                      title: t("stats.onTimeRate"),
                      render: (_, row) => `${percent(row.onTime, row.onTime + row.late)}%`,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("stats.repeatComplaints")}>
                <Table
                  size="small"
                  rowKey="unitId"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={data.repeatComplaints}
                  locale={{ emptyText: t("stats.noRepeats") }}
                  onRow={(row) => ({
                    onClick: () => open(`${row.estateName} ${row.unitLabel}`, { figure: "repeat", key: row.unitId }),
                    style: { cursor: "pointer" },
                  })}
                  columns={[
                    { title: t("stats.estate"), dataIndex: "estateName" },
                    { title: t("stats.unit"), dataIndex: "unitLabel" },
                    { title: t("stats.complaints"), dataIndex: "count" },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("stats.extensions")}>
                <Typography.Paragraph type="secondary">{t("stats.extensionsNote")}</Typography.Paragraph>
              </Card>
            </Col>
          </Row>
        </>
      )}
      <DrillDownDrawer params={params} figure={figure} onClose={() => setFigure(null)} />
    </Space>
  );
}

type Translate = TFunction;

function chartOptions(data: Statistics, t: Translate, kindLabel: (kind: CaseKind) => string) {
  const trend = {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: data.trend.points.map((point) => point.from.slice(5)) },
    yAxis: { type: "value", minInterval: 1 },
    series: CASE_KINDS.map((kind) => ({
      name: kindLabel(kind),
      type: "bar",
      stack: "all",
      itemStyle: { color: KIND_COLORS[kind] },
      data: data.trend.points.map((point) => point[kind]),
    })),
  };
  const groups = {
    tooltip: { trigger: "axis" },
    grid: { left: 100, right: 16, top: 10, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: {
      type: "category",
      inverse: true,
      data: data.groups.map((group) => group.label ?? t("stats.none")),
    },
    series: [
      {
        type: "bar",
        name: t("stats.received"),
        data: data.groups.map((group) => group.all),
        itemStyle: { color: "#1677ff" },
      },
    ],
  };
  const pareto = {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 36, bottom: 60 },
    xAxis: {
      type: "category",
      data: data.pareto.map((row) => row.name ?? t("stats.none")),
      axisLabel: { rotate: 30, interval: 0 },
    },
    yAxis: [
      { type: "value", minInterval: 1 },
      { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    ],
    series: [
      {
        name: t("stats.complaints"),
        type: "bar",
        data: data.pareto.map((row) => row.count),
        itemStyle: { color: "#cf1322" },
      },
      {
        name: t("stats.cumulative"),
        type: "line",
        yAxisIndex: 1,
        data: data.pareto.map((row) => row.cumulativePercent),
        itemStyle: { color: "#faad14" },
      },
    ],
  };
  const satisfaction = {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        data: data.satisfaction.map((row) => ({ name: t(`stats.satisfactionValues.${row.value}`), value: row.count })),
      },
    ],
  };
  return { trend, groups, pareto, satisfaction };
}
