import {
  calendarDateSchema,
  caseKindSchema,
  caseStatusSchema,
  channelSchema,
  idSchema,
  STATS_FIGURES,
  startOfZonedDay,
  statsQuerySchema,
} from "@estate-desk/domain";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RequestContext } from "../auth/actor.js";
import { contextOf } from "../auth/auth.plugin.js";
import { assertEstateVisible } from "../auth/policy.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { AppError, notFound } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { queryBoolean } from "../http/params.js";
import { IMPORT_MAX_BYTES } from "../org/unit-import.js";
import { baseUrlOf } from "../pdf/pdf.routes.js";
import type { RegisterFilterQuery } from "../pdf/pdf.service.js";
import { addDays, getStatistics, listFigureCases } from "../stats/stats.service.js";
import { streamAuditPack } from "./audit-pack.js";
import { timeZoneOfOrg, writeFigureCasesSheet, writeRegisterSheet, writeStatisticsSheets } from "./exports.service.js";
import { importRegister } from "./register-import.js";
import { contentDisposition, streamXlsx, XLSX_CONTENT_TYPE } from "./xlsx-stream.js";

/** A local date (the organisation's, inclusive) or an exact instant. */
const dateOrInstant = z.union([calendarDateSchema, z.iso.datetime({ offset: true })]);

/** GET /api/cases's filters, for the whole list instead of one page. */
export const registerExportQuerySchema = z.object({
  kind: caseKindSchema.optional(),
  estateId: idSchema.optional(),
  status: caseStatusSchema.optional(),
  categoryId: idSchema.optional(),
  departmentId: idSchema.optional(),
  channel: channelSchema.optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
});
export type RegisterExportQuery = z.infer<typeof registerExportQuerySchema>;

/** Turns local dates into the instants the register filters on (to: the end of that day). */
export async function registerFilterOf(
  db: Db,
  context: RequestContext,
  query: RegisterExportQuery,
): Promise<RegisterFilterQuery> {
  const timeZone = await timeZoneOfOrg(db, context.actor.orgId);
  const instant = (value: string | undefined, endOfDay: boolean) => {
    if (value === undefined) return undefined;
    if (value.length > 10) return new Date(value).toISOString();
    return startOfZonedDay(timeZone, endOfDay ? addDays(value, 1) : value);
  };
  const from = instant(query.from, false);
  const to = instant(query.to, true);
  if (from && to && from > to) {
    throw new AppError("VALIDATION_FAILED", { issues: [{ path: "querystring/to", message: "ends before it starts" }] });
  }
  return { ...query, from, to };
}

function missingFile(): AppError {
  return new AppError("VALIDATION_FAILED", {
    issues: [{ path: "body/file", message: 'an .xlsx file in the form field "file" is required' }],
  });
}

const xlsxResponse = { 200: z.unknown().describe("The .xlsx file, streamed"), ...errorResponses(400, 401, 403, 404) };

