/**
 * §5.0 / issue #8 item 4: every form renders with Chinese text that pdftotext can extract,
 * every page renders with pdftoppm, pages are numbered "第 n 页 共 m 页" and carry the form code.
 */
import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { pngImage } from "../files/test-images.js";
import {
  type ComplaintFormInput,
  type DispatchOrderInput,
  renderComplaintForm,
  renderDispatchOrder,
  renderNonconformityReport,
  renderRegister,
} from "./forms.js";
import { compact, pdfText, renderPages } from "./pdf-check.js";

// Many signed-in users and rendered documents per test: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const complaint: ComplaintFormInput = {
  organisation: "湖畔物业管理中心",
  qrUrl: "https://desk.example.com/cases/0190c1a2-0000-7000-8000-000000000001",
  number: "TS-E1-20261015-001",
  kindLabel: "投诉",
  estateName: "一号花园",
  receivedAt: "2026-10-15 09:12",
  channelLabel: "电话",
  receivedByName: "客服小王",
  forwardedByName: null,
  contactName: "张三",
  contactPhone: "13812345678",
  unitLabel: "1栋 1-101",
  categoryName: "安全秩序",
  urgencyLabel: "一般",
  statusLabel: "已结案",
  content: "晚上十点后楼下仍有人大声喧哗，保安巡逻不到位。".repeat(4),
  isMajor: true,
  majorReason: "媒体关注",
  signedOff: "2026-10-15 15:00 管理者代表 李四",
  coordination: null,
  handlings: [
    {
      departmentName: "秩序维护部",
      routedAt: "2026-10-15 09:20",
      acceptedAt: "2026-10-15 09:40",
      acceptedByName: "王经理",
      assigneeName: "赵队长",
      acceptDueAt: "2026-10-15 11:20",
      resultDueAt: "2026-10-17 09:20",
      measures: "加强夜间巡逻频次，张贴文明公约",
      result: "已与相关住户沟通，情况改善",
      returnedAt: "2026-10-16 10:00",
      returnedByName: "赵队长",
    },
  ],
  checked: "2026-10-16 14:00 客服主任 陈主任",
  callbacks: [
    {
      at: "2026-10-18 10:00",
      method: "上门",
      byName: "客服小王",
      opinion: "满意，感谢处理",
      signature: pngImage(120, 40),
    },
  ],
  closedAt: "2026-10-18 10:30",
};

const dispatch: DispatchOrderInput = {
  organisation: "湖畔物业管理中心",
  qrUrl: "https://desk.example.com/cases/0190c1a2-0000-7000-8000-000000000002",
  number: "BX-E1-20261015-002",
  estateName: "一号花园",
  receivedAt: "2026-10-15 08:00",
  dispatchedAt: "2026-10-15 08:05",
  contactName: "李四",
  contactPhone: "13900001111",
  unitLabel: "2栋 3-302",
  categoryName: "漏水渗水",
  tradeName: "水电",
  urgencyLabel: "紧急",
  statusLabel: "已结案",
  content: "卫生间天花板漏水，楼上可能水管破裂",
  acceptedAt: "2026-10-15 08:10",
  acceptedByName: "维修组长",
  workerName: "水电维修工 刘师傅",
  arrivedAt: "2026-10-15 08:40",
  completedAt: "2026-10-15 10:00",
  workDescription: "更换破裂的给水管接头，试水无渗漏",
  materials: [{ name: "PPR 管件", quantity: 2, unit: "个" }],
  minutesSpent: 80,
  satisfactionLabel: "满意",
  stars: 5,
  opinion: "师傅很专业",
  absenceReason: null,
  evaluatedAt: "2026-10-15 10:05",
  signature: pngImage(160, 60),
  urgeCount: 1,
  callbacks: [],
};

