import type { NotificationParams, NotificationTopic } from "@estate-desk/domain";

/**
 * The text of a notification outside the web app (e-mail, and the `text` field of webhooks
 * that SMS / WeChat gateways forward): Chinese first, English second, since we do not know
 * the reader's language there. The web app renders its bell from the params itself.
 */
export interface RenderedNotification {
  /** The e-mail subject: the Chinese line, prefixed with the product name. */
  subject: string;
  zh: string;
  en: string;
  /** `${PUBLIC_URL}/cases/<caseId>`, or null without PUBLIC_URL or without a case. */
  link: string | null;
  /** zh line, en line and the link, one per line: the plain-text e-mail body. */
  body: string;
}

/** The topic of the event sent by "test this webhook"; not a notification users receive. */
export const WEBHOOK_TEST_TOPIC = "webhook.test";

const KIND_ZH: Record<string, string> = { complaint: "投诉", repair: "报修", suggestion: "建议" };
const KIND_EN: Record<string, string> = { complaint: "complaint", repair: "repair request", suggestion: "suggestion" };

/** A param as display text; absent params become "" so a missing value never prints "undefined". */
function text(params: NotificationParams, key: string): string {
  const value = params[key];
  return value === undefined || value === null ? "" : String(value);
}

/** " (E1 花园)" / "（E1 花园）" when the param is present, else nothing. */
function suffix(value: string, open: string, close: string): string {
  return value === "" ? "" : `${open}${value}${close}`;
}

