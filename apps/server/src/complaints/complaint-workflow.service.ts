/**
 * Complaint handling: every transition of the state machine in
 * packages/domain/src/complaint-workflow.ts, checked against the rules and the actor's
 * departments and estates, written with its timeline event, audit entry and notifications
 * in one transaction.
 */
import {
  ACTIVE_HANDLING_STATUSES,
  type CaseStatus,
  COMPLAINT_ACTIONS,
  COMPLAINT_RULES,
  type ComplaintAction,
  type ComplaintActionInput,
  type ComplaintSections,
  complaintStatusOf,
  type HandlingStatus,
  type Role,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { assertComplaintMayClose } from "../callbacks/callbacks.service.js";
import { getVisibleSummary } from "../cases/case-access.js";
import { invalidField, resolveDepartment } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { enqueueNotification, type NotificationTopic } from "../notifications/outbox.js";
import { assertCaseEditable } from "../records/handover-lock.js";
import { handlingDeadlines, pausedWorkingMinutes, shiftDueDate } from "./complaint-deadlines.js";
import * as repo from "./complaints.repository.js";

function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/** The head of a department: its department head, or the customer-service head for customer service. */
function headsDepartment(actor: Actor, handling: repo.HandlingView): boolean {
  if (!actor.departmentIds.includes(handling.department_id)) return false;
  return (
    actor.roles.includes("dept_head") ||
    (actor.roles.includes("cs_head") && handling.department_function === "customer_service")
  );
}

/** Whether the actor may act on this department's section, beyond holding a role the rule names. */
function actsForSection(actor: Actor, action: ComplaintAction, handling: repo.HandlingView): boolean {
  if (actor.roles.includes("mgmt_rep")) return true;
  switch (action) {
    case "accept":
    case "assign":
      return headsDepartment(actor, handling);
    case "return_result":
      return headsDepartment(actor, handling) || handling.assignee_id === actor.userId;
    case "reassign":
      return hasRole(actor, ["cs_agent", "cs_head"]);
    default:
      return true;
  }
}

/** Pause and resume are for the people working on the complaint: its departments and customer service. */
function worksOnComplaint(actor: Actor, handlings: readonly repo.HandlingView[]): boolean {
  if (hasRole(actor, ["cs_agent", "cs_head", "mgmt_rep"])) return true;
  return handlings.some(
    (h) => ACTIVE_HANDLING_STATUSES.includes(h.status) && actor.departmentIds.includes(h.department_id),
  );
}

type Verdict = "allowed" | "wrong_state" | "forbidden";

/** Whether the action is possible now (state) and whether this actor may take it (role and scope). */
function judge(
  actor: Actor,
  action: ComplaintAction,
  complaint: repo.ComplaintView,
  handlings: readonly repo.HandlingView[],
  handling: repo.HandlingView | undefined,
): Verdict {
  const rule = COMPLAINT_RULES[action];
  if (complaint.kind !== "complaint" || !rule.from.includes(complaint.status)) return "wrong_state";
  if (rule.handlingFrom && (!handling || !rule.handlingFrom.includes(handling.status))) return "wrong_state";
  const active = handlings.filter((h) => ACTIVE_HANDLING_STATUSES.includes(h.status));
  switch (action) {
    case "sign_off":
      if (complaint.is_major !== 1 || complaint.signed_off_at) return "wrong_state";
      break;
    case "flag_major":
      if (complaint.is_major === 1) return "wrong_state";
      break;
    case "pause":
      if (complaint.paused_at) return "wrong_state";
      break;
    case "resume":
      if (!complaint.paused_at) return "wrong_state";
      break;
    case "request_coordination":
      if (active.length < 2 || complaint.coordination_requested_at) return "wrong_state";
      break;
    case "record_coordination":
      if (!complaint.coordination_requested_at) return "wrong_state";
      break;
    default:
      break;
  }
  if (!hasRole(actor, rule.roles)) return "forbidden";
  if (handling && !actsForSection(actor, action, handling)) return "forbidden";
  if ((action === "pause" || action === "resume") && !worksOnComplaint(actor, handlings)) return "forbidden";
  return "allowed";
}

/** The actions the actor may take now, each with the section it applies to: what the web app shows as buttons. */
export function availableActions(
  actor: Actor,
  complaint: repo.ComplaintView,
  handlings: readonly repo.HandlingView[],
): ComplaintSections["availableActions"] {
  const available: ComplaintSections["availableActions"] = [];
  for (const action of COMPLAINT_ACTIONS) {
    if (COMPLAINT_RULES[action].handlingFrom) {
      for (const handling of handlings) {
        if (judge(actor, action, complaint, handlings, handling) === "allowed") {
          available.push({ action, handlingId: handling.id });
        }
      }
    } else if (judge(actor, action, complaint, handlings, undefined) === "allowed") {
      available.push({ action, handlingId: null });
    }
  }
  return available;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalidField(field, "required for this action");
  return value;
}

interface ActionScope {
  tx: DbOrTx;
  context: RequestContext;
  complaint: repo.ComplaintView;
  handlings: repo.HandlingView[];
  handling: repo.HandlingView | undefined;
  input: ComplaintActionInput;
  now: string;
}

async function addEvent(scope: ActionScope, type: string, data: Record<string, unknown>): Promise<void> {
  await cases.insertEvent(scope.tx, {
    id: newId(),
    org_id: scope.complaint.org_id,
    case_id: scope.complaint.id,
    at: scope.now,
    actor_id: scope.context.actor.userId,
    type,
    data_json: JSON.stringify(data),
  });
}

async function notify(scope: ActionScope, topic: NotificationTopic, recipientUserIds: readonly string[], extra = {}) {
  await enqueueNotification(scope.tx, {
    orgId: scope.complaint.org_id,
    recipientUserIds: recipientUserIds.filter((id) => id !== scope.context.actor.userId),
    topic,
    caseId: scope.complaint.id,
    params: { number: scope.complaint.number, kind: scope.complaint.kind, ...extra },
  });
}

async function departmentHeads(scope: ActionScope, departmentId: string, departmentFunction: string | null) {
  return cases.findStaffFor(scope.tx, {
    orgId: scope.complaint.org_id,
    estateId: scope.complaint.estate_id,
    roles: departmentFunction === "customer_service" ? ["cs_head"] : ["dept_head"],
    departmentId,
  });
}

function section(scope: ActionScope): repo.HandlingView {
  if (!scope.handling) throw invalidField("handlingId", "required for this action");
  return scope.handling;
}

/** Moves a section on if nobody moved it first; a lost race is a 409 like any illegal transition. */
async function moveSection(
  scope: ActionScope,
  expected: readonly HandlingStatus[],
  changes: Parameters<typeof repo.updateHandlingIf>[3],
): Promise<void> {
  const moved = await repo.updateHandlingIf(scope.tx, section(scope).id, expected, {
    ...changes,
    updated_at: scope.now,
  });
  if (!moved) throw new AppError("INVALID_TRANSITION", { reason: "the section changed meanwhile" });
}

/** Routes a new section of the complaint to a department, with its deadlines, and tells its head. */
async function routeSection(scope: ActionScope, departmentId: string): Promise<{ name: string }> {
  const department = await resolveDepartment(scope.tx, scope.complaint.org_id, departmentId);
  if (scope.handlings.some((h) => h.department_id === department.id && ACTIVE_HANDLING_STATUSES.includes(h.status))) {
    throw invalidField("departmentId", "the department already handles this complaint");
  }
  const deadlines = await handlingDeadlines(
    scope.tx,
    scope.complaint.org_id,
    { kind: scope.complaint.kind, categoryId: scope.complaint.category_id, urgency: scope.complaint.urgency },
    scope.now,
  );
  await repo.insertHandling(scope.tx, {
    id: newId(),
    org_id: scope.complaint.org_id,
    case_id: scope.complaint.id,
    department_id: department.id,
    status: "routed",
    routed_at: scope.now,
    routed_by: scope.context.actor.userId,
    accept_due_at: deadlines.acceptDueAt,
    result_due_at: deadlines.resultDueAt,
    created_at: scope.now,
    updated_at: scope.now,
  });
  await notify(scope, "case.routed", await departmentHeads(scope, department.id, department.function), {
    departmentName: department.name,
  });
  return department;
}

/** After sections changed, the complaint's status follows them (while departments hold it). */
async function followSections(scope: ActionScope): Promise<CaseStatus> {
  const sections = await repo.findHandlings(scope.tx, scope.complaint.id);
  const status = complaintStatusOf(sections.map((h) => h.status));
  const moved = await repo.updateComplaintIf(scope.tx, scope.complaint.id, scope.complaint.status, {
    status,
    updated_at: scope.now,
  });
  if (!moved) throw new AppError("INVALID_TRANSITION", { reason: "the complaint changed meanwhile" });
  return status;
}

async function setComplaint(scope: ActionScope, changes: Parameters<typeof repo.updateComplaintIf>[3]) {
  const moved = await repo.updateComplaintIf(scope.tx, scope.complaint.id, scope.complaint.status, {
    ...changes,
    updated_at: scope.now,
  });
  if (!moved) throw new AppError("INVALID_TRANSITION", { reason: "the complaint changed meanwhile" });
}

async function customerServiceOf(scope: ActionScope): Promise<string[]> {
  return cases.findStaffFor(scope.tx, {
    orgId: scope.complaint.org_id,
    estateId: scope.complaint.estate_id,
    roles: ["cs_head", "cs_agent"],
  });
}

async function managementRepresentatives(scope: ActionScope): Promise<string[]> {
  return cases.findStaffFor(scope.tx, {
    orgId: scope.complaint.org_id,
    estateId: scope.complaint.estate_id,
    roles: ["mgmt_rep"],
  });
}

const PERFORM: Record<ComplaintAction, (scope: ActionScope) => Promise<void>> = {
  async accept(scope) {
    const handling = section(scope);
    await moveSection(scope, ["routed"], {
      status: "accepted",
      accepted_at: scope.now,
      accepted_by: scope.context.actor.userId,
      escalation_level: 0, // the acceptance deadline is met; the result deadline escalates from 0 (issue #4 item 6)
    });
    await addEvent(scope, "handling_accepted", { departmentName: handling.department_name });
    await followSections(scope);
  },

  async assign(scope) {
    const handling = section(scope);
    const assigneeId = required(scope.input.assigneeId, "assigneeId");
    if (!(await repo.isDepartmentMember(scope.tx, scope.complaint.org_id, assigneeId, handling.department_id))) {
      throw invalidField("assigneeId", "not an active member of the handling department");
    }
    await moveSection(scope, ["accepted", "in_progress"], {
      status: "in_progress",
      assignee_id: assigneeId,
      assigned_at: scope.now,
    });
    await addEvent(scope, "handling_assigned", {
      departmentName: handling.department_name,
      assigneeId,
      assigneeName: await repo.findUserName(scope.tx, assigneeId),
    });
    await notify(scope, "case.assigned", [assigneeId], { departmentName: handling.department_name });
    await followSections(scope);
  },

  async return_result(scope) {
    const handling = section(scope);
    const measures = required(scope.input.measures, "measures");
    const result = required(scope.input.result, "result");
    await moveSection(scope, ["accepted", "in_progress"], {
      status: "returned",
      measures,
      result,
      returned_at: scope.now,
      returned_by: scope.context.actor.userId,
      assignee_id: handling.assignee_id ?? scope.context.actor.userId,
    });
    await addEvent(scope, "result_returned", { departmentName: handling.department_name });
    if ((await followSections(scope)) === "result_returned") {
      await notify(scope, "case.result_returned", await customerServiceOf(scope));
    }
  },

  async check(scope) {
    const outcome = required(scope.input.outcome, "outcome");
    // coordination and the major-complaint sign-off come before the check.
    if (scope.complaint.coordination_requested_at && !scope.complaint.coordination_decision) {
      throw new AppError("INVALID_TRANSITION", { reason: "the management representative has not coordinated yet" });
    }
    if (scope.complaint.is_major === 1 && !scope.complaint.signed_off_at) {
      throw new AppError("INVALID_TRANSITION", {
        reason: "a major complaint needs the management representative's sign-off",
      });
    }
    if (outcome === "accepted") {
      await setComplaint(scope, {
        status: "awaiting_callback",
        checked_at: scope.now,
        checked_by: scope.context.actor.userId,
      });
      await addEvent(scope, "checked", { outcome, comment: scope.input.comment ?? null });
      return;
    }
    const reason = required(scope.input.comment, "comment");
    await repo.updateHandlings(scope.tx, scope.complaint.id, ["returned"], {
      status: "in_progress",
      returned_at: null,
      returned_by: null,
      updated_at: scope.now,
    });
    await addEvent(scope, "sent_back", { reason });
    await followSections(scope);
    const people = scope.handlings.flatMap((h) => (h.assignee_id ? [h.assignee_id] : []));
    for (const h of scope.handlings.filter((s) => s.status === "returned")) {
      people.push(...(await departmentHeads(scope, h.department_id, h.department_function)));
    }
    await notify(scope, "case.sent_back", [...new Set(people)], { reason });
  },

  async reassign(scope) {
    const handling = section(scope);
    const departmentId = required(scope.input.departmentId, "departmentId");
    if (departmentId === handling.department_id) throw invalidField("departmentId", "the section is already there");
    await moveSection(scope, ["routed", "accepted", "in_progress"], { status: "reassigned" });
    const toDepartment = await routeSection(scope, departmentId);
    const complaint = await cases.findCaseRow(scope.tx, scope.complaint.org_id, scope.complaint.id);
    if (complaint?.department_id === handling.department_id) {
      await cases.updateCase(scope.tx, scope.complaint.id, { department_id: departmentId });
    }
    await addEvent(scope, "reassigned", {
      fromDepartmentName: handling.department_name,
      toDepartmentId: departmentId,
      toDepartmentName: toDepartment.name,
      comment: required(scope.input.comment, "comment"),
    });
    await followSections(scope);
  },

  async involve(scope) {
    const departmentId = required(scope.input.departmentId, "departmentId");
    const department = await routeSection(scope, departmentId);
    await addEvent(scope, "department_involved", {
      departmentId,
      departmentName: department.name,
      comment: required(scope.input.comment, "comment"),
    });
    await followSections(scope);
  },

  async request_coordination(scope) {
    const comment = required(scope.input.comment, "comment");
    await setComplaint(scope, { coordination_requested_at: scope.now });
    await addEvent(scope, "coordination_requested", { comment });
    await notify(scope, "case.coordination_requested", await managementRepresentatives(scope));
  },

  async record_coordination(scope) {
    const decision = required(scope.input.comment, "comment");
    await setComplaint(scope, {
      coordination_decision: decision,
      coordinated_by: scope.context.actor.userId,
      coordinated_at: scope.now,
    });
    await addEvent(scope, "coordinated", { decision });
  },

  async flag_major(scope) {
    const reason = required(scope.input.comment, "comment");
    await setComplaint(scope, { is_major: 1, major_reason: reason });
    await addEvent(scope, "flagged_major", { reason });
    await notify(scope, "case.major", await managementRepresentatives(scope), { reason });
  },

  async sign_off(scope) {
    const comment = required(scope.input.comment, "comment");
    await setComplaint(scope, { signed_off_at: scope.now, signed_off_by: scope.context.actor.userId });
    await addEvent(scope, "signed_off", { comment });
  },

  async pause(scope) {
    const reason = required(scope.input.comment, "comment");
    await setComplaint(scope, { paused_at: scope.now, pause_reason: reason });
    await addEvent(scope, "paused", { reason });
  },

  async resume(scope) {
    const pausedAt = scope.complaint.paused_at;
    if (!pausedAt) throw new AppError("INVALID_TRANSITION");
    // The clock stood still while the complaint waited on the resident: every open deadline moves by that much working time.
    const minutes = await pausedWorkingMinutes(scope.tx, scope.complaint.org_id, pausedAt, scope.now);
    for (const handling of scope.handlings.filter((h) => ["routed", "accepted", "in_progress"].includes(h.status))) {
      await scope.tx
        .updateTable("case_handlings")
        .set({
          accept_due_at: handling.accept_due_at
            ? await shiftDueDate(scope.tx, scope.complaint.org_id, handling.accept_due_at, minutes)
            : null,
          result_due_at: handling.result_due_at
            ? await shiftDueDate(scope.tx, scope.complaint.org_id, handling.result_due_at, minutes)
            : null,
          updated_at: scope.now,
        })
        .where("id", "=", handling.id)
        .execute();
    }
    await setComplaint(scope, { paused_at: null, pause_reason: null });
    await addEvent(scope, "resumed", { pausedWorkingMinutes: minutes, comment: scope.input.comment ?? null });
  },

  async follow_up(scope) {
    await addEvent(scope, "followed_up", { comment: required(scope.input.comment, "comment") });
  },

  async withdraw(scope) {
    const reason = required(scope.input.comment, "comment");
    await setComplaint(scope, { status: "withdrawn", closed_at: scope.now, paused_at: null });
    await addEvent(scope, "withdrawn", { reason });
  },

  async close(scope) {
    const comment = required(scope.input.comment, "comment");
    // only after a callback that reached the resident, or with an exemption.
    await assertComplaintMayClose(scope.tx, scope.complaint.org_id, scope.complaint.id);
    await setComplaint(scope, { status: "closed", closed_at: scope.now });
    await addEvent(scope, "closed", { comment });
  },

  async reopen(scope) {
    const reason = required(scope.input.comment, "comment");
    await repo.updateHandlings(scope.tx, scope.complaint.id, ["returned"], {
      status: "in_progress",
      returned_at: null,
      returned_by: null,
      updated_at: scope.now,
    });
    const sections = await repo.findHandlings(scope.tx, scope.complaint.id);
    await setComplaint(scope, {
      status: complaintStatusOf(sections.map((h) => h.status)),
      closed_at: null,
      checked_at: null,
      checked_by: null,
    });
    await addEvent(scope, "reopened", { reason });
    const heads: string[] = [];
    for (const h of sections.filter((s) => ACTIVE_HANDLING_STATUSES.includes(s.status))) {
      heads.push(...(await departmentHeads(scope, h.department_id, h.department_function)));
    }
    await notify(scope, "case.sent_back", [...new Set(heads)], { reason });
  },
};

export async function loadComplaint(db: DbOrTx, context: RequestContext, caseId: string) {
  await getVisibleSummary(db, context, caseId);
  const complaint = await repo.findComplaint(db, context.actor.orgId, caseId);
  if (!complaint) throw new AppError("NOT_FOUND", { entity: "case" });
  return { complaint, handlings: await repo.findHandlings(db, caseId) };
}

export async function takeComplaintAction(
  db: Db,
  context: RequestContext,
  caseId: string,
  input: ComplaintActionInput,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { complaint, handlings } = await loadComplaint(tx, context, caseId);
    // Before the state machine: a handed-over record says so rather than "wrong state".
    await assertCaseEditable(tx, caseId);
    const handling = input.handlingId ? handlings.find((h) => h.id === input.handlingId) : undefined;
    if (input.handlingId && !handling) throw invalidField("handlingId", "not a section of this complaint");
    if (COMPLAINT_RULES[input.action].handlingFrom && !handling)
      throw invalidField("handlingId", "required for this action");
    const verdict = judge(context.actor, input.action, complaint, handlings, handling);
    if (verdict === "wrong_state") {
      throw new AppError("INVALID_TRANSITION", {
        action: input.action,
        status: complaint.status,
        handlingStatus: handling?.status ?? null,
      });
    }
    if (verdict === "forbidden") throw new AppError("FORBIDDEN", { action: input.action });
    const now = nowIso();
    const scope: ActionScope = { tx, context, complaint, handlings, handling, input, now };
    await PERFORM[input.action](scope);
    const after = await repo.findComplaint(tx, context.actor.orgId, caseId);
    await recordAudit(tx, context, {
      action: `complaint.${input.action}`,
      entityType: "case",
      entityId: caseId,
      before: { status: complaint.status, handling: handling ? { id: handling.id, status: handling.status } : null },
      after: { status: after?.status, input },
    });
  });
}

