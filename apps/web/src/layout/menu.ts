import type { Permission } from "@estate-desk/domain";
import type { Principal } from "../auth/permissions";
import { can } from "../auth/permissions";
import type { zhCN } from "../i18n/zh-CN";

export type NavLabel = keyof typeof zhCN.nav;

export type ScreenKey =
  | "home"
  | "intake"
  | "register"
  | "forward"
  | "inbox"
  | "tracking"
  | "estates"
  | "residents"
  | "departments"
  | "trades"
  | "categories"
  | "users"
  | "organisation"
  | "calendar"
  | "deadlines"
  | "webhooks"
  | "majorComplaints"
  | "repairBoard"
  | "myWorkOrders"
  | "repairSettings"
  | "callbacks"
  | "nonconformities"
  | "suggestionWeek"
  | "inspections"
  | "openLetters"
  | "handovers"
  | "registerInspections"
  | "auditChain"
  | "retention"
  | "stats"
  | "exports";

export interface Screen {
  key: ScreenKey;
  path: string;
  label: NavLabel;
  /** Needed to open the screen; the route guard checks the same permission. */
  permission: Permission | null;
  /** Beyond the permission: the roles or departments the screen is for (the server checks the same). */
  audience?: (me: Principal) => boolean;
}

/** A department's inbox is for members of a department. */
const inDepartment = (me: Principal) => (me.departmentIds?.length ?? 0) > 0;
/** The repair team leader's dispatch board. */
const leadsRepairs = (me: Principal) => me.roles?.includes("repair_lead") ?? false;
/** A repair worker's own orders, on his phone. */
const doesRepairs = (me: Principal) => me.roles?.includes("repair_worker") ?? false;
/** Customer service tracks the departments, as does the management representative. */
const tracksComplaints = (me: Principal) =>
  me.roles?.some((role) => role === "cs_agent" || role === "cs_head" || role === "mgmt_rep") ?? false;

/**
 * The quality of callbacks (issue #7 part B) is customer service's work, watched by QA and the
 * management representative. Responsible people of other departments reach a nonconformity
 * through its notification (the detail route needs only `cases.read`).
 */
const watchesQuality = (me: Principal) =>
  me.roles?.some((role) => role === "cs_agent" || role === "cs_head" || role === "qa" || role === "mgmt_rep") ?? false;

/** The staff screens, in menu order. Routes and the menu both read this list. */
export const SCREENS = {
  home: { key: "home", path: "/", label: "home", permission: null },
  intake: { key: "intake", path: "/intake", label: "intake", permission: "cases.create" },
  register: { key: "register", path: "/cases", label: "register", permission: "cases.read" },
  inbox: { key: "inbox", path: "/complaints/inbox", label: "inbox", permission: "cases.read", audience: inDepartment },
  tracking: {
    key: "tracking",
    path: "/complaints/tracking",
    label: "tracking",
    permission: "cases.read",
    audience: tracksComplaints,
  },
  forward: { key: "forward", path: "/forward", label: "forward", permission: "cases.forward" },
  estates: { key: "estates", path: "/admin/estates", label: "estates", permission: "estates.read" },
  residents: { key: "residents", path: "/admin/residents", label: "residents", permission: "residents.read" },
  departments: {
    key: "departments",
    path: "/admin/departments",
    label: "departments",
    permission: "departments.manage",
  },
  trades: { key: "trades", path: "/admin/trades", label: "trades", permission: "catalog.manage" },
  categories: { key: "categories", path: "/admin/categories", label: "categories", permission: "catalog.manage" },
  users: { key: "users", path: "/admin/users", label: "users", permission: "users.read" },
  organisation: { key: "organisation", path: "/admin/organisation", label: "organisation", permission: "org.manage" },
  calendar: { key: "calendar", path: "/admin/calendar", label: "calendar", permission: "settings.manage" },
  deadlines: { key: "deadlines", path: "/admin/deadlines", label: "deadlines", permission: "settings.manage" },
  webhooks: { key: "webhooks", path: "/admin/webhooks", label: "webhooks", permission: "settings.manage" },
  majorComplaints: {
    key: "majorComplaints",
    path: "/admin/major-complaints",
    label: "majorComplaints",
    permission: "settings.manage",
  },
  repairBoard: {
    key: "repairBoard",
    path: "/repairs/board",
    label: "repairBoard",
    permission: "cases.read",
    audience: leadsRepairs,
  },
  myWorkOrders: {
    key: "myWorkOrders",
    path: "/repairs/mine",
    label: "myWorkOrders",
    permission: "cases.read",
    audience: doesRepairs,
  },
  // Issue #5 items 7 and 8: dispatch modes and the price list (the urge interval for settings.manage).
  repairSettings: {
    key: "repairSettings",
    path: "/repairs/settings",
    label: "repairSettings",
    permission: "repairs.manage",
  },
  // Issue #7: the caller's list, the head's weekly plan and the rates.
  callbacks: { key: "callbacks", path: "/callbacks", label: "callbacks", permission: "callbacks.manage" },
  nonconformities: {
    key: "nonconformities",
    path: "/quality/nonconformities",
    label: "nonconformities",
    permission: "cases.read",
    audience: watchesQuality,
  },
  suggestionWeek: {
    key: "suggestionWeek",
    path: "/quality/suggestions",
    label: "suggestionWeek",
    permission: "suggestions.manage",
  },
  inspections: { key: "inspections", path: "/quality/inspections", label: "inspections", permission: "quality.manage" },
  openLetters: {
    key: "openLetters",
    path: "/quality/letters",
    label: "openLetters",
    permission: "cases.read",
    audience: watchesQuality,
  },
  // Records control.
  handovers: { key: "handovers", path: "/records/handovers", label: "handovers", permission: "records.read" },
  registerInspections: {
    key: "registerInspections",
    path: "/records/inspections",
    label: "registerInspections",
    permission: "records.read",
  },
  auditChain: { key: "auditChain", path: "/records/audit-chain", label: "auditChain", permission: "audit.read" },
  retention: { key: "retention", path: "/records/retention", label: "retention", permission: "records.read" },
  /** Statistics and analysis for QA and management (issue #8). */
  stats: { key: "stats", path: "/stats", label: "stats", permission: "stats.read" },
  /** The audit pack, register exports, monthly reports and the historic register import (issue #8). */
  exports: { key: "exports", path: "/exports", label: "exports", permission: "stats.read" },
} as const satisfies Record<ScreenKey, Screen>;

