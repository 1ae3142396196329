/** The register (QR-022) and the case form as staff read them, scoped by auth/policy.ts. */
import { type CaseDetail, type CaseSummary, maskCaseContacts, type RegisterQuery } from "@estate-desk/domain";
import { z } from "zod";
import type { RequestContext } from "../auth/actor.js";
import { caseVisibility } from "../auth/policy.js";
import { getComplaintSections } from "../complaints/complaint-workflow.service.js";
import type { Db } from "../db/database.js";
import { kindOf } from "../db/dialect.js";
import { fromFlag } from "../db/guards.js";
import { isSearchable } from "../db/search.js";
import { AppError, notFound } from "../http/errors.js";
import { decodeCursor, encodeCursor } from "../http/paging.js";
import { getVisibleSummary } from "./case-access.js";
import { presentComment, presentEvent, presentPhoto, presentSummary } from "./case-presenters.js";

import * as repo from "./cases.repository.js";

const sortValuesSchema = z
  .array(z.union([z.string(), z.number()]))
  .min(1)
  .max(2);

function decodeRegisterCursor(cursor: string | undefined) {
  const position = decodeCursor(cursor);
  if (!position) return undefined;
  let values: unknown;
  try {
    values = typeof position.value === "string" ? JSON.parse(position.value) : undefined;
  } catch {
    values = undefined;
  }
  const parsed = sortValuesSchema.safeParse(values);
  if (!parsed.success) throw new AppError("BAD_CURSOR");
  return { values: parsed.data, id: position.id };
}

export async function listRegister(
  db: Db,
  context: RequestContext,
  query: RegisterQuery,
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  if (query.q && !isSearchable(query.q)) {
    throw new AppError("VALIDATION_FAILED", {
      issues: [{ path: "querystring/q", message: "search for at least two letters or digits" }],
    });
  }
  const after = decodeRegisterCursor(query.cursor);
  // A cursor made for one sort cannot continue another.
  if (after && after.values.length !== (query.sort === "urgency" ? 2 : 1)) throw new AppError("BAD_CURSOR");
  const rows = await repo.listRegister(db, {
    orgId: context.actor.orgId,
    visibility: caseVisibility(context.actor),
    databaseKind: kindOf(db),
    kind: query.kind,
    estateId: query.estateId,
    status: query.status,
    categoryId: query.categoryId,
    departmentId: query.departmentId,
    channel: query.channel,
    from: query.from ? new Date(query.from).toISOString() : undefined,
    to: query.to ? new Date(query.to).toISOString() : undefined,
    q: query.q || undefined,
    sort: query.sort,
    order: query.order,
    after,
    limit: query.limit,
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    // PIPL: roles that do not contact residents see names and numbers masked.
    items: page.map((row) => maskCaseContacts(presentSummary(row), context.actor.roles)),
    nextCursor:
      hasMore && last
        ? encodeCursor({ value: JSON.stringify(repo.sortValuesOf(last, query.sort)), id: last.id })
        : null,
  };
}

export async function getCaseDetail(db: Db, context: RequestContext, caseId: string): Promise<CaseDetail> {
  const summary = await getVisibleSummary(db, context, caseId);
  const row = await repo.findCaseRow(db, context.actor.orgId, caseId);
  if (!row) throw notFound("case", caseId);
  const photos = await repo.findPhotos(db, caseId);
  const workOrder = await repo.findWorkOrderOfCase(db, caseId);
  const duplicates = await repo.findDuplicatesOf(db, caseId);
  const events = await repo.findEvents(db, caseId);
  const comments = await repo.findComments(db, caseId);
  const forwardedBy = row.forwarded_by_department_id
    ? await repo.findDepartmentName(db, row.forwarded_by_department_id)
    : null;
  return maskCaseContacts(
    {
      ...presentSummary(summary),
      visitorName: row.visitor_name,
      visitorPhone: row.visitor_phone,
      wantsCallback: fromFlag(row.wants_callback),
      callbackPhone: row.callback_phone,
      callbackNote: row.callback_note,
      forwardedByDepartmentId: row.forwarded_by_department_id,
      forwardedByDepartmentName: forwardedBy,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      photos: photos.map((photo) => presentPhoto(photo, `/api/cases/${caseId}`)),
      workOrder: workOrder
        ? {
            id: workOrder.id,
            status: workOrder.status,
            tradeId: workOrder.trade_id,
            dispatchedAt: workOrder.dispatched_at,
          }
        : null,
      duplicates: duplicates.map((d) => ({ id: d.id, number: d.number })),
      events: events.map(presentEvent),
      comments: comments.map(presentComment),
      complaint: summary.kind === "complaint" ? await getComplaintSections(db, context, caseId) : null,
    },
    context.actor.roles,
  );
}

/** The upload behind one photo of a case the actor may see. */
export async function getCasePhoto(db: Db, context: RequestContext, caseId: string, uploadId: string) {
  await getVisibleSummary(db, context, caseId);
  const photo = await repo.findPhoto(db, caseId, uploadId);
  if (!photo) throw notFound("photo", uploadId);
  return photo;
}
