/**
 * Internal notes (staff only) and replies the resident sees, kept apart; and marking a case
 * a duplicate of another (both stay in the register, linked).
 */
import type { CaseComment, CaseDetail, CommentVisibility } from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";
import { getVisibleSummary } from "./case-access.js";
import { presentComment } from "./case-presenters.js";
import { invalidField } from "./case-references.js";
import * as repo from "./cases.repository.js";
import { getCaseDetail } from "./register.service.js";

export async function addComment(
  db: Db,
  context: RequestContext,
  caseId: string,
  input: { visibility: CommentVisibility; body: string },
): Promise<CaseComment> {
  const summary = await getVisibleSummary(db, context, caseId);
  const now = nowIso();
  const comment = {
    id: newId(),
    org_id: context.actor.orgId,
    case_id: caseId,
    author_id: context.actor.userId,
    visibility: input.visibility,
    body: input.body,
    created_at: now,
  };
  await db.transaction().execute(async (tx) => {
    await repo.insertComment(tx, comment);
    await repo.insertEvent(tx, {
      id: newId(),
      org_id: context.actor.orgId,
      case_id: caseId,
      at: now,
      actor_id: context.actor.userId,
      type: input.visibility === "resident" ? "replied" : "noted",
      data_json: JSON.stringify({ commentId: comment.id }),
    });
    if (input.visibility === "resident" && summary.resident_id) {
      const account = await repo.findAccountOfResident(tx, context.actor.orgId, summary.resident_id);
      await enqueueNotification(tx, {
        orgId: context.actor.orgId,
        recipientUserIds: account ? [account] : [],
        topic: "case.reply",
        caseId,
        params: { number: summary.number, kind: summary.kind, estateName: summary.estate_name },
      });
    }
    await recordAudit(tx, context, {
      action: input.visibility === "resident" ? "case.replied" : "case.noted",
      entityType: "case",
      entityId: caseId,
      after: { commentId: comment.id, visibility: comment.visibility, body: comment.body },
    });
  });
  return presentComment({ ...comment, author_name: context.actor.displayName });
}

/** Marks a case a duplicate of another: it stays in the register, linked to the original it follows. */
export async function markDuplicate(
  db: Db,
  context: RequestContext,
  caseId: string,
  originalId: string,
): Promise<CaseDetail> {
  const duplicate = await getVisibleSummary(db, context, caseId);
  if (originalId === caseId) throw invalidField("originalId", "a case cannot duplicate itself");
  const original = await getVisibleSummary(db, context, originalId).catch(() => {
    throw invalidField("originalId", "unknown case");
  });
  if (original.duplicate_of_id === caseId) {
    throw invalidField("originalId", "that case is already a duplicate of this one");
  }
  // Chains would make "the original" ambiguous: point at the root.
  const rootId = original.duplicate_of_id ?? original.id;
  const root = rootId === original.id ? original : await getVisibleSummary(db, context, rootId);
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    // From now on the duplicate follows its original (see propagateToDuplicates).
    await repo.updateCase(tx, caseId, { duplicate_of_id: root.id, status: root.status, updated_at: now });
    for (const [subject, data] of [
      [caseId, { originalId: root.id, originalNumber: root.number }],
      [root.id, { duplicateId: caseId, duplicateNumber: duplicate.number }],
    ] as const) {
      await repo.insertEvent(tx, {
        id: newId(),
        org_id: context.actor.orgId,
        case_id: subject,
        at: now,
        actor_id: context.actor.userId,
        type: subject === caseId ? "marked_duplicate" : "duplicate_linked",
        data_json: JSON.stringify(data),
      });
    }
    await recordAudit(tx, context, {
      action: "case.marked_duplicate",
      entityType: "case",
      entityId: caseId,
      before: { duplicateOfId: duplicate.duplicate_of_id },
      after: { duplicateOfId: root.id },
    });
  });
  return getCaseDetail(db, context, caseId);
}
