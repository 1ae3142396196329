/** Every case's registration: its first timeline event and its audit entry (the full row, as intake records it). */
import type { Row } from "../sink.js";
import type { CasePart } from "../world.js";
import { auditRow, eventRow } from "./timeline.js";

export const registrationPart: CasePart = {
  name: "registration events and audit entries",
  addRows(_world, cases, sink) {
    const events: Row[] = [];
    const audit: Row[] = [];
    for (const item of cases) {
      const at = item.row.received_at;
      events.push(
        eventRow(item, at, item.registeredBy, "registered", {
          channel: item.row.channel,
          forwardedByName: item.row.forwarded_by_name ?? null,
        }),
      );
      audit.push(
        auditRow(
          item,
          at,
          item.registeredBy,
          "case.registered",
          { type: "case", id: item.row.id },
          undefined,
          item.row,
        ),
      );
      if (item.row.kind === "suggestion" && (item.row.status === "closed" || item.row.status === "withdrawn")) {
        events.push(eventRow(item, item.settledAt, item.registeredBy, item.row.status, {}));
      }
    }
    sink.insert("case_events", events);
    sink.insert("audit_log", audit);
  },
};
