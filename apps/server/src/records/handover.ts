/**
 * The monthly handover of completed complaint records (客户投诉记录表) from customer service
 * to QA. Customer service prepares a month's batch — every complaint closed or
 * withdrawn in that month — and hands it over; QA receives it and signs (a signature image or
 * a written confirmation, with who and when). From the handover on, the records of the batch
 * are locked: the server refuses changes with RECORD_HANDED_OVER (409), and later corrections
 * are addenda (who, when, why, text) shown on the case (R-4.12.3 "protected from change").
 */
import {
  type CaseAddendum,
  type Handover,
  type HandoverDetail,
  type HandoverMonth,
  periodBounds,
  periodOf,
  previousPeriod,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { getVisibleSummary } from "../cases/case-access.js";
import { invalidField } from "../cases/case-references.js";
import type { Db, DbOrTx } from "../db/database.js";
import { isUniqueViolation } from "../db/dialect.js";
import { findUpload } from "../files/files.repository.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { enqueueNotification } from "../notifications/outbox.js";

/** Case statuses that make a complaint record complete for the handover. */
const COMPLETED = ["closed", "withdrawn"] as const;

export { assertCaseEditable, isCaseHandedOver } from "./handover-lock.js";

export async function orgTimeZone(db: DbOrTx, orgId: string): Promise<string> {
  const row = await db.selectFrom("organisations").select("time_zone").where("id", "=", orgId).executeTakeFirst();
  return row?.time_zone ?? "Asia/Shanghai";
}

function completedInPeriod(db: DbOrTx, orgId: string, bounds: { from: string; to: string }) {
  return db
    .selectFrom("cases")
    .where("cases.org_id", "=", orgId)
    .where("cases.kind", "=", "complaint")
    .where("cases.status", "in", COMPLETED)
    .where("cases.closed_at", ">=", bounds.from)
    .where("cases.closed_at", "<", bounds.to);
}

function handovers(db: DbOrTx) {
  return db
    .selectFrom("record_handovers")
    .leftJoin("users as preparer", "preparer.id", "record_handovers.prepared_by")
    .leftJoin("users as receiver", "receiver.id", "record_handovers.received_by")
    .selectAll("record_handovers")
    .select(["preparer.display_name as prepared_by_name", "receiver.display_name as received_by_name"]);
}
type HandoverRow = Awaited<ReturnType<ReturnType<typeof handovers>["executeTakeFirstOrThrow"]>>;

function presentHandover(row: HandoverRow): Handover {
  return {
    id: row.id,
    period: row.period,
    status: row.status,
    caseCount: Number(row.case_count),
    preparedByName: row.prepared_by_name,
    preparedAt: row.prepared_at,
    note: row.note,
    receivedByName: row.received_by_name,
    receivedAt: row.received_at,
    signatureUploadId: row.signature_upload_id,
    receiptNote: row.receipt_note,
  };
}

/**
 * Every month from the first completed complaint (at most three years back) to the current
 * one, newest first, with its number of completed complaints and its handover if any: the
 * months not yet handed over are those without one.
 */
export async function listHandoverMonths(db: DbOrTx, orgId: string, now: string = nowIso()): Promise<HandoverMonth[]> {
  const timeZone = await orgTimeZone(db, orgId);
  const current = periodOf(now, timeZone);
  const first = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.min("closed_at").as("first"))
    .where("org_id", "=", orgId)
    .where("kind", "=", "complaint")
    .where("status", "in", COMPLETED)
    .executeTakeFirst();
  const byPeriod = new Map(
    (await handovers(db).where("record_handovers.org_id", "=", orgId).execute()).map((row) => [row.period, row]),
  );
  const earliest = first?.first ? periodOf(String(first.first), timeZone) : current;
  const months: HandoverMonth[] = [];
  for (let period = current, n = 0; n < 36; period = previousPeriod(period), n++) {
    const bounds = periodBounds(period, timeZone);
    const count = await completedInPeriod(db, orgId, bounds)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const handover = byPeriod.get(period);
    months.push({
      period,
      completedCases: Number(count.n),
      handover: handover ? presentHandover(handover) : null,
    });
    if (period <= earliest) break;
  }
  return months;
}

