/**
 * The one way any module reports a possible nonconformity: a dissatisfied
 * callback, a failed callback inspection, an overdue reply or a QA finding. The
 * customer-service head then confirms or dismisses the candidate (nonconformities module).
 *
 * Call it inside the transaction of the change that found it, so that the finding and its
 * candidate commit together. Reporting the same finding twice leaves one candidate. A new
 * candidate is announced to the customer-service heads of its estate, who decide on it.
 */
import type { NonconformitySource } from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
import { findStaffOfEstate } from "./nonconformities.repository.js";

export interface NonconformityCandidateInput {
  orgId: string;
  estateId: string | null;
  source: NonconformitySource;
  /** The callback, inspection or finding it came from; null only for `manual`. */
  sourceId: string | null;
  caseId?: string | null;
  workOrderId?: string | null;
  topicId?: string | null;
  description: string;
}

export type CandidateContext = Pick<RequestContext, "requestId" | "ip"> & {
  actor: { userId: string | null; orgId: string };
};

/** Returns the id of the candidate: the new one, or the one already raised for this finding. */
export async function raiseNonconformityCandidate(
  tx: DbOrTx,
  context: CandidateContext,
  input: NonconformityCandidateInput,
): Promise<string> {
  if (input.sourceId !== null) {
    const existing = await tx
      .selectFrom("nonconformities")
      .select("id")
      .where("org_id", "=", input.orgId)
      .where("source", "=", input.source)
      .where("source_id", "=", input.sourceId)
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  const now = nowIso();
  const row = {
    id: newId(),
    org_id: input.orgId,
    estate_id: input.estateId,
    source: input.source,
    source_id: input.sourceId,
    case_id: input.caseId ?? null,
    work_order_id: input.workOrderId ?? null,
    topic_id: input.topicId ?? null,
    status: "candidate" as const,
    description: input.description,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto("nonconformities").values(row).execute();
  await recordAudit(tx, context, {
    action: "nonconformity.raised",
    entityType: "nonconformity",
    entityId: row.id,
    after: row,
  });
  await enqueueNotification(tx, {
    orgId: input.orgId,
    recipientUserIds: (await findStaffOfEstate(tx, input.orgId, input.estateId, ["cs_head"])).filter(
      (id) => id !== context.actor.userId,
    ),
    topic: "nonconformity.candidate",
    caseId: input.caseId ?? null,
    params: {
      nonconformityId: row.id,
      // The candidate has no number of its own yet: the notice names the case it concerns.
      number: input.caseId
        ? ((await tx.selectFrom("cases").select("number").where("id", "=", input.caseId).executeTakeFirst())?.number ??
          "")
        : "",
      source: input.source,
      description: input.description.slice(0, 80),
    },
  });
  return row.id;
}
