import { auditEntrySchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { listAuditEntries } from "./audit.repository.js";

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/audit",
    {
      config: { access: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "Every recorded change of one record, oldest first: who, when, before and after",
        querystring: z.object({ entityType: z.string().min(1).max(50), entityId: z.uuid() }),
        response: { 200: z.object({ items: z.array(auditEntrySchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await listAuditEntries(
        db,
        contextOf(request).actor.orgId,
        request.query.entityType,
        request.query.entityId,
      ),
    }),
  );
};
