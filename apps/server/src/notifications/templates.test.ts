import { NOTIFICATION_TOPICS } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { renderNotification } from "./templates.js";

describe("notification texts for e-mail and webhooks", () => {
  const params = { number: "BX-E1-20261129-0003", kind: "repair", estateName: "E1 花园", reason: "照片不清楚" };

  it("has a Chinese and an English line for every topic, naming the case", () => {
    // Records topics (issue #8) are about a month, not a case: tested below.
    for (const topic of NOTIFICATION_TOPICS.filter((name) => name.startsWith("case."))) {
      const rendered = renderNotification(topic, params, null, null);
      expect(rendered.zh, topic).toContain("BX-E1-20261129-0003");
      expect(rendered.en, topic).toContain("BX-E1-20261129-0003");
      expect(rendered.zh, topic).toMatch(/[\u4e00-\u9fff]/);
      expect(rendered.en, topic).toMatch(/^[A-Z]/);
      expect(`${rendered.zh}${rendered.en}`, topic).not.toMatch(/undefined|null/);
      expect(rendered.subject).toBe(`[物业服务台] ${rendered.zh}`);
      expect(rendered.body).toBe(`${rendered.zh}\n${rendered.en}`);
    }
  });

  it("names the month of a records notification in both languages (R-4.12.2)", () => {
    for (const topic of ["records.handover_due", "records.handed_over"] as const) {
      const rendered = renderNotification(topic, { period: "2026-11", count: 12 }, null, null);
      expect(rendered.zh, topic).toContain("2026-11");
      expect(rendered.en, topic).toContain("2026-11");
      expect(rendered.en, topic).toMatch(/^[A-Z]/);
      expect(`${rendered.zh}${rendered.en}`, topic).not.toMatch(/undefined|null/);
    }
  });

  it("links to the case when PUBLIC_URL is set and the message is about a case", () => {
    const caseId = "0190a0b0-0000-7000-8000-000000000003";
    expect(renderNotification("case.sent_back", params, caseId, "https://desk.example.com")).toEqual({
      subject: "[物业服务台] 报修 BX-E1-20261129-0003（E1 花园） 被退回：照片不清楚",
      zh: "报修 BX-E1-20261129-0003（E1 花园） 被退回：照片不清楚",
      en: "Repair request BX-E1-20261129-0003 (E1 花园) was sent back: 照片不清楚",
      link: `https://desk.example.com/cases/${caseId}`,
      body: [
        "报修 BX-E1-20261129-0003（E1 花园） 被退回：照片不清楚",
        "Repair request BX-E1-20261129-0003 (E1 花园) was sent back: 照片不清楚",
        "",
        `https://desk.example.com/cases/${caseId}`,
      ].join("\n"),
    });
    expect(renderNotification("case.sent_back", params, null, "https://desk.example.com").link).toBeNull();
    expect(renderNotification("case.sent_back", params, caseId, null).link).toBeNull();
  });

  it("leaves out what the params do not give", () => {
    expect(renderNotification("case.routed", { number: "TS-1" }, null, null)).toMatchObject({
      zh: "工单 TS-1 已派单",
      en: "Case TS-1 was routed",
    });
  });
});
