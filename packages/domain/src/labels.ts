import type { CaseSource, CaseStatus, Channel, CommentVisibility } from "./cases.js";
import type { CaseKind, DepartmentFunction, ResidentRelation, Urgency } from "./org.js";
import type { Role } from "./roles.js";

/** Display names of the shared vocabulary, in both languages; the web app and printed forms use these. */
export interface Label {
  "zh-CN": string;
  en: string;
}

export const ROLE_LABELS: Record<Role, Label> = {
  admin: { "zh-CN": "系统管理员", en: "Administrator" },
  cs_head: { "zh-CN": "客户服务部主任", en: "Customer-service head" },
  cs_agent: { "zh-CN": "客服专员", en: "Customer-service agent" },
  dept_head: { "zh-CN": "部门负责人", en: "Department head" },
  dept_staff: { "zh-CN": "部门员工", en: "Department staff" },
  repair_lead: { "zh-CN": "维修组负责人", en: "Repair team leader" },
  repair_worker: { "zh-CN": "维修工", en: "Repair worker" },
  qa: { "zh-CN": "品质管理部", en: "Quality assurance" },
  mgmt_rep: { "zh-CN": "管理者代表", en: "Management representative" },
  resident: { "zh-CN": "业主/住户", en: "Resident" },
};

export const URGENCY_LABELS: Record<Urgency, Label> = {
  low: { "zh-CN": "低", en: "Low" },
  normal: { "zh-CN": "一般", en: "Normal" },
  high: { "zh-CN": "紧急", en: "High" },
  urgent: { "zh-CN": "特急", en: "Urgent" },
};

export const CASE_KIND_LABELS: Record<CaseKind, Label> = {
  complaint: { "zh-CN": "投诉", en: "Complaint" },
  repair: { "zh-CN": "报修", en: "Repair request" },
  suggestion: { "zh-CN": "意见/建议", en: "Suggestion" },
};

export const RESIDENT_RELATION_LABELS: Record<ResidentRelation, Label> = {
  owner: { "zh-CN": "业主", en: "Owner" },
  tenant: { "zh-CN": "租户", en: "Tenant" },
  family: { "zh-CN": "家庭成员", en: "Family member" },
};

export const DEPARTMENT_FUNCTION_LABELS: Record<DepartmentFunction, Label> = {
  customer_service: { "zh-CN": "客户服务", en: "Customer service" },
  engineering: { "zh-CN": "工程维修", en: "Engineering and repairs" },
  security: { "zh-CN": "秩序维护", en: "Security and order" },
  environment: { "zh-CN": "环境保洁绿化", en: "Cleaning and grounds" },
  quality: { "zh-CN": "品质管理", en: "Quality management" },
  management: { "zh-CN": "管理", en: "Management" },
  other: { "zh-CN": "其他", en: "Other" },
};

export const CHANNEL_LABELS: Record<Channel, Label> = {
  phone: { "zh-CN": "电话", en: "Phone" },
  walk_in: { "zh-CN": "来访", en: "Walk-in" },
  letter: { "zh-CN": "信函", en: "Letter" },
  portal: { "zh-CN": "业主端", en: "Resident portal" },
  forwarded: { "zh-CN": "转交", en: "Forwarded" },
};

export const CASE_SOURCE_LABELS: Record<CaseSource, Label> = {
  resident: { "zh-CN": "住户", en: "Resident" },
  media: { "zh-CN": "媒体", en: "Media" },
  government: { "zh-CN": "政府部门", en: "Government" },
  other: { "zh-CN": "其他", en: "Other" },
};

export const CASE_STATUS_LABELS: Record<CaseStatus, Label> = {
  pending_intake: { "zh-CN": "待受理", en: "Awaiting intake" },
  registered: { "zh-CN": "已登记", en: "Registered" },
  routed: { "zh-CN": "已派至部门", en: "Routed" },
  accepted: { "zh-CN": "部门已接单", en: "Accepted by department" },
  dispatched: { "zh-CN": "已派工", en: "Dispatched" },
  in_progress: { "zh-CN": "处理中", en: "In progress" },
  result_returned: { "zh-CN": "已反馈结果", en: "Result returned" },
  awaiting_callback: { "zh-CN": "待回访", en: "Awaiting callback" },
  closed: { "zh-CN": "已结案", en: "Closed" },
  withdrawn: { "zh-CN": "已撤销", en: "Withdrawn" },
};

export const COMMENT_VISIBILITY_LABELS: Record<CommentVisibility, Label> = {
  internal: { "zh-CN": "内部备注", en: "Internal notes" },
  resident: { "zh-CN": "回复业主", en: "Replies to the resident" },
};

export type Locale = keyof Label;
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
