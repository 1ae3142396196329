import { COMPLAINT_ACTIONS, COMPLAINT_RULES, complaintActionInputSchema } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { actionFormFields, buildActionInput, needsForm } from "./actionForm";

describe("complaint action forms", () => {
  it("ask for exactly what the rule requires, for every action", () => {
    for (const action of COMPLAINT_ACTIONS) {
      if (action === "check") continue;
      expect(
        actionFormFields(action).map((field) => field.field),
        action,
      ).toEqual([...COMPLAINT_RULES[action].requires]);
      expect(
        actionFormFields(action).every((field) => field.required),
        action,
      ).toBe(true);
    }
  });

  it("ask for a reason only when customer service sends the result back (R-4.3.2)", () => {
    expect(actionFormFields("check", "accepted").map((f) => f.field)).toEqual(["outcome"]);
    expect(actionFormFields("check", "sent_back")).toEqual([
      { field: "outcome", required: true },
      { field: "comment", required: true },
    ]);
  });

  it("confirm with one click when there is nothing to fill in", () => {
    expect(needsForm("accept")).toBe(false);
    expect(needsForm("resume")).toBe(false);
    expect(needsForm("assign")).toBe(true);
    expect(needsForm("return_result")).toBe(true);
  });

  it("send only the fields of the form, trimmed, with the section", () => {
    const input = buildActionInput("return_result", "0190a2b4-3c5d-7e6f-8a9b-0c1d2e3f4a5b", {
      measures: "  已上门劝导  ",
      result: "住户同意晚十点后停止装修",
      comment: "left over from another form",
      assigneeId: "0190a2b4-3c5d-7e6f-8a9b-0c1d2e3f4a5c",
    });
    expect(input).toEqual({
      action: "return_result",
      handlingId: "0190a2b4-3c5d-7e6f-8a9b-0c1d2e3f4a5b",
      measures: "已上门劝导",
      result: "住户同意晚十点后停止装修",
    });
    expect(complaintActionInputSchema.safeParse(input).success).toBe(true);
  });

  it("drop the reason of an accepted check and keep it when sent back", () => {
    expect(buildActionInput("check", null, { outcome: "accepted", comment: "x" })).toEqual({
      action: "check",
      outcome: "accepted",
    });
    expect(buildActionInput("check", null, { outcome: "sent_back", comment: "措施不具体" })).toEqual({
      action: "check",
      outcome: "sent_back",
      comment: "措施不具体",
    });
  });

  it("leave a blank required field out, so the server names it rather than storing an empty text", () => {
    expect(buildActionInput("follow_up", null, { comment: "   " })).toEqual({
      action: "follow_up",
      comment: undefined,
    });
  });
});
