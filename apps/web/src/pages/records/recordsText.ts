/** Small pure helpers of the records screens (tested in recordsText.test.ts). */

/** The last `count` months `YYYY-MM`, newest first, counted back from `now` in China time. */
export function recentPeriods(now: Date, count: number): string[] {
  const local = new Date(now.getTime() + 8 * 3600_000);
  let year = local.getUTCFullYear();
  let month = local.getUTCMonth() + 1;
  const periods: string[] = [];
  for (let index = 0; index < count; index++) {
    periods.push(`${year}-${String(month).padStart(2, "0")}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return periods;
}

/** True when a contact value came masked from the server (PIPL) and can be revealed. */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === "string" && value.includes("*");
}

/** A checklist answer as a select value and back: true / false / not answered. */
export type CheckValue = "yes" | "no" | "na";
export function toCheckValue(value: boolean | null): CheckValue {
  return value === null ? "na" : value ? "yes" : "no";
}
export function fromCheckValue(value: CheckValue): boolean | null {
  return value === "na" ? null : value === "yes";
}
