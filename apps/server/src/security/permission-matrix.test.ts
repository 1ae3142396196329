/**
 * The permission matrix (issue #6 item 7): every route × every seeded user (and anonymous),
 * taken from the running app, so a route added later is in it without anyone listing it.
 *
 * 1. Object scope: by-id routes answer 404 for another organisation's records, for another
 *    estate's records to staff limited to one estate, and for another resident's cases.
 * 2. Nothing another organisation sends to a by-id write route changes anything.
 * 3. No response to organisation B carries organisation A's ids; none to staff limited to
 *    estate E1 carries estate E2's records.
 * 4. List vs detail: every id a list returns, the same user's detail route answers 200.
 * 5. The access layer: anonymous → 401 on non-public routes; a user whose roles lack the
 *    declared permission → 403; a user who has it → anything but 401/403.
 */
import { type Permission, permissionsOf, type Role } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { differences, snapshot } from "./db-snapshot.js";
import { field, itemIds, type RawResponse, SecurityClient, signedIn } from "./http-client.js";
import { type InventoriedApp, isWrite, type RouteInfo, routeLabel, startInventoriedApp } from "./route-inventory.js";
import {
  buildSecurityWorld,
  ESTATE_SCOPED,
  fillPath,
  type RecordType,
  routeRecordTypes,
  type SecurityWorld,
  type SeededUser,
  type Slot,
  USERS,
} from "./security-world.js";

/** Path parameters that name no record of anyone (a calendar day, an estate's public code). */
const NOT_RECORDS: ReadonlySet<RecordType> = new Set(["day", "publicCode"]);

/**
 * List routes whose items are opened through another route than `<list>/:id`. A list whose
 * items have ids and no detail route is checked for leaks (3.) only.
 */
const DETAIL_OF_LIST: Record<string, string> = {
  "/api/complaints/queue": "/api/cases/:id",
};

/** The user's permissions, from their roles in the database (fixtures.ts decides them). */
async function permissionsOfUsers(t: InventoriedApp): Promise<Map<string, ReadonlySet<Permission>>> {
  const rows = await t.database.db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.username", "user_roles.role"])
    .execute();
  const roles = new Map<string, Role[]>();
  for (const row of rows) roles.set(row.username, [...(roles.get(row.username) ?? []), row.role]);
  return new Map([...roles].map(([username, granted]) => [username, permissionsOf(granted)]));
}

function allows(route: RouteInfo, permissions: ReadonlySet<Permission> | undefined): boolean {
  if (route.access === "public") return true;
  if (!permissions) return false;
  if (route.access === "signed-in") return true;
  return route.access !== undefined && permissions.has(route.access);
}

/** GET routes whose path names records only (no calendar days or public codes). */
function byIdReadRoutes(routes: RouteInfo[]): RouteInfo[] {
  return routes.filter((route) => {
    if (route.method !== "GET" || route.access === "public" || route.params.length === 0) return false;
    const types = routeRecordTypes(route);
    return types.every((type) => type !== undefined && !NOT_RECORDS.has(type));
  });
}

function describeResponse(response: RawResponse): string {
  return `${response.status} ${response.text.slice(0, 200)}`;
}

