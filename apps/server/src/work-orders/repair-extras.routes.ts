import {
  dutyInputSchema,
  dutySchema,
  expectedArrivalInputSchema,
  idSchema,
  priceItemInputSchema,
  priceItemSchema,
  priceItemUpdateSchema,
  quoteApprovalInputSchema,
  quoteInputSchema,
  repairDispatchRuleInputSchema,
  repairDispatchRuleSchema,
  repairSettingsSchema,
  warrantyInputSchema,
  workOrderSchema,
} from "@estate-desk/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import {
  approveQuote,
  createPriceItem,
  deletePriceItem,
  listPriceItems,
  markWarranty,
  recordQuote,
  setExpectedArrival,
  updatePriceItem,
} from "./repair-billing.service.js";
import {
  deleteDispatchRule,
  getRepairSettings,
  isOnDuty,
  listClaimable,
  listDispatchRules,
  setDispatchRule,
  setOnDuty,
  setRepairSettings,
} from "./repair-dispatch.service.js";
import { getWorkOrder } from "./work-order-workflow.service.js";

/**
 * Issue #5, second part: the pool (抢单), the on-duty switch, dispatch rules, the price list,
 * quotes and their approval, warranty, the expected arrival and the urge interval.
 */
export function registerRepairExtras(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/work-orders/pool",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary:
          "Orders in the pool the signed-in worker may claim (抢单): of their estates and trades, before the limit",
        response: { 200: z.object({ items: z.array(workOrderSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      const items = [];
      for (const row of await listClaimable(db, context.actor)) items.push(await getWorkOrder(db, context, row.id));
      return { items };
    },
  );

  r.get(
    "/api/work-orders/duty",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "Whether the signed-in worker is on duty (automatic dispatch skips workers off duty)",
        response: { 200: dutySchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ onDuty: await isOnDuty(db, contextOf(request).actor.userId) }),
  );

  r.put(
    "/api/work-orders/duty",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "The worker switches themselves on or off duty on their phone",
        body: dutyInputSchema,
        response: { 200: dutySchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      if (!context.actor.roles.includes("repair_worker")) throw new AppError("FORBIDDEN");
      return { onDuty: await setOnDuty(db, context, request.body.onDuty) };
    },
  );

  r.post(
    "/api/work-orders/:id/quote",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary:
          "Record the quote of a paid repair in a private unit (labour and material lines against the estate's price list; free lines with a reason). Withdraws an earlier approval",
        params: idParamsSchema,
        body: quoteInputSchema,
        response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await recordQuote(db, context, request.params.id, request.body);
      return getWorkOrder(db, context, request.params.id);
    },
  );

  r.post(
    "/api/work-orders/:id/warranty",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "Mark a private unit's repair as a free warranty repair: any quote is withdrawn, no charge possible",
        params: idParamsSchema,
        body: warrantyInputSchema,
        response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await markWarranty(db, context, request.params.id, request.body.comment);
      return getWorkOrder(db, context, request.params.id);
    },
  );

  r.post(
    "/api/work-orders/:id/expected-arrival",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "The leader or worker tells the resident when the worker expects to arrive",
        params: idParamsSchema,
        body: expectedArrivalInputSchema,
        response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await setExpectedArrival(db, context, request.params.id, request.body.expectedArrivalAt);
      return getWorkOrder(db, context, request.params.id);
    },
  );

  // The customer approves the quote on the worker's phone, or as the resident in the portal.
  for (const { prefix, access, tag } of [
    { prefix: "/api/work-orders", access: "cases.read", tag: "repairs" },
    { prefix: "/api/portal/work-orders", access: "portal.use", tag: "portal" },
  ] as const) {
    r.post(
      `${prefix}/:id/quote/approve`,
      {
        config: { access },
        schema: {
          tags: [tag],
          summary: "The customer approves the paid repair's quote with their signature, before work starts",
          params: idParamsSchema,
          body: quoteApprovalInputSchema,
          response: { 200: workOrderSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const context = contextOf(request);
        await approveQuote(db, context, request.params.id, request.body.signatureId);
        return getWorkOrder(db, context, request.params.id);
      },
    );
  }

  r.get(
    "/api/repair-settings",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "The organisation's repair settings: how often a resident may urge a repair",
        response: { 200: repairSettingsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => getRepairSettings(db, contextOf(request).actor.orgId),
  );

  r.put(
    "/api/repair-settings",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Set the organisation's repair settings (urge interval in minutes, default 120)",
        body: repairSettingsSchema,
        response: { 200: repairSettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => setRepairSettings(db, contextOf(request), request.body),
  );

  r.get(
    "/api/repair-dispatch-rules",
    {
      config: { access: "repairs.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Dispatch modes per estate and category: leader assigns, pool (抢单) with a claim limit, automatic",
        response: { 200: z.object({ items: z.array(repairDispatchRuleSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listDispatchRules(db, contextOf(request).actor) }),
  );

  r.put(
    "/api/repair-dispatch-rules",
    {
      config: { access: "repairs.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Set the dispatch mode of an estate, or of one repair category in it",
        body: repairDispatchRuleInputSchema,
        response: { 200: repairDispatchRuleSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setDispatchRule(db, contextOf(request), request.body),
  );

  r.delete(
    "/api/repair-dispatch-rules/:id",
    {
      config: { access: "repairs.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Remove a dispatch rule: the estate's rule (or the leader) applies again",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteDispatchRule(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/api/repair-price-items",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["repairs"],
        summary: "An estate's repair price list (labour and materials, prices in fen)",
        querystring: z.object({ estateId: idSchema }),
        response: { 200: z.object({ items: z.array(priceItemSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await listPriceItems(db, contextOf(request).actor, request.query.estateId) }),
  );

  r.post(
    "/api/repair-price-items",
    {
      config: { access: "repairs.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Add an item to an estate's repair price list",
        body: priceItemInputSchema,
        response: { 201: priceItemSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await createPriceItem(db, contextOf(request), request.body)),
  );

  r.patch(
    "/api/repair-price-items/:id",
    {
      config: { access: "repairs.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Change a price list item (recorded quotes keep the price they were made with)",
        params: idParamsSchema,
        body: priceItemUpdateSchema,
        response: { 200: priceItemSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => updatePriceItem(db, contextOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/repair-price-items/:id",
    {
      config: { access: "repairs.manage" },
      schema: {
        tags: ["repairs"],
        summary: "Remove a price list item",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deletePriceItem(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
