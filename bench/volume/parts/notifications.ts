/**
 * The outbox and in-app notifications intake causes: the department head of a routed
 * complaint, the repair team leader of a dispatched repair. Delivered and mostly read for
 * all but the last few minutes' cases, whose rows are still pending as on a live system.
 */
import { newId } from "../../../apps/server/src/http/ids.js";
import type { Row } from "../sink.js";
import type { CasePart } from "../world.js";
import { repairTeamOf } from "./staff.js";

const PENDING_WINDOW_MS = 5 * 60_000;

export const notificationsPart: CasePart = {
  name: "outbox rows and notifications",
  addRows(world, cases, sink) {
    const outbox: Row[] = [];
    const notifications: Row[] = [];
    const now = world.now.getTime();
    const codeOf = new Map([...world.departments].map(([code, department]) => [department.id, code]));
    for (const item of cases) {
      let recipient: string | undefined;
      let topic: string;
      if (item.row.kind === "complaint" && item.row.department_id && item.row.status !== "pending_intake") {
        recipient = world.staffOfDepartment.get(codeOf.get(item.row.department_id) ?? "")?.[0];
        topic = "case.routed";
      } else if (item.row.kind === "repair" && item.row.status !== "pending_intake") {
        recipient = repairTeamOf(world, world.estates.indexOf(item.estate)).lead;
        topic = "case.dispatched";
      } else continue;
      if (!recipient) continue;
      const createdAt = item.row.received_at;
      const pending = now - Date.parse(createdAt) < PENDING_WINDOW_MS;
      const deliveredAt = pending ? null : new Date(Date.parse(createdAt) + 1500).toISOString();
      const params = {
        number: item.row.number,
        kind: item.row.kind,
        estateName: item.estate.name,
        categoryName: item.category?.name ?? null,
        departmentName: null,
      };
      const outboxId = newId();
      outbox.push({
        id: outboxId,
        org_id: item.row.org_id,
        channel: "in_app",
        topic,
        recipient_user_id: recipient,
        payload_json: JSON.stringify({ caseId: item.row.id, params }),
        created_at: createdAt,
        available_at: createdAt,
        attempts: pending ? 0 : 1,
        locked_until: null,
        last_error: null,
        delivered_at: deliveredAt,
        dead_at: null,
      });
      if (deliveredAt) {
        notifications.push({
          id: newId(),
          org_id: item.row.org_id,
          user_id: recipient,
          outbox_id: outboxId,
          topic,
          case_id: item.row.id,
          params_json: JSON.stringify(params),
          created_at: deliveredAt,
          read_at: now - Date.parse(createdAt) > 2 * 86_400_000 ? item.settledAt : null,
        });
      }
    }
    sink.insert("outbox", outbox);
    sink.insert("notifications", notifications);
  },
};
