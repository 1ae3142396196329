import { DEFAULT_MAJOR_COMPLAINT_RULES } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { majorRulesFromForm, majorRulesToForm } from "./majorRules";

describe("the major-complaint rules form", () => {
  it("starts from the defaults: 30 days, media and government", () => {
    expect(majorRulesToForm(DEFAULT_MAJOR_COMPLAINT_RULES)).toEqual({
      categoryIds: [],
      repeatOn: true,
      repeatWithinDays: 30,
      sources: ["media", "government"],
    });
  });

  it("offers 30 days when the repeat rule is off, and sends null while it stays off", () => {
    const form = majorRulesToForm({ categoryIds: ["c-1"], repeatWithinDays: null, sources: [] });
    expect(form).toMatchObject({ repeatOn: false, repeatWithinDays: 30 });
    expect(majorRulesFromForm(form)).toEqual({ categoryIds: ["c-1"], repeatWithinDays: null, sources: [] });
  });

  it("sends the days when the repeat rule is on", () => {
    expect(
      majorRulesFromForm({ categoryIds: ["c-1", "c-1"], repeatOn: true, repeatWithinDays: 7, sources: ["media"] }),
    ).toEqual({ categoryIds: ["c-1"], repeatWithinDays: 7, sources: ["media"] });
  });
});
