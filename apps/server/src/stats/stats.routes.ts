import { statisticsSchema, statsCasesPageSchema, statsCasesQuerySchema, statsQuerySchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { getStatistics, listFigureCases } from "./stats.service.js";

export const statsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
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
