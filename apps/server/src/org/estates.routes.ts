import { estateInputSchema, estateSchema, estateUpdateSchema, publicEstateSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema, queryBoolean, querySearchText } from "../http/params.js";
import * as estates from "./estates.service.js";

export const estateRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/estates",
    {
      config: { access: "estates.read" },
      schema: {
        tags: ["organisation"],
        summary: "Estates (小区) the user may see, by code",
        querystring: pageQuerySchema.extend({ q: querySearchText, active: queryBoolean }),
        response: { 200: pageSchema(estateSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => estates.listEstates(db, contextOf(request), request.query),
  );

  app.get(
    "/api/estates/:id",
    {
      config: { access: "estates.read" },
      schema: {
        tags: ["organisation"],
        summary: "One estate",
        params: idParamsSchema,
        response: { 200: estateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => estates.presentEstate(await estates.getVisibleEstate(db, contextOf(request), request.params.id)),
  );

  app.post(
    "/api/estates",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Create an estate with its hotlines and reception address (R-4.1.1, R-4.2.1)",
        body: estateInputSchema,
        response: { 201: estateSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await estates.createEstate(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/estates/:id",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change or deactivate an estate",
        params: idParamsSchema,
        body: estateUpdateSchema,
        response: { 200: estateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => estates.updateEstate(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/estates/:id",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete an estate nothing refers to (otherwise 409: deactivate it)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await estates.deleteEstate(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/public/estates/:publicCode",
    {
      config: { access: "public" },
      schema: {
        tags: ["public"],
        summary: "An estate's complaint and repair hotlines and reception address, without sign-in (R-4.1.1, R-4.2.1)",
        params: z.object({ publicCode: z.string().min(1).max(20) }),
        // 400 (a code longer than 20 characters) was answered but not documented: found by security/route-inventory.test.ts.
        response: { 200: publicEstateSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => estates.getPublicEstate(db, request.params.publicCode),
  );
};
