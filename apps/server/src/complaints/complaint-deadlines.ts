/**
 * The deadlines of a department's handling section (issue #4 item 6): acceptance and result
 * in working time from when it was routed, on the organisation's business calendar, by the
 * most specific deadline policy for the complaint's category and urgency.
 */
import { addWorkingMinutes, type CaseKind, type Urgency, workingMinutesBetween } from "@estate-desk/domain";
import { computeDeadlines, loadBusinessCalendar, resolveDeadlinePolicy } from "../calendar/calendar.service.js";
import type { DbOrTx } from "../db/database.js";

export interface HandlingDeadlines {
  acceptDueAt: string | null;
  resultDueAt: string | null;
}

export async function handlingDeadlines(
  db: DbOrTx,
  orgId: string,
  complaint: { kind: CaseKind; categoryId: string | null; urgency: Urgency },
  routedAt: string,
): Promise<HandlingDeadlines> {
  const calendar = await loadBusinessCalendar(db, orgId);
  const policy = await resolveDeadlinePolicy(db, orgId, complaint);
  const deadlines = computeDeadlines(calendar, policy, routedAt);
  return { acceptDueAt: deadlines.acceptDueAt, resultDueAt: deadlines.resultDueAt };
}

/** Working minutes between two instants on the organisation's calendar: how long a pause lasted. */
export async function pausedWorkingMinutes(db: DbOrTx, orgId: string, fromIso: string, toIso: string): Promise<number> {
  return workingMinutesBetween(await loadBusinessCalendar(db, orgId), fromIso, toIso);
}

/** A due date pushed back by working minutes (after a pause). */
export async function shiftDueDate(db: DbOrTx, orgId: string, dueIso: string, minutes: number): Promise<string> {
  if (minutes <= 0) return dueIso;
  return addWorkingMinutes(await loadBusinessCalendar(db, orgId), dueIso, minutes);
}

/** Issue #5 item 2: a repair's deadlines for acceptance, arrival and completion from its dispatch. */
export async function repairDeadlines(
  db: DbOrTx,
  orgId: string,
  repair: { kind: CaseKind; categoryId: string | null; urgency: Urgency },
  dispatchedAt: string,
): Promise<{ acceptDueAt: string; arriveDueAt: string | null; resultDueAt: string }> {
  const calendar = await loadBusinessCalendar(db, orgId);
  const deadlines = computeDeadlines(calendar, await resolveDeadlinePolicy(db, orgId, repair), dispatchedAt);
  return { acceptDueAt: deadlines.acceptDueAt, arriveDueAt: deadlines.arriveDueAt, resultDueAt: deadlines.resultDueAt };
}
