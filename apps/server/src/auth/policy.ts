/**
 * The one place that decides who may do what. Routes declare a permission (checked before
 * the handler); services call the scope checks below for the record at hand.
 */
import type { Permission } from "@estate-desk/domain";
import { AppError } from "../http/errors.js";
import type { Actor } from "./actor.js";

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN", { permission });
}

/** The estates whose records the actor may see: every estate of their organisation, or a list. */
export type EstateScope = { all: true } | { all: false; estateIds: string[] };

export function estateScope(actor: Actor): EstateScope {
  if (actor.kind === "staff" && actor.allEstates) return { all: true };
  return { all: false, estateIds: actor.estateIds };
}

export function canSeeEstate(actor: Actor, estateId: string): boolean {
  const scope = estateScope(actor);
  return scope.all || scope.estateIds.includes(estateId);
}

/**
 * Records outside the actor's organisation or estates answer 404, exactly like records that
 * do not exist, so that ids cannot be probed across tenants.
 */
export function assertEstateVisible(actor: Actor, estateId: string, entity = "estate"): void {
  if (!canSeeEstate(actor, estateId)) throw new AppError("NOT_FOUND", { entity });
}

export function assertSameOrg(actor: Actor, orgId: string, entity: string): void {
  if (actor.orgId !== orgId) throw new AppError("NOT_FOUND", { entity });
}

/**
 * Which cases a staff member may see: customer service, QA, the management
 * representative and administrators see every case of their estates; department staff the
 * cases routed to their departments; the repair team leader the repairs of their estates;
 * everyone the cases they forwarded themselves.
 */
export interface CaseVisibility {
  estates: EstateScope;
  everything: boolean;
  departmentIds: string[];
  repairs: boolean;
  forwardedBy: string;
}

const SEES_EVERY_CASE = new Set(["admin", "cs_head", "cs_agent", "qa", "mgmt_rep"]);

export function caseVisibility(actor: Actor): CaseVisibility {
  const departmental = actor.roles.some((role) => role === "dept_head" || role === "dept_staff");
  return {
    estates: estateScope(actor),
    everything: actor.roles.some((role) => SEES_EVERY_CASE.has(role)),
    departmentIds: departmental ? actor.departmentIds : [],
    repairs: actor.roles.includes("repair_lead"),
    forwardedBy: actor.userId,
  };
}
