import type { PassThrough } from "node:stream";
import { notificationSchema, unreadCountSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema, queryBoolean } from "../http/params.js";
import type { ChannelConfig } from "./deliverers.js";
import * as notifications from "./notifications.service.js";
import { configureNotificationChannels } from "./outbox.js";
import { outboxRoutes } from "./outbox.routes.js";
import { DEFAULT_UNREAD_STREAM, openUnreadStream } from "./unread-stream.js";
import { webhooksRoutes } from "./webhooks.routes.js";

export interface NotificationsRoutesOptions {
  db: Db;
  config: ChannelConfig;
}

/**
 * The notification module's HTTP side: the user's inbox and its live badge, and for
 * operators the webhook subscriptions and the outbox views. It also tells the outbox
 * which channels are configured.
 */
export const notificationsRoutes: FastifyPluginAsyncZod<NotificationsRoutesOptions> = async (app, { db, config }) => {
  configureNotificationChannels({ email: config.smtpUrl !== null });
  await app.register(webhooksRoutes, { db, policy: { allowPrivate: config.allowPrivateWebhooks } });
  await app.register(outboxRoutes, { db });

  const openStreams = new Set<PassThrough>();
  // app.close() waits for open connections; a live stream never ends by itself, so end them first.
  app.addHook("preClose", async () => {
    for (const stream of openStreams) stream.end();
  });

  app.get(
    "/api/notifications/stream",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["notifications"],
        summary: "The unread count as server-sent events (text/event-stream)",
        description:
          'Sends `event: unread` with `{"count": n}` on connecting and whenever the count changes, and a comment ' +
          "line every 25 s. The stream ends after a few minutes; EventSource reconnects by itself.",
        response: { 200: z.unknown().describe("The event stream"), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const stream = openUnreadStream(db, contextOf(request), {
        ...DEFAULT_UNREAD_STREAM,
        onError: (error) => request.log.warn({ err: error }, "unread count failed"),
      });
      openStreams.add(stream);
      stream.once("close", () => openStreams.delete(stream));
      return (
        reply
          .header("content-type", "text/event-stream; charset=utf-8")
          .header("cache-control", "no-cache, no-transform")
          // nginx would otherwise buffer the events.
          .header("x-accel-buffering", "no")
          .send(stream)
      );
    },
  );

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
