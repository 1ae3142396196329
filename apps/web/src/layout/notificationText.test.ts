import { NOTIFICATION_TOPICS, type Notification } from "@estate-desk/domain";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { RESOURCES } from "../i18n/resources";
import { notificationPath, notificationText } from "./notificationText";

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { "zh-CN": { translation: RESOURCES["zh-CN"] }, en: { translation: RESOURCES.en } },
    lng: "zh-CN",
    interpolation: { escapeValue: false },
  });
});

function notification(topic: Notification["topic"], params: Notification["params"]): Notification {
  return { id: "n-1", topic, caseId: "c-1", params, createdAt: "2026-11-29T01:00:00Z", readAt: null };
}

function render(item: Notification, locale: "zh-CN" | "en"): string {
  const text = notificationText(item, locale);
  return i18n.getFixedT(locale)(text.key, text.params);
}

const routed = notification("case.routed", {
  number: "TS-CHY-20261129-0007",
  kind: "complaint",
  estateName: "翠湖花园",
  departmentName: "秩序维护部",
});

describe("notification texts", () => {
  it("name the case, its kind and where it went, in the reader's language", () => {
    expect(render(routed, "zh-CN")).toBe("投诉 TS-CHY-20261129-0007 已派至 秩序维护部");
    expect(render(routed, "en")).toBe("Complaint TS-CHY-20261129-0007 routed to 秩序维护部");
  });

  it("have a sentence for every topic", () => {
    const params = { number: "BX-CHY-20261129-0001", kind: "repair", estateName: "翠湖花园" };
    expect(render(notification("case.dispatched", params), "zh-CN")).toBe(
      "报修 BX-CHY-20261129-0001 已派工，请安排维修（翠湖花园）",
    );
    expect(render(notification("case.forwarded", params), "zh-CN")).toBe(
      "翠湖花园 有转交的报修 BX-CHY-20261129-0001 待受理",
    );
    expect(render(notification("case.reply", params), "zh-CN")).toBe("您的报修 BX-CHY-20261129-0001 有新回复");
    expect(render(notification("case.reply", params), "en")).toBe(
      "New reply on your repair request BX-CHY-20261129-0001",
    );
  });

  it("have a sentence of its own for every topic of the domain, in both languages", () => {
    for (const topic of NOTIFICATION_TOPICS) {
      const text = notificationText(notification(topic, { number: "TS-1", kind: "complaint", level: 3 }), "zh-CN");
      expect(text.key, topic).not.toBe("notifications.topics.other");
      for (const locale of ["zh-CN", "en"] as const) {
        expect(i18n.getFixedT(locale)(text.key, text.params), `${topic} ${locale}`).not.toContain("{{");
      }
    }
  });

  it("tell complaint handlers what happened and what to do", () => {
    const params = { number: "TS-CHY-20261129-0003", kind: "complaint", departmentName: "秩序维护部" };
    expect(render(notification("case.assigned", params), "zh-CN")).toBe(
      "投诉 TS-CHY-20261129-0003 已指派给您处理（秩序维护部）",
    );
    expect(render(notification("case.sent_back", { ...params, reason: "措施不具体" }), "en")).toBe(
      "Complaint TS-CHY-20261129-0003 was sent back: 措施不具体",
    );
    expect(render(notification("case.sent_back", params), "zh-CN")).toBe("投诉 TS-CHY-20261129-0003 被退回重新处理");
    expect(
      render(notification("case.deadline_approaching", { ...params, deadline: "accept", level: 1 }), "zh-CN"),
    ).toBe("投诉 TS-CHY-20261129-0003 接单时限将到（秩序维护部）");
    expect(render(notification("case.deadline_passed", { ...params, deadline: "result", level: 2 }), "en")).toBe(
      "Complaint TS-CHY-20261129-0003: result deadline passed (秩序维护部)",
    );
    expect(notificationText(notification("case.escalated", { ...params, level: 4 }), "zh-CN").key).toBe(
      "notifications.topics.escalatedManagement",
    );
  });

  it("give a topic newer than this build a general sentence", () => {
    const item = notification("case.major", { number: "TS-CHY-20261129-0003", kind: "complaint" });
    // What an older build receives from a newer server: a topic outside its list.
    const future = Object.assign(item, { topic: "case.teleported" });
    expect(render(future, "zh-CN")).toBe("投诉 TS-CHY-20261129-0003 有新动态");
  });

  it("do without a department name and keep an unknown kind as sent", () => {
    const item = notification("case.routed", { number: "JY-CHY-20261129-0002", kind: "survey", departmentName: null });
    expect(render(item, "zh-CN")).toBe("survey JY-CHY-20261129-0002 已派单");
  });

  it("lead staff to the register and residents to their portal", () => {
    expect(notificationPath(routed, "staff")).toBe("/cases/c-1");
    expect(notificationPath(routed, "resident")).toBe("/portal/cases/c-1");
    expect(notificationPath({ ...routed, caseId: null }, "staff")).toBeNull();
  });
});
