import {
  calendarDateSchema,
  caseKindSchema,
  caseStatusSchema,
  channelSchema,
  idSchema,
  startOfZonedDay,
  TIME_ZONE_DEFAULT,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import { findOrganisationTimeZone } from "../calendar/calendar.repository.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import { addDays } from "../stats/stats.service.js";
import { type RenderedPdf, renderCaseForm, renderNonconformityPdf, renderRegisterPdf } from "./pdf.service.js";

export const registerPdfQuerySchema = z.object({
  /** Local dates of the organisation, both inclusive. */
  from: calendarDateSchema,
  to: calendarDateSchema,
  kind: caseKindSchema.optional(),
  estateId: idSchema.optional(),
  status: caseStatusSchema.optional(),
  categoryId: idSchema.optional(),
  departmentId: idSchema.optional(),
  channel: channelSchema.optional(),
});

/** Where QR codes point: PUBLIC_URL, or the address this request came to. */
export function baseUrlOf(config: Pick<Config, "publicUrl">, request: { protocol: string; host: string }): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export function pdfDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const pdfResponse = { 200: z.unknown().describe("The PDF"), ...errorResponses(400, 401, 403, 404) };

export const pdfRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore; config: Config }> = async (
  app,
  { db, files, config },
) => {
  const send = (reply: import("fastify").FastifyReply, rendered: RenderedPdf) =>
    reply
      .header("content-type", "application/pdf")
      .header("content-disposition", pdfDisposition(rendered.fileName))
      .header("cache-control", "private, no-store")
      .send(rendered.pdf);

  app.get(
    "/api/cases/:id/pdf",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["forms"],
        summary:
          "The case's paper form as PDF: QR-023 complaint handling form (complaints, suggestions) or QR-024 dispatch order (repairs)",
        params: idParamsSchema,
        produces: ["application/pdf", "application/json"],
        response: pdfResponse,
      },
    },
    async (request, reply) =>
      send(reply, await renderCaseForm(db, files, contextOf(request), request.params.id, baseUrlOf(config, request))),
  );

  app.get(
    "/api/nonconformities/:id/pdf",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["forms"],
        summary: "The formal nonconformity report QR-019 (R-4.11.3) as PDF",
        params: idParamsSchema,
        produces: ["application/pdf", "application/json"],
        response: pdfResponse,
      },
    },
    async (request, reply) =>
      send(
        reply,
        await renderNonconformityPdf(db, files, contextOf(request), request.params.id, baseUrlOf(config, request)),
      ),
  );

  app.get(
    "/api/register/pdf",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["forms"],
        summary: "The register QR-022 for a period as PDF (at most 5,000 rows; the xlsx export has no limit)",
        querystring: registerPdfQuerySchema,
        produces: ["application/pdf", "application/json"],
        response: pdfResponse,
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const { from, to, ...filter } = request.query;
      if (from > to) {
        throw new AppError("VALIDATION_FAILED", {
          issues: [{ path: "querystring/to", message: "ends before it starts" }],
        });
      }
      const timeZone = (await findOrganisationTimeZone(db, context.actor.orgId)) ?? TIME_ZONE_DEFAULT;
      const rendered = await renderRegisterPdf(
        db,
        context,
        { ...filter, from: startOfZonedDay(timeZone, from), to: startOfZonedDay(timeZone, addDays(to, 1)) },
        `${from} 至 ${to}`,
        baseUrlOf(config, request),
      );
      return send(reply, rendered);
    },
  );
};
