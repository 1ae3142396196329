import type { Permission, Role } from "@estate-desk/domain";
import type { UserKind } from "../db/schema.js";

/** Who is making a request: resolved from the session cookie on every request. */
export interface Actor {
  userId: string;
  orgId: string;
  username: string;
  displayName: string;
  kind: UserKind;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** staff see every estate of their organisation only when granted; otherwise these. */
  allEstates: boolean;
  estateIds: string[];
  departmentIds: string[];
  /** Set for resident accounts: the resident record whose units and cases they may see. */
  residentId: string | null;
  sessionId: string;
  csrfToken: string;
}

/** What a route needs before its handler runs. Every `/api` route must declare one. */
export type Access = "public" | "signed-in" | Permission;

/** The request facts that go into audit entries and workflows. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip: string;
}
