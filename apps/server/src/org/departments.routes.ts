import { departmentInputSchema, departmentSchema, departmentUpdateSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema, queryBoolean } from "../http/params.js";
import * as departments from "./departments.service.js";

export const departmentsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/departments",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["organisation"],
        summary: "The organisation's departments by code, with their active member counts",
        querystring: z.object({ active: queryBoolean }),
        response: { 200: z.object({ items: z.array(departmentSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => departments.listDepartments(db, contextOf(request), request.query),
  );

  app.post(
    "/api/departments",
    {
      config: { access: "departments.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Create a department",
        body: departmentInputSchema,
        response: { 201: departmentSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await departments.createDepartment(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/departments/:id",
    {
      config: { access: "departments.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change or deactivate a department",
        params: idParamsSchema,
        body: departmentUpdateSchema,
        response: { 200: departmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => departments.updateDepartment(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/departments/:id",
    {
      config: { access: "departments.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete a department nothing refers to (otherwise 409: deactivate it)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await departments.deleteDepartment(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
