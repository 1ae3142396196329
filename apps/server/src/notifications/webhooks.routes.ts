import {
  webhookCreatedSchema,
  webhookInputSchema,
  webhookSchema,
  webhookTestSchema,
  webhookUpdateSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import type { WebhookTargetPolicy } from "./webhook-target.js";
import * as webhooks from "./webhooks.service.js";

export interface WebhooksRoutesOptions {
  db: Db;
  policy: WebhookTargetPolicy;
}

export const webhooksRoutes: FastifyPluginAsyncZod<WebhooksRoutesOptions> = async (app, { db, policy }) => {
  app.get(
    "/api/webhooks",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "The organisation's webhook subscriptions (without their secrets)",
        response: { 200: z.object({ items: z.array(webhookSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => webhooks.listWebhooks(db, contextOf(request)),
  );

  app.post(
    "/api/webhooks",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Subscribe a URL to notification topics; the answer holds the signing secret, shown only here",
        body: webhookInputSchema,
        response: { 201: webhookCreatedSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await webhooks.createWebhook(db, contextOf(request), request.body, policy)),
  );

  app.patch(
    "/api/webhooks/:id",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Change a webhook's URL or topics, or (de)activate it",
        params: idParamsSchema,
        body: webhookUpdateSchema,
        response: { 200: webhookSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => webhooks.updateWebhook(db, contextOf(request), request.params.id, request.body, policy),
  );

  app.delete(
    "/api/webhooks/:id",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Delete a webhook; messages still queued for it are dropped",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await webhooks.deleteWebhook(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/webhooks/:id/test",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["notifications"],
        summary: "Queue a signed test event (topic webhook.test) to the webhook",
        params: idParamsSchema,
        response: { 202: webhookTestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await webhooks.sendTestEvent(db, contextOf(request), request.params.id)),
  );
};
