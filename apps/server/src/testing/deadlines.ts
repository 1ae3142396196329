import { handlingDeadlines } from "../complaints/complaint-deadlines.js";
import type { Db } from "../db/database.js";

/**
 * Moves a complaint's handling sections back in time, as if routed at `routedAt`, with the
 * deadlines the workflow would have given them then (deadline tests choose the clock instead
 * of waiting). Returns the id of the (first) section.
 */
export async function backdateHandlings(db: Db, caseId: string, routedAt: string): Promise<string> {
  const complaint = await db
    .selectFrom("cases")
    .select(["org_id", "kind", "category_id", "urgency"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const deadlines = await handlingDeadlines(
    db,
    complaint.org_id,
    { kind: complaint.kind, categoryId: complaint.category_id, urgency: complaint.urgency },
    routedAt,
  );
  await db
    .updateTable("case_handlings")
    .set({ routed_at: routedAt, accept_due_at: deadlines.acceptDueAt, result_due_at: deadlines.resultDueAt })
    .where("case_id", "=", caseId)
    .execute();
  const section = await db
    .selectFrom("case_handlings")
    .select("id")
    .where("case_id", "=", caseId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return section.id;
}
