import {
  caseCommentInputSchema,
  caseCommentSchema,
  caseCompletionSchema,
  caseDetailSchema,
  caseDuplicateInputSchema,
  caseForwardSchema,
  caseIntakeSchema,
  caseKindSchema,
  caseSummarySchema,
  intakeLookupSchema,
  registerQuerySchema,
  similarCaseSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { sendUpload } from "../files/files.service.js";
import { errorResponses } from "../http/openapi.js";
import { pageSchema } from "../http/paging.js";
import { idParamsSchema } from "../http/params.js";
import { addComment, markDuplicate } from "./case-comments.service.js";
import { completeIntake, forwardCase, registerCase } from "./intake.service.js";
import { lookUpCaller, similarCases } from "./intake-lookup.service.js";
import { getCaseDetail, getCasePhoto, listRegister } from "./register.service.js";

const photoParamsSchema = z.object({ id: z.uuid(), uploadId: z.uuid() });

export const casesRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db, files }) => {
  app.get(
    "/api/cases",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["cases"],
        summary: "The register (QR-022): filtered, sorted, cursor-paged; free text finds two-character words",
        querystring: registerQuerySchema,
        response: { 200: pageSchema(caseSummarySchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listRegister(db, contextOf(request), request.query),
  );

  app.post(
    "/api/cases",
    {
      config: { access: "cases.create" },
      schema: {
        tags: ["cases"],
        summary:
          "Register a complaint, repair request or suggestion and route it at once (R-4.1.2, R-4.1.3, R-4.2.2, R-4.2.3)",
        body: caseIntakeSchema,
        response: { 201: caseDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await registerCase(db, contextOf(request), request.body)),
  );

  app.post(
    "/api/cases/forward",
    {
      config: { access: "cases.forward" },
      schema: {
        tags: ["cases"],
        summary: "Pass a case a resident told you about to customer service (R-4.1.4, R-4.2.4)",
        body: caseForwardSchema,
        response: { 201: caseDetailSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await forwardCase(db, contextOf(request), request.body)),
  );

  app.get(
    "/api/cases/:id",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["cases"],
        summary: "A case with its form sections, photos, timeline and comments",
        params: idParamsSchema,
        response: { 200: caseDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getCaseDetail(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/cases/:id/complete",
    {
      config: { access: "cases.create" },
      schema: {
        tags: ["cases"],
        summary: "Complete a forwarded case and route it (R-4.1.4)",
        params: idParamsSchema,
        body: caseCompletionSchema,
        response: { 200: caseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => completeIntake(db, contextOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/cases/:id/comments",
    {
      config: { access: "cases.comment" },
      schema: {
        tags: ["cases"],
        summary: "Add an internal note or a reply the resident sees",
        params: idParamsSchema,
        body: caseCommentInputSchema,
        response: { 201: caseCommentSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addComment(db, contextOf(request), request.params.id, request.body)),
  );

  app.post(
    "/api/cases/:id/duplicate",
    {
      config: { access: "cases.create" },
      schema: {
        tags: ["cases"],
        summary: "Mark the case a duplicate of another; both stay in the register, linked",
        params: idParamsSchema,
        body: caseDuplicateInputSchema,
        response: { 200: caseDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => markDuplicate(db, contextOf(request), request.params.id, request.body.originalId),
  );

  app.get(
    "/api/cases/:id/photos/:uploadId",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["cases"],
        summary: "A photo of the case",
        params: photoParamsSchema,
        response: { 200: z.any().describe("image bytes"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const photo = await getCasePhoto(db, contextOf(request), request.params.id, request.params.uploadId);
      return sendUpload(reply, files, photo);
    },
  );

  app.get(
    "/api/intake/lookup",
    {
      config: { access: "cases.create" },
      schema: {
        tags: ["cases"],
        summary: "Residents and units matching a phone number, name or unit, with their open cases",
        querystring: z.object({ q: z.string().trim().min(2).max(50) }),
        response: { 200: intakeLookupSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => lookUpCaller(db, contextOf(request), request.query.q),
  );

  app.get(
    "/api/intake/similar",
    {
      config: { access: "cases.create" },
      schema: {
        tags: ["cases"],
        summary: "Open cases of a kind on a unit from the last 7 days",
        querystring: z.object({ unitId: z.uuid(), kind: caseKindSchema }),
        response: { 200: z.object({ items: z.array(similarCaseSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => similarCases(db, contextOf(request), request.query.unitId, request.query.kind),
  );
};
