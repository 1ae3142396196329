import type { Me, Permission } from "@estate-desk/domain";

export type Principal = Pick<Me, "kind" | "permissions">;

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
