import {
  idSchema,
  roleSchema,
  staffPasswordResetSchema,
  staffUserInputSchema,
  staffUserSchema,
  staffUserUpdateSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema, queryBoolean, querySearchText } from "../http/params.js";
import * as users from "./users.service.js";

export const usersRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/users",
    {
      config: { access: "users.read" },
      schema: {
        tags: ["organisation"],
        summary: "Staff accounts by display name (never resident accounts)",
        querystring: pageQuerySchema.extend({
          q: querySearchText,
          role: roleSchema.optional(),
          departmentId: idSchema.optional(),
          estateId: idSchema.optional(),
          active: queryBoolean,
        }),
        response: { 200: pageSchema(staffUserSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => users.listStaffUsers(db, contextOf(request), request.query),
  );

  app.get(
    "/api/users/:id",
    {
      config: { access: "users.read" },
      schema: {
        tags: ["organisation"],
        summary: "One staff account with its roles and scope",
        params: idParamsSchema,
        response: { 200: staffUserSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => users.getStaffUser(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/users",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Create a staff account with its roles (§3.0) and estates, departments and trades",
        body: staffUserInputSchema,
        response: { 201: staffUserSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await users.createStaffUser(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/users/:id",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change a staff account's roles or scope, or deactivate it (ends its sessions)",
        params: idParamsSchema,
        body: staffUserUpdateSchema,
        response: { 200: staffUserSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => users.updateStaffUser(db, contextOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/users/:id/password",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Set a staff member's password (administrator reset; ends their sessions)",
        params: idParamsSchema,
        body: staffPasswordResetSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await users.resetStaffPassword(db, contextOf(request), request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/users/:id/unlock",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Lift the sign-in lock set after repeated wrong passwords",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await users.unlockStaffUser(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
