/** Helpers for the per-case parts: instants between a case's receipt and its present status. */
import { newId } from "../../../apps/server/src/http/ids.js";
import type { Row } from "../sink.js";
import type { GeneratedCase } from "../world.js";

/** `count` increasing instants strictly between the case's receipt and when it settled. */
export function stepsBetween(random: () => number, item: GeneratedCase, count: number): string[] {
  const from = Date.parse(item.row.received_at);
  const to = Math.max(from + count * 1000, Date.parse(item.settledAt));
  const marks = Array.from({ length: count }, () => random()).sort((a, b) => a - b);
  return marks.map((mark, index) =>
    new Date(Math.min(to, from + 1000 * (index + 1) + mark * (to - from))).toISOString(),
  );
}

export function eventRow(
  item: GeneratedCase,
  at: string,
  actorId: string | null,
  type: string,
  data: Record<string, unknown>,
): Row {
  return {
    id: newId(),
    org_id: item.row.org_id,
    case_id: item.row.id,
    at,
    actor_id: actorId,
    type,
    data_json: JSON.stringify(data),
  };
}

export function auditRow(
  item: GeneratedCase,
  at: string,
  actorId: string | null,
  action: string,
  entity: { type: string; id: string },
  before: unknown,
  after: unknown,
): Row {
  return {
    id: newId(),
    org_id: item.row.org_id,
    at,
    actor_id: actorId,
    action,
    entity_type: entity.type,
    entity_id: entity.id,
    before_json: before === undefined ? null : JSON.stringify(before),
    after_json: after === undefined ? null : JSON.stringify(after),
    request_id: null,
    ip: "10.0.0.8",
  };
}

export function addMinutesIso(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
