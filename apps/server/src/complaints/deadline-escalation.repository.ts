/**
 * The queries of the deadline job (issue #4 item 6): the open handling sections of an
 * organisation, and the conditional raise of a section's escalation level that makes each
 * deadline notice exactly-once across server instances.
 */
import type { HandlingStatus } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";

/** A section's deadline runs while it is in one of these states. */
export const DEADLINE_STATUSES = {
  accept: ["routed"],
  result: ["accepted", "in_progress"],
} as const satisfies Record<string, readonly HandlingStatus[]>;

const OPEN_STATUSES: readonly HandlingStatus[] = [...DEADLINE_STATUSES.accept, ...DEADLINE_STATUSES.result];
/** The highest level: the management representative has been told; nothing further to do. */
export const MAX_ESCALATION_LEVEL = 4;

export async function listActiveOrganisationIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectFrom("organisations").select("id").where("active", "=", 1).orderBy("id").execute();
  return rows.map((row) => row.id);
}

/**
 * One page (keyset by section id) of an organisation's sections whose deadline clock runs and
 * that can still escalate: the section is routed, accepted or in progress, the complaint is
 * neither paused nor closed or withdrawn. The status filter leads with the
 * case_handlings(status, result_due_at) index.
 */
export async function listOpenSections(db: DbOrTx, orgId: string, afterId: string | null, limit: number) {
  let query = db
    .selectFrom("case_handlings")
    .innerJoin("cases", "cases.id", "case_handlings.case_id")
    .innerJoin("departments", "departments.id", "case_handlings.department_id")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .select([
      "case_handlings.id",
      "case_handlings.org_id",
      "case_handlings.case_id",
      "case_handlings.department_id",
      "case_handlings.status",
      "case_handlings.routed_at",
      "case_handlings.accept_due_at",
      "case_handlings.result_due_at",
      "case_handlings.assignee_id",
      "case_handlings.escalation_level",
      "departments.name as department_name",
      "departments.function as department_function",
      "cases.estate_id",
      "cases.number",
      "cases.kind",
      "cases.category_id",
      "cases.urgency",
      "estates.name as estate_name",
    ])
    .where("case_handlings.org_id", "=", orgId)
    .where("case_handlings.status", "in", OPEN_STATUSES)
    .where("case_handlings.escalation_level", "<", MAX_ESCALATION_LEVEL)
    .where("cases.org_id", "=", orgId)
    .where("cases.kind", "=", "complaint")
    .where("cases.paused_at", "is", null)
    .where("cases.status", "not in", ["closed", "withdrawn"]);
  if (afterId !== null) query = query.where("case_handlings.id", ">", afterId);
  return query.orderBy("case_handlings.id").limit(limit).execute();
}
export type OpenSection = Awaited<ReturnType<typeof listOpenSections>>[number];

/**
 * Raises a section's escalation level from the level the caller saw, if the section is still
 * in a state where this deadline runs and its complaint is still neither paused nor closed.
 * The compare-and-set on the exact level read is what makes each notice exactly-once: of two
 * instances evaluating the same section at the same moment, the database lets one UPDATE
 * change the row (PostgreSQL re-checks the WHERE after waiting for the other's row lock;
 * SQLite has a single writer), and only the one that changed it announces anything.
 */
export async function raiseEscalationLevel(
  tx: DbOrTx,
  change: { id: string; statuses: readonly HandlingStatus[]; from: number; to: number; now: string },
): Promise<boolean> {
  const result = await tx
    .updateTable("case_handlings")
    .set({ escalation_level: change.to, updated_at: change.now })
    .where("id", "=", change.id)
    .where("status", "in", change.statuses)
    .where("escalation_level", "=", change.from)
    .where("escalation_level", "<", change.to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("cases")
          .select("cases.id")
          .whereRef("cases.id", "=", "case_handlings.case_id")
          .where("cases.paused_at", "is", null)
          .where("cases.status", "not in", ["closed", "withdrawn"]),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
