import type { ComplaintAction, HandlingQueueItem, Me } from "@estate-desk/domain";
import { compareDeadlineUrgency, type DeadlineState, deadlineState, isOverdue } from "./deadlines";

/** A queue row's deadline at `now`. */
export function itemDeadline(item: HandlingQueueItem, now: number): DeadlineState {
  return deadlineState(
    {
      status: item.handlingStatus,
      acceptDueAt: item.acceptDueAt,
      resultDueAt: item.resultDueAt,
      escalationLevel: item.escalationLevel,
    },
    item.pausedAt !== null,
    now,
  );
}

/** Most urgent deadline first; ties keep the server's order (oldest routed first). */
export function sortByDeadline(items: readonly HandlingQueueItem[], now: number): HandlingQueueItem[] {
  return items
    .map((item, index) => ({ item, index, state: itemDeadline(item, now) }))
    .sort((a, b) => compareDeadlineUrgency(a.state, b.state) || a.index - b.index)
    .map(({ item }) => item);
}

export interface TrackingFilters {
  departmentId?: string | undefined;
  overdueOnly: boolean;
}

/** Customer service's tracking list, filtered on the client and sorted by deadline. */
export function trackingRows(
  items: readonly HandlingQueueItem[],
  filters: TrackingFilters,
  now: number,
): HandlingQueueItem[] {
  const kept = items.filter(
    (item) =>
      (filters.departmentId === undefined || item.departmentId === filters.departmentId) &&
      (!filters.overdueOnly || isOverdue(itemDeadline(item, now))),
  );
  return sortByDeadline(kept, now);
}

export function overdueCount(items: readonly HandlingQueueItem[], now: number): number {
  return items.filter((item) => isOverdue(itemDeadline(item, now))).length;
}

/**
 * The quick actions of an inbox row. The queue does not carry the server's list of available
 * actions, so this mirrors its rules for the common steps (COMPLAINT_RULES and the section
 * checks in the server): heads accept and assign, heads and the assignee return the result.
 * Anything else is done on the case page, which shows exactly what the server allows; the
 * server refuses a quick action that does not apply, and the refusal is shown.
 */
export function quickActions(item: HandlingQueueItem, me: Pick<Me, "id" | "roles">): ComplaintAction[] {
  const head = me.roles.some((role) => role === "dept_head" || role === "cs_head" || role === "mgmt_rep");
  const working = item.handlingStatus === "accepted" || item.handlingStatus === "in_progress";
  const actions: ComplaintAction[] = [];
  if (item.handlingStatus === "routed" && head) actions.push("accept");
  if (working && head) actions.push("assign");
  if (working && (head || item.assigneeId === me.id)) actions.push("return_result");
  return actions;
}
