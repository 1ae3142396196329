import { createHash, randomBytes } from "node:crypto";
import { permissionsOf, type Role } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import type { UserKind } from "../db/schema.js";
import type { Actor } from "./actor.js";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  id: string;
  userId: string;
  orgId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: DbOrTx, session: NewSession): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      org_id: session.orgId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user except, optionally, the one making the request. */
export async function deleteSessionsOfUser(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}

export async function touchSession(db: DbOrTx, sessionId: string, at: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", sessionId).execute();
}

export interface ResolvedSession {
  actor: Actor;
  lastSeenAt: string;
}

/**
 * Loads a live session with everything the policy needs about its user. A session of a
 * deactivated user, an expired one, or one idle for too long resolves to nothing.
 */
export async function findLiveSession(
  db: DbOrTx,
  sessionId: string,
  now: string,
  idleSince: string,
): Promise<ResolvedSession | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("organisations", "organisations.id", "users.org_id")
    .select([
      "sessions.id as session_id",
      "sessions.csrf_token",
      "sessions.last_seen_at",
      "users.id as user_id",
      "users.org_id",
      "users.username",
      "users.display_name",
      "users.kind",
      "users.all_estates",
      "users.resident_id",
    ])
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", now)
    .where("sessions.last_seen_at", ">", idleSince)
    .where("users.active", "=", 1)
    .where("organisations.active", "=", 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const scope = await loadUserScope(db, { userId: row.user_id, kind: row.kind, residentId: row.resident_id });
  return {
    lastSeenAt: row.last_seen_at,
    actor: {
      userId: row.user_id,
      orgId: row.org_id,
      username: row.username,
      displayName: row.display_name,
      kind: row.kind,
      roles: scope.roles,
      permissions: permissionsOf(scope.roles),
      allEstates: row.kind === "staff" && row.all_estates === 1,
      estateIds: scope.estateIds,
      departmentIds: scope.departmentIds,
      residentId: row.resident_id,
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
    },
  };
}

export interface UserScope {
  roles: Role[];
  /** Staff: the estates assigned to them. Residents: the estates of their own units. */
  estateIds: string[];
  departmentIds: string[];
}

export async function loadUserScope(
  db: DbOrTx,
  user: { userId: string; kind: UserKind; residentId: string | null },
): Promise<UserScope> {
  const roles = await db
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", user.userId)
    .orderBy("role")
    .execute();
  const estates =
    user.kind === "resident"
      ? await db
          .selectFrom("resident_units")
          .select("estate_id")
          .distinct()
          .where("resident_id", "=", user.residentId ?? "")
          .where("active", "=", 1)
          .execute()
      : await db.selectFrom("user_estates").select("estate_id").where("user_id", "=", user.userId).execute();
  const departments = await db
    .selectFrom("user_departments")
    .select("department_id")
    .where("user_id", "=", user.userId)
    .execute();
  return {
    roles: roles.map((r) => r.role),
    estateIds: estates.map((e) => e.estate_id),
    departmentIds: departments.map((d) => d.department_id),
  };
}
