import { notificationSchema, unreadCountSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema, queryBoolean } from "../http/params.js";
import * as notifications from "./notifications.service.js";

export const notificationsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/notifications",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["notifications"],
        summary: "The signed-in user's in-app notifications, newest first",
        querystring: pageQuerySchema.extend({
          unread: queryBoolean.describe("true: unread only; false: read only; absent: all"),
        }),
        response: { 200: pageSchema(notificationSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => notifications.listNotifications(db, contextOf(request), request.query),
  );

  app.get(
    "/api/notifications/unread-count",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["notifications"],
        summary: "How many of the signed-in user's notifications are unread (the bell's badge)",
        response: { 200: unreadCountSchema, ...errorResponses(401) },
      },
    },
    async (request) => notifications.unreadCount(db, contextOf(request)),
  );

  app.post(
    "/api/notifications/:id/read",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["notifications"],
        summary: "Mark one of the signed-in user's notifications read",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await notifications.markRead(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/notifications/read-all",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["notifications"],
        summary: "Mark all of the signed-in user's notifications read",
        response: { 204: z.null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await notifications.markAllRead(db, contextOf(request));
      return reply.code(204).send(null);
    },
  );
};
