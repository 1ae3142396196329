import type { Me, Permission } from "@estate-desk/domain";

/** Roles and departments are optional so that tests and guards can describe a user by permissions alone. */
export type Principal = Pick<Me, "kind" | "permissions"> & Partial<Pick<Me, "roles" | "departmentIds">>;

/**
 * Whether the signed-in user holds a permission. The server enforces every rule; this only
 * decides what to show, so a hidden button never replaces a server check.
 */
export function can(me: Principal | null | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** Where a user lands after signing in: residents have their own portal. */
export function homePathOf(me: Principal): string {
  return me.kind === "resident" ? "/portal" : "/";
}
