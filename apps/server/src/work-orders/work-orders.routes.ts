import { idSchema, workerSchema, workOrderActionInputSchema, workOrderSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import { canSeeEstate } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { sendUpload } from "../files/files.service.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import { registerRepairExtras } from "./repair-extras.routes.js";
import { getWorkOrder, getWorkOrderFile, takeWorkOrderAction, urgeRepair } from "./work-order-workflow.service.js";
import * as repo from "./work-orders.repository.js";

const fileParamsSchema = z.object({ id: z.uuid(), uploadId: z.uuid() });
const OPEN_STATUSES = [
  "dispatched",
  "accepted",
  "assigned",
  "on_the_way",
  "on_site",
  "waiting",
  "awaiting_evaluation",
] as const;

/** Dispatch orders (QR-024) for staff and, under /api/portal, for the resident they concern. */
export const workOrdersRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db, files }) => {
  registerRepairExtras(app, db);
  app.get(
    "/api/work-orders/board",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary:
          "The repair team leader's dispatch board: open orders of an estate (urgent first) and its workers with their trades and load",
        querystring: z.object({ estateId: idSchema }),
        response: {
          200: z.object({ orders: z.array(workOrderSchema), workers: z.array(workerSchema) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const context = contextOf(request);
      const { estateId } = request.query;
      if (!context.actor.roles.includes("repair_lead")) throw new AppError("FORBIDDEN");
      if (!canSeeEstate(context.actor, estateId)) throw new AppError("NOT_FOUND", { entity: "estate" });
      const rows = await repo.listWorkOrders(db, {
        orgId: context.actor.orgId,
        estateIds: [estateId],
        statuses: OPEN_STATUSES,
        limit: 200,
      });
      const orders = [];
      for (const row of rows) orders.push(await getWorkOrder(db, context, row.id));
      return { orders, workers: await repo.findWorkers(db, context.actor.orgId, estateId) };
    },
  );

  app.get(
    "/api/work-orders/mine",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "A repair worker's open orders, urgent first",
        response: { 200: z.object({ items: z.array(workOrderSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      const rows = await repo.listWorkOrders(db, {
        orgId: context.actor.orgId,
        estateIds: "all",
        statuses: ["assigned", "on_the_way", "on_site", "waiting", "awaiting_evaluation"],
        workerId: context.actor.userId,
        limit: 100,
      });
      const items = [];
      for (const row of rows) items.push(await getWorkOrder(db, context, row.id));
      return { items };
    },
  );

  // The same order is read and acted on by staff and, under /api/portal, by the resident it
  // concerns; the service decides visibility and which steps each may take.
  const scopes = [
    { prefix: "/api/work-orders", access: "cases.read", tag: "repairs" },
    { prefix: "/api/portal/work-orders", access: "portal.use", tag: "portal" },
  ] as const;
  for (const { prefix, access, tag } of scopes) {
    app.get(
      `${prefix}/:id`,
      {
        config: { access },
        schema: {
          tags: [tag],
          summary: "A dispatch order (QR-024) with every section and the steps the user may take",
          params: idParamsSchema,
          response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getWorkOrder(db, contextOf(request), request.params.id),
    );

    app.post(
      `${prefix}/:id/actions`,
      {
        config: { access },
        schema: {
          tags: [tag],
          summary:
            "Take a step of the repair: accept, assign, transfer, start, arrive, wait, resume, complete (with the customer's evaluation and signature), evaluate, revisit, return to the leader, cancel, give up, close (R-4.5)",
          params: idParamsSchema,
          body: workOrderActionInputSchema,
          response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const context = contextOf(request);
        await takeWorkOrderAction(db, context, request.params.id, request.body);
        return getWorkOrder(db, context, request.params.id, { afterOwnStep: true });
      },
    );

    app.get(
      `${prefix}/:id/files/:uploadId`,
      {
        config: { access },
        schema: {
          tags: [tag],
          summary: "A photo or the customer's signature on a dispatch order",
          params: fileParamsSchema,
          response: { 200: z.any().describe("image bytes"), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) =>
        sendUpload(
          reply,
          files,
          await getWorkOrderFile(db, contextOf(request), request.params.id, request.params.uploadId),
        ),
    );
  }

  app.post(
    "/api/portal/work-orders/:id/urge",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary:
          "Urge an open repair (催单): once per the organisation's interval (default two hours); the team leader is told",
        params: idParamsSchema,
        response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await urgeRepair(db, context, request.params.id);
      return getWorkOrder(db, context, request.params.id);
    },
  );
};
