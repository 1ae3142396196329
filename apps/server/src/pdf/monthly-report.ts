/**
 * The monthly quality report (issue #8 item 3, R-4.12.1/R-4.12.2): the month's statistics with
 * their charts — trend, groups, Pareto of complaint categories, satisfaction — and tables of
 * durations in working time, deadline compliance and repeat complaints, as one PDF.
 */
import { CASE_KIND_LABELS, type Statistics } from "@estate-desk/domain";
import { drawBarChart } from "./charts.js";
import { FormDocument, MM } from "./pdf-document.js";

export const MONTHLY_REPORT_CODE = "品质月报";

export interface MonthlyReportInput {
  organisation: string;
  /** YYYY-MM */
  month: string;
  /** e.g. 全部小区 or one estate's name */
  scopeLabel: string;
  generatedAt: string;
  qrUrl?: string | undefined;
  stats: Statistics;
}

const KINDS = ["complaint", "repair", "suggestion"] as const;
const COLORS = { complaint: "#cf1322", repair: "#1677ff", suggestion: "#52c41a" } as const;
const MEASURE_ZH = { accept: "受理至接单", result: "受理至出结果", close: "受理至结案" } as const;
const STAGE_ZH = { accept: "接单时限", result: "结果时限" } as const;
const SATISFACTION_ZH = { satisfied: "满意", basically_satisfied: "基本满意", dissatisfied: "不满意", none: "未评价" };
const GROUP_ZH = {
  estate: "小区",
  department: "部门",
  category: "类别",
  channel: "受理方式",
  worker: "处理人",
} as const;

const hours = (minutes: number | null) => (minutes === null ? "—" : (minutes / 60).toFixed(1));
const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)}%`);

export async function renderMonthlyReport(input: MonthlyReportInput): Promise<Buffer> {
  const { stats } = input;
  const form = await FormDocument.create({
    formCode: MONTHLY_REPORT_CODE,
    title: `投诉/报修统计分析月报 ${input.month}`,
    organisation: input.organisation,
    recordNumber: input.scopeLabel,
    qrUrl: input.qrUrl,
  });
  const kindZh = (kind: (typeof KINDS)[number]) => CASE_KIND_LABELS[kind]["zh-CN"];

  form.section("一、概况");
  const resultRows = stats.deadlines.filter((row) => row.stage === "result");
  const onTime = resultRows.reduce((sum, row) => sum + row.onTime, 0);
  const late = resultRows.reduce((sum, row) => sum + row.late, 0);
  form.row([
    { label: "统计期间", value: `${stats.period.from} 至 ${stats.period.to}` },
    { label: "受理总数", value: String(stats.totals.all) },
    { label: "生成时间", value: input.generatedAt },
  ]);
  form.row([
    { label: "投诉/报修/建议", value: KINDS.map((kind) => stats.totals[kind]).join(" / ") },
    { label: "已结案/未结案", value: `${stats.totals.closed} / ${stats.totals.open}` },
    { label: "结果按时率", value: percent(onTime, onTime + late) },
  ]);
  form.row([
    { label: "催单", value: `${stats.urges.urges} 次（${stats.urges.urgedCases} 件）` },
    { label: "重复投诉房屋", value: String(stats.repeatComplaints.length) },
    { label: "回访率", value: "回访模块上线后统计" },
  ]);

  form.section("二、受理趋势与分布", 66 * MM);
  drawBarChart(form, {
    title: "每日受理量",
    labels: stats.trend.points.map((point) => point.from.slice(5)),
    series: KINDS.map((kind) => ({
      name: kindZh(kind),
      color: COLORS[kind],
      values: stats.trend.points.map((p) => p[kind]),
    })),
    stacked: true,
    height: 62 * MM,
  });
  const groups = stats.groups.slice(0, 12);
  drawBarChart(form, {
    title: `按${GROUP_ZH[stats.groupBy]}`,
    labels: groups.map((group) => group.label ?? "（无）"),
    series: KINDS.map((kind) => ({ name: kindZh(kind), color: COLORS[kind], values: groups.map((g) => g[kind]) })),
    stacked: true,
    height: 58 * MM,
  });

  form.section("三、投诉类别排列图（帕累托）", 66 * MM);
  const pareto = stats.pareto.slice(0, 12);
  drawBarChart(form, {
    title: "投诉类别",
    labels: pareto.map((row) => row.name ?? "未分类"),
    series: [{ name: "件数", color: COLORS.complaint, values: pareto.map((row) => row.count) }],
    line: { name: "累计占比", color: "#faad14", values: pareto.map((row) => row.cumulativePercent) },
    height: 62 * MM,
  });
  form.table(
    [{ title: "投诉类别", width: 3 }, { title: "件数" }, { title: "累计占比" }],
    stats.pareto.map((row) => [row.name ?? "未分类", row.count, `${row.cumulativePercent}%`]),
  );

  form.section("四、处理用时（工作时间，小时）与时限达成");
  form.table(
    [{ title: "环节", width: 2 }, { title: "类型" }, { title: "件数" }, { title: "中位数" }, { title: "90%分位" }],
    stats.durations.map((row) => [
      MEASURE_ZH[row.measure],
      kindZh(row.kind),
      row.count,
      hours(row.medianMinutes),
      hours(row.p90Minutes),
    ]),
  );
  form.table(
    [{ title: "时限", width: 2 }, { title: "类型" }, { title: "按时" }, { title: "超时" }, { title: "按时率" }],
    stats.deadlines.map((row) => [
      STAGE_ZH[row.stage],
      kindZh(row.kind),
      row.onTime,
      row.late,
      percent(row.onTime, row.onTime + row.late),
    ]),
  );

  form.section("五、维修满意度", 52 * MM);
  drawBarChart(form, {
    title: "工单评价",
    labels: stats.satisfaction.map((row) => SATISFACTION_ZH[row.value]),
    series: [{ name: "件数", color: COLORS.repair, values: stats.satisfaction.map((row) => row.count) }],
    height: 48 * MM,
  });

  form.section("六、重复投诉（同一房屋两次及以上）");
  if (stats.repeatComplaints.length === 0) form.note("本月没有重复投诉。");
  else {
    form.table(
      [{ title: "小区", width: 2 }, { title: "房屋", width: 2 }, { title: "投诉数" }],
      stats.repeatComplaints.map((row) => [row.estateName, row.unitLabel, row.count]),
    );
  }
  form.note(
    "说明：用时按组织的工作日历计算（不含下班时间、周末和节假日），百分位按最近秩法取值。投诉回访率（目标≥90%）、维修回访率（目标≥30%）及不合格项将在回访模块上线后列入本报告。",
  );
  form.signatureRow([{ label: "编制（品质管理部）" }, { label: "审核（管理者代表）" }]);
  return form.finish();
}
