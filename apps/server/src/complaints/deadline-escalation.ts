/**
 * Deadlines and escalation of complaint handling (issue #4 item 6; has departments act
 * "at once" and has customer service track them). Every minute the scheduler runs
 * `complaint-deadlines` in one server instance; for each open handling section it works out
 * the level the section should be at now and raises it, announcing each new level once:
 *
 * | level | reached at                                           | told                                |
 * |-------|------------------------------------------------------|-------------------------------------|
 * | 1     | `warnPercent` of the allowed working time has passed | the handler and the department head |
 * | 2     | the deadline                                         | the handler and the department head |
 * | 3     | deadline + `escalateAfterMinutes` of working time    | the customer-service head           |
 * | 4     | deadline + 2 × `escalateAfterMinutes`                | the management representative       |
 *
 * The deadline is acceptance while the section is routed and the result once it is accepted
 * (accepting resets the level to 0). A paused complaint does not escalate; resuming moves its
 * deadlines on (complaint-workflow.service.ts) and the warning point with them.
 */
import {
  addWorkingMinutes,
  type BusinessCalendar,
  type DeadlinePolicyValues,
  type Role,
  workingMinutesBetween,
} from "@estate-desk/domain";
import {
  computeDeadlines,
  escalationTimes,
  loadBusinessCalendar,
  type ResolvedDeadlinePolicy,
  resolveDeadlinePolicy,
} from "../calendar/calendar.service.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { newId } from "../http/ids.js";
import { enqueueNotification, type NotificationTopic } from "../notifications/outbox.js";
import type { ScheduledJob } from "../scheduler/scheduler.js";
import * as repo from "./deadline-escalation.repository.js";

export type DeadlineKind = keyof typeof repo.DEADLINE_STATUSES;
export type EscalationLevel = 0 | 1 | 2 | 3 | 4;
type RaisedLevel = Exclude<EscalationLevel, 0>;

/** The instants at which a section reaches levels 1 to 4. */
export interface EscalationSchedule {
  warnAt: string;
  dueAt: string;
  csHeadAt: string;
  managementRepresentativeAt: string;
}

/**
 * When a section's deadline warns, falls due and escalates, in working time on the calendar.
 * `dueAt` is the stored deadline: if a pause moved it past the one planned from `routedAt`,
 * the warning point moves on by the same working time (the clock stood still for both).
 */
export function escalationSchedule(
  calendar: BusinessCalendar,
  policy: DeadlinePolicyValues,
  section: { deadline: DeadlineKind; routedAt: string; dueAt: string },
): EscalationSchedule {
  const planned = computeDeadlines(calendar, policy, section.routedAt);
  const plannedDue = section.deadline === "accept" ? planned.acceptDueAt : planned.resultDueAt;
  const plannedWarn = section.deadline === "accept" ? planned.warnAcceptAt : planned.warnResultAt;
  const paused = workingMinutesBetween(calendar, plannedDue, section.dueAt);
  const warnAt = paused > 0 ? addWorkingMinutes(calendar, plannedWarn, paused) : plannedWarn;
  const escalation = escalationTimes(calendar, policy, section.dueAt);
  return {
    // A policy shortened after routing could put the planned warning past the stored deadline.
    warnAt: Date.parse(warnAt) < Date.parse(section.dueAt) ? warnAt : section.dueAt,
    dueAt: section.dueAt,
    csHeadAt: escalation.csHeadAt,
    managementRepresentativeAt: escalation.managementRepresentativeAt,
  };
}

/** The level a section should be at, at `now`: the highest point of its schedule reached. */
export function escalationLevelAt(schedule: EscalationSchedule, now: string): EscalationLevel {
  const instant = Date.parse(now);
  const reached = (iso: string) => instant >= Date.parse(iso);
  if (reached(schedule.managementRepresentativeAt)) return 4;
  if (reached(schedule.csHeadAt)) return 3;
  if (reached(schedule.dueAt)) return 2;
  if (reached(schedule.warnAt)) return 1;
  return 0;
}

/**
 * The levels to announce when a section goes from `from` to `to`: each one passed, so that a
 * section found far overdue (the servers were down) still tells everyone on the way up, except
 * "approaching" once the deadline has already passed: level 2 tells the same people.
 */
export function levelsToAnnounce(from: number, to: EscalationLevel): RaisedLevel[] {
  const levels: RaisedLevel[] = [];
  for (const level of [1, 2, 3, 4] as const) {
    if (level > from && level <= to && !(level === 1 && to >= 2)) levels.push(level);
  }
  return levels;
}

const EVENT_TYPE: Record<RaisedLevel, string> = {
  1: "deadline_approaching",
  2: "deadline_passed",
  3: "escalated",
  4: "escalated",
};

const TOPIC: Record<RaisedLevel, NotificationTopic> = {
  1: "case.deadline_approaching",
  2: "case.deadline_passed",
  3: "case.escalated",
  4: "case.escalated",
};

