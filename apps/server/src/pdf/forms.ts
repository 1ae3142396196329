/**
 * The paper forms of §5.0 as PDFs (issue #8 item 4). Each layout function takes a typed input
 * that says exactly what the form shows, so that the forms can be rendered from the database
 * (pdf.service.ts), from an audit pack or from a test alike:
 *
 * - TXHY.QR-022 业主住户投诉/报修登记表 — the register for a period (R-4.1.2, R-4.2.2)
 * - TXHY.QR-023 投诉处理表 — a complaint with its handling and callback sections (R-4.1.3, R-4.3, R-4.4.4)
 * - TXHY.QR-024 派工单 — a repair's dispatch order (R-4.2.3, R-4.5, R-4.6.2)
 * - TXHY.QR-019 不合格报告 — a nonconformity report (R-4.11.3); its data arrives with issue #7
 */
import { type Cell, FormDocument, MM } from "./pdf-document.js";

export const FORM_CODES = {
  register: "TXHY.QR-022",
  complaint: "TXHY.QR-023",
  dispatch: "TXHY.QR-024",
  nonconformity: "TXHY.QR-019",
} as const;

/** Times are already formatted for the organisation's time zone (formatInstant). */
export interface ComplaintFormInput {
  organisation: string;
  qrUrl?: string | undefined;
  number: string;
  kindLabel: string;
  estateName: string;
  receivedAt: string;
  channelLabel: string;
  receivedByName: string | null;
  forwardedByName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  unitLabel: string | null;
  categoryName: string | null;
  urgencyLabel: string;
  statusLabel: string;
  content: string;
  isMajor: boolean;
  majorReason: string | null;
  signedOff: string | null;
  coordination: string | null;
  handlings: ReadonlyArray<{
    departmentName: string;
    routedAt: string;
    acceptedAt: string;
    acceptedByName: string | null;
    assigneeName: string | null;
    acceptDueAt: string;
    resultDueAt: string;
    measures: string | null;
    result: string | null;
    returnedAt: string;
    returnedByName: string | null;
  }>;
  checked: string | null;
  /** The callback section (R-4.4.4); empty lines to fill on paper until #7 records callbacks. */
  callbacks: ReadonlyArray<{ at: string; method: string; byName: string; opinion: string; signature?: Buffer | null }>;
  closedAt: string;
}

export async function renderComplaintForm(input: ComplaintFormInput): Promise<Buffer> {
  const form = await FormDocument.create({
    formCode: FORM_CODES.complaint,
    title: "投诉处理表",
    organisation: input.organisation,
    recordNumber: input.number,
    qrUrl: input.qrUrl,
  });
  form.section("一、受理登记");
  form.row([
    { label: "编号", value: input.number },
    { label: "类型", value: input.kindLabel },
    { label: "管理处", value: input.estateName },
  ]);
  form.row([
    { label: "受理时间", value: input.receivedAt },
    { label: "受理方式", value: input.channelLabel },
    { label: "接待人", value: input.receivedByName ?? "" },
  ]);
  form.row([
    { label: "投诉人", value: input.contactName ?? "" },
    { label: "联系电话", value: input.contactPhone ?? "" },
    { label: "房号/地点", value: input.unitLabel ?? "" },
  ]);
  form.row([
    { label: "类别", value: input.categoryName ?? "" },
    { label: "紧急程度", value: input.urgencyLabel },
    { label: "当前状态", value: input.statusLabel },
  ]);
  if (input.forwardedByName) form.row([{ label: "转交人", value: input.forwardedByName, span: 12 }]);
  form.row([{ label: "投诉内容", value: input.content, span: 12 }], { minHeight: 24 * MM });
  if (input.isMajor || input.coordination) {
    form.row([
      { label: "重大投诉", value: input.isMajor ? `是。${input.majorReason ?? ""}` : "否" },
      { label: "管理者代表签批", value: input.signedOff ?? "" },
    ]);
    if (input.coordination) form.row([{ label: "跨部门协调", value: input.coordination, span: 12 }]);
  }

  form.section("二、处理情况（责任部门填写）");
  const handlings = input.handlings.length > 0 ? input.handlings : [undefined];
  handlings.forEach((handling, index) => {
    form.row([
      { label: `责任部门${handlings.length > 1 ? ` ${index + 1}` : ""}`, value: handling?.departmentName ?? "" },
      { label: "派单时间", value: handling?.routedAt ?? "" },
      { label: "处理人", value: handling?.assigneeName ?? "" },
    ]);
    form.row([
      { label: "接单时间", value: handling ? `${handling.acceptedAt} ${handling.acceptedByName ?? ""}`.trim() : "" },
      { label: "接单时限", value: handling?.acceptDueAt ?? "" },
      { label: "结果时限", value: handling?.resultDueAt ?? "" },
    ]);
    form.row([{ label: "处理措施", value: handling?.measures ?? "", span: 12 }], { minHeight: 18 * MM });
    form.row([{ label: "处理结果", value: handling?.result ?? "", span: 12 }], { minHeight: 18 * MM });
    form.row([
      {
        label: "回复时间",
        value: handling ? `${handling.returnedAt} ${handling.returnedByName ?? ""}`.trim() : "",
        span: 12,
      },
    ]);
  });
  form.row([{ label: "客服跟踪检查", value: input.checked ?? "", span: 12 }]);

  form.section("三、回访记录（客户服务部填写）");
  const callbacks = input.callbacks.length > 0 ? input.callbacks : [undefined];
  for (const callback of callbacks) {
    form.row([
      { label: "回访时间", value: callback?.at ?? "" },
      { label: "回访方式", value: callback?.method ?? "□上门  □电话  □信函" },
      { label: "回访人", value: callback?.byName ?? "" },
    ]);
    form.row([{ label: "业主意见", value: callback?.opinion ?? "", span: 12 }], { minHeight: 16 * MM });
  }
  form.signatureRow([
    { label: "业主签名（上门回访）", image: input.callbacks.find((c) => c.signature)?.signature ?? null },
    { label: "客户服务部主任" },
  ]);
  form.row([{ label: "结案时间", value: input.closedAt, span: 12 }]);
  form.note(
    "说明：上门回访后请业主签署意见；电话、信函回访无需签名（R-4.4.4）。本表由客户服务部存档，保存期限按QP-02执行。",
  );
  return form.finish();
}

