import type { NotificationParams } from "@estate-desk/domain";
import type { ExpressionBuilder, NotNull } from "kysely";
import type { DbOrTx } from "../db/database.js";
import type { Database, OutboxTable } from "../db/schema.js";
import type { KeysetPosition } from "../http/paging.js";

export type OutboxRow = OutboxTable;
export type NewOutboxRow = Omit<OutboxRow, "attempts" | "locked_until" | "last_error" | "delivered_at" | "dead_at">;

/** What `payload_json` holds; the channel fields only on rows of that channel. */
export interface OutboxPayload {
  caseId: string | null;
  params: NotificationParams;
  /** E-mail: the address as it was when the event happened. */
  email?: string;
  /** Webhook: the subscription the row is for. */
  webhookId?: string;
  /** Webhook: the recipient's id, name and phone as they were when the event happened. */
  recipient?: { id: string; name: string; phone: string | null } | null;
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

/** Gives claimed messages back untouched, so that the next run can claim them at once. */
export async function releaseLeases(db: DbOrTx, ids: readonly string[], lease: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set({ locked_until: null })
    .where("id", "in", [...ids])
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

/** What the e-mail and webhook channels need to know about a recipient. */
export interface RecipientContact {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  active: boolean;
}

export async function findRecipientContacts(
  db: DbOrTx,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, RecipientContact>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name", "phone", "email", "active"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...userIds])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, name: row.display_name, phone: row.phone, email: row.email, active: row.active === 1 },
    ]),
  );
}

export type DeadMessageRow = Omit<OutboxRow, "dead_at"> & { dead_at: string; recipient_name: string | null };

/** The organisation's given-up messages, most recently given up first (dead_at, then id). */
export async function listDeadMessages(
  db: DbOrTx,
  orgId: string,
  filter: { after?: KeysetPosition | undefined; limit: number },
): Promise<DeadMessageRow[]> {
  let query = db
    .selectFrom("outbox")
    .leftJoin("users", "users.id", "outbox.recipient_user_id")
    .selectAll("outbox")
    .select("users.display_name as recipient_name")
    .where("outbox.org_id", "=", orgId)
    .where("outbox.dead_at", "is not", null);
  const after = filter.after;
  if (after) {
    const deadAt = String(after.value);
    query = query.where((eb) =>
      eb.or([
        eb("outbox.dead_at", "<", deadAt),
        eb.and([eb("outbox.dead_at", "=", deadAt), eb("outbox.id", "<", after.id)]),
      ]),
    );
  }
  return query
    .$narrowType<{ dead_at: NotNull }>()
    .orderBy("outbox.dead_at", "desc")
    .orderBy("outbox.id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

export async function findOutboxMessage(db: DbOrTx, orgId: string, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom("outbox").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/**
 * Gives a dead message a fresh set of attempts, due now. Only while it is still dead, so two
 * operators pressing "retry" at once requeue it once; false when it was not dead.
 */
export async function requeueDeadMessage(db: DbOrTx, orgId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ attempts: 0, dead_at: null, available_at: now, locked_until: null })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("dead_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface PendingByChannel {
  channel: string;
  pending: number;
  oldest_created_at: string | null;
}

/** Messages neither delivered nor given up, per channel, with the time the oldest was queued. */
export async function countPendingByChannel(db: DbOrTx, orgId: string): Promise<PendingByChannel[]> {
  const rows = await db
    .selectFrom("outbox")
    .select((eb) => [
      "channel",
      eb.fn.countAll<number>().as("pending"),
      eb.fn.min<string>("created_at").as("oldest_created_at"),
    ])
    .where("org_id", "=", orgId)
    .where("delivered_at", "is", null)
    .where("dead_at", "is", null)
    .groupBy("channel")
    .execute();
  return rows.map((row) => ({
    channel: row.channel,
    pending: Number(row.pending),
    oldest_created_at: row.oldest_created_at,
  }));
}

export async function countDeadByChannel(db: DbOrTx, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select((eb) => ["channel", eb.fn.countAll<number>().as("dead")])
    .where("org_id", "=", orgId)
    .where("dead_at", "is not", null)
    .groupBy("channel")
    .execute();
  return new Map(rows.map((row) => [row.channel, Number(row.dead)]));
}