/** Who hears of a level: the section's people first, then up the line (issue #4 item 6). */
async function recipientsOf(tx: DbOrTx, section: repo.OpenSection, level: RaisedLevel): Promise<string[]> {
  const scope = { orgId: section.org_id, estateId: section.estate_id };
  if (level === 3) return cases.findStaffFor(tx, { ...scope, roles: ["cs_head"] });
  if (level === 4) return cases.findStaffFor(tx, { ...scope, roles: ["mgmt_rep"] });
  // Customer service is headed by its customer-service head, every other department by its department head.
  const headRole: Role = section.department_function === "customer_service" ? "cs_head" : "dept_head";
  const heads = await cases.findStaffFor(tx, { ...scope, roles: [headRole], departmentId: section.department_id });
  return section.assignee_id ? [section.assignee_id, ...heads] : heads;
}

/**
 * Raises one section to `to` and, only if this call changed the row, writes the timeline
 * events and queues the notices in the same transaction: a notice exists if and only if the
 * raise committed, and of racing instances only one raise commits.
 */
async function raiseSection(
  db: Db,
  section: repo.OpenSection,
  deadline: DeadlineKind,
  dueAt: string,
  to: EscalationLevel,
  now: string,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const raised = await repo.raiseEscalationLevel(tx, {
      id: section.id,
      statuses: repo.DEADLINE_STATUSES[deadline],
      from: section.escalation_level,
      to,
      now,
    });
    if (!raised) return false;
    for (const level of levelsToAnnounce(section.escalation_level, to)) {
      await cases.insertEvent(tx, {
        id: newId(),
        org_id: section.org_id,
        case_id: section.case_id,
        at: now,
        actor_id: null,
        type: EVENT_TYPE[level],
        data_json: JSON.stringify({ level, deadline, dueAt, departmentName: section.department_name }),
      });
      await enqueueNotification(tx, {
        orgId: section.org_id,
        recipientUserIds: await recipientsOf(tx, section, level),
        topic: TOPIC[level],
        caseId: section.case_id,
        params: {
          number: section.number,
          kind: section.kind,
          estateName: section.estate_name,
          departmentName: section.department_name,
          deadline,
          dueAt,
          level,
        },
      });
    }
    return true;
  });
}

export interface DeadlineRunSummary {
  organisations: number;
  sections: number;
  raised: number;
}

const PAGE_SIZE = 500;

/** One organisation: its calendar once, each policy once, its open sections page by page. */
async function escalateOrganisation(db: Db, orgId: string, now: string): Promise<{ sections: number; raised: number }> {
  const calendar = await loadBusinessCalendar(db, orgId);
  const policies = new Map<string, ResolvedDeadlinePolicy>();
  const policyFor = async (section: repo.OpenSection) => {
    const key = `${section.kind}|${section.category_id ?? ""}|${section.urgency}`;
    let policy = policies.get(key);
    if (!policy) {
      policy = await resolveDeadlinePolicy(db, orgId, {
        kind: section.kind,
        categoryId: section.category_id,
        urgency: section.urgency,
      });
      policies.set(key, policy);
    }
    return policy;
  };
  let sections = 0;
  let raised = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await repo.listOpenSections(db, orgId, afterId, PAGE_SIZE);
    for (const section of page) {
      sections += 1;
      const deadline: DeadlineKind = section.status === "routed" ? "accept" : "result";
      const dueAt = deadline === "accept" ? section.accept_due_at : section.result_due_at;
      if (!dueAt) continue;
      const schedule = escalationSchedule(calendar, await policyFor(section), {
        deadline,
        routedAt: section.routed_at,
        dueAt,
      });
      const level = escalationLevelAt(schedule, now);
      if (level > section.escalation_level && (await raiseSection(db, section, deadline, dueAt, level, now))) {
        raised += 1;
      }
    }
    const last = page.at(-1);
    if (page.length < PAGE_SIZE || !last) break;
    afterId = last.id;
  }
  return { sections, raised };
}

/**
 * Evaluates every organisation's open sections at `now`. Idempotent: a second run at the same
 * moment, in this instance or another, finds nothing to raise. An organisation that fails
 * (a broken calendar, say) does not keep the others from escalating; the run then fails with
 * its errors so that the scheduler records them.
 */
export async function runDeadlineEscalation(db: Db, now: string): Promise<DeadlineRunSummary> {
  const summary: DeadlineRunSummary = { organisations: 0, sections: 0, raised: 0 };
  const failures: unknown[] = [];
  for (const orgId of await repo.listActiveOrganisationIds(db)) {
    try {
      const result = await escalateOrganisation(db, orgId, now);
      summary.organisations += 1;
      summary.sections += result.sections;
      summary.raised += result.raised;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    const reasons = failures.map((error) => (error instanceof Error ? error.message : String(error)));
    throw new AggregateError(
      failures,
      `deadline escalation failed for ${failures.length} organisation(s): ${reasons.join("; ")}`,
    );
  }
  return summary;
}

/** The scheduled job (scheduler/): every minute, in one server instance at a time. */
export const complaintDeadlinesJob = {
  name: "complaint-deadlines",
  cron: "*/1 * * * *",
  run: runDeadlineEscalation,
} satisfies ScheduledJob;
