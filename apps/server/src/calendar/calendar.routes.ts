import {
  businessCalendarSettingsResponseSchema,
  businessCalendarSettingsSchema,
  calendarDateSchema,
  calendarDayInputSchema,
  calendarDaySchema,
  deadlinePolicyInputSchema,
  deadlinePolicySchema,
  deadlinePolicyUpdateSchema,
  MAX_POLICY_MINUTES,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import * as calendar from "./calendar.service.js";

const yearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const dayParamsSchema = z.object({ day: calendarDateSchema });
const calendarDaysSchema = z.object({
  items: z.array(calendarDaySchema),
  /** "built-in": the State Council list, until the organisation first edits its calendar. */
  source: z.enum(["organisation", "built-in"]),
});

/** Issue #4 item 6: the business calendar and deadline policies that working-time deadlines are counted on. */
export const calendarRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/calendar",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["settings"],
        summary: "Working hours of the business calendar, its time zone, and which years have holidays",
        response: { 200: businessCalendarSettingsResponseSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => calendar.getCalendarSettings(db, contextOf(request)),
  );

  app.put(
    "/api/calendar",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Set the working hours per weekday and of make-up working days (调休)",
        body: businessCalendarSettingsSchema,
        response: { 200: businessCalendarSettingsResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => calendar.updateCalendarSettings(db, contextOf(request), request.body),
  );

  app.get(
    "/api/calendar/days",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["settings"],
        summary: "The holidays and make-up working days of a year, by date",
        querystring: yearQuerySchema,
        response: { 200: calendarDaysSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => calendar.listCalendarDays(db, contextOf(request), request.query.year),
  );

  app.put(
    "/api/calendar/days/:day",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Make a date a holiday or a make-up working day",
        params: dayParamsSchema,
        body: calendarDayInputSchema,
        response: { 200: calendarDaySchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => calendar.setCalendarDay(db, contextOf(request), request.params.day, request.body),
  );

  app.delete(
    "/api/calendar/days/:day",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Make a date an ordinary day of its weekday again",
        params: dayParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await calendar.deleteCalendarDay(db, contextOf(request), request.params.day);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/calendar/days/import-china",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Copy the State Council's holidays and make-up days of a year (404 for a year we have no data for)",
        querystring: yearQuerySchema,
        response: {
          200: calendarDaysSchema.omit({ source: true }).extend({ imported: z.int() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => calendar.importChinaCalendarYear(db, contextOf(request), request.query.year),
  );

  app.get(
    "/api/deadline-policies",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["settings"],
        summary: "The configured deadline policies (built-in defaults apply where none matches)",
        response: { 200: z.object({ items: z.array(deadlinePolicySchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => calendar.listDeadlinePolicies(db, contextOf(request)),
  );

  app.post(
    "/api/deadline-policies",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Create a deadline policy for a kind, optionally a category and an urgency",
        body: deadlinePolicyInputSchema,
        response: { 201: deadlinePolicySchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await calendar.createDeadlinePolicy(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/deadline-policies/:id",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Change the times of a deadline policy",
        params: idParamsSchema,
        body: deadlinePolicyUpdateSchema,
        response: { 200: deadlinePolicySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => calendar.updateDeadlinePolicy(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/deadline-policies/:id",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Delete a deadline policy (cases fall back to the next less specific one)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await calendar.deleteDeadlinePolicy(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/deadlines/preview",
    {
      config: { access: "org.read" },
      schema: {
        tags: ["settings"],
        summary: "When a number of working minutes after an instant falls due on the organisation's calendar",
        querystring: z.object({
          from: z.iso.datetime({ offset: true }),
          minutes: z.coerce.number().int().min(0).max(MAX_POLICY_MINUTES),
        }),
        response: { 200: z.object({ dueAt: z.string() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => calendar.previewDeadline(db, contextOf(request), request.query.from, request.query.minutes),
  );
};
