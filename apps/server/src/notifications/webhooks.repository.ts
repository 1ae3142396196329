import type { DbOrTx } from "../db/database.js";
import type { WebhookSubscriptionTable } from "../db/schema.js";

export type WebhookRow = WebhookSubscriptionTable;

/** A short list per organisation (a gateway or two): unpaged, oldest first. */
export async function listWebhooks(db: DbOrTx, orgId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function listActiveWebhooks(db: DbOrTx, orgId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("active", "=", 1)
    .execute();
}

export async function findWebhook(db: DbOrTx, orgId: string, id: string): Promise<WebhookRow | undefined> {
  return db
    .selectFrom("webhook_subscriptions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The URLs of several subscriptions at once (the dead-letter view names each webhook's target). */
export async function findWebhookUrls(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("webhook_subscriptions")
    .select(["id", "url"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.url]));
}

export async function insertWebhook(db: DbOrTx, row: WebhookRow): Promise<void> {
  await db.insertInto("webhook_subscriptions").values(row).execute();
}

export async function updateWebhook(
  db: DbOrTx,
  orgId: string,
  id: string,
  changes: Partial<Omit<WebhookRow, "id" | "org_id">>,
): Promise<void> {
  await db.updateTable("webhook_subscriptions").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function deleteWebhook(db: DbOrTx, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("webhook_subscriptions").where("org_id", "=", orgId).where("id", "=", id).execute();
}
