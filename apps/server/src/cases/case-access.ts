import type { RequestContext } from "../auth/actor.js";
import { caseVisibility } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import { notFound } from "../http/errors.js";
import * as repo from "./cases.repository.js";

/** A case the actor may see, or 404 — out of sight and nonexistent look the same. */
export async function getVisibleSummary(db: DbOrTx, context: RequestContext, caseId: string) {
  const summary = await repo.findSummary(db, context.actor.orgId, caseId, caseVisibility(context.actor));
  if (!summary) throw notFound("case", caseId);
  return summary;
}