export async function getHandover(db: DbOrTx, orgId: string, id: string): Promise<HandoverDetail> {
  const row = await handovers(db)
    .where("record_handovers.org_id", "=", orgId)
    .where("record_handovers.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("handover", id);
  const cases = await db
    .selectFrom("record_handover_items")
    .innerJoin("cases", "cases.id", "record_handover_items.case_id")
    .innerJoin("estates", "estates.id", "cases.estate_id")
    .leftJoin("categories", "categories.id", "cases.category_id")
    .select([
      "cases.id",
      "record_handover_items.case_number",
      "estates.name as estate_name",
      "cases.received_at",
      "cases.closed_at",
      "categories.name as category_name",
    ])
    .where("record_handover_items.handover_id", "=", id)
    .orderBy("record_handover_items.case_number")
    .execute();
  return {
    ...presentHandover(row),
    cases: cases.map((c) => ({
      caseId: c.id,
      number: c.case_number,
      estateName: c.estate_name,
      receivedAt: c.received_at,
      closedAt: c.closed_at,
      categoryName: c.category_name,
    })),
  };
}

async function usersWithRole(db: DbOrTx, orgId: string, role: "qa" | "cs_head"): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.id")
    .distinct()
    .where("users.org_id", "=", orgId)
    .where("users.active", "=", 1)
    .where("user_roles.role", "=", role)
    .execute();
  return rows.map((row) => row.id);
}

/** Customer service hands a month's completed complaint records to QA as one batch. */
export async function prepareHandover(
  db: Db,
  context: RequestContext,
  input: { period: string; note?: string | undefined },
): Promise<HandoverDetail> {
  const { orgId } = context.actor;
  const now = nowIso();
  const timeZone = await orgTimeZone(db, orgId);
  if (input.period > periodOf(now, timeZone)) throw invalidField("period", "a month that has not begun");
  const id = newId();
  try {
    await db.transaction().execute(async (tx) => {
      const cases = await completedInPeriod(tx, orgId, periodBounds(input.period, timeZone))
        .select(["cases.id", "cases.number"])
        .orderBy("cases.number")
        .execute();
      if (cases.length === 0) throw invalidField("period", "no completed complaint records in this month");
      await tx
        .insertInto("record_handovers")
        .values({
          id,
          org_id: orgId,
          period: input.period,
          status: "handed_over",
          case_count: cases.length,
          prepared_by: context.actor.userId,
          prepared_at: now,
          note: input.note || null,
          received_by: null,
          received_at: null,
          signature_upload_id: null,
          receipt_note: null,
        })
        .execute();
      for (let index = 0; index < cases.length; index += 200) {
        await tx
          .insertInto("record_handover_items")
          .values(
            cases.slice(index, index + 200).map((c) => ({ handover_id: id, case_id: c.id, case_number: c.number })),
          )
          .execute();
      }
      await recordAudit(tx, context, {
        action: "records.handover_prepared",
        entityType: "record_handover",
        entityId: id,
        after: { period: input.period, caseCount: cases.length, caseNumbers: cases.map((c) => c.number) },
      });
      await enqueueNotification(tx, {
        orgId,
        recipientUserIds: await usersWithRole(tx, orgId, "qa"),
        topic: "records.handed_over",
        caseId: null,
        params: { period: input.period, count: cases.length },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("DUPLICATE", { period: input.period });
    throw error;
  }
  return getHandover(db, orgId, id);
}

/** QA receives a batch and signs for it: a signature image and/or a written confirmation. */
export async function receiveHandover(
  db: Db,
  context: RequestContext,
  id: string,
  input: { signatureUploadId?: string | undefined; confirmation?: string | undefined },
): Promise<HandoverDetail> {
  const { orgId } = context.actor;
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("record_handovers")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound("handover", id);
    if (row.status !== "handed_over") throw new AppError("INVALID_TRANSITION", { status: row.status });
    if (input.signatureUploadId) {
      const upload = await findUpload(tx, orgId, input.signatureUploadId);
      if (!upload) throw invalidField("signatureUploadId", "unknown upload");
    }
    const now = nowIso();
    const changes = {
      status: "received" as const,
      received_by: context.actor.userId,
      received_at: now,
      signature_upload_id: input.signatureUploadId ?? null,
      receipt_note: input.confirmation ?? null,
    };
    await tx.updateTable("record_handovers").set(changes).where("id", "=", id).execute();
    await recordAudit(tx, context, {
      action: "records.handover_received",
      entityType: "record_handover",
      entityId: id,
      before: { status: row.status },
      after: changes,
    });
  });
  return getHandover(db, orgId, id);
}

export async function listAddenda(db: DbOrTx, context: RequestContext, caseId: string): Promise<CaseAddendum[]> {
  await getVisibleSummary(db, context, caseId);
  const rows = await db
    .selectFrom("case_addenda")
    .leftJoin("users", "users.id", "case_addenda.author_id")
    .selectAll("case_addenda")
    .select("users.display_name as author_name")
    .where("case_addenda.org_id", "=", context.actor.orgId)
    .where("case_addenda.case_id", "=", caseId)
    .orderBy("case_addenda.at")
    .orderBy("case_addenda.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    authorName: row.author_name,
    at: row.at,
    reason: row.reason,
    text: row.text,
  }));
}

