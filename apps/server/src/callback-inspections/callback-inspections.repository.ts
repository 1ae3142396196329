/** The only code of the callback-inspections module that touches Kysely. */
import { type Insertable, sql } from "kysely";
import type { EstateScope } from "../auth/policy.js";
import type { DbOrTx } from "../db/database.js";
import type { CallbackInspectionTable } from "../db/schema.js";

function performed(db: DbOrTx) {
  return db
    .selectFrom("callbacks")
    .leftJoin("cases", "cases.id", "callbacks.case_id")
    .leftJoin("residents", "residents.id", "cases.resident_id")
    .leftJoin("suggestion_topics as topic", "topic.id", "callbacks.topic_id")
    .leftJoin("estates", "estates.id", "callbacks.estate_id")
    .leftJoin("users as caller", "caller.id", "callbacks.performed_by")
    .select([
      "callbacks.id",
      "callbacks.org_id",
      "callbacks.estate_id",
      "callbacks.subject_type",
      "callbacks.case_id",
      "callbacks.work_order_id",
      "callbacks.topic_id",
      "callbacks.method",
      "callbacks.performed_at",
      "callbacks.performed_by",
      "callbacks.satisfaction",
      "callbacks.opinion",
      "cases.number as case_number",
      "topic.title as topic_title",
      "estates.name as estate_name",
      "caller.display_name as caller_name",
      "residents.name as resident_name",
      "residents.phone as resident_phone",
      "cases.visitor_name",
      "cases.visitor_phone",
      "cases.callback_phone",
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("callback_inspections")
            .select("callback_inspections.id")
            .whereRef("callback_inspections.callback_id", "=", "callbacks.id"),
        )
        .as("inspected"),
    )
    .where("callbacks.status", "=", "done")
    .where("callbacks.performed_by", "is not", null)
    .where("callbacks.performed_at", "is not", null);
}

export type PerformedCallback = Awaited<ReturnType<ReturnType<typeof performed>["executeTakeFirstOrThrow"]>>;

function inEstates(query: ReturnType<typeof performed>, estates: EstateScope) {
  if (estates.all) return query;
  if (estates.estateIds.length === 0) return query.where("callbacks.estate_id", "is", null);
  return query.where((eb) =>
    eb.or([eb("callbacks.estate_id", "is", null), eb("callbacks.estate_id", "in", estates.estateIds)]),
  );
}

/** Performed callbacks of the organisation, optionally of one caller and between two instants. */
export async function findPerformedCallbacks(
  db: DbOrTx,
  filter: { orgId: string; estates: EstateScope; callerId?: string | undefined; from?: string; to?: string },
): Promise<PerformedCallback[]> {
  let query = inEstates(performed(db), filter.estates).where("callbacks.org_id", "=", filter.orgId);
  if (filter.callerId) query = query.where("callbacks.performed_by", "=", filter.callerId);
  if (filter.from) query = query.where("callbacks.performed_at", ">=", filter.from);
  if (filter.to) query = query.where("callbacks.performed_at", "<", filter.to);
  return query.orderBy("callbacks.id").limit(10_000).execute();
}

export async function findPerformedCallback(db: DbOrTx, orgId: string, estates: EstateScope, id: string) {
  return inEstates(performed(db), estates)
    .where("callbacks.org_id", "=", orgId)
    .where("callbacks.id", "=", id)
    .executeTakeFirst();
}

export async function insertInspection(db: DbOrTx, row: Insertable<CallbackInspectionTable>): Promise<void> {
  await db.insertInto("callback_inspections").values(row).execute();
}

export async function findInspections(
  db: DbOrTx,
  filter: { orgId: string; estates: EstateScope; callerId?: string | undefined; id?: string },
) {
  let query = db
    .selectFrom("callback_inspections as inspection")
    .innerJoin("callbacks", "callbacks.id", "inspection.callback_id")
    .leftJoin("cases", "cases.id", "callbacks.case_id")
    .leftJoin("users as caller", "caller.id", "inspection.caller_id")
    .innerJoin("users as inspector", "inspector.id", "inspection.inspector_id")
    .leftJoin("nonconformities as nc", (join) =>
      // source_id is text (it names records of several tables); ids are uuid on PostgreSQL.
      join.on(sql<boolean>`nc.source_id = cast(inspection.id as text)`).on("nc.source", "=", "callback_inspection"),
    )
    .selectAll("inspection")
    .select([
      "cases.number as case_number",
      "caller.display_name as caller_name",
      "inspector.display_name as inspector_name",
      "nc.id as nonconformity_id",
    ])
    .where("inspection.org_id", "=", filter.orgId);
  if (!filter.estates.all) {
    const ids = filter.estates.estateIds;
    query = query.where((eb) =>
      ids.length === 0
        ? eb("callbacks.estate_id", "is", null)
        : eb.or([eb("callbacks.estate_id", "is", null), eb("callbacks.estate_id", "in", ids)]),
    );
  }
  if (filter.callerId) query = query.where("inspection.caller_id", "=", filter.callerId);
  if (filter.id) query = query.where("inspection.id", "=", filter.id);
  return query.orderBy("inspection.inspected_at", "desc").orderBy("inspection.id", "desc").limit(1000).execute();
}
