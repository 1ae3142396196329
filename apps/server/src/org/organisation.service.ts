import type { Organisation, organisationUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { fromFlag } from "../db/guards.js";
import { nowIso } from "../http/clock.js";
import { notFound } from "../http/errors.js";
import * as repo from "./organisation.repository.js";

/** Only the name and the time zone change through the API; the code and activity are operator matters. */
export type OrganisationChanges = Pick<z.infer<typeof organisationUpdateSchema>, "name" | "timeZone">;

export function presentOrganisation(row: repo.OrganisationRow): Organisation {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    timeZone: row.time_zone,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The actor's own organisation: there is no way to name another one. */
async function getOwnOrganisation(db: Db, context: RequestContext): Promise<repo.OrganisationRow> {
  const row = await repo.findOrganisation(db, context.actor.orgId);
  if (!row) throw notFound("organisation", context.actor.orgId);
  return row;
}

export async function getOrganisation(db: Db, context: RequestContext): Promise<Organisation> {
  return presentOrganisation(await getOwnOrganisation(db, context));
}

/** Weeks and months of the statistics are computed in the organisation's time zone. */
export async function updateOrganisation(
  db: Db,
  context: RequestContext,
  input: OrganisationChanges,
): Promise<Organisation> {
  const before = await getOwnOrganisation(db, context);
  const after: repo.OrganisationRow = {
    ...before,
    name: input.name ?? before.name,
    time_zone: input.timeZone ?? before.time_zone,
    updated_at: nowIso(),
  };
  await db.transaction().execute(async (tx) => {
    await repo.updateOrganisation(tx, before.id, {
      name: after.name,
      time_zone: after.time_zone,
      updated_at: after.updated_at,
    });
    await recordAudit(tx, context, {
      action: "organisation.updated",
      entityType: "organisation",
      entityId: before.id,
      before: presentOrganisation(before),
      after: presentOrganisation(after),
    });
  });
  return presentOrganisation(after);
}