export interface DispatchOrderInput {
  organisation: string;
  qrUrl?: string | undefined;
  number: string;
  estateName: string;
  receivedAt: string;
  dispatchedAt: string;
  contactName: string | null;
  contactPhone: string | null;
  unitLabel: string | null;
  categoryName: string | null;
  tradeName: string | null;
  urgencyLabel: string;
  statusLabel: string;
  content: string;
  acceptedAt: string;
  acceptedByName: string | null;
  workerName: string | null;
  arrivedAt: string;
  completedAt: string;
  workDescription: string | null;
  materials: ReadonlyArray<{ name: string; quantity: number | string; unit?: string | null }>;
  minutesSpent: number | null;
  satisfactionLabel: string | null;
  stars: number | null;
  opinion: string | null;
  absenceReason: string | null;
  evaluatedAt: string;
  signature: Buffer | null;
  urgeCount: number;
  /** The callback section (R-4.6.2); blank until #7 records callbacks. */
  callbacks: ReadonlyArray<{ at: string; method: string; byName: string; result: string }>;
}

export async function renderDispatchOrder(input: DispatchOrderInput): Promise<Buffer> {
  const form = await FormDocument.create({
    formCode: FORM_CODES.dispatch,
    title: "派工单",
    organisation: input.organisation,
    recordNumber: input.number,
    qrUrl: input.qrUrl,
  });
  form.section("一、报修登记（客户服务部填写）");
  form.row([
    { label: "编号", value: input.number },
    { label: "管理处", value: input.estateName },
    { label: "紧急程度", value: input.urgencyLabel },
  ]);
  form.row([
    { label: "报修时间", value: input.receivedAt },
    { label: "派工时间", value: input.dispatchedAt },
    { label: "当前状态", value: input.statusLabel },
  ]);
  form.row([
    { label: "报修人", value: input.contactName ?? "" },
    { label: "联系电话", value: input.contactPhone ?? "" },
    { label: "房号/地点", value: input.unitLabel ?? "" },
  ]);
  form.row([
    { label: "报修类别", value: input.categoryName ?? "", span: 6 },
    { label: "工种", value: input.tradeName ?? "", span: 6 },
  ]);
  form.row([{ label: "报修内容", value: input.content, span: 12 }], { minHeight: 20 * MM });

  form.section("二、接单记录（维修组填写）");
  form.row([
    { label: "接单时间", value: input.acceptedAt },
    { label: "接单人", value: input.acceptedByName ?? "" },
    { label: "维修人员", value: input.workerName ?? "" },
  ]);
  form.row([
    { label: "到场时间", value: input.arrivedAt },
    { label: "完成时间", value: input.completedAt },
    { label: "用时（分钟）", value: input.minutesSpent === null ? "" : String(input.minutesSpent) },
  ]);
  form.row([{ label: "维修情况", value: input.workDescription ?? "", span: 12 }], { minHeight: 20 * MM });
  const materials = input.materials.map((m) => `${m.name} × ${m.quantity}${m.unit ? ` ${m.unit}` : ""}`).join("；");
  form.row([{ label: "材料", value: materials, span: 12 }]);
  if (input.urgeCount > 0) form.row([{ label: "催单次数", value: String(input.urgeCount), span: 12 }]);

  form.section("三、客户意见（R-4.5.3）");
  form.row([
    { label: "满意度", value: input.satisfactionLabel ?? "□满意  □基本满意  □不满意" },
    { label: "评分", value: input.stars === null ? "" : "★".repeat(input.stars) },
    { label: "评价时间", value: input.evaluatedAt },
  ]);
  form.row([{ label: "客户意见", value: input.opinion ?? "", span: 12 }], { minHeight: 14 * MM });
  if (input.absenceReason) form.row([{ label: "客户不在场", value: input.absenceReason, span: 12 }]);
  form.signatureRow([
    { label: "客户签名", image: input.signature },
    { label: "维修人员签名", name: input.workerName },
  ]);

  form.section("四、回访记录（客户服务部填写，R-4.6）");
  const callbacks = input.callbacks.length > 0 ? input.callbacks : [undefined];
  for (const callback of callbacks) {
    form.row([
      { label: "回访时间", value: callback?.at ?? "" },
      { label: "回访方式", value: callback?.method ?? "□电话  □上门" },
      { label: "回访人", value: callback?.byName ?? "" },
    ]);
    form.row([{ label: "回访结果", value: callback?.result ?? "", span: 12 }], { minHeight: 12 * MM });
  }
  form.note("说明：维修完成后请客户签署意见；客户服务部每周对上周派工单按不低于30%的比例回访（R-4.6.1）。");
  return form.finish();
}

