import { organisationSchema, organisationUpdateSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import * as organisation from "./organisation.service.js";

// Strict: a client sending `code` or `active` learns they cannot be changed here instead of
// seeing a 200 that silently ignored them.
const organisationChangesSchema = organisationUpdateSchema.pick({ name: true, timeZone: true }).strict();

export const organisationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/organisation",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["organisation"],
        summary: "The signed-in user's organisation (管理中心)",
        response: { 200: organisationSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => organisation.getOrganisation(db, contextOf(request)),
  );

  app.patch(
    "/api/organisation",
    {
      config: { access: "org.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Rename the organisation or change the time zone its weeks and months are counted in",
        body: organisationChangesSchema,
        response: { 200: organisationSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => organisation.updateOrganisation(db, contextOf(request), request.body),
  );
};
