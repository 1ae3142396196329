/**
 * Every /api route declares its access and documents its errors in the OpenAPI document —
 * the harnesses (permission matrix, fuzzing) take their routes from these two sources, so a
 * route missing from either would escape them.
 */
import { PERMISSIONS } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, isRecord, SecurityClient } from "./http-client.js";
import { type InventoriedApp, isWrite, openApiPath, routeLabel, startInventoriedApp } from "./route-inventory.js";
import { paramTypes } from "./security-world.js";

type Operations = Record<string, Record<string, unknown>>;

async function openApiPaths(baseUrl: string): Promise<Operations> {
  const document = (await new SecurityClient(baseUrl).get("/api/openapi.json")).json;
  const paths = field(document, "paths");
  if (!isRecord(paths)) throw new Error("no paths in /api/openapi.json");
  const result: Operations = {};
  for (const [path, operations] of Object.entries(paths)) {
    if (isRecord(operations)) result[path] = operations;
  }
  return result;
}

function responseStatuses(operation: unknown): string[] {
  const responses = field(operation, "responses");
  return isRecord(responses) ? Object.keys(responses) : [];
}

/**
 * The error statuses a route must document, from what it declares: 401 unless public; 403
 * for a permission, and for any cookie-authenticated write (CSRF); 400 when it takes input;
 * 404 when its path names a record.
 */
export function requiredErrorStatuses(route: InventoriedApp["routes"][number], operation: unknown): string[] {
  const required: string[] = [];
  if (route.access !== "public") required.push("401");
  if (route.access !== "public" && route.access !== "signed-in") required.push("403");
  if (route.access !== "public" && isWrite(route.method)) required.push("403");
  const parameters = field(operation, "parameters");
  const takesInput =
    (Array.isArray(parameters) && parameters.length > 0) || field(operation, "requestBody") !== undefined;
  if (takesInput) required.push("400");
  if (paramTypes(route.url).some((param) => param.name === "id" || param.name.endsWith("Id"))) required.push("404");
  return [...new Set(required)];
}

describe("route inventory", () => {
  let t: InventoriedApp;
  beforeAll(async () => {
    t = await startInventoriedApp("sqlite", { seed: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it("collects the routes the app registers, with their declared access", () => {
    expect(t.routes.length).toBeGreaterThan(50);
    expect(t.routes).toContainEqual(
      expect.objectContaining({ method: "GET", url: "/api/cases", access: "cases.read" }),
    );
    expect(t.routes).toContainEqual(
      expect.objectContaining({ method: "POST", url: "/api/auth/login", access: "public" }),
    );
  });

  it("every /api route declares access: public, signed-in or a known permission", () => {
    const known = new Set<string>(["public", "signed-in", ...PERMISSIONS]);
    const undeclared = t.routes.filter((route) => route.access === undefined || !known.has(route.access));
    expect(undeclared.map(routeLabel)).toEqual([]);
  });

  it("every /api route is in the OpenAPI document (or deliberately hidden), and documents its errors", async () => {
    const paths = await openApiPaths(t.baseUrl);
    const problems: string[] = [];
    for (const route of t.routes) {
      if (route.hidden) continue;
      const operation = paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      if (operation === undefined) {
        problems.push(`${routeLabel(route)}: not in /api/openapi.json`);
        continue;
      }
      const statuses = responseStatuses(operation);
      if (!statuses.some((status) => status.startsWith("2"))) problems.push(`${routeLabel(route)}: no 2xx response`);
      const missing = requiredErrorStatuses(route, operation).filter((status) => !statuses.includes(status));
      if (missing.length > 0) problems.push(`${routeLabel(route)}: documents no ${missing.join(", ")}`);
      // Every documented error uses the one error schema.
      const responses = field(operation, "responses");
      for (const status of statuses.filter((s) => s.startsWith("4"))) {
        const schema = JSON.stringify(field(responses, status));
        if (!schema.includes('"error"') || !schema.includes('"messageEn"')) {
          problems.push(`${routeLabel(route)}: ${status} is not the error format`);
        }
      }
    }
    // And nothing documented that does not exist.
    const served = new Set(t.routes.map((route) => `${route.method.toLowerCase()} ${openApiPath(route.url)}`));
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        if (!served.has(`${method} ${path}`)) problems.push(`${method.toUpperCase()} ${path}: documented, not served`);
      }
    }
    expect(problems).toEqual([]);
  });
});
