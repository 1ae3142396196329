import type { CaseSummary } from "@estate-desk/domain";

/** Where a case is: its unit, or the public area in words. */
export function placeText(row: Pick<CaseSummary, "unitLabel" | "publicArea">): string {
  return row.unitLabel ?? row.publicArea ?? "—";
}

/** Who to contact, as one line: name and phone when both are known. */
export function contactText(row: Pick<CaseSummary, "contactName" | "contactPhone">): string {
  const parts = [row.contactName, row.contactPhone].filter((part) => part !== null && part !== "");
  return parts.length === 0 ? "—" : parts.join(" ");
}
