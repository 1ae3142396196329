/**
 * Residents' personal information under China's PIPL (issue #8 item 9). Masking itself lives in
 * packages/domain/src/privacy.ts and is applied by the presenters; here: revealing a full
 * contact (an explicit, audited action), a resident's download of their own data, and the
 * scheduled anonymisation of departed residents once their retention period has passed —
 * their cases stay in the register, countable by estate, category and dates.
 */
import { ANONYMISED_NAME, ANONYMISED_PHONE } from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { getVisibleSummary } from "../cases/case-access.js";
import * as cases from "../cases/cases.repository.js";
import type { Db } from "../db/database.js";
import { reindexCase, searchTermsOf } from "../db/search.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { getOwnResident, getVisibleResident } from "../org/residents.service.js";
import { getOwnCase, listOwnCases } from "../portal/portal-cases.service.js";
import { addMonths, assertRetentionElapsed, getRetentionSettings } from "./retention.js";

export interface RevealedCaseContact {
  contactName: string | null;
  contactPhone: string | null;
  visitorName: string | null;
  visitorPhone: string | null;
  callbackPhone: string | null;
}

/** The full contact of a case the actor may see; the reveal itself is an audit entry. */
export async function revealCaseContact(db: Db, context: RequestContext, caseId: string): Promise<RevealedCaseContact> {
  const summary = await getVisibleSummary(db, context, caseId);
  const row = await cases.findCaseRow(db, context.actor.orgId, caseId);
  if (!row) throw new AppError("NOT_FOUND", { entity: "case" });
  const revealed = {
    contactName: summary.resident_name ?? summary.visitor_name,
    contactPhone: summary.resident_phone ?? summary.visitor_phone,
    visitorName: row.visitor_name,
    visitorPhone: row.visitor_phone,
    callbackPhone: row.callback_phone,
  };
  await recordAudit(db, context, {
    action: "case.contact_revealed",
    entityType: "case",
    entityId: caseId,
    after: { fields: Object.keys(revealed).filter((key) => revealed[key as keyof RevealedCaseContact] !== null) },
  });
  return revealed;
}

/** A resident's full name and numbers; the reveal is an audit entry. */
export async function revealResidentContact(db: Db, context: RequestContext, residentId: string) {
  const row = await getVisibleResident(db, context, residentId);
  await recordAudit(db, context, {
    action: "resident.contact_revealed",
    entityType: "resident",
    entityId: residentId,
    after: { fields: ["name", "phone", ...(row.alt_phone ? ["altPhone"] : [])] },
  });
  return { name: row.name, phone: row.phone, altPhone: row.alt_phone };
}

/** Everything the system keeps about the signed-in resident, as one JSON document (PIPL access right). */
export async function exportOwnData(db: Db, context: RequestContext) {
  const { actor } = context;
  if (!actor.residentId) throw new AppError("FORBIDDEN");
  const resident = await getOwnResident(db, actor.orgId, actor.residentId);
  const account = await db
    .selectFrom("users")
    .select(["username", "display_name", "phone", "email", "created_at", "last_login_at"])
    .where("id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  const { items } = await listOwnCases(db, context);
  const ownCases = [];
  for (const item of items) ownCases.push(await getOwnCase(db, context, item.id));
  await recordAudit(db, context, {
    action: "resident.data_exported",
    entityType: "resident",
    entityId: actor.residentId,
    after: { cases: ownCases.length },
  });
  return {
    exportedAt: nowIso(),
    resident,
    account: {
      username: account.username,
      displayName: account.display_name,
      phone: account.phone,
      email: account.email,
      createdAt: account.created_at,
      lastLoginAt: account.last_login_at,
    },
    cases: ownCases,
  };
}

/**
 * The scheduled anonymisation (PIPL): residents deactivated (moved out) longer ago than the
 * organisation's retention period for departed residents' personal data lose their name,
 * numbers and note, their portal account is closed and stripped, and the callback numbers on
 * their cases are cleared and the cases re-indexed without them. The cases themselves stay:
 * estate, unit, category, dates and handling remain countable. A resident is departed since
 * their record was last changed (deactivation is its last change).
 */
export async function anonymiseDepartedResidents(db: Db, now: string): Promise<number> {
  const orgs = await db.selectFrom("organisations").select("id").execute();
  let anonymised = 0;
  for (const org of orgs) {
    const settings = await getRetentionSettings(db, org.id);
    const departedBefore = addMonths(now, -settings.departedResidentData);
    const departed = await db
      .selectFrom("residents")
      .select(["id", "updated_at"])
      .where("org_id", "=", org.id)
      .where("active", "=", 0)
      .where("anonymised_at", "is", null)
      .where("updated_at", "<=", departedBefore)
      .execute();
    for (const resident of departed) {
      // The retention guard every deletion of personal data passes (QP-02).
      await assertRetentionElapsed(db, org.id, "departedResidentData", resident.updated_at, now);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("residents")
          .set({ name: ANONYMISED_NAME, phone: ANONYMISED_PHONE, alt_phone: null, note: null, anonymised_at: now })
          .where("id", "=", resident.id)
          .execute();
        await tx
          .updateTable("users")
          .set({
            username: `anonymised-${resident.id}`,
            display_name: ANONYMISED_NAME,
            phone: null,
            email: null,
            active: 0,
            updated_at: now,
          })
          .where("resident_id", "=", resident.id)
          .execute();
        await tx
          .deleteFrom("sessions")
          .where("user_id", "in", tx.selectFrom("users").select("id").where("resident_id", "=", resident.id))
          .execute();
        const own = await tx
          .selectFrom("cases")
          .select(["id", "number", "content", "public_area", "forwarded_by_name"])
          .where("resident_id", "=", resident.id)
          .execute();
        for (const row of own) {
          await tx.updateTable("cases").set({ callback_phone: null }).where("id", "=", row.id).execute();
          await reindexCase(tx, row.id, searchTermsOf(row.number, row.content, row.public_area, row.forwarded_by_name));
        }
        await recordAudit(
          tx,
          { actor: { userId: null, orgId: org.id }, requestId: "job:anonymise-departed-residents", ip: "" },
          {
            action: "resident.anonymised",
            entityType: "resident",
            entityId: resident.id,
            after: { cases: own.length },
          },
        );
      });
      anonymised++;
    }
  }
  return anonymised;
}