export interface RegisterFormInput {
  organisation: string;
  qrUrl?: string | undefined;
  /** e.g. 2026-10-01 至 2026-10-31 · 一号花园 */
  scopeLabel: string;
  rows: ReadonlyArray<{
    number: string;
    receivedAt: string;
    kindLabel: string;
    channelLabel: string;
    receivedByName: string;
    contactName: string;
    contactPhone: string;
    unitLabel: string;
    categoryName: string;
    content: string;
    departmentName: string;
    statusLabel: string;
  }>;
}

const REGISTER_COLUMNS = [
  { key: "number", title: "编号", width: 30 },
  { key: "receivedAt", title: "受理时间", width: 26 },
  { key: "kindLabel", title: "类型", width: 10 },
  { key: "channelLabel", title: "方式", width: 14 },
  { key: "receivedByName", title: "接待人", width: 16 },
  { key: "contactName", title: "业主/住户", width: 18 },
  { key: "unitLabel", title: "房号", width: 22 },
  { key: "contactPhone", title: "联系电话", width: 24 },
  { key: "categoryName", title: "类别", width: 18 },
  { key: "content", title: "内容", width: 53 },
  { key: "departmentName", title: "处理部门", width: 18 },
  { key: "statusLabel", title: "状态", width: 20 },
] as const;

