/**
 * Repair dispatch orders (QR-024) with every step the order's status implies — accepted by
 * the estate's repair team leader, assigned to a worker, on the way, on site, completed
 * with the work done, the customer's evaluation and the callback — as
 * columns and as `work_order.<step>` timeline events with their audit entries.
 */
import type { WorkOrderStatus } from "@estate-desk/domain";
import { pick } from "../../../apps/server/src/demo/generators.js";
import { newId } from "../../../apps/server/src/http/ids.js";
import type { Row } from "../sink.js";
import type { CasePart } from "../world.js";
import type { FatedCase } from "./cases.js";
import { repairTeamOf } from "./staff.js";
import { addMinutesIso, auditRow, eventRow, stepsBetween } from "./timeline.js";

/** How far along the normal path each status is (waiting: paused after arriving). */
const REACHED: Record<WorkOrderStatus, number> = {
  dispatched: 0,
  accepted: 1,
  assigned: 2,
  on_the_way: 3,
  on_site: 4,
  waiting: 4,
  awaiting_evaluation: 5,
  awaiting_callback: 6,
  closed: 7,
  cancelled: 1,
  not_done: 4,
};
const STEPS = ["accept", "assign", "start", "arrive", "complete", "evaluate", "close"] as const;

export const workOrdersPart: CasePart = {
  name: "repair work orders, steps and evaluations",
  addRows(world, cases, sink) {
    const { random } = world;
    const orders: Row[] = [];
    const events: Row[] = [];
    const audit: Row[] = [];
    for (const item of cases as FatedCase[]) {
      const status = item.fate.workOrder;
      if (item.row.kind !== "repair" || !status) continue;
      const reached = REACHED[status];
      const team = repairTeamOf(world, world.estates.indexOf(item.estate));
      const worker = team.workers.length > 0 ? pick(random, team.workers) : team.lead;
      const times = stepsBetween(random, item, 9);
      const at = (step: number) => times[step + 1] as string;
      const dispatchedAt = times[0] as string;
      const satisfaction =
        reached >= 6
          ? pick(random, ["satisfied", "satisfied", "satisfied", "basically_satisfied", "dissatisfied"])
          : null;
      const id = newId();
      orders.push({
        id,
        org_id: item.row.org_id,
        estate_id: item.row.estate_id,
        case_id: item.row.id,
        status,
        trade_id: item.category?.tradeId ?? null,
        urgency: item.row.urgency,
        dispatched_at: dispatchedAt,
        dispatched_by: item.registeredBy,
        accepted_at: reached >= 1 ? at(0) : null,
        accepted_by: reached >= 1 ? team.lead : null,
        worker_id: reached >= 2 ? worker : null,
        assigned_at: reached >= 2 ? at(1) : null,
        started_at: reached >= 3 ? at(2) : null,
        arrived_at: reached >= 4 ? at(3) : null,
        completed_at: reached >= 5 ? at(4) : null,
        status_before_wait: status === "waiting" ? "on_site" : null,
        waiting_since: status === "waiting" ? at(4) : null,
        wait_reason: status === "waiting" ? "parts" : null,
        work_description: reached >= 5 ? "已更换配件并测试正常" : null,
        materials_json: reached >= 5 ? JSON.stringify([{ name: "密封圈", quantity: 2, unit: "个" }]) : null,
        minutes_spent: reached >= 5 ? 20 + Math.floor(random() * 100) : null,
        satisfaction,
        stars: satisfaction === "satisfied" ? 5 : satisfaction === "basically_satisfied" ? 4 : satisfaction ? 2 : null,
        opinion: satisfaction ? "师傅很专业" : null,
        signature_upload_id: null,
        evaluated_at: reached >= 6 ? at(5) : null,
        evaluated_by: reached >= 6 ? worker : null,
        absence_reason: null,
        absence_upload_id: null,
        rework_of_id: null,
        closed_at: status === "closed" || status === "cancelled" || status === "not_done" ? item.settledAt : null,
        visit_count: reached >= 4 ? 1 : 0,
        urge_count: 0,
        last_urged_at: null,
        accept_due_at: addMinutesIso(dispatchedAt, 30),
        arrive_due_at: addMinutesIso(dispatchedAt, 120),
        result_due_at: addMinutesIso(dispatchedAt, 24 * 60),
        escalation_level: 0,
        created_at: dispatchedAt,
        updated_at: item.settledAt,
      });
      item.workOrder = {
        id,
        status,
        workerId: reached >= 2 ? worker : null,
        completedAt: reached >= 5 ? at(4) : null,
        dissatisfied: satisfaction === "dissatisfied",
      };
      events.push(
        eventRow(item, dispatchedAt, item.registeredBy, "dispatched", { tradeId: item.category?.tradeId ?? null }),
      );
      const normalSteps = status === "cancelled" || status === "not_done" ? Math.min(reached, 4) : reached;
      for (let step = 0; step < normalSteps; step++) {
        const action = STEPS[step] as string;
        const actor = step === 0 || step === 1 ? team.lead : step === 6 ? item.registeredBy : worker;
        events.push(eventRow(item, at(step), actor, `work_order.${action}`, { comment: null }));
        audit.push(
          auditRow(
            item,
            at(step),
            actor,
            `work_order.${action}`,
            { type: "work_order", id },
            { status: null },
            {
              status: action,
            },
          ),
        );
      }
      if (status === "cancelled" || status === "not_done") {
        const action = status === "cancelled" ? "cancel" : "give_up";
        events.push(eventRow(item, item.settledAt, worker, `work_order.${action}`, { reason: "业主取消" }));
      }
    }
    sink.insert("work_orders", orders);
    sink.insert("case_events", events);
    sink.insert("audit_log", audit);
  },
};
