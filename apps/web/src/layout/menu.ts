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
  | "estates"
  | "residents"
  | "departments"
  | "trades"
  | "categories"
  | "users"
  | "organisation";

export interface Screen {
  key: ScreenKey;
  path: string;
  label: NavLabel;
  /** Needed to open the screen; the route guard checks the same permission. */
  permission: Permission | null;
}

/** The staff screens, in menu order. Routes and the menu both read this list. */
export const SCREENS = {
  home: { key: "home", path: "/", label: "home", permission: null },
  intake: { key: "intake", path: "/intake", label: "intake", permission: "cases.create" },
  register: { key: "register", path: "/cases", label: "register", permission: "cases.read" },
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
  return Object.values(SCREENS).filter((screen) => screen.permission === null || can(me, screen.permission));
}

/** The screens of the daily case work, as opposed to master data. */
const CASE_WORK: ReadonlySet<ScreenKey> = new Set<ScreenKey>(["intake", "register", "forward"]);

/** The side menu: the workbench, then the case work, then the master-data screens, each group only if not empty. */
export function buildStaffMenu(me: Principal): MenuNode[] {
  const screens = visibleScreens(me);
  const home = screens.filter((screen) => screen.key === "home");
  const caseWork = screens.filter((screen) => CASE_WORK.has(screen.key));
  const basics = screens.filter((screen) => screen.key !== "home" && !CASE_WORK.has(screen.key));
  const groups: MenuGroup[] = [
    { key: "caseWork", label: "caseWork", children: caseWork },
    { key: "basics", label: "basics", children: basics },
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
