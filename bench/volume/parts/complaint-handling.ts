/**
 * The complaint handling form (QR-023): one section per department a complaint went to
 * (one in twenty also involves a second department, R-4.3.3), with acceptance, assignment
 * and the returned result as far as the complaint's status says, and their timeline events.
 */
import type { HandlingStatus } from "@estate-desk/domain";
import { pick } from "../../../apps/server/src/demo/generators.js";
import { newId } from "../../../apps/server/src/http/ids.js";
import type { Row } from "../sink.js";
import type { CasePart } from "../world.js";
import type { FatedCase } from "./cases.js";
import { addMinutesIso, auditRow, eventRow, stepsBetween } from "./timeline.js";

const ORDER: readonly HandlingStatus[] = ["routed", "accepted", "in_progress", "returned"];

export const complaintHandlingPart: CasePart = {
  name: "complaint handling sections",
  addRows(world, cases, sink) {
    const { random } = world;
    const handlings: Row[] = [];
    const events: Row[] = [];
    const audit: Row[] = [];
    const departmentCodes = [...world.departments.keys()];
    const codeOf = new Map([...world.departments].map(([code, department]) => [department.id, code]));
    for (const item of cases as FatedCase[]) {
      const handling = item.fate.handling;
      if (item.row.kind !== "complaint" || !handling || !item.row.department_id) continue;
      const reached = ORDER.indexOf(handling);
      const closed = item.row.status === "closed";
      const [routedAt, acceptedAt, assignedAt, returnedAt, checkedAt] = stepsBetween(random, item, 5) as string[];
      const departments = [item.row.department_id];
      if (random() < 0.05) {
        const other = world.departments.get(pick(random, departmentCodes));
        if (other && other.id !== item.row.department_id) departments.push(other.id);
      }
      for (const departmentId of departments) {
        const code = codeOf.get(departmentId) ?? "CS";
        const members = world.staffOfDepartment.get(code) ?? [];
        const head = members[0] ?? null;
        const assignee = members.length > 1 ? pick(random, members.slice(1)) : head;
        const departmentName = [...world.departments.values()].find((d) => d.id === departmentId)?.name ?? "";
        handlings.push({
          id: newId(),
          org_id: item.row.org_id,
          case_id: item.row.id,
          department_id: departmentId,
          status: handling,
          routed_at: routedAt,
          routed_by: item.registeredBy,
          accepted_at: reached >= 1 ? acceptedAt : null,
          accepted_by: reached >= 1 ? head : null,
          assignee_id: reached >= 2 ? assignee : null,
          assigned_at: reached >= 2 ? assignedAt : null,
          returned_at: reached >= 3 ? returnedAt : null,
          returned_by: reached >= 3 ? assignee : null,
          measures: reached >= 2 ? "已安排专人跟进处理" : null,
          result: reached >= 3 ? "已处理完毕，业主表示认可" : null,
          accept_due_at: addMinutesIso(routedAt as string, 120),
          result_due_at: addMinutesIso(routedAt as string, 3 * 24 * 60),
          escalation_level: 0,
          created_at: routedAt,
          updated_at: item.settledAt,
        });
        events.push(eventRow(item, routedAt as string, item.registeredBy, "routed", { departmentId, departmentName }));
        if (reached >= 1)
          events.push(eventRow(item, acceptedAt as string, head, "handling_accepted", { departmentName }));
        if (reached >= 2)
          events.push(
            eventRow(item, assignedAt as string, head, "handling_assigned", { departmentName, assigneeId: assignee }),
          );
        if (reached >= 3)
          events.push(eventRow(item, returnedAt as string, assignee, "result_returned", { departmentName }));
      }
      if (closed) {
        events.push(
          eventRow(item, checkedAt as string, item.registeredBy, "checked", { outcome: "passed", comment: null }),
        );
        audit.push(
          auditRow(
            item,
            item.settledAt,
            item.registeredBy,
            "case.closed",
            { type: "case", id: item.row.id },
            {
              status: "awaiting_callback",
            },
            { status: "closed" },
          ),
        );
      }
    }
    sink.insert("case_handlings", handlings);
    sink.insert("case_events", events);
    sink.insert("audit_log", audit);
  },
};
