import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { listLeases } from "./job-leases.repository.js";

const jobLeaseSchema = z
  .object({
    name: z.string(),
    holder: z.string().nullable().describe("The server process that ran it last (`host:pid:random`)"),
    leaseUntil: z.string().nullable().describe("No other instance starts the job before this instant"),
    lastStartedAt: z.string().nullable(),
    lastFinishedAt: z.string().nullable(),
    lastError: z.string().nullable().describe("The error of the last run; null when it succeeded"),
    runCount: z.number().int(),
  })
  .describe("ScheduledJobLease");

/** The operators' view of the scheduled jobs: whether they run, where, and how the last run ended. */
export const schedulerRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/scheduler/jobs",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["operations"],
        summary: "Scheduled jobs with their lease: last start and finish, last error, number of runs",
        response: { 200: z.object({ items: z.array(jobLeaseSchema) }), ...errorResponses(401, 403) },
      },
    },
    async () => ({
      items: (await listLeases(db)).map((row) => ({
        name: row.job_name,
        holder: row.holder,
        leaseUntil: row.lease_until,
        lastStartedAt: row.last_started_at,
        lastFinishedAt: row.last_finished_at,
        lastError: row.last_error,
        runCount: row.run_count,
      })),
    }),
  );
};
