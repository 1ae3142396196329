/**
 * major complaints go to the management representative. A clerk flags one at
 * intake or later; the organisation's rules flag the rest: chosen categories, a repeat
 * complaint from the same unit within some days, a media or government source.
 */
import {
  DEFAULT_MAJOR_COMPLAINT_RULES,
  type MajorComplaintRules,
  majorComplaintRulesSchema,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { addMinutes, nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";

const SETTING_KEY = "major_complaint_rules";

export async function getMajorComplaintRules(db: DbOrTx, orgId: string): Promise<MajorComplaintRules> {
  const row = await db
    .selectFrom("org_settings")
    .select("value_json")
    .where("org_id", "=", orgId)
    .where("key", "=", SETTING_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_MAJOR_COMPLAINT_RULES;
  const parsed = majorComplaintRulesSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : DEFAULT_MAJOR_COMPLAINT_RULES;
}

export async function setMajorComplaintRules(
  db: Db,
  context: RequestContext,
  rules: MajorComplaintRules,
): Promise<MajorComplaintRules> {
  const { orgId } = context.actor;
  const categoryIds = [...new Set(rules.categoryIds)];
  if (categoryIds.length > 0) {
    const found = await db
      .selectFrom("categories")
      .select("id")
      .where("org_id", "=", orgId)
      .where("kind", "=", "complaint")
      .where("id", "in", categoryIds)
      .execute();
    if (found.length !== categoryIds.length) throw invalidField("categoryIds", "unknown complaint category");
  }
  const value: MajorComplaintRules = { ...rules, categoryIds, sources: [...new Set(rules.sources)] };
  const before = await getMajorComplaintRules(db, orgId);
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("org_settings")
      .values({ org_id: orgId, key: SETTING_KEY, value_json: JSON.stringify(value), updated_at: now })
      .onConflict((oc) =>
        oc.columns(["org_id", "key"]).doUpdateSet({ value_json: JSON.stringify(value), updated_at: now }),
      )
      .execute();
    await recordAudit(tx, context, {
      action: "settings.major_complaint_rules",
      entityType: "organisation",
      entityId: orgId,
      before,
      after: value,
    });
  });
  return value;
}

export interface MajorCandidate {
  id: string;
  orgId: string;
  estateId: string;
  number: string;
  categoryId: string | null;
  unitId: string | null;
  receivedAt: string;
  source: string;
}

/** Why the rules make this complaint major, or null. */
export async function majorReasonByRules(db: DbOrTx, complaint: MajorCandidate): Promise<string | null> {
  const rules = await getMajorComplaintRules(db, complaint.orgId);
  if (complaint.categoryId && rules.categoryIds.includes(complaint.categoryId)) return "rule:category";
  if ((rules.sources as readonly string[]).includes(complaint.source)) return `rule:source:${complaint.source}`;
  if (rules.repeatWithinDays && complaint.unitId) {
    const earlier = await db
      .selectFrom("cases")
      .select("number")
      .where("org_id", "=", complaint.orgId)
      .where("kind", "=", "complaint")
      .where("unit_id", "=", complaint.unitId)
      .where("id", "!=", complaint.id)
      .where("duplicate_of_id", "is", null)
      .where("received_at", ">=", addMinutes(complaint.receivedAt, -rules.repeatWithinDays * 24 * 60))
      .where("received_at", "<=", complaint.receivedAt)
      .executeTakeFirst();
    if (earlier) return `rule:repeat:${earlier.number}`;
  }
  return null;
}

/**
 * Flags a complaint as major inside the registering transaction — the clerk's flag or a
 * rule — with its timeline event, and tells the management representatives.
 */
export async function flagMajorAtIntake(
  tx: DbOrTx,
  context: RequestContext,
  complaint: MajorCandidate,
  clerk: { major: boolean; majorReason?: string | undefined },
): Promise<boolean> {
  const reason = clerk.major ? (clerk.majorReason ?? "intake") : await majorReasonByRules(tx, complaint);
  if (!reason) return false;
  const now = nowIso();
  await tx
    .updateTable("cases")
    .set({ is_major: 1, major_reason: reason, updated_at: now })
    .where("id", "=", complaint.id)
    .execute();
  await cases.insertEvent(tx, {
    id: newId(),
    org_id: complaint.orgId,
    case_id: complaint.id,
    at: now,
    actor_id: clerk.major ? context.actor.userId : null,
    type: "flagged_major",
    data_json: JSON.stringify({ reason }),
  });
  const representatives = await cases.findStaffFor(tx, {
    orgId: complaint.orgId,
    estateId: complaint.estateId,
    roles: ["mgmt_rep"],
  });
  await enqueueNotification(tx, {
    orgId: complaint.orgId,
    recipientUserIds: representatives,
    topic: "case.major",
    caseId: complaint.id,
    params: { number: complaint.number, kind: "complaint", reason },
  });
  return true;
}
