import { isStrongPassword, type Me, type setupRequestSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { createStarterCatalogue } from "../org/starter-catalogue.js";
import { newAccountRow } from "./accounts.js";
import { loadMe } from "./me.js";
import { hashPassword } from "./password.js";

type SetupRequest = z.infer<typeof setupRequestSchema>;

export async function isSetUp(db: Db): Promise<boolean> {
  const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return anyUser !== undefined;
}

export async function setUpFirstAdministrator(
  db: Db,
  input: SetupRequest,
  request: { requestId: string; ip: string },
): Promise<Omit<Me, "csrfToken">> {
  if (!isStrongPassword(input.admin.password)) throw new AppError("PASSWORD_TOO_WEAK");
  const passwordHash = await hashPassword(input.admin.password);
  const now = nowIso();
  const orgId = newId();
  const admin = newAccountRow({
    orgId,
    username: input.admin.username,
    displayName: input.admin.displayName,
    passwordHash,
    kind: "staff",
    allEstates: true,
  });
  const userId = admin.id;
  await db.transaction().execute(async (tx) => {
    if (await tx.selectFrom("users").select("id").limit(1).executeTakeFirst()) throw new AppError("SETUP_DONE");
    await tx
      .insertInto("organisations")
      .values({
        id: orgId,
        code: input.organisation.code,
        name: input.organisation.name,
        time_zone: input.organisation.timeZone,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await createStarterCatalogue(tx, orgId);
    await tx.insertInto("users").values(admin).execute();
    await tx.insertInto("user_roles").values({ user_id: userId, org_id: orgId, role: "admin" }).execute();
    await recordAudit(
      tx,
      { actor: { userId, orgId }, ...request },
      { action: "organisation.set_up", entityType: "organisation", entityId: orgId, after: input.organisation },
    );
  });
  const { csrfToken: _unused, ...me } = await loadMe(db, userId, "");
  return me;
}
