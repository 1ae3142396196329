/**
 * Deadlines and escalation of repairs (issue #5 item 2: acceptance, arrival and completion,
 * "escalating like complaints"). The scheduler runs `repair-deadlines` every minute in one
 * instance; each open order is raised to the level its running deadline has reached, with the
 * same levels, the same exactly-once conditional raise and the same events as complaint
 * sections (complaints/deadline-escalation.ts):
 *
 * | order status                          | deadline running |
 * |---------------------------------------|------------------|
 * | dispatched                            | acceptance       |
 * | accepted, assigned, on the way        | arrival          |
 * | on site                               | completion       |
 *
 * Levels 1–2 go to the estate's repair team leaders and the assigned worker, 3 to the
 * customer-service head, 4 to the management representative. Accepting and arriving reset the
 * level for the next deadline; an order waiting for parts or the customer does not escalate.
 */
import type { WorkOrderStatus } from "@estate-desk/domain";
import {
  computeDeadlines,
  escalationTimes,
  loadBusinessCalendar,
  resolveDeadlinePolicy,
} from "../calendar/calendar.service.js";
import * as cases from "../cases/cases.repository.js";
import { escalationLevelAt, levelsToAnnounce } from "../complaints/deadline-escalation.js";
import type { Db, DbOrTx } from "../db/database.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
import type { ScheduledJob } from "../scheduler/scheduler.js";

export type RepairDeadline = "accept" | "arrive" | "result";

export const REPAIR_DEADLINE_STATUSES: Record<RepairDeadline, readonly WorkOrderStatus[]> = {
  accept: ["dispatched"],
  arrive: ["accepted", "assigned", "on_the_way"],
  result: ["on_site"],
};

function deadlineOf(status: WorkOrderStatus): RepairDeadline | null {
  for (const deadline of ["accept", "arrive", "result"] as const) {
    if (REPAIR_DEADLINE_STATUSES[deadline].includes(status)) return deadline;
  }
  return null;
}

const TOPIC = {
  1: "case.deadline_approaching",
  2: "case.deadline_passed",
  3: "case.escalated",
  4: "case.escalated",
} as const;
const EVENT = { 1: "deadline_approaching", 2: "deadline_passed", 3: "escalated", 4: "escalated" } as const;

async function openOrders(db: DbOrTx, orgId: string) {
  return db
    .selectFrom("work_orders")
    .innerJoin("cases", "cases.id", "work_orders.case_id")
    .innerJoin("estates", "estates.id", "work_orders.estate_id")
    .select([
      "work_orders.id",
      "work_orders.org_id",
      "work_orders.case_id",
      "work_orders.estate_id",
      "work_orders.status",
      "work_orders.worker_id",
      "work_orders.dispatched_at",
      "work_orders.accept_due_at",
      "work_orders.arrive_due_at",
      "work_orders.result_due_at",
      "work_orders.escalation_level",
      "cases.number",
      "cases.category_id",
      "cases.urgency",
      "estates.name as estate_name",
    ])
    .where("work_orders.org_id", "=", orgId)
    .where("work_orders.status", "in", ["dispatched", "accepted", "assigned", "on_the_way", "on_site"])
    .where("work_orders.escalation_level", "<", 4)
    .orderBy("work_orders.id")
    .execute();
}
type OpenOrder = Awaited<ReturnType<typeof openOrders>>[number];

/** The conditional raise: only the instance whose UPDATE changed the row announces (see complaint sections). */
async function raise(
  db: Db,
  order: OpenOrder,
  deadline: RepairDeadline,
  dueAt: string,
  to: 1 | 2 | 3 | 4,
  now: string,
) {
  return db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable("work_orders")
      .set({ escalation_level: to, updated_at: now })
      .where("id", "=", order.id)
      .where("status", "in", REPAIR_DEADLINE_STATUSES[deadline])
      .where("escalation_level", "=", order.escalation_level)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const scope = { orgId: order.org_id, estateId: order.estate_id };
    for (const level of levelsToAnnounce(order.escalation_level, to)) {
      const recipients =
        level === 3
          ? await cases.findStaffFor(tx, { ...scope, roles: ["cs_head"] })
          : level === 4
            ? await cases.findStaffFor(tx, { ...scope, roles: ["mgmt_rep"] })
            : [
                ...(await cases.findStaffFor(tx, { ...scope, roles: ["repair_lead"] })),
                ...(order.worker_id ? [order.worker_id] : []),
              ];
      await cases.insertEvent(tx, {
        id: newId(),
        org_id: order.org_id,
        case_id: order.case_id,
        at: now,
        actor_id: null,
        type: EVENT[level],
        data_json: JSON.stringify({ level, deadline, dueAt }),
      });
      await enqueueNotification(tx, {
        orgId: order.org_id,
        recipientUserIds: [...new Set(recipients)],
        topic: TOPIC[level],
        caseId: order.case_id,
        params: { number: order.number, kind: "repair", estateName: order.estate_name, deadline, dueAt, level },
      });
    }
    return true;
  });
}

export async function runRepairDeadlines(db: Db, now: string): Promise<{ orders: number; raised: number }> {
  let orders = 0;
  let raised = 0;
  const organisations = await db.selectFrom("organisations").select("id").where("active", "=", 1).execute();
  for (const { id: orgId } of organisations) {
    const calendar = await loadBusinessCalendar(db, orgId);
    for (const order of await openOrders(db, orgId)) {
      orders += 1;
      const deadline = deadlineOf(order.status);
      if (!deadline) continue;
      const dueAt = { accept: order.accept_due_at, arrive: order.arrive_due_at, result: order.result_due_at }[deadline];
      if (!dueAt) continue;
      const policy = await resolveDeadlinePolicy(db, orgId, {
        kind: "repair",
        categoryId: order.category_id,
        urgency: order.urgency,
      });
      // The warning point in working time, planned from the dispatch like the deadlines themselves.
      const planned = computeDeadlines(calendar, policy, order.dispatched_at);
      const plannedWarn = { accept: planned.warnAcceptAt, arrive: planned.warnArriveAt, result: planned.warnResultAt }[
        deadline
      ];
      const warnAt = plannedWarn && Date.parse(plannedWarn) < Date.parse(dueAt) ? plannedWarn : dueAt;
      const escalation = escalationTimes(calendar, policy, dueAt);
      const level = escalationLevelAt(
        {
          warnAt,
          dueAt,
          csHeadAt: escalation.csHeadAt,
          managementRepresentativeAt: escalation.managementRepresentativeAt,
        },
        now,
      );
      if (
        level > order.escalation_level &&
        level > 0 &&
        (await raise(db, order, deadline, dueAt, level as 1 | 2 | 3 | 4, now))
      ) {
        raised += 1;
      }
    }
  }
  return { orders, raised };
}

export const repairDeadlinesJob = {
  name: "repair-deadlines",
  cron: "*/1 * * * *",
  run: runRepairDeadlines,
} satisfies ScheduledJob;
