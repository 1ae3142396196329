import {
  caseDetailSchema,
  complaintActionInputSchema,
  HANDLING_QUEUES,
  handlingQueueItemSchema,
  majorComplaintRulesSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import { getCaseDetail } from "../cases/register.service.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema } from "../http/params.js";
import { listHandlingQueue } from "./complaint-queues.js";
import { takeComplaintAction } from "./complaint-workflow.service.js";
import { getMajorComplaintRules, setMajorComplaintRules } from "./major-complaints.js";

export const complaintsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    "/api/cases/:id/actions",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["complaints"],
        summary:
          "Take a step of complaint handling: accept, assign, return the result, check, reassign, involve, coordinate, flag major, sign off, pause, resume, follow up, withdraw, close, reopen (R-4.3)",
        params: idParamsSchema,
        body: complaintActionInputSchema,
        response: { 200: caseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await takeComplaintAction(db, context, request.params.id, request.body);
      return getCaseDetail(db, context, request.params.id);
    },
  );

  app.get(
    "/api/complaints/queue",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["complaints"],
        summary:
          "Complaint sections to work on: `department` (the inbox of one's departments), `mine` (assigned to me), `tracking` (customer service's follow-up list, R-4.3.2); oldest first",
        querystring: pageQuerySchema.extend({ queue: z.enum(HANDLING_QUEUES) }),
        response: { 200: pageSchema(handlingQueueItemSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      listHandlingQueue(db, contextOf(request), request.query.queue, {
        cursor: request.query.cursor,
        limit: request.query.limit,
      }),
  );

  app.get(
    "/api/settings/major-complaints",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["complaints"],
        summary: "The rules that make a complaint major (R-4.3.4): categories, repeats from one unit, sources",
        response: { 200: majorComplaintRulesSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => getMajorComplaintRules(db, contextOf(request).actor.orgId),
  );

  app.put(
    "/api/settings/major-complaints",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["complaints"],
        summary: "Change the major-complaint rules",
        body: majorComplaintRulesSchema,
        response: { 200: majorComplaintRulesSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => setMajorComplaintRules(db, contextOf(request), request.body),
  );
};
