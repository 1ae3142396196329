import {
  callbackInspectionInputSchema,
  callbackInspectionSchema,
  callerInspectionSummarySchema,
  idSchema,
  inspectionSampleQuerySchema,
  inspectionSampleSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import {
  drawInspectionSample,
  inspectionSummaryByCaller,
  listInspections,
  recordInspection,
} from "./callback-inspections.service.js";

export const callbackInspectionsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/callback-inspections/sample",
    {
      config: { access: "quality.manage" },
      schema: {
        tags: ["callback-inspections"],
        summary:
          "A random sample of performed callbacks to inspect (R-4.8.1), by caller and week; the returned seed draws the same sample again",
        querystring: inspectionSampleQuerySchema,
        response: { 200: inspectionSampleSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => drawInspectionSample(db, contextOf(request), request.query),
  );

  app.post(
    "/api/callback-inspections",
    {
      config: { access: "quality.manage" },
      schema: {
        tags: ["callback-inspections"],
        summary:
          "Record the inspection of one callback: how it was checked, passed or failed, the finding; a failure raises a nonconformity candidate",
        body: callbackInspectionInputSchema,
        response: { 201: callbackInspectionSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await recordInspection(db, contextOf(request), request.body)),
  );

  app.get(
    "/api/callback-inspections",
    {
      config: { access: "quality.manage" },
      schema: {
        tags: ["callback-inspections"],
        summary: "The inspection history, of one caller if given (R-4.8.1), newest first",
        querystring: z.object({ callerId: idSchema.optional() }),
        response: { 200: z.object({ items: z.array(callbackInspectionSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listInspections(db, contextOf(request), request.query.callerId),
  );

  app.get(
    "/api/callback-inspections/callers",
    {
      config: { access: "quality.manage" },
      schema: {
        tags: ["callback-inspections"],
        summary: "Per caller: callbacks inspected, passed, failed, last inspected",
        response: { 200: z.object({ items: z.array(callerInspectionSummarySchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => inspectionSummaryByCaller(db, contextOf(request)),
  );
};
