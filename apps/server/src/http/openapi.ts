import { ERRORS, type ErrorCode } from "@estate-desk/domain";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().describe("Chinese (zh-CN) message"),
      messageEn: z.string().describe("English message"),
      details: z.unknown().optional(),
    }),
  })
  .describe("Error");

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429;

/** Response schemas for the error statuses a route can answer, for the OpenAPI document. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorSchema])) as Record<S, typeof errorSchema>;
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Estate Desk API",
        description:
          "物业服务台 — complaints, repair requests and suggestions. Errors are " +
          '`{ "error": { "code", "message", "messageEn", "details" } }`. Writes need the ' +
          "`X-CSRF-Token` header returned by sign-in and `/api/auth/me`.",
        version,
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "ed_session" } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
}
