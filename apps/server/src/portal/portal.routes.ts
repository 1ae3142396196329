import {
  caseKindSchema,
  type PortalHome,
  portalCaseSchema,
  portalHomeSchema,
  residentCaseSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import { submitPortalCase } from "../cases/intake.service.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { sendUpload } from "../files/files.service.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import { getPublicEstatesOf } from "../org/estates.service.js";
import { getOwnResident } from "../org/residents.service.js";
import { getOwnCase, getOwnCasePhoto, listOwnCases, listPortalCategories } from "./portal-cases.service.js";

/** The resident portal: a resident reaches only their own record, units and estates. */
export const portalRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db, files }) => {
  app.get(
    "/api/portal/home",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "The signed-in resident, their units, and their estates' hotlines and reception addresses (R-4.1.1)",
        response: { 200: portalHomeSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request): Promise<PortalHome> => {
      const { actor } = contextOf(request);
      if (!actor.residentId) throw new AppError("FORBIDDEN");
      const resident = await getOwnResident(db, actor.orgId, actor.residentId);
      const estateIds = [...new Set(resident.units.map((unit) => unit.estateId))];
      return {
        resident: { id: resident.id, name: resident.name, phone: resident.phone, units: resident.units },
        estates: await getPublicEstatesOf(db, actor.orgId, estateIds),
      };
    },
  );

  app.get(
    "/api/portal/categories",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "The active categories a resident chooses from when filing a case",
        querystring: z.object({ kind: caseKindSchema.optional() }),
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), kind: caseKindSchema, name: z.string() })) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({ items: await listPortalCategories(db, contextOf(request), request.query.kind) }),
  );

  app.post(
    "/api/portal/cases",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "File a repair request, complaint or suggestion for one of one's own units",
        body: portalCaseSchema,
        response: { 201: residentCaseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const caseId = await submitPortalCase(db, context, request.body);
      return reply.code(201).send(await getOwnCase(db, context, caseId));
    },
  );

  app.get(
    "/api/portal/cases",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "The resident's cases: filed by them or about their units, newest first",
        response: { 200: z.object({ items: z.array(residentCaseSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => listOwnCases(db, contextOf(request)),
  );

  app.get(
    "/api/portal/cases/:id",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "One of the resident's cases with its status and the replies to them",
        params: idParamsSchema,
        response: { 200: residentCaseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getOwnCase(db, contextOf(request), request.params.id),
  );

  app.get(
    "/api/portal/cases/:id/photos/:uploadId",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "A photo of one of the resident's cases",
        params: z.object({ id: z.uuid(), uploadId: z.uuid() }),
        response: { 200: z.any().describe("image bytes"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendUpload(
        reply,
        files,
        await getOwnCasePhoto(db, contextOf(request), request.params.id, request.params.uploadId),
      ),
  );
};
