/**
 * Nonconformities (R-4.11.1, R-4.11.2): the customer-service head confirms a candidate (who
 * fixes it, by when on the business calendar) or dismisses it; the responsible party records
 * the fix, which plans a new callback on the same subject; the nonconformity closes only when
 * the latest of its callbacks found the resident satisfied, or when the head has recorded why
 * the complaint is unreasonable and the management representative has signed that off.
 * Every step is one transaction with its audit entry and notifications.
 */
import {
  addWorkingMinutes,
  type CallbackSubjectType,
  DEFAULT_NONCONFORMITY_DUE_WORKING_HOURS,
  NONCONFORMITY_ACTIONS,
  NONCONFORMITY_RULES,
  NONCONFORMITY_SATISFIED,
  type Nonconformity,
  type NonconformityAction,
  type NonconformityActionInput,
  type NonconformityCreate,
  type NonconformityListItem,
  type NonconformityStatus,
  type NotificationTopic,
  type Role,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { canSeeEstate, estateScope } from "../auth/policy.js";
import { loadBusinessCalendar } from "../calendar/calendar.service.js";
import { getVisibleSummary } from "../cases/case-access.js";
import { invalidField } from "../cases/case-references.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { decodeCursor, encodeCursor } from "../http/paging.js";
import { enqueueNotification } from "../notifications/outbox.js";
import * as repo from "./nonconformities.repository.js";
import { type CandidateContext, raiseNonconformityCandidate } from "./nonconformity-candidates.js";

const SEES_EVERY_NONCONFORMITY: readonly Role[] = ["admin", "cs_head", "cs_agent", "qa", "mgmt_rep"];

function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function nonconformityVisibility(actor: Actor): repo.NonconformityVisibility {
  return {
    estates: estateScope(actor),
    everything: hasRole(actor, SEES_EVERY_NONCONFORMITY),
    userId: actor.userId,
    departmentIds: actor.departmentIds,
  };
}

/** The responsible person, or a head or member of the responsible department. */
function isResponsible(
  actor: Actor,
  nc: Pick<repo.NonconformityView, "responsible_user_id" | "responsible_department_id">,
) {
  if (nc.responsible_user_id === actor.userId) return true;
  return nc.responsible_department_id !== null && actor.departmentIds.includes(nc.responsible_department_id);
}

function judge(
  actor: Actor,
  action: NonconformityAction,
  nc: repo.NonconformityView,
): "allowed" | "wrong_state" | "forbidden" {
  const rule = NONCONFORMITY_RULES[action];
  if (!rule.from.includes(nc.status)) return "wrong_state";
  // The management representative signs off only what the head has proposed as unreasonable.
  if (action === "sign_off" && nc.close_reason !== "unreasonable") return "wrong_state";
  if (action === "propose_unreasonable" && nc.close_reason === "unreasonable") return "wrong_state";
  if (action === "record_fix" && isResponsible(actor, nc)) return "allowed";
  return hasRole(actor, rule.roles) ? "allowed" : "forbidden";
}

export function availableNonconformityActions(actor: Actor, nc: repo.NonconformityView): NonconformityAction[] {
  return NONCONFORMITY_ACTIONS.filter((action) => judge(actor, action, nc) === "allowed");
}

function isOverdue(nc: { status: NonconformityStatus; due_at: string | null }, now: string): boolean {
  return nc.status === "open" && nc.due_at !== null && Date.parse(nc.due_at) <= Date.parse(now);
}

function presentListItem(nc: repo.NonconformityView, now: string): NonconformityListItem {
  return {
    id: nc.id,
    number: nc.number,
    estateId: nc.estate_id,
    estateName: nc.estate_name,
    source: nc.source,
    caseId: nc.case_id,
    caseNumber: nc.case_number,
    topicId: nc.topic_id,
    topicTitle: nc.topic_title,
    status: nc.status,
    description: nc.description,
    responsibleUserName: nc.responsible_user_name,
    responsibleDepartmentName: nc.responsible_department_name,
    dueAt: nc.due_at,
    overdue: isOverdue(nc, now),
    escalationLevel: nc.escalation_level,
    createdAt: nc.created_at,
  };
}

async function loadVisible(db: DbOrTx, context: RequestContext, id: string): Promise<repo.NonconformityView> {
  const nc = await repo.findView(db, context.actor.orgId, id, nonconformityVisibility(context.actor));
  if (!nc) throw notFound("nonconformity", id);
  return nc;
}

export async function getNonconformity(db: DbOrTx, context: RequestContext, id: string): Promise<Nonconformity> {
  const nc = await loadVisible(db, context, id);
  const callbacks = await repo.findCallbacksOf(db, id);
  return {
    ...presentListItem(nc, nowIso()),
    sourceId: nc.source_id,
    workOrderId: nc.work_order_id,
    responsibleUserId: nc.responsible_user_id,
    responsibleDepartmentId: nc.responsible_department_id,
    confirmedByName: nc.confirmed_by_name,
    confirmedAt: nc.confirmed_at,
    fixDescription: nc.fix_description,
    fixedByName: nc.fixed_by_name,
    fixedAt: nc.fixed_at,
    closeReason: nc.close_reason,
    closeNote: nc.close_note,
    closedByName: nc.closed_by_name,
    closedAt: nc.closed_at,
    signedOffByName: nc.signed_off_by_name,
    signedOffAt: nc.signed_off_at,
    callbacks: callbacks.map((cb) => ({
      id: cb.id,
      sequence: cb.sequence,
      status: cb.status,
      method: cb.method,
      assignedToName: cb.assigned_to_name,
      performedAt: cb.performed_at,
      performedByName: cb.performed_by_name,
      satisfaction: cb.satisfaction,
      opinion: cb.opinion,
    })),
    hasReport: Boolean(nc.has_report),
    availableActions: availableNonconformityActions(context.actor, nc),
  };
}

const ACTIVE: readonly NonconformityStatus[] = ["candidate", "open", "fixed"];

export async function listNonconformities(
  db: DbOrTx,
  context: RequestContext,
  query: {
    status?: NonconformityStatus | undefined;
    view: "active" | "all";
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: NonconformityListItem[]; nextCursor: string | null }> {
  const position = decodeCursor(query.cursor);
  const rows = await repo.list(db, {
    orgId: context.actor.orgId,
    visibility: nonconformityVisibility(context.actor),
    statuses: query.status ? [query.status] : query.view === "active" ? ACTIVE : null,
    after: position ? { createdAt: String(position.value), id: position.id } : undefined,
    limit: query.limit,
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  const now = nowIso();
  return {
    items: page.map((row) => presentListItem(row, now)),
    nextCursor: hasMore && last ? encodeCursor({ value: last.created_at, id: last.id }) : null,
  };
}

async function staffWithRoles(tx: DbOrTx, nc: { org_id: string; estate_id: string | null }, roles: Role[]) {
  return repo.findStaffOfEstate(tx, nc.org_id, nc.estate_id, roles);
}

/** The responsible person and the heads of the responsible department. */
export async function responsibleParty(
  tx: DbOrTx,
  nc: {
    org_id: string;
    estate_id: string | null;
    responsible_user_id: string | null;
    responsible_department_id: string | null;
  },
): Promise<string[]> {
  const people = nc.responsible_user_id ? [nc.responsible_user_id] : [];
  if (nc.responsible_department_id) {
    const department = await repo.findDepartment(tx, nc.org_id, nc.responsible_department_id);
    const headRole: Role = department?.function === "customer_service" ? "cs_head" : "dept_head";
    people.push(...(await repo.findStaffWithRoles(tx, nc.org_id, [headRole], nc.responsible_department_id)));
  }
  return [...new Set(people)];
}

export async function notifyAbout(
  tx: DbOrTx,
  nc: { id: string; org_id: string; case_id: string | null; number: string | null; description: string },
  topic: NotificationTopic,
  recipients: readonly string[],
  actorId: string | null,
  extra: Record<string, string | number | null> = {},
): Promise<void> {
  await enqueueNotification(tx, {
    orgId: nc.org_id,
    recipientUserIds: recipients.filter((id) => id !== actorId),
    topic,
    caseId: nc.case_id,
    params: {
      nonconformityId: nc.id,
      number: nc.number ?? "",
      description: nc.description.slice(0, 80),
      ...extra,
    },
  });
}

/** NC-YYYYMM-0001, per organisation and month in its time zone (R-4.12.3: records are numbered). */
async function nextNumber(tx: DbOrTx, orgId: string, now: string): Promise<string> {
  const { timeZone } = await repo.findOrgTimeZone(tx, orgId);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(
    new Date(now),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const prefix = `NC-${part("year")}${part("month")}-`;
  const last = await repo.lastNumberWithPrefix(tx, orgId, prefix);
  const sequence = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(sequence).padStart(4, "0")}`;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalidField(field, "required for this action");
  return value;
}

interface Scope {
  tx: DbOrTx;
  context: RequestContext;
  nc: repo.NonconformityView;
  input: NonconformityActionInput;
  now: string;
}

async function move(scope: Scope, changes: Parameters<typeof repo.updateIf>[3]): Promise<void> {
  const moved = await repo.updateIf(scope.tx, scope.nc.id, [scope.nc.status], { ...changes, updated_at: scope.now });
  if (!moved) throw new AppError("INVALID_TRANSITION", { reason: "the nonconformity changed meanwhile" });
}

/** Where the new callback goes: the subject of the callback that found it, else the nonconformity's own. */
async function callbackSubject(
  tx: DbOrTx,
  nc: repo.NonconformityView,
): Promise<{
  type: CallbackSubjectType;
  caseId: string | null;
  workOrderId: string | null;
  topicId: string | null;
  callerId: string | null;
} | null> {
  const source =
    nc.source === "callback" && nc.source_id ? await repo.findCallback(tx, nc.org_id, nc.source_id) : undefined;
  if (source) {
    return {
      type: source.subject_type,
      caseId: source.case_id,
      workOrderId: source.work_order_id,
      topicId: source.topic_id,
      callerId: source.performed_by ?? source.assigned_to,
    };
  }
  if (nc.topic_id) return { type: "topic", caseId: null, workOrderId: null, topicId: nc.topic_id, callerId: null };
  if (nc.work_order_id) {
    return { type: "work_order", caseId: nc.case_id, workOrderId: nc.work_order_id, topicId: null, callerId: null };
  }
  if (nc.case_id) {
    const found = await repo.findCaseBrief(tx, nc.org_id, nc.case_id);
    if (found?.kind === "complaint") {
      return { type: "complaint", caseId: nc.case_id, workOrderId: null, topicId: null, callerId: null };
    }
    if (found?.kind === "repair") {
      const order = await repo.findWorkOrderOfCase(tx, nc.case_id);
      if (order)
        return { type: "work_order", caseId: nc.case_id, workOrderId: order.id, topicId: null, callerId: null };
    }
  }
  return null;
}

/** R-4.11.2: after the fix, call back again on the same subject; the callback worklist performs it. */
async function planVerifyingCallback(scope: Scope): Promise<string | null> {
  const subject = await callbackSubject(scope.tx, scope.nc);
  if (!subject) return null;
  // The original caller, else the customer-service head (who plans callbacks, R-4.4.2).
  const actor = scope.context.actor;
  const assignee =
    scope.input.callerId ??
    subject.callerId ??
    (hasRole(actor, ["cs_head", "cs_agent"])
      ? actor.userId
      : ((await repo.findStaffOfEstate(scope.tx, scope.nc.org_id, scope.nc.estate_id, ["cs_head"]))[0] ?? null));
  if (scope.input.callerId && !(await repo.isActiveStaff(scope.tx, scope.nc.org_id, scope.input.callerId))) {
    throw invalidField("callerId", "not an active staff member");
  }
  const column = subject.type === "topic" ? "topic_id" : subject.type === "work_order" ? "work_order_id" : "case_id";
  const subjectId =
    subject.type === "topic" ? subject.topicId : subject.type === "work_order" ? subject.workOrderId : subject.caseId;
  if (!subjectId) return null;
  const id = newId();
  await repo.insertCallback(scope.tx, {
    id,
    org_id: scope.nc.org_id,
    estate_id: scope.nc.estate_id,
    subject_type: subject.type,
    case_id: subject.caseId,
    work_order_id: subject.workOrderId,
    topic_id: subject.topicId,
    nonconformity_id: scope.nc.id,
    plan_id: null,
    follow_up_of_id: null,
    sequence: await repo.nextCallbackSequence(scope.tx, { column, id: subjectId }),
    status: "planned",
    method: scope.input.method ?? "phone",
    assigned_to: assignee,
    assigned_at: scope.now,
    due_at: null,
    created_by: scope.context.actor.userId,
    created_at: scope.now,
    updated_at: scope.now,
  });
  return id;
}

/** The latest callback that verifies this nonconformity's fix, if any. */
async function latestCallback(tx: DbOrTx, nonconformityId: string) {
  return (await repo.findCallbacksOf(tx, nonconformityId)).at(-1);
}

function isSatisfied(callback: { status: string; satisfaction: string | null } | undefined): boolean {
  return (
    callback?.status === "done" && (NONCONFORMITY_SATISFIED as readonly string[]).includes(callback.satisfaction ?? "")
  );
}

const PERFORM: Record<NonconformityAction, (scope: Scope) => Promise<Record<string, unknown>>> = {
  async confirm(scope) {
    const { responsibleUserId, responsibleDepartmentId } = scope.input;
    if (!responsibleUserId && !responsibleDepartmentId) {
      throw invalidField("responsibleUserId", "name a responsible person, a department, or both");
    }
    if (responsibleUserId && !(await repo.isActiveStaff(scope.tx, scope.nc.org_id, responsibleUserId))) {
      throw invalidField("responsibleUserId", "not an active staff member");
    }
    if (responsibleDepartmentId && !(await repo.findDepartment(scope.tx, scope.nc.org_id, responsibleDepartmentId))) {
      throw invalidField("responsibleDepartmentId", "unknown or inactive department");
    }
    // R-4.11.2: the deadline counts working time on the organisation's business calendar.
    const hours = scope.input.dueInWorkingHours ?? DEFAULT_NONCONFORMITY_DUE_WORKING_HOURS;
    const dueAt = addWorkingMinutes(await loadBusinessCalendar(scope.tx, scope.nc.org_id), scope.now, hours * 60);
    const number = await nextNumber(scope.tx, scope.nc.org_id, scope.now);
    const changes = {
      status: "open" as const,
      number,
      responsible_user_id: responsibleUserId ?? null,
      responsible_department_id: responsibleDepartmentId ?? null,
      due_at: dueAt,
      confirmed_by: scope.context.actor.userId,
      confirmed_at: scope.now,
      escalation_level: 0,
    };
    await move(scope, changes);
    const after = { ...scope.nc, ...changes };
    await notifyAbout(
      scope.tx,
      after,
      "nonconformity.assigned",
      await responsibleParty(scope.tx, after),
      scope.context.actor.userId,
      {
        dueAt,
      },
    );
    return changes;
  },

  async dismiss(scope) {
    const reason = required(scope.input.comment, "comment");
    const changes = {
      status: "dismissed" as const,
      close_note: reason,
      closed_by: scope.context.actor.userId,
      closed_at: scope.now,
    };
    await move(scope, changes);
    return changes;
  },

  async record_fix(scope) {
    const fix = required(scope.input.comment, "comment");
    const changes = {
      status: "fixed" as const,
      fix_description: fix,
      fixed_by: scope.context.actor.userId,
      fixed_at: scope.now,
    };
    await move(scope, changes);
    const callbackId = await planVerifyingCallback(scope);
    await notifyAbout(
      scope.tx,
      scope.nc,
      "nonconformity.fixed",
      await staffWithRoles(scope.tx, scope.nc, ["cs_head"]),
      scope.context.actor.userId,
    );
    return { ...changes, callbackId };
  },

  async close(scope) {
    const latest = await latestCallback(scope.tx, scope.nc.id);
    // R-4.11.2: closed only when the resident is satisfied on the callback after the fix. A
    // nonconformity with nothing to call back on (a manual finding without a case) closes on
    // the head's note.
    if (latest ? !isSatisfied(latest) : (await callbackSubject(scope.tx, scope.nc)) !== null) {
      throw new AppError("INVALID_TRANSITION", { reason: "the latest callback has not found the resident satisfied" });
    }
    const changes = {
      status: "closed" as const,
      close_reason: "satisfied" as const,
      close_note: scope.input.comment ?? null,
      closed_by: scope.context.actor.userId,
      closed_at: scope.now,
    };
    await move(scope, changes);
    return changes;
  },

  async propose_unreasonable(scope) {
    const why = required(scope.input.comment, "comment");
    // Recorded by the head; it closes only with the management representative's sign-off.
    const changes = { close_reason: "unreasonable" as const, close_note: why, closed_by: scope.context.actor.userId };
    await move(scope, changes);
    await notifyAbout(
      scope.tx,
      scope.nc,
      "nonconformity.sign_off_requested",
      await staffWithRoles(scope.tx, scope.nc, ["mgmt_rep"]),
      scope.context.actor.userId,
    );
    return changes;
  },

  async sign_off(scope) {
    const changes = {
      status: "closed" as const,
      signed_off_by: scope.context.actor.userId,
      signed_off_at: scope.now,
      closed_at: scope.now,
    };
    await move(scope, changes);
    return { ...changes, comment: scope.input.comment ?? null };
  },
};

export async function takeNonconformityAction(
  db: Db,
  context: RequestContext,
  id: string,
  input: NonconformityActionInput,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const nc = await loadVisible(tx, context, id);
    const verdict = judge(context.actor, input.action, nc);
    if (verdict === "wrong_state") {
      throw new AppError("INVALID_TRANSITION", { action: input.action, status: nc.status });
    }
    if (verdict === "forbidden") throw new AppError("FORBIDDEN", { action: input.action });
    const after = await PERFORM[input.action]({ tx, context, nc, input, now: nowIso() });
    await recordAudit(tx, context, {
      action: `nonconformity.${input.action}`,
      entityType: "nonconformity",
      entityId: id,
      before: { status: nc.status },
      after,
    });
  });
}

/** R-4.11.1: a nonconformity customer service found itself, e.g. while reading callback records. */
export async function createManualNonconformity(
  db: Db,
  context: RequestContext,
  input: NonconformityCreate,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    let estateId = input.estateId ?? null;
    if (input.caseId) {
      const summary = await getVisibleSummary(tx, context, input.caseId);
      estateId = summary.estate_id;
    } else if (estateId && !canSeeEstate(context.actor, estateId)) {
      throw invalidField("estateId", "outside your estates");
    }
    return raiseNonconformityCandidate(tx, context, {
      orgId: context.actor.orgId,
      estateId,
      source: "manual",
      sourceId: null,
      caseId: input.caseId ?? null,
      description: input.description,
    });
  });
}

/**
 * For the callback module to call, inside the transaction that records a callback's result
 * (`onCallbackRecorded(tx, context, callbackId)`):
 * - a callback that verifies a nonconformity's fix (`nonconformity_id` set) and found the
 *   resident satisfied or basically satisfied closes it when it is the latest such callback;
 *   one that found them dissatisfied sends it back to `open` so that the fix is redone
 *   (R-4.11.2: "until the owner is satisfied");
 * - any other dissatisfied callback raises a nonconformity candidate (R-4.11.1); raising it
 *   twice leaves one.
 * Returns what it did, for the caller's audit or tests.
 */
export async function onCallbackRecorded(
  tx: DbOrTx,
  context: CandidateContext,
  callbackId: string,
): Promise<"closed" | "reopened" | "candidate" | "nothing"> {
  const callback = await repo.findCallback(tx, context.actor.orgId, callbackId);
  if (callback?.status !== "done" || !callback.satisfaction) return "nothing";
  const now = nowIso();
  if (callback.nonconformity_id) {
    const nc = await repo.findRow(tx, callback.org_id, callback.nonconformity_id);
    if (nc?.status !== "fixed") return "nothing";
    const latest = await latestCallback(tx, nc.id);
    if (latest?.id !== callback.id) return "nothing";
    if (isSatisfied(callback)) {
      const changes = {
        status: "closed" as const,
        close_reason: "satisfied" as const,
        closed_by: context.actor.userId,
        closed_at: now,
        updated_at: now,
      };
      if (!(await repo.updateIf(tx, nc.id, ["fixed"], changes))) return "nothing";
      await recordAudit(tx, context, {
        action: "nonconformity.close",
        entityType: "nonconformity",
        entityId: nc.id,
        before: { status: nc.status },
        after: { ...changes, callbackId },
      });
      return "closed";
    }
    if (callback.satisfaction === "dissatisfied") {
      const changes = { status: "open" as const, escalation_level: 0, updated_at: now };
      if (!(await repo.updateIf(tx, nc.id, ["fixed"], changes))) return "nothing";
      await recordAudit(tx, context, {
        action: "nonconformity.reopened",
        entityType: "nonconformity",
        entityId: nc.id,
        before: { status: nc.status },
        after: { ...changes, callbackId },
      });
      await notifyAbout(tx, nc, "nonconformity.assigned", await responsibleParty(tx, nc), context.actor.userId, {
        dueAt: nc.due_at,
      });
      return "reopened";
    }
    return "nothing";
  }
  if (callback.satisfaction !== "dissatisfied") return "nothing";
  const caseNumber = callback.case_id
    ? (await repo.findCaseBrief(tx, callback.org_id, callback.case_id))?.number
    : null;
  await raiseNonconformityCandidate(tx, context, {
    orgId: callback.org_id,
    estateId: callback.estate_id,
    source: "callback",
    sourceId: callback.id,
    caseId: callback.case_id,
    workOrderId: callback.work_order_id,
    topicId: callback.topic_id,
    description: `回访不满意${caseNumber ? `（${caseNumber}）` : ""}：${callback.opinion ?? "—"}`,
  });
  return "candidate";
}
