/**
 * Operations endpoints (issue #6 item 4): readiness for load balancers and orchestrators,
 * and metrics for Prometheus — to administrators at /api/metrics, and to a scraper with the
 * METRICS_TOKEN bearer token at /metrics (outside /api: a scraper has no session).
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DatabaseHandle } from "../db/database.js";
import { MIGRATION_NAMES } from "../db/migrate.js";
import { errorBody } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { checkReadiness, type RequestMetrics, renderMetrics } from "./metrics.js";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : "");
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

const readinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  database: z.enum(["sqlite", "postgres"]),
  appliedMigrations: z.number().int(),
  expectedMigrations: z.number().int(),
  problems: z.array(z.string()),
});

export interface OpsRoutesOptions {
  database: DatabaseHandle;
  metricsToken: string | null;
  /** Filled by installRequestMetrics on the root instance (app.ts), so that it sees every route. */
  requests: RequestMetrics;
}

export const opsRoutes: FastifyPluginAsyncZod<OpsRoutesOptions> = async (app, { database, metricsToken, requests }) => {
  app.get(
    "/api/ready",
    {
      config: { access: "public" },
      schema: {
        tags: ["operations"],
        summary: "Readiness: the database answers and its migrations are those of this build (503 otherwise)",
        // 400: like every route, a request with NUL characters is refused before it runs.
        response: { 200: readinessSchema, 503: readinessSchema, ...errorResponses(400) },
      },
    },
    async (_request, reply) => {
      const result = await checkReadiness(database, MIGRATION_NAMES);
      return reply.code(result.ready ? 200 : 503).send({
        status: result.ready ? ("ready" as const) : ("not_ready" as const),
        database: database.kind,
        appliedMigrations: result.appliedMigrations,
        expectedMigrations: MIGRATION_NAMES.length,
        problems: result.problems,
      });
    },
  );

  app.get(
    "/api/metrics",
    {
      config: { access: "org.manage" },
      schema: {
        tags: ["operations"],
        summary: "Prometheus metrics: requests per route, outbox, scheduled jobs, database pool, memory",
        response: { 200: z.any().describe("Prometheus text exposition format"), ...errorResponses(401, 403) },
      },
    },
    async (_request, reply) =>
      reply.type(PROMETHEUS_CONTENT_TYPE).send(Buffer.from(await renderMetrics(database, requests))),
  );

  // For scrapers: only when METRICS_TOKEN is set, and only with it. Outside /api, so it is
  // neither in the OpenAPI document nor behind the session pipeline.
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (!metricsToken) return reply.code(404).send(errorBody("ROUTE_NOT_FOUND"));
    if (!tokenMatches(request.headers.authorization, metricsToken)) {
      return reply.code(401).header("www-authenticate", "Bearer").send(errorBody("UNAUTHENTICATED"));
    }
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(Buffer.from(await renderMetrics(database, requests)));
  });
};
