/** Fields every record carries that say nothing about what a user changed. */
const HIDDEN_FIELDS = new Set(["id", "createdAt", "updatedAt", "orgId"]);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function sameValue(a: unknown, b: unknown): boolean {
  // Values are JSON from the audit log, so comparing their JSON is exact.
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields that differ between an audit entry's before and after. A creation (no before)
 * lists every field it set; a deletion (no after) lists every field it removed.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const beforeRecord = asRecord(before);
  const afterRecord = asRecord(after);
  const fields = new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (HIDDEN_FIELDS.has(field)) continue;
    const from = beforeRecord[field];
    const to = afterRecord[field];
    if (sameValue(from, to)) continue;
    changes.push({ field, before: from, after: to });
  }
  return changes;
}

/** The verb of an action such as `estate.updated`. */
export function actionVerb(action: string): string {
  const dot = action.lastIndexOf(".");
  return dot === -1 ? action : action.slice(dot + 1);
}

/** A short readable form of an audited value. */
export function displayValue(value: unknown, texts: { yes: string; no: string; empty: string }): string {
  if (value === null || value === undefined || value === "") return texts.empty;
  if (typeof value === "boolean") return value ? texts.yes : texts.no;
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return texts.empty;
    return value.map((item) => displayValue(item, texts)).join("、");
  }
  if (typeof value === "object") {
    // Linked records (a resident's units) carry a label; otherwise show the JSON.
    const record = value as Record<string, unknown>;
    if (typeof record.label === "string") return record.label;
    if (typeof record.name === "string") return record.name;
    return JSON.stringify(value);
  }
  return String(value);
}
