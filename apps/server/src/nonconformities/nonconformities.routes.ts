import {
  nonconformityActionInputSchema,
  nonconformityCreateSchema,
  nonconformityListItemSchema,
  nonconformityListQuerySchema,
  nonconformityReportInputSchema,
  nonconformityReportViewSchema,
  nonconformitySchema,
  reportSignatureInputSchema,
  reportSignaturePartSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { sendUpload } from "../files/files.service.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema } from "../http/params.js";
import {
  findReportSignatureUpload,
  nonconformityReportView,
  saveNonconformityReport,
  signNonconformityReport,
} from "./nonconformity-report.service.js";
import {
  createManualNonconformity,
  getNonconformity,
  listNonconformities,
  takeNonconformityAction,
} from "./nonconformity-workflow.service.js";

export const nonconformitiesRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (
  app,
  { db, files },
) => {
  app.get(
    "/api/nonconformities",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["nonconformities"],
        summary:
          "Nonconformity candidates and open nonconformities (R-4.11.1): customer service sees its estates', others those they must fix; newest first",
        querystring: pageQuerySchema.extend(nonconformityListQuerySchema.shape),
        response: { 200: pageSchema(nonconformityListItemSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listNonconformities(db, contextOf(request), request.query),
  );

  app.post(
    "/api/nonconformities",
    {
      config: { access: "quality.manage" },
      schema: {
        tags: ["nonconformities"],
        summary: "Record a nonconformity found by customer service itself (a candidate, source `manual`)",
        body: nonconformityCreateSchema,
        response: { 201: nonconformitySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const id = await createManualNonconformity(db, context, request.body);
      return reply.code(201).send(await getNonconformity(db, context, id));
    },
  );

  app.get(
    "/api/nonconformities/:id",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["nonconformities"],
        summary: "A nonconformity with its verifying callbacks and the steps the user may take",
        params: idParamsSchema,
        response: { 200: nonconformitySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getNonconformity(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/nonconformities/:id/actions",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["nonconformities"],
        summary:
          "Take a step (R-4.11.2): confirm (responsible, deadline), dismiss, record the fix (plans a new callback), close once satisfied, propose closing as unreasonable, sign that off",
        params: idParamsSchema,
        body: nonconformityActionInputSchema,
        response: { 200: nonconformitySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await takeNonconformityAction(db, context, request.params.id, request.body);
      return getNonconformity(db, context, request.params.id);
    },
  );

  app.get(
    "/api/nonconformities/:id/report",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["nonconformities"],
        summary: "The formal nonconformity report QR-019 (R-4.11.3), as the printed form shows it",
        params: idParamsSchema,
        response: { 200: nonconformityReportViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => nonconformityReportView(db, contextOf(request), request.params.id),
  );

  app.put(
    "/api/nonconformities/:id/report",
    {
      config: { access: "quality.manage" },
      schema: {
        tags: ["nonconformities"],
        summary: "Write QR-019: description, cause analysis, correction, corrective action, verification",
        params: idParamsSchema,
        body: nonconformityReportInputSchema,
        response: { 200: nonconformityReportViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveNonconformityReport(db, contextOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/nonconformities/:id/report/signatures",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["nonconformities"],
        summary:
          "Sign a part of QR-019 with a signature image you uploaded (reporter, responsible, verifier, approver)",
        params: idParamsSchema,
        body: reportSignatureInputSchema,
        response: { 200: nonconformityReportViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => signNonconformityReport(db, contextOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/nonconformities/:id/report/signatures/:part",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["nonconformities"],
        summary: "The signature image of one part of QR-019",
        params: z.object({ id: z.uuid(), part: reportSignaturePartSchema }),
        response: { 200: z.any().describe("image bytes"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const upload = await findReportSignatureUpload(db, contextOf(request), request.params.id, request.params.part);
      return sendUpload(reply, files, upload);
    },
  );
};
