import { type CaseSource, DEFAULT_MAJOR_COMPLAINT_RULES, type MajorComplaintRules } from "@estate-desk/domain";

/** The rules as the form holds them: the repeat rule as a switch and a number kept while it is off. */
export interface MajorRulesFormValues {
  categoryIds: string[];
  repeatOn: boolean;
  repeatWithinDays: number | null;
  sources: CaseSource[];
}

export function majorRulesToForm(rules: MajorComplaintRules): MajorRulesFormValues {
  return {
    categoryIds: rules.categoryIds,
    repeatOn: rules.repeatWithinDays !== null,
    repeatWithinDays: rules.repeatWithinDays ?? DEFAULT_MAJOR_COMPLAINT_RULES.repeatWithinDays,
    sources: rules.sources,
  };
}

/** PUT /api/settings/major-complaints body: no repeat rule when the switch is off. */
export function majorRulesFromForm(values: MajorRulesFormValues): MajorComplaintRules {
  return {
    categoryIds: [...new Set(values.categoryIds)],
    repeatWithinDays: values.repeatOn
      ? (values.repeatWithinDays ?? DEFAULT_MAJOR_COMPLAINT_RULES.repeatWithinDays)
      : null,
    sources: [...new Set(values.sources)],
  };
}
