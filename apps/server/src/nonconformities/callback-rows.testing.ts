/**
 * Test setup, not a mock: writes `callbacks` rows exactly as the schema of migration
 * 2026-11-29-10-callbacks says, standing in for the callback module (issue #7 part A, built
 * alongside) where a test needs a callback performed or a planned one carried out. The
 * nonconformity, inspection and letter rules under test read these rows like any others.
 */
import type { CallbackMethod, CallbackSubjectType, Satisfaction } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import type { CandidateContext } from "./nonconformity-candidates.js";
import { onCallbackRecorded } from "./nonconformity-workflow.service.js";

export interface PerformedCallbackSetup {
  orgId: string;
  estateId: string | null;
  subjectType?: CallbackSubjectType;
  caseId?: string | null;
  workOrderId?: string | null;
  topicId?: string | null;
  callerId: string;
  satisfaction: Satisfaction;
  opinion?: string;
  method?: CallbackMethod;
  performedAt?: string;
}

/** A callback already performed by `callerId` (sequence: the next on its subject). */
export async function insertPerformedCallback(db: Db, setup: PerformedCallbackSetup): Promise<string> {
  const id = newId();
  const now = setup.performedAt ?? nowIso();
  const subjectType = setup.subjectType ?? "complaint";
  const column = subjectType === "topic" ? "topic_id" : subjectType === "work_order" ? "work_order_id" : "case_id";
  const subjectId =
    subjectType === "topic" ? setup.topicId : subjectType === "work_order" ? setup.workOrderId : setup.caseId;
  const last = subjectId
    ? await db
        .selectFrom("callbacks")
        .select((eb) => eb.fn.max("sequence").as("last"))
        .where(column, "=", subjectId)
        .executeTakeFirst()
    : undefined;
  await db
    .insertInto("callbacks")
    .values({
      id,
      org_id: setup.orgId,
      estate_id: setup.estateId,
      subject_type: subjectType,
      case_id: setup.caseId ?? null,
      work_order_id: setup.workOrderId ?? null,
      topic_id: setup.topicId ?? null,
      sequence: Number(last?.last ?? 0) + 1,
      status: "done",
      method: setup.method ?? "phone",
      assigned_to: setup.callerId,
      assigned_at: now,
      performed_by: setup.callerId,
      performed_at: now,
      outcome: "reached",
      satisfaction: setup.satisfaction,
      opinion: setup.opinion ?? null,
      created_by: setup.callerId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Carries out a planned callback (as the callback worklist would) with the resident's answer. */
export async function performPlannedCallback(
  db: Db,
  callbackId: string,
  result: { callerId: string; satisfaction: Satisfaction; opinion?: string },
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable("callbacks")
    .set({
      status: "done",
      performed_by: result.callerId,
      performed_at: now,
      outcome: "reached",
      satisfaction: result.satisfaction,
      opinion: result.opinion ?? null,
      updated_at: now,
    })
    .where("id", "=", callbackId)
    .where("status", "=", "planned")
    .execute();
}

/** What the callback module does after recording a result: tell the nonconformity module. */
export async function announceCallback(db: Db, orgId: string, callerId: string, callbackId: string) {
  const context: CandidateContext = { requestId: "test", ip: "127.0.0.1", actor: { userId: callerId, orgId } };
  return db.transaction().execute((tx) => onCallbackRecorded(tx, context, callbackId));
}

/** A callback planned on a complaint, not yet performed (as the weekly plan would leave it). */
export async function insertPlannedCallback(
  db: Db,
  setup: { orgId: string; estateId: string | null; caseId: string; assignedTo: string },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  const last = await db
    .selectFrom("callbacks")
    .select((eb) => eb.fn.max("sequence").as("last"))
    .where("case_id", "=", setup.caseId)
    .executeTakeFirst();
  await db
    .insertInto("callbacks")
    .values({
      id,
      org_id: setup.orgId,
      estate_id: setup.estateId,
      subject_type: "complaint",
      case_id: setup.caseId,
      work_order_id: null,
      topic_id: null,
      sequence: Number(last?.last ?? 0) + 1,
      status: "planned",
      method: "phone",
      assigned_to: setup.assignedTo,
      assigned_at: now,
      created_by: setup.assignedTo,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
