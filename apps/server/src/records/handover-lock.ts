/**
 * The edit lock of handed-over records: a complaint record in a batch handed to QA
 * can no longer be changed; corrections become addenda. Kept free of other imports so that
 * the case repository and services can call it without import cycles.
 */
import type { DbOrTx } from "../db/database.js";
import { AppError } from "../http/errors.js";

/** True when the case is in a handed-over batch (one indexed lookup). */
export async function isCaseHandedOver(db: DbOrTx, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom("record_handover_items")
    .select("handover_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Refuses with RECORD_HANDED_OVER (409, bilingual) when the case is in a handed-over batch. */
export async function assertCaseEditable(db: DbOrTx, caseId: string): Promise<void> {
  if (await isCaseHandedOver(db, caseId)) throw new AppError("RECORD_HANDED_OVER", { caseId });
}
