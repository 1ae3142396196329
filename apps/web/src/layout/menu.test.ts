import { type Me, permissionsOf, type Role } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { buildStaffMenu, isMenuGroup, selectedScreenKey, visibleScreens } from "./menu";

function principal(kind: Me["kind"], roles: Role[]): Pick<Me, "kind" | "permissions"> {
  return { kind, permissions: [...permissionsOf(roles)] };
}

function screenKeys(kind: Me["kind"], roles: Role[]): string[] {
  return visibleScreens(principal(kind, roles)).map((screen) => screen.key);
}

describe("the staff menu", () => {
  it("shows an administrator every master-data screen", () => {
    expect(screenKeys("staff", ["admin"])).toEqual([
      "home",
      "estates",
      "residents",
      "departments",
      "trades",
      "categories",
      "users",
      "organisation",
    ]);
  });

  it("shows a resident no staff screen at all", () => {
    expect(screenKeys("resident", ["resident"])).toEqual([]);
    expect(buildStaffMenu(principal("resident", ["resident"]))).toEqual([]);
  });

  it("never shows staff screens to a resident account, even one carrying staff permissions by mistake", () => {
    expect(buildStaffMenu({ kind: "resident", permissions: ["estates.read", "users.manage"] })).toEqual([]);
  });

  it("shows a customer-service agent estates, residents and users but no catalogue or organisation settings", () => {
    expect(screenKeys("staff", ["cs_agent"])).toEqual(["home", "estates", "residents", "users"]);
  });

  it("hides residents from department staff, who do not hold residents.read", () => {
    expect(screenKeys("staff", ["dept_staff"])).toEqual(["home", "estates", "users"]);
  });

  it("shows a screen only with its permission", () => {
    expect(screenKeys("staff", [])).toEqual(["home"]);
    const onlyCatalogue = visibleScreens({ kind: "staff", permissions: ["catalog.manage"] }).map((s) => s.key);
    expect(onlyCatalogue).toEqual(["home", "trades", "categories"]);
  });

  it("groups the master-data screens under one heading after the workbench", () => {
    const menu = buildStaffMenu(principal("staff", ["admin"]));
    expect(menu[0]).toMatchObject({ key: "home" });
    const group = menu[1];
    expect(group && isMenuGroup(group) ? group.children.length : 0).toBe(7);
  });

  it("highlights the list screen on its detail pages", () => {
    expect(selectedScreenKey("/")).toBe("home");
    expect(selectedScreenKey("/admin/estates")).toBe("estates");
    expect(selectedScreenKey("/admin/estates/0190-abc")).toBe("estates");
    expect(selectedScreenKey("/account")).toBeNull();
  });
});
