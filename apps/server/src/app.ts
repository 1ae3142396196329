import fs from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditRoutes } from "./audit/audit.routes.js";
import { authPlugin } from "./auth/auth.plugin.js";
import { authRoutes } from "./auth/auth.routes.js";
import { setupRoutes } from "./auth/setup.routes.js";
import { calendarRoutes } from "./calendar/calendar.routes.js";
import { callbackInspectionsRoutes } from "./callback-inspections/callback-inspections.routes.js";
import { callbacksRoutes } from "./callbacks/callbacks.routes.js";
import { casesRoutes } from "./cases/cases.routes.js";
import { complaintsRoutes } from "./complaints/complaints.routes.js";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/database.js";
import { createDiskFileStore } from "./files/file-store.js";
import { filesRoutes } from "./files/files.routes.js";
import { installErrorHandling } from "./http/error-handler.js";
import { errorBody } from "./http/errors.js";
import { installInputGuard } from "./http/input-guard.js";
import { registerOpenApi } from "./http/openapi.js";
import { installRequestMetrics, RequestMetrics } from "./ops/metrics.js";
import { opsRoutes } from "./ops/ops.routes.js";
import { workOrdersRoutes } from "./work-orders/work-orders.routes.js";
import "./http/types.js";
import { exportsRoutes } from "./exports/exports.routes.js";
import { nonconformitiesRoutes } from "./nonconformities/nonconformities.routes.js";
import { notificationsRoutes } from "./notifications/notifications.routes.js";
import { openLettersRoutes } from "./open-letters/open-letters.routes.js";
import { buildingsRoutes } from "./org/buildings.routes.js";
import { categoriesRoutes } from "./org/categories.routes.js";
import { departmentsRoutes } from "./org/departments.routes.js";
import { estateQrRoutes } from "./org/estate-qr.routes.js";
import { estateRoutes } from "./org/estates.routes.js";
import { organisationRoutes } from "./org/organisation.routes.js";
import { residentsRoutes } from "./org/residents.routes.js";
import { tradesRoutes } from "./org/trades.routes.js";
import { unitsRoutes } from "./org/units.routes.js";
import { usersRoutes } from "./org/users.routes.js";
import { pdfRoutes } from "./pdf/pdf.routes.js";
import { portalRoutes } from "./portal/portal.routes.js";
import { recordsRoutes } from "./records/records.routes.js";
import { schedulerRoutes } from "./scheduler/scheduler.routes.js";
import { statsRoutes } from "./stats/stats.routes.js";
import { suggestionsRoutes } from "./suggestions/suggestions.routes.js";
import { APP_VERSION } from "./version.js";

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
}

/** Builds the HTTP application: plugins, the access pipeline, every route, and the web app. */
export async function buildApp({ config, database }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Request ids appear in audit entries; random ones cannot be confused across instances.
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // NUL characters in input are refused with 400 before validation (PostgreSQL answered them with 500).
  installInputGuard(app);
  // Every answered request is counted per route for /api/metrics (ops/).
  const requestMetrics = new RequestMetrics();
  installRequestMetrics(app, requestMetrics);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its component styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Helmet's default would send browsers to https for every asset; on plain HTTP (a LAN
        // install without TLS) that loads nothing. Only ask for it when served over HTTPS.
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    // The app is served over plain HTTP on a LAN by default; HSTS only makes sense behind TLS.
    strictTransportSecurity: config.cookieSecure,
  });
  await app.register(fastifyCookie);
  await registerOpenApi(app, APP_VERSION);
  await app.register(authPlugin, { db: database.db, sessionIdleMinutes: config.sessionIdleMinutes });

  app.get(
    "/api/health",
    {
      config: { access: "public" },
      schema: {
        tags: ["operations"],
        summary: "Liveness and the database in use",
        response: {
          200: z.object({ status: z.literal("ok"), database: z.enum(["sqlite", "postgres"]), version: z.string() }),
        },
      },
    },
    async () => ({ status: "ok" as const, database: database.kind, version: APP_VERSION }),
  );

  const db = database.db;
  const session = { sessionIdleMinutes: config.sessionIdleMinutes, sessionMaxHours: config.sessionMaxHours };
  await app.register(authRoutes, { db, session, cookieSecure: config.cookieSecure });
  await app.register(setupRoutes, { db });
  await app.register(auditRoutes, { db });
  await app.register(estateRoutes, { db });
  await app.register(estateQrRoutes, { db });
  await app.register(organisationRoutes, { db });
  await app.register(buildingsRoutes, { db });
  await app.register(unitsRoutes, { db });
  await app.register(residentsRoutes, { db });
  await app.register(departmentsRoutes, { db });
  await app.register(tradesRoutes, { db });
  await app.register(categoriesRoutes, { db });
  await app.register(usersRoutes, { db });
  const files = createDiskFileStore(path.join(config.dataDir, "files"));
  await app.register(portalRoutes, { db, files });
  await app.register(filesRoutes, { db, files });
  await app.register(casesRoutes, { db, files });
  await app.register(complaintsRoutes, { db });
  await app.register(callbacksRoutes, { db, files });
  await app.register(workOrdersRoutes, { db, files });
  await app.register(notificationsRoutes, { db, config });
  await app.register(calendarRoutes, { db });
  await app.register(schedulerRoutes, { db });
  // Issue #7 part B: the quality of callbacks.
  await app.register(nonconformitiesRoutes, { db, files });
  await app.register(suggestionsRoutes, { db });
  await app.register(callbackInspectionsRoutes, { db });
  await app.register(openLettersRoutes, { db });
  await app.register(opsRoutes, { database, metricsToken: config.metricsToken, requests: requestMetrics });
  await app.register(recordsRoutes, { db, files });
  await app.register(statsRoutes, { db, config });
  await app.register(pdfRoutes, { db, files, config });
  await app.register(exportsRoutes, { db, files, config });

  await serveWebApp(app, config.webDist);
  return app;
}

/** Serves the built single-page app, answering unknown non-API paths with its index.html. */
async function serveWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const indexHtml = path.join(webDist, "index.html");
  const haveWebApp = fs.existsSync(indexHtml);
  if (haveWebApp) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api") || !haveWebApp || request.method !== "GET") {
      return reply.code(404).send(errorBody("ROUTE_NOT_FOUND"));
    }
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").sendFile("index.html");
  });
}
