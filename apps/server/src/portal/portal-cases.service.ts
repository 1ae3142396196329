/** The resident's side of their cases: what they filed or what concerns their units, never internal notes. */
import type { CaseKind, ResidentCase } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { presentComment, presentPhoto, presentSummary } from "../cases/case-presenters.js";
import * as cases from "../cases/cases.repository.js";
import type { Db } from "../db/database.js";
import { AppError, notFound } from "../http/errors.js";

async function ownUnitIds(db: Db, orgId: string, residentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("resident_units")
    .select("unit_id")
    .where("org_id", "=", orgId)
    .where("resident_id", "=", residentId)
    .where("active", "=", 1)
    .execute();
  return rows.map((row) => row.unit_id);
}

function residentOf(context: RequestContext): string {
  if (!context.actor.residentId) throw new AppError("FORBIDDEN");
  return context.actor.residentId;
}

async function present(db: Db, row: cases.CaseSummaryRow): Promise<ResidentCase> {
  const summary = presentSummary(row);
  const photos = await cases.findPhotos(db, row.id);
  const replies = await cases.findComments(db, row.id, "resident");
  const events = await cases.findEvents(db, row.id);
  const workOrder = row.kind === "repair" ? await cases.findWorkOrderOfCase(db, row.id) : undefined;
  return {
    id: summary.id,
    number: summary.number,
    kind: summary.kind,
    status: summary.status,
    receivedAt: summary.receivedAt,
    estateName: summary.estateName,
    unitLabel: summary.unitLabel,
    categoryName: summary.categoryName,
    content: summary.content,
    photos: photos.map((photo) => presentPhoto(photo, `/api/portal/cases/${row.id}`)),
    replies: replies.map((reply) => {
      const { visibility: _internal, ...comment } = presentComment(reply);
      return comment;
    }),
    // Who did what inside the centre is staff business; the resident sees what happened and when.
    events: events.filter((e) => e.type !== "noted").map((e) => ({ at: e.at, type: e.type })),
    workOrderId: workOrder?.id ?? null,
  };
}

export async function listOwnCases(db: Db, context: RequestContext): Promise<{ items: ResidentCase[] }> {
  const residentId = residentOf(context);
  const unitIds = await ownUnitIds(db, context.actor.orgId, residentId);
  const rows = await cases.findCasesOfResident(db, context.actor.orgId, residentId, unitIds);
  const items: ResidentCase[] = [];
  for (const row of rows) items.push(await present(db, row));
  return { items };
}

/** One of the resident's cases, or 404: other residents' cases look like no case at all. */
export async function getOwnCaseRow(db: Db, context: RequestContext, caseId: string): Promise<cases.CaseSummaryRow> {
  const residentId = residentOf(context);
  const row = await cases.findSummary(db, context.actor.orgId, caseId);
  if (!row) throw notFound("case", caseId);
  const unitIds = await ownUnitIds(db, context.actor.orgId, residentId);
  const mine = row.resident_id === residentId || (row.unit_id !== null && unitIds.includes(row.unit_id));
  if (!mine) throw notFound("case", caseId);
  return row;
}

export async function getOwnCase(db: Db, context: RequestContext, caseId: string): Promise<ResidentCase> {
  return present(db, await getOwnCaseRow(db, context, caseId));
}

export async function getOwnCasePhoto(db: Db, context: RequestContext, caseId: string, uploadId: string) {
  await getOwnCaseRow(db, context, caseId);
  const photo = await cases.findPhoto(db, caseId, uploadId);
  if (!photo) throw notFound("photo", uploadId);
  return photo;
}

/** Active categories, in the order customer service arranged them: all a resident needs to file a case. */
export async function listPortalCategories(db: Db, context: RequestContext, kind: CaseKind | undefined) {
  residentOf(context);
  let query = db
    .selectFrom("categories")
    .select(["id", "kind", "name"])
    .where("org_id", "=", context.actor.orgId)
    .where("active", "=", 1);
  if (kind) query = query.where("kind", "=", kind);
  return query.orderBy("kind").orderBy("sort_order").orderBy("name").execute();
}
