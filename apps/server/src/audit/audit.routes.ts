import { auditEntrySchema, maskPersonalData } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { listAuditEntries } from "./audit.repository.js";

/** Entity types whose recorded values hold residents' personal data. */
const PERSONAL_ENTITY_TYPES = new Set(["resident", "case"]);

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
    async (request) => {
      const { actor } = contextOf(request);
      const items = await listAuditEntries(db, actor.orgId, request.query.entityType, request.query.entityId);
      // PIPL: residents' names and numbers in the recorded values of residents and cases are
      // masked for roles that do not contact them (an estate's or a department's name is not personal).
      if (!PERSONAL_ENTITY_TYPES.has(request.query.entityType)) return { items };
      return {
        items: items.map((entry) => ({
          ...entry,
          before: maskPersonalData(entry.before, actor.roles),
          after: maskPersonalData(entry.after, actor.roles),
        })),
      };
    },
  );
};