/** A correction to a record: kept beside it, never in place of what was recorded. */
export async function addAddendum(
  db: Db,
  context: RequestContext,
  caseId: string,
  input: { reason: string; text: string },
): Promise<CaseAddendum> {
  await getVisibleSummary(db, context, caseId);
  const row = {
    id: newId(),
    org_id: context.actor.orgId,
    case_id: caseId,
    author_id: context.actor.userId,
    at: nowIso(),
    reason: input.reason,
    text: input.text,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("case_addenda").values(row).execute();
    await recordAudit(tx, context, { action: "case.addendum", entityType: "case", entityId: caseId, after: input });
  });
  return { id: row.id, caseId, authorName: context.actor.displayName, at: row.at, reason: row.reason, text: row.text };
}

/** The working days (Monday to Friday) from `day` to the end of its month, `day` included. */
export function weekdaysLeftInMonth(year: number, month: number, day: number): number {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let count = 0;
  for (let d = day; d <= last; d++) {
    const weekday = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** Customer service is reminded this many working days before month end (the last included). */
export const HANDOVER_REMINDER_WORKING_DAYS = 3;

/**
 * The scheduled reminder: a few working days before month end, the customer-service heads of
 * each organisation that has not handed over the previous month, or whose current month is
 * ending, are told — once per organisation and month, however many instances run the job
 * (a marker row in org_settings is inserted once; only the inserting run notifies).
 */
export async function remindHandovers(db: Db, now: string): Promise<number> {
  const orgs = await db.selectFrom("organisations").select(["id", "time_zone"]).where("active", "=", 1).execute();
  let reminded = 0;
  for (const org of orgs) {
    const period = periodOf(now, org.time_zone);
    const [year, month] = period.split("-").map(Number) as [number, number];
    const localDay = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: org.time_zone, day: "numeric" }).format(new Date(now)),
    );
    if (weekdaysLeftInMonth(year, month, localDay) > HANDOVER_REMINDER_WORKING_DAYS) continue;
    const pending = (await listHandoverMonths(db, org.id, now)).filter(
      (m) => m.handover === null && m.completedCases > 0 && m.period <= period,
    );
    await db.transaction().execute(async (tx) => {
      const marker = await tx
        .insertInto("org_settings")
        .values({
          org_id: org.id,
          key: `handover_reminder_${period}`,
          value_json: JSON.stringify({ at: now }),
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
        .executeTakeFirst();
      if (Number(marker.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await enqueueNotification(tx, {
        orgId: org.id,
        recipientUserIds: await usersWithRole(tx, org.id, "cs_head"),
        topic: "records.handover_due",
        caseId: null,
        params: { period, pending: pending.map((m) => m.period).join(", ") },
      });
      reminded++;
    });
  }
  return reminded;
}
