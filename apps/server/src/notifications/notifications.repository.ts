import type { DbOrTx } from "../db/database.js";
import type { NotificationTable } from "../db/schema.js";
import type { KeysetPosition } from "../http/paging.js";

export type NotificationRow = NotificationTable;

/** The signed-in user's own notifications: every query filters on both. */
export interface Owner {
  orgId: string;
  userId: string;
}

export interface NotificationListFilter {
  /** true: unread only; false: read only; undefined: all. */
  unread?: boolean | undefined;
  after?: KeysetPosition | undefined;
  limit: number;
}

/**
 * Inserts the notification unless one for the same outbox message exists: a message
 * delivered again after a worker crashed between delivering and recording it is not shown
 * twice (outbox_id is unique).
 */
export async function insertNotificationOnce(db: DbOrTx, row: NotificationRow): Promise<void> {
  await db
    .insertInto("notifications")
    .values(row)
    .onConflict((conflict) => conflict.column("outbox_id").doNothing())
    .execute();
}

/** Newest first (created_at, then id); fetches one row more than the page to know if another follows. */
export async function listNotifications(
  db: DbOrTx,
  owner: Owner,
  filter: NotificationListFilter,
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom("notifications")
    .selectAll()
    .where("org_id", "=", owner.orgId)
    .where("user_id", "=", owner.userId);
  if (filter.unread !== undefined) query = query.where("read_at", filter.unread ? "is" : "is not", null);
  const after = filter.after;
  if (after) {
    const createdAt = String(after.value);
    query = query.where((eb) =>
      eb.or([eb("created_at", "<", createdAt), eb.and([eb("created_at", "=", createdAt), eb("id", "<", after.id)])]),
    );
  }
  return query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

export async function countUnread(db: DbOrTx, owner: Owner): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("org_id", "=", owner.orgId)
    .where("user_id", "=", owner.userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findNotification(db: DbOrTx, owner: Owner, id: string): Promise<NotificationRow | undefined> {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("org_id", "=", owner.orgId)
    .where("user_id", "=", owner.userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Leaves an already read notification's time alone. */
export async function markRead(db: DbOrTx, owner: Owner, id: string, now: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("org_id", "=", owner.orgId)
    .where("user_id", "=", owner.userId)
    .where("id", "=", id)
    .where("read_at", "is", null)
    .execute();
}

export async function markAllRead(db: DbOrTx, owner: Owner, now: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("org_id", "=", owner.orgId)
    .where("user_id", "=", owner.userId)
    .where("read_at", "is", null)
    .execute();
}
