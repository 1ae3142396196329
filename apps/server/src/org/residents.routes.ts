import {
  residentAccountInputSchema,
  residentAccountSchema,
  residentInputSchema,
  residentSchema,
  residentUpdateSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema, queryBoolean, querySearchText } from "../http/params.js";
import * as residents from "./residents.service.js";

export const residentsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/residents",
    {
      config: { access: "residents.read" },
      schema: {
        tags: ["organisation"],
        summary: "Residents (业主/住户) of the estates the user may see, by name; q matches name or phone digits",
        querystring: pageQuerySchema.extend({
          q: querySearchText,
          estateId: z.uuid().optional(),
          unitId: z.uuid().optional(),
          active: queryBoolean,
        }),
        response: { 200: pageSchema(residentSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => residents.listResidents(db, contextOf(request), request.query),
  );

  app.get(
    "/api/residents/:id",
    {
      config: { access: "residents.read" },
      schema: {
        tags: ["organisation"],
        summary: "One resident with their units",
        params: idParamsSchema,
        response: { 200: residentSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => residents.getResident(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/residents",
    {
      config: { access: "residents.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Register a resident with their contact numbers and units (R-4.1.2)",
        body: residentInputSchema,
        response: { 201: residentSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await residents.createResident(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/residents/:id",
    {
      config: { access: "residents.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change or deactivate a resident; `units` replaces their links (removed links are deactivated)",
        params: idParamsSchema,
        body: residentUpdateSchema,
        response: { 200: residentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => residents.updateResident(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/residents/:id",
    {
      config: { access: "residents.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete a resident nothing refers to (otherwise 409: deactivate them)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await residents.deleteResident(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/residents/:id/account",
    {
      config: { access: "residents.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Create the resident's login for the resident portal",
        params: idParamsSchema,
        body: residentAccountInputSchema,
        response: { 201: residentAccountSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await residents.createResidentAccount(db, contextOf(request), request.params.id, request.body)),
  );
};