export interface MenuGroup {
  key: string;
  label: NavLabel;
  children: Screen[];
}

export type MenuNode = Screen | MenuGroup;

export function isMenuGroup(node: MenuNode): node is MenuGroup {
  return "children" in node;
}

/** The screens a user may open: what the side menu shows. */
export function visibleScreens(me: Principal): Screen[] {
  // Resident accounts use the portal; no staff screen is for them, whatever their permissions.
  if (me.kind !== "staff") return [];
  return (Object.values(SCREENS) as Screen[]).filter((screen) => canOpenScreen(me, screen));
}

/** Whether a user may open a screen: its permission and, where it has one, its audience. */
export function canOpenScreen(me: Principal, screen: Screen): boolean {
  if (me.kind !== "staff") return false;
  if (screen.permission !== null && !can(me, screen.permission)) return false;
  return screen.audience === undefined || screen.audience(me);
}

/** The screens of the daily case work, as opposed to master data. */
const CASE_WORK: ReadonlySet<ScreenKey> = new Set<ScreenKey>([
  "intake",
  "register",
  "inbox",
  "tracking",
  "forward",
  "repairBoard",
  "myWorkOrders",
  "callbacks",
]);
/** Closing the loop: nonconformities, suggestion topics, callback inspections, open letters. */
const QUALITY: ReadonlySet<ScreenKey> = new Set<ScreenKey>([
  "nonconformities",
  "suggestionWeek",
  "inspections",
  "openLetters",
]);
/** How the organisation works: calendar, deadlines and message delivery. */
const SETTINGS: ReadonlySet<ScreenKey> = new Set<ScreenKey>([
  "organisation",
  "calendar",
  "deadlines",
  "webhooks",
  "majorComplaints",
  "repairSettings",
]);

/** Quality records: handovers, inspections, retention and the audit log's integrity. */
const RECORDS: ReadonlySet<ScreenKey> = new Set<ScreenKey>([
  "stats",
  "exports",
  "handovers",
  "registerInspections",
  "auditChain",
  "retention",
]);

/**
 * The side menu: the workbench, then the case work, then the master-data screens, then the
 * settings, then the quality records, each group only if not empty.
 */
export function buildStaffMenu(me: Principal): MenuNode[] {
  const screens = visibleScreens(me);
  const home = screens.filter((screen) => screen.key === "home");
  const caseWork = screens.filter((screen) => CASE_WORK.has(screen.key));
  const settings = screens.filter((screen) => SETTINGS.has(screen.key));
  const quality = screens.filter((screen) => QUALITY.has(screen.key));
  const records = screens.filter((screen) => RECORDS.has(screen.key));
  const basics = screens.filter(
    (screen) =>
      screen.key !== "home" &&
      !CASE_WORK.has(screen.key) &&
      !SETTINGS.has(screen.key) &&
      !QUALITY.has(screen.key) &&
      !RECORDS.has(screen.key),
  );
  const groups: MenuGroup[] = [
    { key: "caseWork", label: "caseWork", children: caseWork },
    { key: "quality", label: "quality", children: quality },
    { key: "basics", label: "basics", children: basics },
    { key: "settings", label: "settings", children: settings },
    { key: "records", label: "records", children: records },
  ];
  return [...home, ...groups.filter((group) => group.children.length > 0)];
}

/** The menu entry to highlight for a location (detail pages highlight their list). */
export function selectedScreenKey(pathname: string): ScreenKey | null {
  let best: Screen | null = null;
  for (const screen of Object.values(SCREENS) as Screen[]) {
    const matches =
      screen.path === "/" ? pathname === "/" : pathname === screen.path || pathname.startsWith(`${screen.path}/`);
    if (matches && (best === null || screen.path.length > best.path.length)) best = screen;
  }
  return best?.key ?? null;
}
