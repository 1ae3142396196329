import { deadMessageSchema, outboxStatsSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema } from "../http/params.js";
import * as outboxAdmin from "./outbox-admin.service.js";

/** The operators' view of the notification outbox: what gave up, retrying it, and queue depth. */
export const outboxRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/outbox/dead",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Notification messages the outbox gave up on after its last attempt, newest first",
        querystring: pageQuerySchema,
        response: { 200: pageSchema(deadMessageSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => outboxAdmin.listDeadMessages(db, contextOf(request), request.query),
  );

  app.post(
    "/api/outbox/:id/retry",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Queue a dead message again with a fresh set of attempts (409 unless it is dead)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await outboxAdmin.retryDeadMessage(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/outbox/stats",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Pending messages and the age of the oldest one, and dead messages, per channel",
        response: { 200: outboxStatsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => outboxAdmin.outboxStats(db, contextOf(request)),
  );
};
