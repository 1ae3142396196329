import { type Me, permissionsOf } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import { loadUserScope } from "./sessions.repository.js";

export async function loadMe(db: Db, userId: string, csrfToken: string): Promise<Me> {
  const user = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.org_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.kind",
      "users.org_id",
      "organisations.name as org_name",
      "organisations.time_zone",
      "users.all_estates",
      "users.resident_id",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  const scope = await loadUserScope(db, { userId, kind: user.kind, residentId: user.resident_id });
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    kind: user.kind,
    orgId: user.org_id,
    orgName: user.org_name,
    orgTimeZone: user.time_zone,
    roles: scope.roles,
    permissions: [...permissionsOf(scope.roles)],
    allEstates: user.kind === "staff" && user.all_estates === 1,
    estateIds: scope.estateIds,
    departmentIds: scope.departmentIds,
    residentId: user.resident_id,
    csrfToken,
  };
}
