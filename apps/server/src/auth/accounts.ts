import type { UserKind, UserTable } from "../db/schema.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";

export interface NewAccount {
  orgId: string;
  /** Stored lower-case: sign-in compares user names case-insensitively. */
  username: string;
  displayName: string;
  passwordHash: string;
  kind: UserKind;
  phone?: string | null;
  email?: string | null;
  residentId?: string | null;
  allEstates?: boolean;
}

/** A new `users` row for a staff member or a resident, active and never signed in. */
export function newAccountRow(account: NewAccount): UserTable {
  const now = nowIso();
  return {
    id: newId(),
    org_id: account.orgId,
    username: account.username.toLowerCase(),
    display_name: account.displayName,
    phone: account.phone ?? null,
    email: account.email ?? null,
    password_hash: account.passwordHash,
    kind: account.kind,
    resident_id: account.residentId ?? null,
    all_estates: account.kind === "staff" && account.allEstates ? 1 : 0,
    active: 1,
    failed_login_count: 0,
    locked_until: null,
    password_changed_at: now,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
}
