/** Periods of the statistics and exports screens, as local dates (kept apart so that no page pulls in ECharts). */
function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** The first and last day of the month `offset` months from now (local dates). */
export function monthRange(offset: number): { from: string; to: string } {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  const last = new Date(now.getFullYear(), now.getMonth() + offset + 1, 0);
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return { from: day(first), to: day(last) };
}
