import { randomInt } from "node:crypto";
import type { Estate, estateInputSchema, estateUpdateSchema, PublicEstate } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { assertEstateVisible, estateScope } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { fromFlag, guardInUse, guardUnique, toFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { decodeCursor, toPage } from "../http/paging.js";
import * as repo from "./estates.repository.js";

type EstateInput = z.infer<typeof estateInputSchema>;
type EstateUpdate = z.infer<typeof estateUpdateSchema>;

export function presentEstate(row: repo.EstateRow): Estate {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    complaintHotline: row.complaint_hotline,
    repairHotline: row.repair_hotline,
    receptionAddress: row.reception_address,
    publicCode: row.public_code,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// No 0/o/1/l/i: the code is read off printed posters and typed by hand.
const PUBLIC_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

async function newPublicCode(db: Db): Promise<string> {
  for (;;) {
    let code = "";
    for (let i = 0; i < 6; i++) code += PUBLIC_CODE_ALPHABET[randomInt(PUBLIC_CODE_ALPHABET.length)];
    if (!(await repo.publicCodeTaken(db, code))) return code;
  }
}

export async function listEstates(
  db: Db,
  context: RequestContext,
  query: { q?: string | undefined; active?: boolean | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.listEstates(db, {
    orgId: context.actor.orgId,
    scope: estateScope(context.actor),
    q: query.q,
    active: query.active,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, (row) => row.code, presentEstate);
}

/** An estate of the actor's organisation and scope, or 404. */
export async function getVisibleEstate(db: Db, context: RequestContext, id: string): Promise<repo.EstateRow> {
  const row = await repo.findEstate(db, context.actor.orgId, id);
  if (!row) throw notFound("estate", id);
  assertEstateVisible(context.actor, row.id);
  return row;
}

export async function createEstate(db: Db, context: RequestContext, input: EstateInput): Promise<Estate> {
  const now = nowIso();
  const row: repo.EstateRow = {
    id: newId(),
    org_id: context.actor.orgId,
    code: input.code,
    name: input.name,
    address: input.address ?? null,
    complaint_hotline: input.complaintHotline,
    repair_hotline: input.repairHotline,
    reception_address: input.receptionAddress,
    public_code: await newPublicCode(db),
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.insertEstate(tx, row);
        await recordAudit(tx, context, {
          action: "estate.created",
          entityType: "estate",
          entityId: row.id,
          after: presentEstate(row),
        });
      }),
    "code",
  );
  return presentEstate(row);
}

export async function updateEstate(db: Db, context: RequestContext, id: string, input: EstateUpdate): Promise<Estate> {
  const before = await getVisibleEstate(db, context, id);
  const after: repo.EstateRow = {
    ...before,
    code: input.code ?? before.code,
    name: input.name ?? before.name,
    address: input.address === undefined ? before.address : input.address,
    complaint_hotline: input.complaintHotline ?? before.complaint_hotline,
    repair_hotline: input.repairHotline ?? before.repair_hotline,
    reception_address: input.receptionAddress ?? before.reception_address,
    active: input.active === undefined ? before.active : toFlag(input.active),
    updated_at: nowIso(),
  };
  await guardUnique(
    () =>
      db.transaction().execute(async (tx) => {
        await repo.updateEstate(tx, id, after);
        await recordAudit(tx, context, {
          action: "estate.updated",
          entityType: "estate",
          entityId: id,
          before: presentEstate(before),
          after: presentEstate(after),
        });
      }),
    "code",
  );
  return presentEstate(after);
}

export async function deleteEstate(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await getVisibleEstate(db, context, id);
  await guardInUse(() =>
    db.transaction().execute(async (tx) => {
      await repo.deleteEstate(tx, id);
      await recordAudit(tx, context, {
        action: "estate.deleted",
        entityType: "estate",
        entityId: id,
        before: presentEstate(before),
      });
    }),
  );
}

export async function getPublicEstate(db: Db, publicCode: string): Promise<PublicEstate> {
  const row = await repo.findEstateByPublicCode(db, publicCode.toLowerCase());
  if (!row) throw new AppError("NOT_FOUND", { entity: "estate" });
  return presentPublicEstate(row, await organisationName(db, row.org_id));
}

async function organisationName(db: Db, orgId: string): Promise<string> {
  const organisation = await db
    .selectFrom("organisations")
    .select("name")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return organisation.name;
}

/** What a resident or a passer-by sees of an estate: its hotlines and reception address. */
function presentPublicEstate(row: repo.EstateRow, organisationName: string): PublicEstate {
  return {
    name: row.name,
    address: row.address,
    complaintHotline: row.complaint_hotline,
    repairHotline: row.repair_hotline,
    receptionAddress: row.reception_address,
    organisationName,
    publicCode: row.public_code,
  };
}

/** The public face of the estates a resident lives in, for their portal. */
export async function getPublicEstatesOf(
  db: Db,
  orgId: string,
  estateIds: readonly string[],
): Promise<(PublicEstate & { id: string })[]> {
  if (estateIds.length === 0) return [];
  const rows = await repo.findEstates(db, orgId, estateIds);
  const orgName = await organisationName(db, orgId);
  return rows.map((row) => ({ id: row.id, ...presentPublicEstate(row, orgName) }));
}
