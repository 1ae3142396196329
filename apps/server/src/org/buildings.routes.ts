import { buildingInputSchema, buildingSchema, buildingUpdateSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema, queryBoolean } from "../http/params.js";
import * as buildings from "./buildings.service.js";

const estateParamsSchema = z.object({ estateId: z.uuid() });

export const buildingsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/estates/:estateId/buildings",
    {
      config: { access: "estates.read" },
      schema: {
        tags: ["organisation"],
        summary: "The buildings (楼栋) of an estate, by sort order and name",
        params: estateParamsSchema,
        querystring: z.object({ active: queryBoolean }),
        response: { 200: z.object({ items: z.array(buildingSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => buildings.listBuildings(db, contextOf(request), request.params.estateId, request.query),
  );

  app.post(
    "/api/estates/:estateId/buildings",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Add a building to an estate",
        params: estateParamsSchema,
        body: buildingInputSchema,
        response: { 201: buildingSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await buildings.createBuilding(db, contextOf(request), request.params.estateId, request.body)),
  );

  app.patch(
    "/api/buildings/:id",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Rename, reorder or deactivate a building",
        params: idParamsSchema,
        body: buildingUpdateSchema,
        response: { 200: buildingSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => buildings.updateBuilding(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/buildings/:id",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete a building without units (otherwise 409: deactivate it)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await buildings.deleteBuilding(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
