import { caseKindSchema, categoryInputSchema, categorySchema, categoryUpdateSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema, queryBoolean } from "../http/params.js";
import * as categories from "./categories.service.js";

export const categoriesRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/categories",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["organisation"],
        summary: "Complaint, repair and suggestion categories by kind, sort order and name",
        querystring: z.object({ kind: caseKindSchema.optional(), active: queryBoolean }),
        response: { 200: z.object({ items: z.array(categorySchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => categories.listCategories(db, contextOf(request), request.query),
  );

  app.post(
    "/api/categories",
    {
      config: { access: "catalog.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Create a category with the department (and trade) its cases go to by default (R-4.1.3)",
        body: categoryInputSchema,
        response: { 201: categorySchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await categories.createCategory(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/categories/:id",
    {
      config: { access: "catalog.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change or deactivate a category (its kind cannot change)",
        params: idParamsSchema,
        body: categoryUpdateSchema,
        response: { 200: categorySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => categories.updateCategory(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/categories/:id",
    {
      config: { access: "catalog.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete a category nothing refers to (otherwise 409: deactivate it)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await categories.deleteCategory(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
