import { type Notification, notificationParamsSchema, notificationTopicSchema } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { notFound } from "../http/errors.js";
import { decodeCursor, toPage } from "../http/paging.js";
import * as repo from "./notifications.repository.js";

/** A user only ever reaches their own notifications, within their own organisation. */
function ownerOf(context: RequestContext): repo.Owner {
  return { orgId: context.actor.orgId, userId: context.actor.userId };
}

export function presentNotification(row: repo.NotificationRow): Notification {
  return {
    id: row.id,
    topic: notificationTopicSchema.parse(row.topic),
    caseId: row.case_id,
    params: notificationParamsSchema.parse(JSON.parse(row.params_json)),
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function listNotifications(
  db: Db,
  context: RequestContext,
  query: { unread?: boolean | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.listNotifications(db, ownerOf(context), {
    unread: query.unread,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, (row) => row.created_at, presentNotification);
}

export async function unreadCount(db: Db, context: RequestContext): Promise<{ count: number }> {
  return { count: await repo.countUnread(db, ownerOf(context)) };
}

/** Someone else's notification answers 404, exactly like one that does not exist. */
export async function markRead(db: Db, context: RequestContext, id: string): Promise<void> {
  const owner = ownerOf(context);
  const row = await repo.findNotification(db, owner, id);
  if (!row) throw notFound("notification", id);
  await repo.markRead(db, owner, id, nowIso());
}

export async function markAllRead(db: Db, context: RequestContext): Promise<void> {
  await repo.markAllRead(db, ownerOf(context), nowIso());
}
