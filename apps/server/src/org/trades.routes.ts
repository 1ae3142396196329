import { tradeInputSchema, tradeSchema, tradeUpdateSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema, queryBoolean } from "../http/params.js";
import * as trades from "./trades.service.js";

export const tradesRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/trades",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["organisation"],
        summary: "The organisation's trades (工种) by code, with their active worker counts",
        querystring: z.object({ active: queryBoolean }),
        response: { 200: z.object({ items: z.array(tradeSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => trades.listTrades(db, contextOf(request), request.query),
  );

  app.post(
    "/api/trades",
    {
      config: { access: "catalog.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Create a trade",
        body: tradeInputSchema,
        response: { 201: tradeSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await trades.createTrade(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/trades/:id",
    {
      config: { access: "catalog.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change or deactivate a trade",
        params: idParamsSchema,
        body: tradeUpdateSchema,
        response: { 200: tradeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => trades.updateTrade(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/trades/:id",
    {
      config: { access: "catalog.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete a trade nothing refers to (otherwise 409: deactivate it)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await trades.deleteTrade(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
