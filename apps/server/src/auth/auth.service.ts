import { randomBytes } from "node:crypto";
import { isStrongPassword } from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Db } from "../db/database.js";
import { addMinutes, nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { newId } from "../http/ids.js";
import type { RequestContext } from "./actor.js";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.js";
import { deleteSessionsOfUser, insertSession, newSessionToken, sessionIdOf } from "./sessions.repository.js";

/** Consecutive wrong passwords that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Failed sign-ins from one address within the window before it is refused outright. */
export const MAX_FAILED_PER_IP = 30;
export const IP_WINDOW_MINUTES = 15;

export interface SessionSettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  userId: string;
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

async function recordAttempt(db: Db, ip: string, username: string, succeeded: boolean): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ id: newId(), ip, username, succeeded: succeeded ? 1 : 0, at: nowIso() })
    .execute();
}

export async function login(db: Db, settings: SessionSettings, input: LoginInput): Promise<LoginResult> {
  const now = nowIso();
  const username = input.username.trim().toLowerCase();

  const recentFailures = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("ip", "=", input.ip)
    .where("succeeded", "=", 0)
    .where("at", ">", addMinutes(now, -IP_WINDOW_MINUTES))
    .executeTakeFirstOrThrow();
  if (Number(recentFailures.count) >= MAX_FAILED_PER_IP) throw new AppError("RATE_LIMITED");

  const user = await db
    .selectFrom("users")
    .select(["id", "org_id", "password_hash", "active"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (user?.active !== 1) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAttempt(db, input.ip, username, false);
    throw new AppError("INVALID_CREDENTIALS");
  }

  // Count the attempt before checking the password: parallel guesses each take a slot, so
  // no burst of simultaneous requests gets more than MAX_FAILED_LOGINS tries.
  const reserved = await db
    .updateTable("users")
    .set((eb) => ({ failed_login_count: eb("failed_login_count", "+", 1) }))
    .where("id", "=", user.id)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
    .returning("failed_login_count")
    .executeTakeFirst();
  if (!reserved || reserved.failed_login_count > MAX_FAILED_LOGINS) {
    if (reserved) {
      await db
        .updateTable("users")
        .set({ locked_until: addMinutes(now, LOCK_MINUTES), failed_login_count: 0 })
        .where("id", "=", user.id)
        .execute();
    }
    await recordAttempt(db, input.ip, username, false);
    throw new AppError("ACCOUNT_LOCKED");
  }

  if (!(await verifyPassword(user.password_hash, input.password))) {
    if (reserved.failed_login_count >= MAX_FAILED_LOGINS) {
      await db
        .updateTable("users")
        .set({ locked_until: addMinutes(now, LOCK_MINUTES), failed_login_count: 0 })
        .where("id", "=", user.id)
        .execute();
    }
    await recordAttempt(db, input.ip, username, false);
    throw new AppError("INVALID_CREDENTIALS");
  }

  const token = newSessionToken();
  const session = {
    id: sessionIdOf(token),
    userId: user.id,
    orgId: user.org_id,
    csrfToken: randomBytes(24).toString("base64url"),
    createdAt: now,
    expiresAt: addMinutes(now, settings.sessionMaxHours * 60),
    ip: input.ip,
    userAgent: input.userAgent,
  };
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("users")
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
      .where("id", "=", user.id)
      .execute();
    await insertSession(tx, session);
    await tx
      .insertInto("login_attempts")
      .values({ id: newId(), ip: input.ip, username, succeeded: 1, at: now })
      .execute();
  });
  return {
    token,
    sessionId: session.id,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    userId: user.id,
  };
}

export async function changePassword(
  db: Db,
  context: RequestContext,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("id", "=", context.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, currentPassword))) throw new AppError("WRONG_PASSWORD");
  if (!isStrongPassword(newPassword)) throw new AppError("PASSWORD_TOO_WEAK");
  const passwordHash = await hashPassword(newPassword);
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where("id", "=", user.id)
      .execute();
    // A changed password ends every other session: whoever knew the old one is signed out.
    await deleteSessionsOfUser(tx, user.id, context.actor.sessionId);
    await recordAudit(tx, context, {
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
    });
  });
}
