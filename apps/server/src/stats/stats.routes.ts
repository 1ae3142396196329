import {
  calendarDateSchema,
  idSchema,
  statisticsSchema,
  statsCasesPageSchema,
  statsCasesQuerySchema,
  statsQuerySchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import { estateScope } from "../auth/policy.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { AppError, notFound } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import { baseUrlOf, pdfDisposition } from "../pdf/pdf.routes.js";
import { previousMonth, renderMonthlyReportFor, storedMonthlyReport, storedMonthlyReports } from "./monthly-reports.js";
import { getStatistics, listFigureCases } from "./stats.service.js";

/** A month YYYY-MM between 1990 and 2099 (the calendar is unrolled for the months asked for). */
const monthSchema = z.string().regex(/^(199\d|20\d\d)-(0[1-9]|1[0-2])$/, "a month YYYY-MM between 1990 and 2099");

export const statsRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    "/api/reports/monthly.pdf",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["statistics"],
        summary:
          "The monthly report with its charts, rendered now over the estates you may see (month, or the month of `from`; default last month)",
        querystring: z.object({
          month: monthSchema.optional(),
          from: calendarDateSchema.optional(),
          estateId: idSchema.optional(),
        }),
        produces: ["application/pdf", "application/json"],
        response: { 200: z.unknown().describe("The PDF"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { month: asked, from, estateId } = request.query;
      const month = asked ?? from?.slice(0, 7) ?? previousMonth(new Date().toISOString().slice(0, 7));
      if (!monthSchema.safeParse(month).success) {
        throw new AppError("VALIDATION_FAILED", {
          issues: [{ path: "querystring/from", message: "a month between 1990 and 2099" }],
        });
      }
      const pdf = await renderMonthlyReportFor(db, contextOf(request), month, estateId, baseUrlOf(config, request));
      return reply
        .type("application/pdf")
        .header("content-disposition", pdfDisposition(`monthly-report-${month}.pdf`))
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );

  app.get(
    "/api/reports/monthly",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["statistics"],
        summary: "The monthly reports the scheduled job generated and kept (whole organisation)",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                month: z.string(),
                generatedAt: z.string(),
                sha256: z.string(),
                size: z.number(),
              }),
            ),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const context = contextOf(request);
      // A kept report covers every estate: only for those who see every estate.
      if (!estateScope(context.actor).all) return { items: [] };
      const rows = await storedMonthlyReports(db, context.actor.orgId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          month: row.month,
          generatedAt: row.generated_at,
          sha256: row.sha256,
          size: Number(row.size),
        })),
      };
    },
  );

  app.get(
    "/api/reports/monthly/:id/pdf",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["statistics"],
        summary: "One kept monthly report as generated",
        params: idParamsSchema,
        produces: ["application/pdf", "application/json"],
        response: { 200: z.unknown().describe("The PDF"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      if (!estateScope(context.actor).all) throw notFound("monthly report", request.params.id);
      const row = await storedMonthlyReport(db, context.actor.orgId, request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", pdfDisposition(`monthly-report-${row.month}.pdf`))
        .send(Buffer.from(row.content));
    },
  );

  app.get(
    "/api/stats",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["statistics"],
        summary:
          "Statistics for a period: volumes, trend, working-time durations, deadline compliance, satisfaction, repeat complaints, Pareto, urges (issue #8)",
        querystring: statsQuerySchema,
        response: { 200: statisticsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getStatistics(db, contextOf(request), request.query),
  );

  app.get(
    "/api/stats/cases",
    {
      config: { access: "stats.read" },
      schema: {
        tags: ["statistics"],
        summary: "The cases behind one figure of the statistics (drill-down), newest first",
        querystring: statsCasesQuerySchema,
        response: { 200: statsCasesPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listFigureCases(db, contextOf(request), request.query),
  );
};