describe.each(testDatabases())("permission matrix on %s", (kind) => {
  let t: InventoriedApp;
  let w: SecurityWorld;
  let permissions: Map<string, ReadonlySet<Permission>>;

  beforeAll(async () => {
    t = await startInventoriedApp(kind);
    w = await buildSecurityWorld(t);
    permissions = await permissionsOfUsers(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends as the user, signing in again if an earlier request ended the session (logout). */
  async function send(user: string, method: string, path: string, body?: unknown): Promise<RawResponse> {
    let client = w.client(user);
    if (!client.cookie) {
      client = await signedIn(t.baseUrl, user);
      w.clients.set(user, client);
    }
    return client.request(method, path, { body: isWrite(method) ? (body ?? {}) : undefined });
  }

  describe("object scope", () => {
    /** Who tries which slot's records on by-id routes, expecting 404 (or 403 without the permission). */
    const intruders: Array<{ user: SeededUser; target: Slot; types: (type: RecordType) => boolean; why: string }> = [];
    for (const user of USERS) {
      if (user.home === "b") intruders.push({ user, target: "a1", types: () => true, why: "another organisation" });
      else intruders.push({ user, target: "b", types: () => true, why: "another organisation" });
      if (user.estateLimited) {
        intruders.push({ user, target: "a2", types: (type) => ESTATE_SCOPED.has(type), why: "another estate" });
      }
      if (user.kind === "resident" && user.home !== "b") {
        intruders.push({
          user,
          target: user.home === "a1" ? "a2" : "a1",
          types: (type) => type === "case" || type === "photo",
          why: "another resident's case",
        });
      }
    }

    it("by-id routes find their records for someone entitled (so that the 404s below mean something)", async () => {
      const problems: string[] = [];
      for (const route of byIdReadRoutes(t.routes)) {
        const owner = ["admin", "cshead", "res1"].find((user) => allows(route, permissions.get(user)));
        if (!owner) continue;
        const response = await send(owner, "GET", fillPath(route.url, w.records, "a1"));
        if (response.status !== 200) problems.push(`${routeLabel(route)} as ${owner}: ${describeResponse(response)}`);
      }
      expect(problems).toEqual([]);
    });

    it.each(intruders.map((intruder) => [intruder.user.username, intruder.why, intruder] as const))(
      "%s gets 404 on by-id routes for %s's records",
      async (_name, _why, intruder) => {
        const problems: string[] = [];
        for (const route of byIdReadRoutes(t.routes)) {
          const types = routeRecordTypes(route);
          if (!types.some((type) => type !== undefined && intruder.types(type))) continue;
          const expected = allows(route, permissions.get(intruder.user.username)) ? 404 : 403;
          const response = await send(intruder.user.username, "GET", fillPath(route.url, w.records, intruder.target));
          if (response.status !== expected) {
            problems.push(`${routeLabel(route)}: expected ${expected}, got ${describeResponse(response)}`);
          }
        }
        expect(problems).toEqual([]);
      },
    );

    it("by-id writes from another organisation, or about another estate's records, change nothing", async () => {
      const attempts: Array<{ user: string; slot: Slot }> = [
        { user: "adminb", slot: "a1" },
        { user: "admin", slot: "b" },
        { user: "cshead", slot: "b" },
        { user: "csagent", slot: "a2" },
        { user: "repairlead", slot: "a2" },
      ];
      const before = await snapshot(t.database);
      const problems: string[] = [];
      for (const route of t.routes) {
        if (!isWrite(route.method) || route.params.length === 0 || route.url.startsWith("/api/auth/")) continue;
        const types = routeRecordTypes(route);
        if (types.some((type) => type === undefined || NOT_RECORDS.has(type))) continue;
        for (const { user, slot } of attempts) {
          if (slot === "a2" && !types.some((type) => type !== undefined && ESTATE_SCOPED.has(type))) continue;
          const response = await send(user, route.method, fillPath(route.url, w.records, slot));
          if (![400, 403, 404, 415].includes(response.status)) {
            problems.push(`${routeLabel(route)} as ${user} on ${slot}: ${describeResponse(response)}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(differences(before, await snapshot(t.database))).toEqual([]);
    });
  });

  describe("no leaks through lists", () => {
    /** GET routes that need no path parameter, or only an estate of the user's own. */
    function listLike(routes: RouteInfo[]): RouteInfo[] {
      return routes.filter(
        (route) =>
          route.method === "GET" &&
          route.access !== "public" &&
          routeRecordTypes(route).every((type) => type === "estate") &&
          !route.url.endsWith("/stream"),
      );
    }

    it("no response to organisation B carries an id of organisation A; none to E1-only staff an E2 record", async () => {
      const problems: string[] = [];
      for (const route of listLike(t.routes)) {
        for (const user of USERS) {
          const forbidden = user.home === "b" ? w.orgAIds : user.estateLimited ? w.e2Ids : undefined;
          if (!forbidden) continue;
          const response = await send(user.username, "GET", fillPath(route.url, w.records, user.home));
          const leaked = [...forbidden].filter((id) => response.text.includes(id));
          if (leaked.length > 0) problems.push(`${routeLabel(route)} as ${user.username} shows ${leaked.join(", ")}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("every record a list returns, the same user's detail route shows (list and detail scoped alike)", async () => {
      const detailRoutes = new Map(
        t.routes.filter((route) => route.method === "GET").map((route) => [route.url, route] as const),
      );
      const problems: string[] = [];
      let checked = 0;
      for (const list of listLike(t.routes)) {
        const detail = detailRoutes.get(DETAIL_OF_LIST[list.url] ?? `${list.url}/:id`);
        if (!detail) continue;
        for (const user of USERS) {
          const granted = permissions.get(user.username);
          if (!allows(list, granted) || !allows(detail, granted)) continue;
          const ids: string[] = [];
          let path = fillPath(list.url, w.records, user.home);
          for (let page = 0; page < 5; page++) {
            const response = await send(user.username, "GET", path);
            if (response.status !== 200) break;
            ids.push(...itemIds(response.json));
            const next = field(response.json, "nextCursor");
            if (typeof next !== "string") break;
            path = `${fillPath(list.url, w.records, user.home)}?cursor=${encodeURIComponent(next)}`;
          }
          // A sample keeps the run short on large lists: the first ids and every tenth.
          const sample = ids.filter((_id, index) => index < 10 || index % 10 === 0).slice(0, 30);
          for (const id of sample) {
            const response = await send(user.username, "GET", detail.url.replace(":id", encodeURIComponent(id)));
            checked++;
            if (response.status !== 200) {
              problems.push(`${user.username}: ${list.url} lists ${id}, ${detail.url} answers ${response.status}`);
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    });
  });

  // Last: permitted writes may change the world the tests above rely on.
  it("access layer: anonymous → 401, without the permission → 403, with it → neither", async () => {
    const anonymous = new SecurityClient(t.baseUrl);
    const problems: string[] = [];
    for (const route of t.routes) {
      if (route.url.endsWith("/stream")) continue; // answered below: it never ends by itself
      const anonymousResponse = await anonymous.request(route.method, fillPath(route.url, w.records, "a1"), {
        body: isWrite(route.method) ? {} : undefined,
      });
      if (route.access !== "public" && anonymousResponse.status !== 401) {
        problems.push(`${routeLabel(route)} anonymous: ${describeResponse(anonymousResponse)}`);
      }
      if (route.access === "public" && anonymousResponse.status === 401) {
        problems.push(`${routeLabel(route)} is public, yet anonymous gets 401`);
      }
      for (const user of USERS) {
        const granted = allows(route, permissions.get(user.username));
        const response = await send(user.username, route.method, fillPath(route.url, w.records, user.home));
        if (granted && (response.status === 401 || response.status === 403)) {
          problems.push(`${routeLabel(route)} ${user.username} (${route.access}): ${describeResponse(response)}`);
        }
        if (!granted && response.status !== 403) {
          problems.push(`${routeLabel(route)} ${user.username} lacks ${route.access}: ${describeResponse(response)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Every route for every role: minutes as the API grows, not the default 30 s.
  }, 300_000);

  it("access layer on event streams: anonymous → 401, signed in → 200 text/event-stream", async () => {
    for (const route of t.routes.filter((r) => r.url.endsWith("/stream"))) {
      expect((await new SecurityClient(t.baseUrl).get(route.url)).status, routeLabel(route)).toBe(401);
      const response = await send("res1", "GET", route.url);
      expect(response.status, routeLabel(route)).toBe(route.access === "signed-in" ? 200 : 403);
    }
  });
});
