import { meSchema, setupRequestSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { isSetUp, setUpFirstAdministrator } from "./setup.service.js";

/** A production start has no demo data: the first visitor creates the organisation and its administrator. */
export const setupRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/setup",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Whether the first administrator still has to be created",
        response: { 200: z.object({ needsSetup: z.boolean() }) },
      },
    },
    async () => ({ needsSetup: !(await isSetUp(db)) }),
  );

  app.post(
    "/api/setup",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Create the organisation and its first administrator (only while no user exists)",
        body: setupRequestSchema,
        response: { 201: meSchema.omit({ csrfToken: true }), ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const me = await setUpFirstAdministrator(db, request.body, { requestId: request.id, ip: request.ip });
      return reply.code(201).send(me);
    },
  );
};
