import { describe, expect, it } from "vitest";
import { caseEventText, residentEventKey } from "./caseEvents";
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
    expect(caseEventText({ type: "escalated", data: {} }, "zh-CN")).toMatchObject({
      key: "caseEvents.other",
      params: { type: "escalated" },
    });
  });

  it("show residents only the milestones", () => {
    expect(residentEventKey("dispatched")).toBe("residentEvents.dispatched");
    expect(residentEventKey("similar_case_flagged")).toBeNull();
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
