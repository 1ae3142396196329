import { type Me, permissionsOf, type Role } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { buildStaffMenu, isMenuGroup, selectedScreenKey } from "../../layout/menu";

function caseWork(roles: Role[]): string[] {
  const me: Pick<Me, "kind" | "permissions" | "roles"> = {
    kind: "staff",
    permissions: [...permissionsOf(roles)],
    roles,
  };
  const group = buildStaffMenu(me)
    .filter(isMenuGroup)
    .find((node) => node.key === "caseWork");
  return group?.children.map((screen) => screen.key) ?? [];
}

describe("the repair menu entries", () => {
  it("gives the repair team leader the dispatch board and a worker his orders, each only by role", () => {
    expect(caseWork(["repair_lead"])).toContain("repairBoard");
    expect(caseWork(["repair_lead"])).not.toContain("myWorkOrders");
    expect(caseWork(["repair_worker"])).toContain("myWorkOrders");
    expect(caseWork(["repair_worker"])).not.toContain("repairBoard");
    expect(caseWork(["cs_agent"])).not.toContain("repairBoard");
  });

  it("gives the repair team leader and the administrator the repair settings (issue #5 items 7, 8), not a worker", () => {
    const settings = (roles: Role[]) =>
      buildStaffMenu({ kind: "staff", permissions: [...permissionsOf(roles)], roles })
        .filter(isMenuGroup)
        .find((node) => node.key === "settings")
        ?.children.map((screen) => screen.key) ?? [];
    expect(settings(["repair_lead"])).toContain("repairSettings");
    expect(settings(["admin"])).toContain("repairSettings");
    expect(settings(["repair_worker"])).not.toContain("repairSettings");
  });

  it("highlights my orders on an order's step screen", () => {
    expect(selectedScreenKey("/repairs/mine/abc")).toBe("myWorkOrders");
    expect(selectedScreenKey("/repairs/board")).toBe("repairBoard");
  });
});