async function checkPdf(pdf: Buffer, name: string, expectedTexts: string[], pages?: number) {
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = compact(await pdfText(pdf));
  for (const expected of expectedTexts) expect(text, expected).toContain(compact(expected));
  const pngs = await renderPages(pdf, name);
  if (pages !== undefined) expect(pngs).toHaveLength(pages);
  expect(pngs.length).toBeGreaterThan(0);
  pngs.forEach((png, index) => {
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.length).toBeGreaterThan(5_000);
    expect(text).toContain(compact(`第 ${index + 1} 页 共 ${pngs.length} 页`));
  });
  // No system font: the only fonts are the embedded Noto Sans SC subsets.
  const raw = pdf.toString("latin1");
  expect(raw).toMatch(/FontFile2/);
  expect(raw).toMatch(/NotoSansSC/);
  return text;
}

describe("paper forms as PDF (§5.0)", () => {
  it("QR-023 complaint handling form: all sections, Chinese text extractable, signature image, QR code", async () => {
    const pdf = await renderComplaintForm(complaint);
    await checkPdf(pdf, "QR-023-complaint", [
      "投诉处理表",
      "TXHY.QR-023",
      "TS-E1-20261015-001",
      "一、受理登记",
      "二、处理情况",
      "三、回访记录",
      "晚上十点后楼下仍有人大声喧哗",
      "加强夜间巡逻频次",
      "满意，感谢处理",
      "业主签名",
    ]);
    expect(pdf.toString("latin1")).toMatch(/\/Subtype \/Image/);
  });

  it("QR-024 dispatch order: registration, acceptance, customer opinion with signature, callback", async () => {
    const pdf = await renderDispatchOrder(dispatch);
    await checkPdf(pdf, "QR-024-dispatch", [
      "派工单",
      "TXHY.QR-024",
      "二、接单记录",
      "三、客户意见",
      "四、回访记录",
      "更换破裂的给水管接头",
      "PPR 管件 × 2 个",
      "客户签名",
    ]);
  });

  it("QR-022 register: a row per case over numbered landscape pages with the header repeated", async () => {
    const rows = Array.from({ length: 45 }, (_, index) => ({
      number: `TS-E1-202610${String((index % 28) + 1).padStart(2, "0")}-${String(index).padStart(3, "0")}`,
      receivedAt: "2026-10-15 09:12",
      kindLabel: index % 2 ? "报修" : "投诉",
      channelLabel: "电话",
      receivedByName: "客服小王",
      contactName: `住户${index}`,
      contactPhone: "138****5678",
      unitLabel: "1栋 1-101",
      categoryName: "安全秩序",
      content: "晚上十点后楼下仍有人大声喧哗，保安巡逻不到位，希望物业加强管理。".repeat(2),
      departmentName: "秩序维护部",
      statusLabel: "已结案",
    }));
    const pdf = await renderRegister({
      organisation: "湖畔物业管理中心",
      scopeLabel: "2026-10-01 至 2026-10-31",
      rows,
    });
    const text = await checkPdf(pdf, "QR-022-register", [
      "业主住户投诉/报修登记表",
      "TXHY.QR-022",
      "住户0",
      "住户44",
      "共45条",
    ]);
    expect(text.match(/受理时间/g)?.length).toBeGreaterThan(1);
  });

  it("QR-019 nonconformity report: fact, cause, correction, corrective action, verification", async () => {
    const pdf = await renderNonconformityReport({
      organisation: "湖畔物业管理中心",
      qrUrl: "https://desk.example.com/nonconformities/1",
      number: "NC-2026-001",
      estateName: "一号花园",
      foundAt: "2026-10-20 10:00",
      sourceLabel: "回访",
      relatedCaseNumbers: ["TS-E1-20261015-001"],
      responsibleDepartment: "秩序维护部",
      responsiblePerson: "赵队长",
      description: "回访发现夜间巡逻记录不完整",
      reportedByName: "品质管理部 周工",
      dueAt: "2026-10-27",
      causeAnalysis: "排班表未覆盖夜间时段",
      correction: "补充夜间巡逻岗",
      correctiveAction: "修订排班制度并培训",
      verification: { at: "2026-10-28 09:00", byName: "周工", result: "巡逻记录完整", effective: true },
      closedAt: "2026-10-28 09:30",
    });
    await checkPdf(pdf, "QR-019-nonconformity", [
      "不合格报告",
      "TXHY.QR-019",
      "二、原因分析",
      "排班表未覆盖夜间时段",
      "修订排班制度并培训",
      "巡逻记录完整",
    ]);
  });
});