/** Rows are a fixed two lines high, like the lines of the paper register; longer text is cut with "…". */
export async function renderRegister(input: RegisterFormInput): Promise<Buffer> {
  const form = await FormDocument.create(
    {
      formCode: FORM_CODES.register,
      title: "业主住户投诉/报修登记表",
      organisation: input.organisation,
      recordNumber: input.scopeLabel,
      qrUrl: input.qrUrl,
    },
    { landscape: true },
  );
  const doc = form.doc;
  const totalWidth = REGISTER_COLUMNS.reduce((sum, column) => sum + column.width, 0);
  const widths = REGISTER_COLUMNS.map((column) => (column.width / totalWidth) * form.width);
  const rowHeight = 9.5 * MM;
  const header = () => {
    const y = form.y;
    let x = form.left;
    doc.font("zh-bold").fontSize(8.5).lineWidth(0.6);
    REGISTER_COLUMNS.forEach((column, index) => {
      const width = widths[index] ?? 0;
      doc.rect(x, y, width, 7 * MM).fillAndStroke("#eeeeee", "#000000");
      doc
        .fillColor("#000")
        .text(column.title, x + 1, y + 2 * MM, { width: width - 2, align: "center", lineBreak: false });
      x += width;
    });
    doc.font("zh").fontSize(7.5);
    form.y = y + 7 * MM;
  };
  header();
  if (input.rows.length === 0) {
    doc.text("本期无登记。", form.left, form.y + 3 * MM);
  }
  for (const row of input.rows) {
    if (form.y + rowHeight > form.bottom) {
      form.newPage();
      header();
    }
    const y = form.y;
    let x = form.left;
    REGISTER_COLUMNS.forEach((column, index) => {
      const width = widths[index] ?? 0;
      doc.rect(x, y, width, rowHeight).stroke();
      doc.text(String(row[column.key] ?? ""), x + 1, y + 1, {
        width: width - 2,
        height: rowHeight - 2,
        ellipsis: "…",
      });
      x += width;
    });
    form.y = y + rowHeight;
  }
  form.note(`共 ${input.rows.length} 条。本登记表由客户服务部每月整理后移交品质管理部（R-4.12.2）。`);
  return form.finish();
}

/** QR-019 (R-4.11.3, QP-05): report, cause, correction, corrective action, verification. Data: issue #7. */
export interface NonconformityReportInput {
  organisation: string;
  qrUrl?: string | undefined;
  number: string;
  estateName: string;
  foundAt: string;
  /** Where it was found: a callback, a QA inspection, an audit, … */
  sourceLabel: string;
  relatedCaseNumbers: readonly string[];
  responsibleDepartment: string;
  responsiblePerson: string | null;
  description: string;
  reportedByName: string;
  dueAt: string;
  causeAnalysis: string | null;
  correction: string | null;
  correctiveAction: string | null;
  verification: { at: string; byName: string; result: string; effective: boolean | null } | null;
  closedAt: string;
  signatures?: ReadonlyArray<{ label: string; image?: Buffer | null; name?: string | null; date?: string | null }>;
}

export async function renderNonconformityReport(input: NonconformityReportInput): Promise<Buffer> {
  const form = await FormDocument.create({
    formCode: FORM_CODES.nonconformity,
    title: "不合格报告",
    organisation: input.organisation,
    recordNumber: input.number,
    qrUrl: input.qrUrl,
  });
  const cells = (items: Cell[]) => form.row(items);
  form.section("一、不合格事实");
  cells([
    { label: "编号", value: input.number },
    { label: "管理处", value: input.estateName },
    { label: "发现时间", value: input.foundAt },
  ]);
  cells([
    { label: "来源", value: input.sourceLabel },
    { label: "相关记录", value: input.relatedCaseNumbers.join("、") },
    { label: "报告人", value: input.reportedByName },
  ]);
  cells([
    { label: "责任部门", value: input.responsibleDepartment },
    { label: "责任人", value: input.responsiblePerson ?? "" },
    { label: "整改期限", value: input.dueAt },
  ]);
  form.row([{ label: "不合格描述", value: input.description, span: 12 }], { minHeight: 22 * MM });
  form.section("二、原因分析");
  form.row([{ label: "原因", value: input.causeAnalysis ?? "", span: 12 }], { minHeight: 20 * MM });
  form.section("三、纠正及纠正措施");
  form.row([{ label: "纠正", value: input.correction ?? "", span: 12 }], { minHeight: 18 * MM });
  form.row([{ label: "纠正措施", value: input.correctiveAction ?? "", span: 12 }], { minHeight: 18 * MM });
  form.section("四、验证");
  const verification = input.verification;
  cells([
    { label: "验证时间", value: verification?.at ?? "" },
    { label: "验证人", value: verification?.byName ?? "" },
    {
      label: "是否有效",
      value:
        verification?.effective === null || verification === null
          ? "□有效  □无效"
          : verification.effective
            ? "有效"
            : "无效",
    },
  ]);
  form.row([{ label: "验证结果", value: verification?.result ?? "", span: 12 }], { minHeight: 14 * MM });
  form.row([{ label: "关闭时间", value: input.closedAt, span: 12 }]);
  form.signatureRow(
    input.signatures ?? [{ label: "责任部门负责人" }, { label: "品质管理部" }, { label: "管理者代表" }],
  );
  form.note("依据《不合格品控制程序》（QP-05）：报告、原因、纠正、纠正措施、验证。");
  return form.finish();
}
