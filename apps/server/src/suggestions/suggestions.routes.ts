import {
  classifySuggestionsSchema,
  suggestionWeekSchema,
  topicAnswerSchema,
  topicCreateSchema,
  topicListItemSchema,
  topicListQuerySchema,
  topicSchema,
  topicUpdateSchema,
  weekQuerySchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import {
  answerTopic,
  classifySuggestions,
  createTopic,
  getSuggestionWeek,
  getTopic,
  listTopics,
  notifyTopic,
  updateTopic,
} from "./suggestions.service.js";

export const suggestionsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/suggestions/week",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["suggestions"],
        summary:
          "The weekly classification screen (R-4.7.1): the opinions and suggestions received in a week, their classification and topic, and groupings proposed by textual similarity",
        querystring: weekQuerySchema,
        response: { 200: suggestionWeekSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => getSuggestionWeek(db, contextOf(request), request.query.weekStart),
  );

  app.post(
    "/api/suggestions/classifications",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["suggestions"],
        summary: "Classify opinions and suggestions of a week (R-4.7.1)",
        body: classifySuggestionsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await classifySuggestions(db, contextOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/suggestion-topics",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["suggestions"],
        summary: "Suggestion topics (R-4.7.2), of one week if given; handlers see theirs",
        querystring: topicListQuerySchema,
        response: { 200: z.object({ items: z.array(topicListItemSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listTopics(db, contextOf(request), request.query.weekStart),
  );

  app.post(
    "/api/suggestion-topics",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["suggestions"],
        summary: "Group several opinions about the same problem into one topic (R-4.7.2)",
        body: topicCreateSchema,
        response: { 201: topicSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const id = await createTopic(db, context, request.body);
      return reply.code(201).send(await getTopic(db, context, id));
    },
  );

  app.get(
    "/api/suggestion-topics/:id",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["suggestions"],
        summary: "A topic with its source cases and open letters",
        params: idParamsSchema,
        response: { 200: topicSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getTopic(db, contextOf(request), request.params.id),
  );

  app.patch(
    "/api/suggestion-topics/:id",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["suggestions"],
        summary: "Change a topic: title, classification, who handles it, its source cases",
        params: idParamsSchema,
        body: topicUpdateSchema,
        response: { 200: topicSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await updateTopic(db, context, request.params.id, request.body);
      return getTopic(db, context, request.params.id);
    },
  );

  app.post(
    "/api/suggestion-topics/:id/notify",
    {
      config: { access: "suggestions.manage" },
      schema: {
        tags: ["suggestions"],
        summary: "Notify the handler and the department heads who must handle the topic (R-4.7.1)",
        params: idParamsSchema,
        response: { 200: topicSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await notifyTopic(db, context, request.params.id);
      return getTopic(db, context, request.params.id);
    },
  );

  app.post(
    "/api/suggestion-topics/:id/answer",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["suggestions"],
        summary: "Record the topic's answer (its handler, department or customer service)",
        params: idParamsSchema,
        body: topicAnswerSchema,
        response: { 200: topicSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const context = contextOf(request);
      await answerTopic(db, context, request.params.id, request.body.answer);
      return getTopic(db, context, request.params.id);
    },
  );
};