export const exportsRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore; config: Config }> = async (
  app,
  { db, files, config },
) => {
  await app.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES + 1, files: 1 } });

  app.post(
    "/api/register/import",
    {
      config: { access: "register.import" },
      schema: {
        tags: ["exports"],
        summary:
          "Import a historic register (QR-022) from .xlsx (multipart field `file`, the columns of the register export): " +
          "every row is checked first; any bad row refuses the whole file (422 with row, column and message); dryRun=true writes nothing",
        consumes: ["multipart/form-data"],
        querystring: z.object({
          dryRun: queryBoolean.describe("true: check and count only, write nothing (default false)"),
        }),
        response: {
          200: z.object({ dryRun: z.boolean(), rowCount: z.number(), imported: z.number() }),
          ...errorResponses(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const part = await request.file();
      if (!part) throw missingFile();
      const buffer = await part.toBuffer();
      if (part.file.truncated || buffer.length > IMPORT_MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE");
      if (part.fieldname !== "file") throw missingFile();
      return importRegister(db, contextOf(request), buffer, request.query.dryRun ?? false);
    },
  );

  app.get(
    "/api/exports/audit-pack.zip",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["exports"],
        summary:
          "The audit pack of a period and estate: every form PDF, the register as PDF and xlsx, the statistics, the monthly reports, SHA-256 manifest (streamed ZIP)",
        querystring: z.object({ from: calendarDateSchema, to: calendarDateSchema, estateId: idSchema.optional() }),
        produces: ["application/zip", "application/json"],
        response: { 200: z.unknown().describe("The ZIP"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const { from, to, estateId } = request.query;
      // Checked before the download starts: a bad period or an estate out of sight is a clean 4xx.
      if (from > to) {
        throw new AppError("VALIDATION_FAILED", {
          issues: [{ path: "querystring/to", message: "ends before it starts" }],
        });
      }
      if (estateId) {
        assertEstateVisible(context.actor, estateId);
        const estate = await db
          .selectFrom("estates")
          .select("id")
          .where("id", "=", estateId)
          .where("org_id", "=", context.actor.orgId)
          .executeTakeFirst();
        if (!estate) throw notFound("estate", estateId);
      }
      const registerFilter = await registerFilterOf(db, context, { from, to, estateId });
      const stream = streamAuditPack(
        db,
        files,
        context,
        { from, to, estateId, registerFilter, baseUrl: baseUrlOf(config, request) },
        (error) => request.log.error({ err: error }, "audit pack failed"),
      );
      return reply
        .type("application/zip")
        .header("content-disposition", contentDisposition(`audit-pack-${from}-${to}.zip`))
        .header("cache-control", "private, no-store")
        .send(stream);
    },
  );

  app.get(
    "/api/exports/register.xlsx",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["exports"],
        summary: "The register (QR-022), or any filtered list of it, as a streamed .xlsx (no row limit)",
        querystring: registerExportQuerySchema,
        produces: [XLSX_CONTENT_TYPE, "application/json"],
        response: xlsxResponse,
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const filter = await registerFilterOf(db, context, request.query);
      const name = `QR-022-${(request.query.from ?? "all").slice(0, 10)}-${(request.query.to ?? "now").slice(0, 10)}.xlsx`;
      return streamXlsx(reply, name, async (workbook) => {
        await writeRegisterSheet(workbook, db, context, filter);
      });
    },
  );

  app.get(
    "/api/exports/stats.xlsx",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["exports"],
        summary:
          "The statistics tables of a period (summary, trend, groups, durations, deadlines, satisfaction, repeats, Pareto)",
        querystring: statsQuerySchema,
        produces: [XLSX_CONTENT_TYPE, "application/json"],
        response: xlsxResponse,
      },
    },
    async (request, reply) => {
      // Computed before the download starts, so that a bad filter is a clean 4xx.
      const stats = await getStatistics(db, contextOf(request), request.query);
      return streamXlsx(reply, `statistics-${stats.period.from}-${stats.period.to}.xlsx`, async (workbook) => {
        writeStatisticsSheets(workbook, stats);
      });
    },
  );

  app.get(
    "/api/exports/stats-cases.xlsx",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["exports"],
        summary: "The cases behind one figure of the statistics as .xlsx",
        querystring: z.object({
          from: calendarDateSchema,
          to: calendarDateSchema,
          estateId: idSchema.optional(),
          departmentId: idSchema.optional(),
          categoryId: idSchema.optional(),
          channel: channelSchema.optional(),
          kind: caseKindSchema.optional(),
          workerId: idSchema.optional(),
          figure: z.enum(STATS_FIGURES),
          key: z.string().max(64).optional(),
        }),
        produces: [XLSX_CONTENT_TYPE, "application/json"],
        response: xlsxResponse,
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      // The first page checks the filters and tells the size before the download starts.
      const first = await listFigureCases(db, context, { ...request.query, limit: 1 });
      return streamXlsx(
        reply,
        `cases-${request.query.figure}-${request.query.from}-${request.query.to}.xlsx`,
        async (workbook) => writeFigureCasesSheet(workbook, db, context, request.query),
        { "x-export-rows": String(first.total) },
      );
    },
  );
};