export function presentSections(
  actor: Actor,
  complaint: repo.ComplaintView,
  handlings: readonly repo.HandlingView[],
): ComplaintSections {
  return {
    handlings: handlings.map((h) => ({
      id: h.id,
      departmentId: h.department_id,
      departmentName: h.department_name,
      status: h.status,
      routedAt: h.routed_at,
      acceptedAt: h.accepted_at,
      acceptedByName: h.accepted_by_name,
      assigneeId: h.assignee_id,
      assigneeName: h.assignee_name,
      returnedAt: h.returned_at,
      returnedByName: h.returned_by_name,
      measures: h.measures,
      result: h.result,
      acceptDueAt: h.accept_due_at,
      resultDueAt: h.result_due_at,
      escalationLevel: h.escalation_level,
    })),
    isMajor: complaint.is_major === 1,
    majorReason: complaint.major_reason,
    signedOffAt: complaint.signed_off_at,
    signedOffByName: complaint.signed_off_by_name,
    coordinationRequestedAt: complaint.coordination_requested_at,
    coordinationDecision: complaint.coordination_decision,
    coordinatedByName: complaint.coordinated_by_name,
    pausedAt: complaint.paused_at,
    pauseReason: complaint.pause_reason,
    checkedAt: complaint.checked_at,
    checkedByName: complaint.checked_by_name,
    availableActions: availableActions(actor, complaint, handlings),
  };
}

export async function getComplaintSections(db: DbOrTx, context: RequestContext, caseId: string) {
  const { complaint, handlings } = await loadComplaint(db, context, caseId);
  return presentSections(context.actor, complaint, handlings);
}
