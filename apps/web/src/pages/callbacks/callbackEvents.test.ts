import { describe, expect, it } from "vitest";
import { caseEventText } from "../cases/caseEvents";

describe("callback events on the case timeline (R-4.9.2)", () => {
  it("says which callback it was and how it ended", () => {
    const recorded = (data: Record<string, unknown>) =>
      caseEventText({ type: "callback_recorded", data: { sequence: 2, ...data } }, "zh-CN");
    expect(recorded({ outcome: "reached", satisfaction: "satisfied" })).toMatchObject({
      key: "caseEvents.callbackSatisfied",
      params: { sequence: "2" },
    });
    expect(recorded({ outcome: "reached", satisfaction: null, replyDueAt: "2026-12-01T01:00:00Z" }).key).toBe(
      "caseEvents.callbackReplyLater",
    );
    expect(recorded({ outcome: "unreachable" }).key).toBe("caseEvents.callbackUnreachable");
    expect(caseEventText({ type: "callback_exempted", data: { reason: "declined" } }, "en").key).toBe(
      "caseEvents.callbackExempted",
    );
  });
});