function lines(topic: NotificationTopic, params: NotificationParams): { zh: string; en: string } {
  const number = text(params, "number");
  const kind = text(params, "kind");
  const kindZh = KIND_ZH[kind] ?? "工单";
  const kindEn = KIND_EN[kind] ?? "case";
  const estate = text(params, "estateName");
  const department = text(params, "departmentName");
  const reason = text(params, "reason");
  const caseZh = `${kindZh} ${number}${suffix(estate, "（", "）")}`;
  const caseEn = `${kindEn[0]?.toUpperCase() ?? ""}${kindEn.slice(1)} ${number}${suffix(estate, " (", ")")}`;
  const reasonZh = suffix(reason, "：", "");
  const reasonEn = suffix(reason, ": ", "");
  // Exhaustive: a topic added to the domain list does not compile until it has its text here.
  switch (topic) {
    case "case.routed":
      return department
        ? { zh: `${caseZh} 已派至${department}`, en: `${caseEn} was routed to ${department}` }
        : { zh: `${caseZh} 已派单`, en: `${caseEn} was routed` };
    case "case.dispatched":
      return { zh: `${caseZh} 已派工，请安排维修`, en: `${caseEn} was dispatched; please assign a worker` };
    case "case.forwarded":
      return { zh: `有转交的${caseZh}待受理`, en: `Forwarded ${caseEn} awaits intake` };
    case "case.reply":
      return { zh: `您的${caseZh}有新回复`, en: `There is a new reply on your ${kindEn} ${number}` };
    case "case.assigned":
      return { zh: `${caseZh} 已分配给您处理`, en: `${caseEn} was assigned to you` };
    case "case.result_returned":
      return {
        zh: `${caseZh} 的处理结果已返回，请检查`,
        en: `The result of ${caseEn} was returned; please check it`,
      };
    case "case.sent_back":
      return { zh: `${caseZh} 被退回${reasonZh}`, en: `${caseEn} was sent back${reasonEn}` };
    case "case.coordination_requested":
      return {
        zh: `${caseZh} 涉及多个部门，请协调`,
        en: `${caseEn} involves several departments; please coordinate`,
      };
    case "case.major":
      return { zh: `${caseZh} 为重大投诉${reasonZh}`, en: `${caseEn} is a major complaint${reasonEn}` };
    case "case.urged":
      return { zh: `业主催单：${caseZh}`, en: `The resident urges ${caseEn}` };
    case "case.deadline_approaching":
      return { zh: `${caseZh} 即将超时`, en: `${caseEn} is approaching its deadline` };
    case "case.deadline_passed":
      return { zh: `${caseZh} 已超时`, en: `${caseEn} is past its deadline` };
    case "case.escalated":
      return { zh: `${caseZh} 超时已升级，请跟进`, en: `${caseEn} was escalated past its deadline; please follow up` };
    case "callback.reply_due": {
      const due = text(params, "dueAt");
      return {
        zh: `回访约定答复即将到期：${caseZh}${suffix(due, "，", "")}`,
        en: `An appointed callback reply is due soon: ${caseEn}${suffix(due, ", ", "")}`,
      };
    }
    case "callback.rate_short":
      return {
        zh: `本周（${number}起）回访率未达标：投诉 ${text(params, "complaintRate")}%/${text(params, "complaintTarget")}%，报修 ${text(params, "repairRate")}%/${text(params, "repairTarget")}%`,
        en: `This week's callback rates (from ${number}) fall short: complaints ${text(params, "complaintRate")}%/${text(params, "complaintTarget")}%, repairs ${text(params, "repairRate")}%/${text(params, "repairTarget")}%`,
      };
    // Issue #7: nonconformities and suggestion topics.
    case "nonconformity.candidate":
      return {
        // `number` is the case the finding concerns, when there is one.
        zh: `发现不合格候选项${suffix(number, "（", "）")}，请确认：${text(params, "description")}`,
        en: `A possible nonconformity${suffix(number, " (", ")")} awaits your decision: ${text(params, "description")}`,
      };
    case "nonconformity.assigned":
      return {
        zh: `不合格项 ${number} 请您在期限内整改`,
        en: `Nonconformity ${number} is yours to fix by its deadline`,
      };
    case "nonconformity.fixed":
      return {
        zh: `不合格项 ${number} 已整改，待再次回访`,
        en: `Nonconformity ${number} was fixed; a new callback follows`,
      };
    case "nonconformity.sign_off_requested":
      return {
        zh: `不合格项 ${number} 拟按投诉不合理关闭，请审批`,
        en: `Nonconformity ${number} is proposed for closing as unreasonable; please sign off`,
      };
    case "nonconformity.escalated":
      return { zh: `不合格项 ${number} 已超过整改期限`, en: `Nonconformity ${number} is past its deadline` };
    case "topic.assigned":
      return {
        zh: `意见建议专题“${text(params, "title")}”${suffix(number, "（", "）")}请您处理`,
        en: `Suggestion topic "${text(params, "title")}"${suffix(number, " (", ")")} is yours to handle`,
      };
    case "records.handover_due":
      return {
        zh: `月末将至，请将 ${text(params, "period")} 的已完成投诉记录移交品质管理部`,
        en: `Month end is near: hand ${text(params, "period")}'s completed complaint records to QA`,
      };
    case "records.handed_over":
      return {
        zh: `客服部已移交 ${text(params, "period")} 的投诉记录（${text(params, "count")} 份），请签收`,
        en: `Customer service handed over ${text(params, "period")}'s complaint records (${text(params, "count")}); please receive them`,
      };
  }
}

export function renderNotification(
  topic: NotificationTopic | typeof WEBHOOK_TEST_TOPIC,
  params: NotificationParams,
  caseId: string | null,
  publicUrl: string | null,
): RenderedNotification {
  const { zh, en } =
    topic === WEBHOOK_TEST_TOPIC
      ? { zh: "物业服务台 Webhook 测试消息", en: "Estate Desk webhook test message" }
      : lines(topic, params);
  const link = publicUrl !== null && caseId !== null ? `${publicUrl}/cases/${caseId}` : null;
  return {
    subject: `[物业服务台] ${zh}`,
    zh,
    en,
    link,
    body: [zh, en, ...(link ? ["", link] : [])].join("\n"),
  };
}
