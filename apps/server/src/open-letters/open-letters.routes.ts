import {
  openLetterInputSchema,
  openLetterListItemSchema,
  openLetterPublishSchema,
  openLetterSchema,
  openLetterStatusSchema,
  portalOpenLetterSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import {
  createLetter,
  getLetter,
  getPortalLetter,
  listLetters,
  listPortalLetters,
  publishLetter,
  updateLetter,
  withdrawLetter,
} from "./open-letters.service.js";

export const openLettersRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/open-letters",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["open-letters"],
        summary: "The open letters of the callback archive (R-4.10.1) addressed to one's estates, newest first",
        querystring: z.object({ status: openLetterStatusSchema.optional() }),
        response: { 200: z.object({ items: z.array(openLetterListItemSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listLetters(db, contextOf(request), request.query.status),
  );

  app.post(
    "/api/open-letters",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["open-letters"],
        summary:
          "Write an open letter (a draft): rich text cut down to a small allow-list of tags, linked to a topic or cases, for chosen estates",
        body: openLetterInputSchema,
        response: { 201: openLetterSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const id = await createLetter(db, context, request.body);
      return reply.code(201).send(await getLetter(db, context, id));
    },
  );

  app.get(
    "/api/open-letters/:id",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["open-letters"],
        summary: "An open letter with its estates and linked cases (also the printable notice)",
        params: idParamsSchema,
        response: { 200: openLetterSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getLetter(db, contextOf(request), request.params.id),
  );

  app.put(
    "/api/open-letters/:id",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["open-letters"],
        summary: "Change a draft letter",
        params: idParamsSchema,
        body: openLetterInputSchema,
        response: { 200: openLetterSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await updateLetter(db, context, request.params.id, request.body);
      return getLetter(db, context, request.params.id);
    },
  );

  app.post(
    "/api/open-letters/:id/publish",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["open-letters"],
        summary:
          "Publish to the residents of the letter's estates; optionally answer the linked cases' planned callbacks with it",
        params: idParamsSchema,
        body: openLetterPublishSchema,
        response: { 200: openLetterSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await publishLetter(db, context, request.params.id, request.body);
      return getLetter(db, context, request.params.id);
    },
  );

  app.post(
    "/api/open-letters/:id/withdraw",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["open-letters"],
        summary: "Withdraw a published letter from the portal (it stays in the archive)",
        params: idParamsSchema,
        response: { 200: openLetterSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await withdrawLetter(db, context, request.params.id);
      return getLetter(db, context, request.params.id);
    },
  );

  app.get(
    "/api/portal/open-letters",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "Open letters published to the resident's estates (R-4.10.1), newest first",
        response: { 200: z.object({ items: z.array(portalOpenLetterSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => listPortalLetters(db, contextOf(request)),
  );

  app.get(
    "/api/portal/open-letters/:id",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "One open letter published to the resident's estates",
        params: idParamsSchema,
        response: { 200: portalOpenLetterSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getPortalLetter(db, contextOf(request), request.params.id),
  );
};
