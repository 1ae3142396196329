/**
 * Retention of records (R-4.12.3, QP-02 "kept for a set period"): one period per record type,
 * in the organisation's settings. Anything that deletes a record goes through
 * `assertRetentionElapsed` first: an open record, or a closed one younger than its retention
 * period, is never deleted.
 */
import {
  DEFAULT_RETENTION,
  type RetentionRecordType,
  type RetentionSettings,
  retentionSettingsSchema,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";

const SETTING_KEY = "records_retention";

export async function getRetentionSettings(db: DbOrTx, orgId: string): Promise<RetentionSettings> {
  const row = await db
    .selectFrom("org_settings")
    .select("value_json")
    .where("org_id", "=", orgId)
    .where("key", "=", SETTING_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_RETENTION;
  const parsed = retentionSettingsSchema.safeParse({ ...DEFAULT_RETENTION, ...JSON.parse(row.value_json) });
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

export async function setRetentionSettings(
  db: Db,
  context: RequestContext,
  settings: RetentionSettings,
): Promise<RetentionSettings> {
  const { orgId } = context.actor;
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    const before = await getRetentionSettings(tx, orgId);
    await tx
      .insertInto("org_settings")
      .values({ org_id: orgId, key: SETTING_KEY, value_json: JSON.stringify(settings), updated_at: now })
      .onConflict((oc) =>
        oc.columns(["org_id", "key"]).doUpdateSet({ value_json: JSON.stringify(settings), updated_at: now }),
      )
      .execute();
    await recordAudit(tx, context, {
      action: "settings.records_retention",
      entityType: "organisation",
      entityId: orgId,
      before,
      after: settings,
    });
  });
  return settings;
}

/** `iso` plus whole calendar months (end of month clamps: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

/** When a record closed at `closedAt` may be deleted at the earliest. */
export function retainedUntil(settings: RetentionSettings, type: RetentionRecordType, closedAt: string): string {
  return addMonths(closedAt, settings[type]);
}

/**
 * The guard every deletion of a record passes (QP-02): refuses with RETENTION_ACTIVE (409)
 * unless the record is closed and its retention period has run out.
 */
export async function assertRetentionElapsed(
  db: DbOrTx,
  orgId: string,
  type: RetentionRecordType,
  closedAt: string | null,
  now: string = nowIso(),
): Promise<void> {
  if (closedAt === null) throw new AppError("RETENTION_ACTIVE", { recordType: type, reason: "not_closed" });
  const until = retainedUntil(await getRetentionSettings(db, orgId), type, closedAt);
  if (Date.parse(now) < Date.parse(until)) {
    throw new AppError("RETENTION_ACTIVE", { recordType: type, reason: "retention_period", retainedUntil: until });
  }
}
