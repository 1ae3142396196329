/**
 * The spreadsheets of issue #8 item 5, built from the same service functions that serve the
 * lists (listRegister, listFigureCases, getStatistics), so that the access scoping and any
 * masking of personal data applied there apply to the exports too.
 */
import {
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  type CaseSummary,
  CHANNEL_LABELS,
  type Statistics,
  type StatsCasesQuery,
  URGENCY_LABELS,
} from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { findOrganisationTimeZone } from "../calendar/calendar.repository.js";
import type { Db } from "../db/database.js";
import { type RegisterFilterQuery, registerRows } from "../pdf/pdf.service.js";
import { formatInstant } from "../pdf/pdf-document.js";
import { listFigureCases } from "../stats/stats.service.js";
import { addSheet, writeRow, type XlsxWriter } from "./xlsx-stream.js";

export const REGISTER_COLUMNS = [
  { header: "编号 Number", width: 22 },
  { header: "受理时间 Received", width: 18 },
  { header: "类型 Kind", width: 8 },
  { header: "受理方式 Channel", width: 10 },
  { header: "接待人 Receiver", width: 12 },
  { header: "小区 Estate", width: 16 },
  { header: "房号/地点 Unit", width: 16 },
  { header: "业主/住户 Resident", width: 12 },
  { header: "联系电话 Phone", width: 14 },
  { header: "类别 Category", width: 12 },
  { header: "紧急程度 Urgency", width: 10 },
  { header: "内容 Content", width: 50 },
  { header: "处理部门 Department", width: 14 },
  { header: "状态 Status", width: 10 },
] as const;

export async function timeZoneOfOrg(db: Db, orgId: string): Promise<string> {
  return (await findOrganisationTimeZone(db, orgId)) ?? "Asia/Shanghai";
}

function registerCells(item: CaseSummary, timeZone: string) {
  return [
    item.number,
    formatInstant(item.receivedAt, timeZone),
    CASE_KIND_LABELS[item.kind]["zh-CN"],
    CHANNEL_LABELS[item.channel]["zh-CN"],
    item.receivedByName ?? item.forwardedByName ?? "",
    item.estateName,
    item.unitLabel ?? item.publicArea ?? "",
    item.contactName ?? "",
    item.contactPhone ?? "",
    item.categoryName ?? "",
    URGENCY_LABELS[item.urgency]["zh-CN"],
    item.content,
    item.departmentName ?? "",
    CASE_STATUS_LABELS[item.status]["zh-CN"],
  ];
}

/** QR-022 as a sheet: every row of the register matching the filter, read 200 at a time. */
export async function writeRegisterSheet(
  workbook: XlsxWriter,
  db: Db,
  context: RequestContext,
  filter: RegisterFilterQuery,
): Promise<number> {
  const timeZone = await timeZoneOfOrg(db, context.actor.orgId);
  const sheet = addSheet(workbook, { name: "QR-022 登记表", columns: REGISTER_COLUMNS });
  let count = 0;
  for await (const item of registerRows(db, context, filter)) {
    writeRow(sheet, registerCells(item, timeZone));
    count++;
  }
  sheet.commit();
  return count;
}

