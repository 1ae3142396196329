/**
 * Every route of the running application with its method, URL and declared access, taken
 * from the routes Fastify actually registers, so that a route added later is in every
 * harness without anyone listing it.
 *
 * Routes are registered inside buildApp(), before a test could add an onRoute hook; Fastify
 * publishes each new instance on the `fastify.initialization` diagnostics channel before
 * anything is registered on it, so the collector subscribes there while the app is built.
 */
import diagnostics from "node:diagnostics_channel";
import type { FastifyInstance, RouteOptions } from "fastify";
import type { Access } from "../auth/actor.js";
import type { DatabaseKind } from "../db/dialect.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

export interface RouteInfo {
  method: string;
  /** Fastify's URL with `:param` placeholders, e.g. /api/estates/:id */
  url: string;
  access: Access | undefined;
  /** Hidden from the OpenAPI document (schema.hide). */
  hidden: boolean;
  /** Path parameter names in order. */
  params: string[];
}

/** Plugin routes (the OpenAPI browser): not ours, and the access pipeline skips them too. */
const PLUGIN_PATHS = /^\/api\/docs(\/|$)/;

export function isOwnApiRoute(route: Pick<RouteInfo, "url">): boolean {
  return route.url.startsWith("/api") && !PLUGIN_PATHS.test(route.url);
}

function toRouteInfos(options: RouteOptions): RouteInfo[] {
  const methods = Array.isArray(options.method) ? options.method : [options.method];
  const config: unknown = options.config;
  const access =
    typeof config === "object" && config !== null && "access" in config ? (config.access as Access) : undefined;
  const schema: unknown = options.schema;
  const hidden = typeof schema === "object" && schema !== null && "hide" in schema && schema.hide === true;
  const params = [...options.url.matchAll(/:(\w+)/g)].map((match) => match[1] ?? "");
  return methods
    .filter((method) => method !== "HEAD") // Fastify's automatic HEAD twin of every GET
    .map((method) => ({ method, url: options.url, access, hidden, params }));
}

export interface InventoriedApp extends TestApp {
  /** Every route of this app except the OpenAPI browser's, sorted by URL then method. */
  routes: RouteInfo[];
}

/** startTestApp(), also collecting the routes the app registers. */
export async function startInventoriedApp(
  kind: DatabaseKind,
  options?: Parameters<typeof startTestApp>[1],
): Promise<InventoriedApp> {
  const collected: RouteInfo[] = [];
  const onInit = (message: unknown) => {
    const fastify = (message as { fastify: FastifyInstance }).fastify;
    fastify.addHook("onRoute", (route) => {
      collected.push(...toRouteInfos(route));
    });
  };
  diagnostics.subscribe("fastify.initialization", onInit);
  let t: TestApp;
  try {
    t = await startTestApp(kind, options);
  } finally {
    diagnostics.unsubscribe("fastify.initialization", onInit);
  }
  const seen = new Set<string>();
  const routes = collected
    .filter((route) => isOwnApiRoute(route))
    .filter((route) => {
      const key = `${route.method} ${route.url}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  if (routes.length === 0) throw new Error("no routes collected: did buildApp stop creating its own Fastify instance?");
  return Object.assign(t, { routes });
}

/** /api/estates/:id → /api/estates/{id}, the OpenAPI spelling. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, "{$1}");
}

export function isWrite(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method);
}

export function routeLabel(route: Pick<RouteInfo, "method" | "url">): string {
  return `${route.method} ${route.url}`;
}
