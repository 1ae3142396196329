/**
 * Overdue nonconformities escalate (R-4.11.2 "fix each within a deadline"), like complaint
 * deadlines (complaints/deadline-escalation.ts). Every five minutes one server instance (the
 * scheduler's lease) raises each open nonconformity to the level it has reached, announcing
 * every new level once:
 *
 * | level | reached at                         | told                                               |
 * |-------|------------------------------------|----------------------------------------------------|
 * | 1     | the deadline                       | the responsible person and department heads        |
 * | 2     | deadline + one working day (8 h)   | the customer-service head                          |
 * | 3     | deadline + two working days        | the management representative                      |
 *
 * Recording the fix stops the clock (status `fixed`); a dissatisfied re-callback reopens the
 * nonconformity at level 0 against the same deadline, so it escalates again at once.
 */
import { addWorkingMinutes, type BusinessCalendar } from "@estate-desk/domain";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import type { Db, DbOrTx } from "../db/database.js";
import type { ScheduledJob } from "../scheduler/scheduler.js";
import * as repo from "./nonconformities.repository.js";
import { notifyAbout, responsibleParty } from "./nonconformity-workflow.service.js";

export const ESCALATION_STEP_WORKING_MINUTES = 8 * 60;

export type NonconformityEscalationLevel = 0 | 1 | 2 | 3;

/** The level an open nonconformity with this deadline has reached at `now`. */
export function nonconformityLevelAt(
  calendar: BusinessCalendar,
  dueAt: string,
  now: string,
): NonconformityEscalationLevel {
  const instant = Date.parse(now);
  if (instant < Date.parse(dueAt)) return 0;
  const csHeadAt = addWorkingMinutes(calendar, dueAt, ESCALATION_STEP_WORKING_MINUTES);
  if (instant < Date.parse(csHeadAt)) return 1;
  const managementAt = addWorkingMinutes(calendar, dueAt, 2 * ESCALATION_STEP_WORKING_MINUTES);
  return instant < Date.parse(managementAt) ? 2 : 3;
}

type OverdueRow = Awaited<ReturnType<typeof repo.listOverdue>>[number];

async function recipientsOf(db: DbOrTx, nc: OverdueRow, level: 1 | 2 | 3): Promise<string[]> {
  if (level === 1) return responsibleParty(db, nc);
  return repo.findStaffOfEstate(db, nc.org_id, nc.estate_id, level === 2 ? ["cs_head"] : ["mgmt_rep"]);
}

async function raise(db: Db, nc: OverdueRow, to: NonconformityEscalationLevel, now: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if (!(await repo.raiseEscalationLevel(tx, { id: nc.id, from: nc.escalation_level, to, now }))) return false;
    for (const level of [1, 2, 3] as const) {
      if (level <= nc.escalation_level || level > to) continue;
      const recipients = await recipientsOf(tx, nc, level);
      await notifyAbout(tx, nc, "nonconformity.escalated", recipients, null, { level, dueAt: nc.due_at });
    }
    return true;
  });
}

export interface NonconformityEscalationSummary {
  organisations: number;
  overdue: number;
  raised: number;
}

const PAGE_SIZE = 500;

/** Idempotent: a second run at the same moment, here or in another instance, raises nothing. */
export async function runNonconformityEscalation(db: Db, now: string): Promise<NonconformityEscalationSummary> {
  const summary: NonconformityEscalationSummary = { organisations: 0, overdue: 0, raised: 0 };
  for (const orgId of await repo.listActiveOrganisationIds(db)) {
    summary.organisations += 1;
    let calendar: BusinessCalendar | undefined;
    let afterId: string | null = null;
    for (;;) {
      const page = await repo.listOverdue(db, orgId, now, afterId, PAGE_SIZE);
      for (const nc of page) {
        summary.overdue += 1;
        if (!nc.due_at) continue;
        calendar ??= await loadBusinessCalendar(db, orgId);
        const level = nonconformityLevelAt(calendar, nc.due_at, now);
        if (level > nc.escalation_level && (await raise(db, nc, level, now))) summary.raised += 1;
      }
      const last = page.at(-1);
      if (page.length < PAGE_SIZE || !last) break;
      afterId = last.id;
    }
  }
  return summary;
}

/** The scheduled job (scheduler/): every five minutes, in one server instance at a time. */
export const nonconformityEscalationJob = {
  name: "nonconformity-escalation",
  cron: "*/5 * * * *",
  run: runNonconformityEscalation,
} satisfies ScheduledJob;
