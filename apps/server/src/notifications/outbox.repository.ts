import type { NotificationParams } from "@estate-desk/domain";
import type { ExpressionBuilder } from "kysely";
import type { DbOrTx } from "../db/database.js";
import type { Database, OutboxTable } from "../db/schema.js";

export type OutboxRow = OutboxTable;
export type NewOutboxRow = Omit<OutboxRow, "attempts" | "locked_until" | "last_error" | "delivered_at" | "dead_at">;

/** What `payload_json` holds. */
export interface OutboxPayload {
  caseId: string | null;
  params: NotificationParams;
}

export async function insertOutboxRows(db: DbOrTx, rows: readonly NewOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("outbox")
    .values(
      rows.map((row) => ({
        ...row,
        attempts: 0,
        locked_until: null,
        last_error: null,
        delivered_at: null,
        dead_at: null,
      })),
    )
    .execute();
}

/** Not delivered, not dead, due, and not leased to a worker (or its lease ran out). */
function isClaimable(now: string) {
  return (eb: ExpressionBuilder<Database, "outbox">) =>
    eb.and([
      eb("delivered_at", "is", null),
      eb("dead_at", "is", null),
      eb("available_at", "<=", now),
      eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]),
    ]);
}

/**
 * Leases up to `limit` due messages to the caller until `lockedUntil`, in one UPDATE so that
 * no two workers (processes or connections) hold the same message. The conditions are
 * repeated outside the subquery on purpose: on PostgreSQL a concurrent UPDATE that waited
 * for another worker's lease re-checks them against the committed row and skips it, and
 * SQLite runs the statement under its single write lock. The lease time doubles as the
 * fencing token for the writes that finish the delivery.
 */
export async function claimDueMessages(
  db: DbOrTx,
  now: string,
  lockedUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  return db
    .updateTable("outbox")
    .set({ locked_until: lockedUntil })
    .where(
      "id",
      "in",
      db.selectFrom("outbox").select("id").where(isClaimable(now)).orderBy("available_at").limit(limit),
    )
    .where(isClaimable(now))
    .returningAll()
    .execute();
}

/** Only while the caller still holds the lease it claimed the message with. */
export async function markDelivered(db: DbOrTx, id: string, lease: string, now: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ delivered_at: now, locked_until: null })
    .where("id", "=", id)
    .where("locked_until", "=", lease)
    .execute();
}

export interface FailedAttempt {
  attempts: number;
  lastError: string;
  /** When to try again, or null when the message is given up (dead letter). */
  retryAt: string | null;
  now: string;
}

/** Only while the caller still holds the lease it claimed the message with. */
export async function markFailed(db: DbOrTx, id: string, lease: string, failure: FailedAttempt): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      attempts: failure.attempts,
      last_error: failure.lastError,
      locked_until: null,
      ...(failure.retryAt === null ? { dead_at: failure.now } : { available_at: failure.retryAt }),
    })
    .where("id", "=", id)
    .where("locked_until", "=", lease)
    .execute();
}
