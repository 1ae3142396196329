import {
  callbackCreateInputSchema,
  callbackExemptionInputSchema,
  callbackExemptionSchema,
  callbackHistorySchema,
  callbackPlanAssignInputSchema,
  callbackPlanSchema,
  callbackPlanStatusSchema,
  callbackRatesSchema,
  callbackResultInputSchema,
  callbackSchema,
  callbackSettingsSchema,
  callbackUpdateInputSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { sendUpload } from "../files/files.service.js";
import { nowIso } from "../http/clock.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import {
  addNewComplaintsToPlan,
  assignPlan,
  getCallbackSettings,
  getPlan,
  listPlans,
  listWorklist,
  proposeWeeklyPlan,
  setCallbackSettings,
} from "./callback-plan.js";
import { computeRates } from "./callback-rates.js";
import {
  createCallback,
  findCallbackSignature,
  findExemptionLetter,
  getCallback,
  getCaseCallbacks,
  getTopicCallbacks,
  getWorkOrderCallbacks,
  recordCallback,
  recordExemption,
  updateCallback,
} from "./callbacks.service.js";

const TAGS = ["callbacks"];
const planListItemSchema = z.object({
  id: z.string(),
  weekStart: z.string(),
  status: callbackPlanStatusSchema,
  proposedAt: z.string(),
  reviewedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const callbacksRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db, files }) => {
  app.post(
    "/api/callbacks",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary:
          "Plan a callback on a complaint, dispatch order or suggestion topic (caller, due), or record one performed (`result`): on site with the resident's signature, phone or letter (R-4.4.3, R-4.4.4, R-4.9.1, R-4.9.2)",
        body: callbackCreateInputSchema,
        response: { 201: callbackSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createCallback(db, contextOf(request), request.body)),
  );

  app.get(
    "/api/callbacks/:id",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary: "One callback",
        params: idParamsSchema,
        response: { 200: callbackSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getCallback(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/callbacks/:id/record",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary:
          "Record a planned callback: reached or not, satisfaction, opinion, signature on site, an appointed reply for what cannot be answered at once (R-4.9.1). Satisfied closes the complaint or dispatch order; dissatisfied raises a nonconformity candidate",
        params: idParamsSchema,
        body: callbackResultInputSchema,
        response: { 200: callbackSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => recordCallback(db, contextOf(request), request.params.id, request.body),
  );

  app.patch(
    "/api/callbacks/:id",
    {
      config: { access: "callbacks.plan" },
      schema: {
        tags: TAGS,
        summary: "Change a planned callback: caller, method, due; or take it out of the plan (R-4.4.2)",
        params: idParamsSchema,
        body: callbackUpdateInputSchema,
        response: { 200: callbackSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateCallback(db, contextOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/callbacks/:id/signature",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary: "The resident's signature of an on-site callback (R-4.4.4)",
        params: idParamsSchema,
        produces: ["image/png", "image/jpeg", "image/webp", "application/json"],
        response: { 200: z.unknown().describe("The image bytes"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendUpload(reply, files, await findCallbackSignature(db, contextOf(request), request.params.id)),
  );

  app.get(
    "/api/callback-worklist",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary:
          "Planned callbacks to make: `mine` (the caller's list), `all` or `unassigned` (customer-service head), with the resident's phone and the case summary",
        querystring: z.object({ scope: z.enum(["mine", "all", "unassigned"]).default("mine") }),
        response: { 200: z.object({ items: z.array(callbackSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      if (request.query.scope !== "mine" && !context.actor.permissions.has("callbacks.plan")) {
        throw new AppError("FORBIDDEN", { scope: request.query.scope });
      }
      return { items: await listWorklist(db, context, request.query.scope) };
    },
  );

  app.get(
    "/api/cases/:id/callbacks",
    {
      config: { access: "cases.read" },
      schema: {
        tags: TAGS,
        summary:
          "The callback section of a complaint (QR-023) or repair (QR-024): every callback in order, and the exemption with its reply letter",
        params: idParamsSchema,
        response: { 200: callbackHistorySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getCaseCallbacks(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/cases/:id/callback-exemption",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary:
          "Exempt a complaint from its callback (R-4.4.5): no contact details, declined, or a written reply only; the reply letter (PDF or image) is required. A complaint awaiting its callback closes",
        params: idParamsSchema,
        body: callbackExemptionInputSchema,
        response: { 201: callbackExemptionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordExemption(db, contextOf(request), request.params.id, request.body)),
  );

  app.get(
    "/api/cases/:id/callback-exemption/letter",
    {
      config: { access: "cases.read" },
      schema: {
        tags: TAGS,
        summary: "The reply letter of an exempt complaint (R-4.4.5)",
        params: idParamsSchema,
        produces: ["application/pdf", "image/png", "image/jpeg", "image/webp", "application/json"],
        response: { 200: z.unknown().describe("The letter's bytes"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendUpload(reply, files, await findExemptionLetter(db, contextOf(request), request.params.id)),
  );

  app.get(
    "/api/work-orders/:id/callbacks",
    {
      config: { access: "cases.read" },
      schema: {
        tags: TAGS,
        summary: "The callbacks of a dispatch order (QR-024 callback section, R-4.6.2)",
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(callbackSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await getWorkOrderCallbacks(db, contextOf(request), request.params.id) }),
  );

  app.get(
    "/api/suggestion-topics/:id/callbacks",
    {
      config: { access: "cases.read" },
      schema: {
        tags: TAGS,
        summary: "The callbacks of a suggestion topic (R-4.7.3)",
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(callbackSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await getTopicCallbacks(db, contextOf(request), request.params.id) }),
  );

  app.get(
    "/api/callback-plans",
    {
      config: { access: "callbacks.plan" },
      schema: {
        tags: TAGS,
        summary: "The weekly callback plans, newest first (R-4.4.2)",
        response: { 200: z.object({ items: z.array(planListItemSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listPlans(db, contextOf(request)) }),
  );

  app.post(
    "/api/callback-plans",
    {
      config: { access: "callbacks.plan" },
      schema: {
        tags: TAGS,
        summary:
          "Propose this week's plan now instead of waiting for the scheduled time (201); when the week has its plan, add the complaints that reached awaiting callback since (200)",
        response: { 200: callbackPlanSchema, 201: callbackPlanSchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const now = nowIso();
      const planId = await proposeWeeklyPlan(db, context.actor.orgId, now, { force: true });
      if (planId) return reply.code(201).send(await getPlan(db, context, planId));
      const existing = await addNewComplaintsToPlan(db, context, now);
      if (!existing) throw new AppError("INVALID_TRANSITION", { reason: "this week's plan is closed" });
      return reply.code(200).send(await getPlan(db, context, existing));
    },
  );

  app.get(
    "/api/callback-plans/:id",
    {
      config: { access: "callbacks.plan" },
      schema: {
        tags: TAGS,
        summary:
          "A weekly plan with its items: complaints awaiting callback, the seeded sample of last week's dispatch orders with why each was taken, topics",
        params: idParamsSchema,
        response: { 200: callbackPlanSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getPlan(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/callback-plans/:id/assign",
    {
      config: { access: "callbacks.plan" },
      schema: {
        tags: TAGS,
        summary: "Assign plan items to callers (and confirm the reviewed plan) (R-4.4.2)",
        params: idParamsSchema,
        body: callbackPlanAssignInputSchema,
        response: { 200: callbackPlanSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => assignPlan(db, contextOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/callback-rates",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary:
          "Callback rates against targets for a week or month (R-4.4.6 complaints ≥ 90 %, exempt counted apart; R-4.6.1 repairs), per estate and caller",
        querystring: z.object({
          period: z.enum(["week", "month"]).default("week"),
          at: z.iso
            .date()
            .refine((day) => day >= "1970-01-01" && day <= "2999-12-31", "a day between 1970 and 2999")
            .optional()
            .describe("A day in the period (organisation's time zone); default today"),
        }),
        response: { 200: callbackRatesSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const now = nowIso();
      return computeRates(db, contextOf(request).actor, request.query.period, request.query.at ?? now, now);
    },
  );

  app.get(
    "/api/settings/callbacks",
    {
      config: { access: "callbacks.manage" },
      schema: {
        tags: TAGS,
        summary: "When the weekly plan is proposed, the repair rate (≥ 30 %) and the topic rate (R-4.6.1, R-4.7.3)",
        response: { 200: callbackSettingsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => getCallbackSettings(db, contextOf(request).actor.orgId),
  );

  app.put(
    "/api/settings/callbacks",
    {
      config: { access: "callbacks.plan" },
      schema: {
        tags: TAGS,
        summary: "Change the callback settings (customer-service head)",
        body: callbackSettingsSchema,
        response: { 200: callbackSettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => setCallbackSettings(db, contextOf(request), request.body),
  );
};
