import { type Me, permissionsOf, type Role } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import type { Principal } from "../auth/permissions";
import { buildStaffMenu, canOpenScreen, isMenuGroup, SCREENS, selectedScreenKey, visibleScreens } from "./menu";

function principal(kind: Me["kind"], roles: Role[], departmentIds: string[] = []): Principal {
  return { kind, permissions: [...permissionsOf(roles)], roles, departmentIds };
}

function screenKeys(kind: Me["kind"], roles: Role[], departmentIds: string[] = []): string[] {
  return visibleScreens(principal(kind, roles, departmentIds)).map((screen) => screen.key);
}

describe("the staff menu", () => {
  it("shows an administrator the register, forwarding and every master-data screen", () => {
    expect(screenKeys("staff", ["admin"])).toEqual([
      "home",
      "register",
      "forward",
      "estates",
      "residents",
      "departments",
      "trades",
      "categories",
      "users",
      "organisation",
      "calendar",
      "deadlines",
      "webhooks",
      "majorComplaints",
      "repairSettings",
      "handovers",
      "registerInspections",
      "auditChain",
      "retention",
      "stats",
      "exports",
    ]);
  });

  it("shows QA the quality records: handovers, inspections, integrity and retention (R-4.12)", () => {
    expect(screenKeys("staff", ["qa"])).toEqual(
      expect.arrayContaining(["handovers", "registerInspections", "auditChain", "retention"]),
    );
    const records = buildStaffMenu(principal("staff", ["qa"])).find(
      (node) => isMenuGroup(node) && node.key === "records",
    );
    expect(records && isMenuGroup(records) ? records.children.map((screen) => screen.key) : []).toEqual([
      "handovers",
      "registerInspections",
      "auditChain",
      "retention",
      "stats",
      "exports",
    ]);
    expect(screenKeys("staff", ["cs_agent"])).not.toContain("handovers");
  });

  it("shows a resident no staff screen at all", () => {
    expect(screenKeys("resident", ["resident"])).toEqual([]);
    expect(buildStaffMenu(principal("resident", ["resident"]))).toEqual([]);
  });

  it("never shows staff screens to a resident account, even one carrying staff permissions by mistake", () => {
    expect(buildStaffMenu({ kind: "resident", permissions: ["estates.read", "users.manage"] })).toEqual([]);
  });

  it("shows a customer-service agent the intake screen, the register and forwarding, but no catalogue or organisation settings", () => {
    expect(screenKeys("staff", ["cs_agent"])).toEqual([
      "home",
      "intake",
      "register",
      "tracking",
      "forward",
      "estates",
      "residents",
      "users",
      // Issue #7: the caller's callback list.
      "callbacks",
      "nonconformities",
      "suggestionWeek",
      "openLetters",
    ]);
  });

  it("lets department staff forward and read the register but not take calls, nor see residents", () => {
    expect(screenKeys("staff", ["dept_staff"])).toEqual(["home", "register", "forward", "estates", "users"]);
  });

  it("gives members of a department its inbox, and customer service and the management representative tracking", () => {
    expect(screenKeys("staff", ["dept_head"], ["d-1"])).toEqual([
      "home",
      "register",
      "inbox",
      "forward",
      "estates",
      "users",
    ]);
    expect(screenKeys("staff", ["dept_staff"], ["d-1"])).toContain("inbox");
    expect(screenKeys("staff", ["cs_head"], ["d-cs"])).toEqual(
      expect.arrayContaining(["inbox", "tracking", "calendar"]),
    );
    expect(screenKeys("staff", ["mgmt_rep"])).toContain("tracking");
    expect(screenKeys("staff", ["dept_head"], ["d-1"])).not.toContain("tracking");
    // The route guard asks the same question as the menu.
    expect(canOpenScreen(principal("staff", ["repair_worker"]), SCREENS.inbox)).toBe(false);
    expect(canOpenScreen(principal("resident", ["resident"], ["d-1"]), SCREENS.inbox)).toBe(false);
  });

  it("puts the calendar, deadlines and message delivery under settings for those who manage them", () => {
    const menu = buildStaffMenu(principal("staff", ["cs_head"], ["d-cs"]));
    const settings = menu.find((node) => node.key === "settings");
    expect(settings && isMenuGroup(settings) ? settings.children.map((s) => s.key) : []).toEqual([
      "calendar",
      "deadlines",
      "webhooks",
      "majorComplaints",
    ]);
  });

  it("gives every staff role the forwarding screen (R-4.1.4, R-4.2.4)", () => {
    for (const role of ["cs_head", "dept_head", "repair_lead", "repair_worker", "qa", "mgmt_rep"] as const) {
      expect(screenKeys("staff", [role]), role).toContain("forward");
    }
  });

  it("shows a screen only with its permission", () => {
    expect(screenKeys("staff", [])).toEqual(["home"]);
    const onlyCatalogue = visibleScreens({ kind: "staff", permissions: ["catalog.manage"] }).map((s) => s.key);
    expect(onlyCatalogue).toEqual(["home", "trades", "categories"]);
  });

  it("groups the case work, then the master data, after the workbench", () => {
    const menu = buildStaffMenu(principal("staff", ["cs_agent"]));
    expect(menu[0]).toMatchObject({ key: "home" });
    const groups = menu.slice(1).map((node) => (isMenuGroup(node) ? [node.key, node.children.map((s) => s.key)] : []));
    expect(groups).toEqual([
      ["caseWork", ["intake", "register", "tracking", "forward", "callbacks"]],
      ["quality", ["nonconformities", "suggestionWeek", "openLetters"]],
      ["basics", ["estates", "residents", "users"]],
    ]);
    const admin = buildStaffMenu(principal("staff", ["admin"]));
    const basics = admin[2];
    expect(basics && isMenuGroup(basics) ? basics.children.length : 0).toBe(6);
  });

  it("leaves out a group with nothing in it", () => {
    const menu = buildStaffMenu({ kind: "staff", permissions: ["catalog.manage"] });
    expect(menu.map((node) => node.key)).toEqual(["home", "basics"]);
  });

  it("highlights the list screen on its detail pages", () => {
    expect(selectedScreenKey("/")).toBe("home");
    expect(selectedScreenKey("/admin/estates")).toBe("estates");
    expect(selectedScreenKey("/admin/estates/0190-abc")).toBe("estates");
    expect(selectedScreenKey("/cases")).toBe("register");
    expect(selectedScreenKey("/cases/0190-abc")).toBe("register");
    expect(selectedScreenKey("/intake")).toBe("intake");
    expect(selectedScreenKey("/complaints/inbox")).toBe("inbox");
    expect(selectedScreenKey("/admin/calendar")).toBe("calendar");
    expect(selectedScreenKey("/account")).toBeNull();
  });
});
