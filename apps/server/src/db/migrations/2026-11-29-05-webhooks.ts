import type { Kysely } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * Notification channels beyond the in-app inbox (issue #4 item 7): the organisation's
 * webhook subscriptions (SMS / WeChat gateways), plus the indexes that the dead-letter view
 * and the live unread badge query.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable("webhook_subscriptions")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("url", "text", (c) => c.notNull())
    // Kept in clear: signing needs the secret itself, so it cannot be hashed like a password.
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("topics_json", t.json, (c) => c.notNull())
    .addColumn("active", t.flag, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_subscriptions_org_idx")
    .on("webhook_subscriptions")
    .columns(["org_id", "active"])
    .execute();

  // The dead-letter view pages an organisation's given-up messages, newest first.
  await db.schema.createIndex("outbox_org_dead_idx").on("outbox").columns(["org_id", "dead_at", "id"]).execute();
  // Every open notification stream counts its user's unread notifications every few seconds.
  await db.schema
    .createIndex("notifications_user_unread_idx")
    .on("notifications")
    .columns(["user_id", "read_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("notifications_user_unread_idx").execute();
  await db.schema.dropIndex("outbox_org_dead_idx").execute();
  await db.schema.dropTable("webhook_subscriptions").execute();
}
