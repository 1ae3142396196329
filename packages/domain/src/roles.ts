import { z } from "zod";

/**
 * The roles of §3.0 of the procedure. A staff user may hold several; a resident account
 * holds only `resident`.
 */
export const ROLES = [
  "admin",
  "cs_head",
  "cs_agent",
  "dept_head",
  "dept_staff",
  "repair_lead",
  "repair_worker",
  "qa",
  "mgmt_rep",
  "resident",
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const STAFF_ROLES = ROLES.filter((role) => role !== "resident");

/**
 * Every permission a route can require. Scope (organisation, estate, department, own
 * record) is checked separately by the server's policy module.
 */
export const PERMISSIONS = [
  "org.read",
  "org.manage",
  "estates.read",
  "estates.manage",
  "residents.read",
  "residents.manage",
  "departments.manage",
  "users.read",
  "users.manage",
  "catalog.manage",
  "audit.read",
  /** The business calendar and deadline policies (issue #4 item 6). */
  "settings.manage",
  /** Repair dispatch modes and the estates' repair price lists (issue #5 items 7 and 8). */
  "repairs.manage",
  "portal.use",
  "files.upload",
  "cases.read",
  "cases.create",
  "cases.forward",
  "cases.comment",
  /** Record callbacks and exemptions, work one's callback list (R-4.4.1: customer service). */
  "callbacks.manage",
  /** Review and assign the weekly callback plan, callback settings (R-4.4.2: customer-service head). */
  "callbacks.plan",
  /** Quality of callbacks (issue #7): nonconformity decisions and callback inspections. */
  "quality.manage",
  /** Weekly classification of suggestions into topics, and open letters. */
  "suggestions.manage",
  /** Records control: handovers, inspections, retention, audit-chain proof. */
  "records.read",
  /** Customer service prepares the monthly handover of completed complaint records. */
  "records.handover",
  /** QA receives handovers and inspects the register. */
  "records.inspect",
  /** Statistics, the dashboard, monthly reports and the audit pack (issue #8). */
  "stats.read",
  /** Import a historic register (QR-022) from xlsx (issue #8). */
  "register.import",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Every staff member may record what a resident told them and pass it on.
const STAFF_BASE: Permission[] = [
  "org.read",
  "estates.read",
  "users.read",
  "files.upload",
  "cases.read",
  "cases.forward",
  "cases.comment",
];
const FRONT_LINE: Permission[] = [...STAFF_BASE, "residents.read"];
// Customer service registers and routes every case.
const INTAKE: Permission[] = ["residents.manage", "cases.create", "callbacks.manage"];

/** Which permissions each role grants. The web app reads this to build its menu. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...FRONT_LINE,
    "org.manage",
    "estates.manage",
    "residents.manage",
    "departments.manage",
    "users.manage",
    "catalog.manage",
    "audit.read",
    "settings.manage",
    "repairs.manage",
    "records.read",
    "stats.read",
    "register.import",
  ],
  // Customer service owns the deadlines it tracks departments against.
  cs_head: [
    ...FRONT_LINE,
    ...INTAKE,
    "audit.read",
    "settings.manage",
    "callbacks.plan",
    "quality.manage",
    "suggestions.manage",
    "records.read",
    "records.handover",
    "stats.read",
    "register.import",
  ],
  cs_agent: [...FRONT_LINE, ...INTAKE, "suggestions.manage"],
  dept_head: [...STAFF_BASE],
  dept_staff: [...STAFF_BASE],
  repair_lead: [...FRONT_LINE, "repairs.manage"],
  repair_worker: [...FRONT_LINE],
  qa: [...FRONT_LINE, "audit.read", "records.read", "records.inspect", "stats.read"],
  mgmt_rep: [...FRONT_LINE, "audit.read", "records.read", "stats.read"],
  resident: ["portal.use", "files.upload"],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role]) granted.add(permission);
  }
  return granted;
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
