import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Db } from "../db/database.js";
import { addMinutes, nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import type { RequestContext } from "./actor.js";
import { SESSION_COOKIE } from "./session-cookie.js";
import { findLiveSession, sessionIdOf, touchSession } from "./sessions.repository.js";

export interface AuthPluginOptions {
  db: Db;
  sessionIdleMinutes: number;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;
/** Paths under /api that belong to plugins (the OpenAPI browser) rather than to our routes. */
const PLUGIN_PATHS = /^\/api\/docs(\/|$)/;

/**
 * Resolves the session on every API request and enforces the access each route declares:
 * the pipeline is session → access → CSRF → validation → handler.
 */
export const authPlugin = fp<AuthPluginOptions>(async (app: FastifyInstance, options) => {
  app.decorateRequest("actor", null);

  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api") || PLUGIN_PATHS.test(route.url)) return;
    if (!route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
  });

  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api") || PLUGIN_PATHS.test(request.url)) return;
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // unknown route: the not-found handler answers

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const now = nowIso();
      const resolved = await findLiveSession(
        options.db,
        sessionIdOf(token),
        now,
        addMinutes(now, -options.sessionIdleMinutes),
      );
      if (resolved) {
        request.actor = resolved.actor;
        if (Date.parse(now) - Date.parse(resolved.lastSeenAt) > TOUCH_INTERVAL_MS) {
          await touchSession(options.db, resolved.actor.sessionId, now);
        }
      }
    }

    if (access === "public") return;
    const actor = request.actor;
    if (!actor) throw new AppError("UNAUTHENTICATED");
    if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== actor.csrfToken) {
      // The cookie is sent by the browser on cross-site requests too; the token is not.
      throw new AppError("CSRF_FAILED");
    }
    if (access !== "signed-in" && !actor.permissions.has(access)) {
      throw new AppError("FORBIDDEN", { permission: access });
    }
  });
});

/** The actor and request facts for services; only for routes that are not public. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  return { actor: request.actor, requestId: request.id, ip: request.ip };
}