/** The cases behind one figure of the statistics, as register rows. */
export async function writeFigureCasesSheet(
  workbook: XlsxWriter,
  db: Db,
  context: RequestContext,
  query: Omit<StatsCasesQuery, "cursor" | "limit">,
): Promise<void> {
  const timeZone = await timeZoneOfOrg(db, context.actor.orgId);
  const sheet = addSheet(workbook, { name: "明细 Cases", columns: REGISTER_COLUMNS });
  let cursor: string | undefined;
  do {
    const page = await listFigureCases(db, context, { ...query, cursor, limit: 500 });
    for (const item of page.items) writeRow(sheet, registerCells(item, timeZone));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  sheet.commit();
}

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

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The statistics tables of the dashboard, one sheet each. */
export function writeStatisticsSheets(workbook: XlsxWriter, stats: Statistics): void {
  const kinds = ["complaint", "repair", "suggestion"] as const;
  const kindZh = (kind: (typeof kinds)[number]) => CASE_KIND_LABELS[kind]["zh-CN"];

  const summary = addSheet(workbook, {
    name: "概况 Summary",
    columns: [
      { header: "项目 Item", width: 28 },
      { header: "数值 Value", width: 16 },
    ],
  });
  const rows: Array<[string, string | number]> = [
    ["期间 Period", `${stats.period.from} 至 ${stats.period.to}`],
    ["时区 Time zone", stats.period.timeZone],
    ["受理总数 Received", stats.totals.all],
    ...kinds.map((kind): [string, number] => [kindZh(kind), stats.totals[kind]]),
    ["已结案 Closed", stats.totals.closed],
    ["未结案 Open", stats.totals.open],
    ["被催单案件 Urged cases", stats.urges.urgedCases],
    ["催单次数 Urges", stats.urges.urges],
  ];
  for (const row of rows) writeRow(summary, row);
  summary.commit();

  const trend = addSheet(workbook, {
    name: "趋势 Trend",
    columns: [
      { header: "自 From" },
      { header: "至 To" },
      ...kinds.map((kind) => ({ header: kindZh(kind) })),
      { header: "合计 All" },
    ],
  });
  for (const point of stats.trend.points) {
    writeRow(trend, [point.from, point.to, ...kinds.map((kind) => point[kind]), point.all]);
  }
  trend.commit();

  const groups = addSheet(workbook, {
    name: `分组 ${GROUP_ZH[stats.groupBy]}`,
    columns: [
      { header: GROUP_ZH[stats.groupBy], width: 24 },
      ...kinds.map((kind) => ({ header: kindZh(kind) })),
      { header: "合计 All" },
      { header: "已结案 Closed" },
    ],
  });
  for (const group of stats.groups) {
    writeRow(groups, [
      group.label ?? group.key ?? "（无）",
      ...kinds.map((kind) => group[kind]),
      group.all,
      group.closed,
    ]);
  }
  groups.commit();

  const durations = addSheet(workbook, {
    name: "用时 Durations",
    columns: [
      { header: "环节 Step", width: 16 },
      { header: "类型 Kind" },
      { header: "件数 Cases" },
      { header: "中位数(工作分钟) Median min" },
      { header: "90%分位(工作分钟) P90 min" },
    ],
  });
  for (const row of stats.durations) {
    writeRow(durations, [
      MEASURE_ZH[row.measure],
      kindZh(row.kind),
      row.count,
      round1(row.medianMinutes),
      round1(row.p90Minutes),
    ]);
  }
  durations.commit();

  const deadlines = addSheet(workbook, {
    name: "时限 Deadlines",
    columns: [
      { header: "时限 Deadline" },
      { header: "类型 Kind" },
      { header: "按时 On time" },
      { header: "超时 Late" },
    ],
  });
  for (const row of stats.deadlines) writeRow(deadlines, [STAGE_ZH[row.stage], kindZh(row.kind), row.onTime, row.late]);
  deadlines.commit();

  const satisfaction = addSheet(workbook, {
    name: "满意度 Satisfaction",
    columns: [{ header: "评价 Evaluation" }, { header: "件数 Cases" }],
  });
  for (const row of stats.satisfaction) writeRow(satisfaction, [SATISFACTION_ZH[row.value], row.count]);
  satisfaction.commit();

  const repeats = addSheet(workbook, {
    name: "重复投诉 Repeats",
    columns: [
      { header: "小区 Estate", width: 18 },
      { header: "房屋 Unit", width: 18 },
      { header: "投诉数 Complaints" },
    ],
  });
  for (const row of stats.repeatComplaints) writeRow(repeats, [row.estateName, row.unitLabel, row.count]);
  repeats.commit();

  const pareto = addSheet(workbook, {
    name: "帕累托 Pareto",
    columns: [{ header: "投诉类别 Category", width: 20 }, { header: "件数 Cases" }, { header: "累计占比% Cumulative" }],
  });
  for (const row of stats.pareto) writeRow(pareto, [row.name ?? "（未分类）", row.count, row.cumulativePercent]);
  pareto.commit();
}
