import { PHONE_PATTERN } from "@estate-desk/domain";

/**
 * What the clerk typed in the lookup box. The intake lookup finds residents by phone number
 * (or its last four or more digits) and units by number; anything else gets a hint instead
 * of a request that cannot match.
 */
export type LookupInput =
  | { kind: "empty" }
  | { kind: "phone"; query: string }
  | { kind: "phoneTail"; query: string }
  | { kind: "unit"; query: string }
  | { kind: "caseNumber"; query: string }
  | { kind: "tooShort" }
  | { kind: "other" };

const CASE_NUMBER = /^(TS|BX|JY)-[A-Z0-9_-]*\d{8}-?\d{0,4}$/i;
// "1-101", "2-1502", "3栋 1-101", "3栋1-101", "3号楼 1-101", "3幢1-101", "3-1-101"
const UNIT = /^(\d{1,3}\s*(栋|幢|号楼|座|#)\s*|\d{1,3}-)?\d{1,3}-\d{2,5}$/;
const BUILDING_ONLY_UNIT = /^\d{1,3}\s*(栋|幢|号楼|座|#)\s*\d{2,5}$/;

export function classifyLookup(raw: string): LookupInput {
  const text = raw.trim();
  if (text === "") return { kind: "empty" };
  if (CASE_NUMBER.test(text)) return { kind: "caseNumber", query: text.toUpperCase() };
  const compact = text.replace(/[\s()（）]/g, "");
  if (PHONE_PATTERN.test(compact)) return { kind: "phone", query: compact };
  if (UNIT.test(text) || BUILDING_ONLY_UNIT.test(text)) return { kind: "unit", query: text.replace(/\s+/g, " ") };
  const digits = compact.replace(/-/g, "");
  if (/^\d+$/.test(digits)) {
    return digits.length >= 4 ? { kind: "phoneTail", query: digits } : { kind: "tooShort" };
  }
  return { kind: "other" };
}

/** The `q` to send to GET /api/intake/lookup, or null when the input cannot match anything yet. */
export function lookupQuery(input: LookupInput): string | null {
  switch (input.kind) {
    case "phone":
    case "phoneTail":
    case "unit":
      return input.query;
    default:
      return null;
  }
}

/** The caller's phone when the clerk typed a whole number: it becomes the visitor's and callback phone. */
export function typedPhone(input: LookupInput): string | null {
  return input.kind === "phone" ? input.query : null;
}
