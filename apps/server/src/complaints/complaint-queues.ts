/**
 * Work lists of complaint sections: a department's inbox, one's own assignments,
 * and customer service's tracking of what the departments hold, oldest first.
 */
import { type HandlingQueueItem, unitLabel } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { caseVisibility } from "../auth/policy.js";
import { visibleTo } from "../cases/cases.repository.js";
import type { Db } from "../db/database.js";
import { fromFlag } from "../db/guards.js";
import { AppError } from "../http/errors.js";
import { decodeCursor, encodeCursor } from "../http/paging.js";

export type HandlingQueue = "department" | "mine" | "tracking";

export async function listHandlingQueue(
  db: Db,
  context: RequestContext,
  queue: HandlingQueue,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ items: HandlingQueueItem[]; nextCursor: string | null }> {
  const { actor } = context;
  if (queue === "tracking" && !actor.roles.some((r) => r === "cs_agent" || r === "cs_head" || r === "mgmt_rep")) {
    throw new AppError("FORBIDDEN", { queue });
  }
  let query = db
    .selectFrom("case_handlings")
    .innerJoin("cases", "cases.id", "case_handlings.case_id")
    .innerJoin("departments", "departments.id", "case_handlings.department_id")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .leftJoin("units", "units.id", "cases.unit_id")
    .leftJoin("buildings", "buildings.id", "units.building_id")
    .leftJoin("categories", "categories.id", "cases.category_id")
    .leftJoin("users as assignees", "assignees.id", "case_handlings.assignee_id")
    .select([
      "cases.id as case_id",
      "cases.number",
      "cases.status",
      "estates.name as estate_name",
      "units.number as unit_number",
      "buildings.name as building_name",
      "cases.public_area",
      "categories.name as category_name",
      "cases.urgency",
      "cases.content",
      "cases.received_at",
      "cases.is_major",
      "cases.paused_at",
      "case_handlings.id",
      "case_handlings.status as handling_status",
      "case_handlings.department_id",
      "departments.name as department_name",
      "case_handlings.assignee_id",
      "assignees.display_name as assignee_name",
      "case_handlings.routed_at",
      "case_handlings.accept_due_at",
      "case_handlings.result_due_at",
      "case_handlings.escalation_level",
    ])
    .where("case_handlings.org_id", "=", actor.orgId)
    .where("cases.status", "in", ["routed", "accepted", "in_progress", "result_returned"]);
  switch (queue) {
    case "department":
      if (actor.departmentIds.length === 0) return { items: [], nextCursor: null };
      query = query
        .where("case_handlings.department_id", "in", actor.departmentIds)
        .where("case_handlings.status", "in", ["routed", "accepted", "in_progress"]);
      break;
    case "mine":
      query = query
        .where("case_handlings.assignee_id", "=", actor.userId)
        .where("case_handlings.status", "in", ["accepted", "in_progress"]);
      break;
    case "tracking":
      query = query.where("case_handlings.status", "in", ["routed", "accepted", "in_progress", "returned"]);
      break;
  }
  query = query.where(visibleTo(caseVisibility(actor)));
  const after = decodeCursor(page.cursor);
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("case_handlings.routed_at", "case_handlings.id"), ">", eb.tuple(String(after.value), after.id)),
    );
  }
  const rows = await query
    .orderBy("case_handlings.routed_at")
    .orderBy("case_handlings.id")
    .limit(page.limit + 1)
    .execute();
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({
      caseId: row.case_id,
      number: row.number,
      status: row.status,
      estateName: row.estate_name,
      unitLabel: row.building_name && row.unit_number ? unitLabel(row.building_name, row.unit_number) : null,
      publicArea: row.public_area,
      categoryName: row.category_name,
      urgency: row.urgency,
      content: row.content,
      receivedAt: row.received_at,
      isMajor: fromFlag(row.is_major),
      pausedAt: row.paused_at,
      handlingId: row.id,
      handlingStatus: row.handling_status,
      departmentId: row.department_id,
      departmentName: row.department_name,
      assigneeId: row.assignee_id,
      assigneeName: row.assignee_name,
      routedAt: row.routed_at,
      acceptDueAt: row.accept_due_at,
      resultDueAt: row.result_due_at,
      escalationLevel: row.escalation_level,
    })),
    nextCursor: hasMore && last ? encodeCursor({ value: last.routed_at, id: last.id }) : null,
  };
}
