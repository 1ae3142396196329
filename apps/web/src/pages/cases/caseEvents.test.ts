import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { flattenResources, RESOURCES } from "../../i18n/resources";
import { CASE_EVENT_TYPES, caseEventText, residentEventKey } from "./caseEvents";

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { "zh-CN": { translation: RESOURCES["zh-CN"] }, en: { translation: RESOURCES.en } },
    lng: "zh-CN",
    interpolation: { escapeValue: false },
  });
});

function render(event: { type: string; data: Record<string, unknown> }, locale: "zh-CN" | "en"): string {
  const text = caseEventText(event, locale, {
    users: new Map([["u-1", "孙强"]]),
    departments: new Map([["d-2", "环境部"]]),
  });
  return i18n.getFixedT(locale)(text.key, text.params);
}

import { contactText, placeText } from "./caseText";

describe("timeline entries", () => {
  it("say how a case came in, by channel in the reader's language", () => {
    expect(caseEventText({ type: "registered", data: { channel: "phone" } }, "zh-CN")).toMatchObject({
      key: "caseEvents.registered",
      params: { channel: "电话" },
    });
    expect(
      caseEventText({ type: "registered", data: { channel: "forwarded", forwardedByName: "孙强" } }, "en"),
    ).toMatchObject({ key: "caseEvents.registeredForwarded", params: { forwardedBy: "孙强" } });
  });

  it("name the department, a previous number and similar cases", () => {
    expect(caseEventText({ type: "routed", data: { departmentName: "秩序维护部" } }, "zh-CN").params.department).toBe(
      "秩序维护部",
    );
    expect(caseEventText({ type: "intake_completed", data: { previousNumber: null } }, "zh-CN").key).toBe(
      "caseEvents.intakeCompleted",
    );
    expect(
      caseEventText({ type: "intake_completed", data: { previousNumber: "TS-A-20261129-0001" } }, "zh-CN").key,
    ).toBe("caseEvents.intakeCompletedRenumbered");
    expect(
      caseEventText({ type: "similar_case_flagged", data: { numbers: ["BX-1", "BX-2"] } }, "zh-CN").params.numbers,
    ).toBe("BX-1、BX-2");
  });

  it("name the other case of a duplicate link, both ways", () => {
    expect(caseEventText({ type: "marked_duplicate", data: { originalNumber: "TS-A-1" } }, "zh-CN")).toMatchObject({
      key: "caseEvents.markedDuplicate",
      params: { number: "TS-A-1" },
    });
    expect(caseEventText({ type: "duplicate_linked", data: { duplicateNumber: "TS-A-2" } }, "zh-CN")).toMatchObject({
      key: "caseEvents.duplicateLinked",
      params: { number: "TS-A-2" },
    });
    expect(caseEventText({ type: "noted", data: { commentId: "x" } }, "zh-CN").key).toBe("caseEvents.noted");
  });

  it("show an event type it does not know by its name", () => {
    expect(caseEventText({ type: "teleported", data: {} }, "zh-CN")).toMatchObject({
      key: "caseEvents.other",
      params: { type: "teleported" },
      note: null,
    });
  });

  it("have a sentence of its own for every known type, in both languages", () => {
    const chinese = flattenResources(RESOURCES["zh-CN"]);
    const english = flattenResources(RESOURCES.en);
    for (const type of CASE_EVENT_TYPES) {
      const { key } = caseEventText({ type, data: { deadline: "result", level: 3 } }, "zh-CN");
      expect(key, type).not.toBe("caseEvents.other");
      expect(chinese.has(key), `${type} zh-CN`).toBe(true);
      expect(english.has(key), `${type} en`).toBe(true);
    }
  });

  it("tell the complaint's handling steps with departments, people and what was written", () => {
    expect(render({ type: "handling_accepted", data: { departmentName: "秩序维护部" } }, "zh-CN")).toBe(
      "秩序维护部 已接单",
    );
    expect(render({ type: "handling_assigned", data: { departmentName: "秩序维护部", assigneeId: "u-1" } }, "en")).toBe(
      "秩序维护部 assigned it to 孙强",
    );
    // An assignee no longer on the section is not named rather than shown as an id.
    expect(
      render({ type: "handling_assigned", data: { departmentName: "秩序维护部", assigneeId: "u-9" } }, "zh-CN"),
    ).toBe("秩序维护部 已指派处理人");
    expect(
      render(
        { type: "reassigned", data: { fromDepartmentName: "秩序维护部", toDepartmentId: "d-2", comment: "属保洁" } },
        "zh-CN",
      ),
    ).toBe("由 秩序维护部 改派至 环境部");
    expect(render({ type: "department_involved", data: { departmentId: "d-2", comment: "x" } }, "en")).toBe(
      "环境部 involved as well",
    );
    const sentBack = caseEventText({ type: "sent_back", data: { reason: "措施不具体" } }, "zh-CN");
    expect(sentBack).toMatchObject({ key: "caseEvents.sentBack", note: "措施不具体" });
    expect(caseEventText({ type: "coordinated", data: { decision: "两部门各自整改" } }, "en").note).toBe(
      "两部门各自整改",
    );
    expect(render({ type: "resumed", data: { pausedWorkingMinutes: 95, comment: null } }, "zh-CN")).toBe(
      "恢复计时（暂停 95 个工作分钟）",
    );
  });

  it("tell which deadline is approaching or passed, and how far a complaint escalated", () => {
    const data = { level: 1, deadline: "accept", dueAt: "2026-12-01T02:00:00Z", departmentName: "秩序维护部" };
    expect(render({ type: "deadline_approaching", data }, "zh-CN")).toBe("秩序维护部 接单时限将到");
    expect(render({ type: "deadline_passed", data: { ...data, level: 2, deadline: "result" } }, "en")).toBe(
      "秩序维护部: result deadline passed",
    );
    expect(caseEventText({ type: "escalated", data: { ...data, level: 3 } }, "zh-CN").key).toBe(
      "caseEvents.escalatedCsHead",
    );
    expect(caseEventText({ type: "escalated", data: { ...data, level: 4 } }, "zh-CN").key).toBe(
      "caseEvents.escalatedManagement",
    );
  });

  it("show residents only the milestones", () => {
    expect(residentEventKey("dispatched")).toBe("residentEvents.dispatched");
    expect(residentEventKey("similar_case_flagged")).toBeNull();
    expect(residentEventKey("closed")).toBe("residentEvents.closed");
    expect(residentEventKey("deadline_passed")).toBeNull();
  });
});

describe("register cells", () => {
  it("show the unit or the public area, and name with phone", () => {
    expect(placeText({ unitLabel: "1栋 1-101", publicArea: null })).toBe("1栋 1-101");
    expect(placeText({ unitLabel: null, publicArea: "东门" })).toBe("东门");
    expect(placeText({ unitLabel: null, publicArea: null })).toBe("—");
    expect(contactText({ contactName: "张伟", contactPhone: "13800138000" })).toBe("张伟 13800138000");
    expect(contactText({ contactName: null, contactPhone: null })).toBe("—");
  });
});
