import type { ErrorCode } from "@estate-desk/domain";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, errorBody } from "./errors.js";

/** Fastify's own error codes that are the client's fault, and what they mean to our clients. */
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_CTP_EMPTY_JSON_BODY: "VALIDATION_FAILED",
  FST_ERR_CTP_INVALID_JSON_BODY: "VALIDATION_FAILED",
  FST_REQ_FILE_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_FILES_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_PARTS_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_FIELDS_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_INVALID_MULTIPART_CONTENT_TYPE: "UNSUPPORTED_MEDIA_TYPE",
};

/**
 * Every error leaves as `{ error: { code, message, messageEn, details } }`. Expected errors
 * are 4xx; anything else is logged and answered with a bare 500 (no stack, no internals).
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send(errorBody(error.code, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        path: `${error.validationContext ?? ""}${issue.instancePath}`,
        message: issue.message,
      }));
      return reply.code(400).send(errorBody("VALIDATION_FAILED", { issues }));
    }
    const mapped = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (mapped) {
      const status = mapped === "VALIDATION_FAILED" ? 400 : mapped === "PAYLOAD_TOO_LARGE" ? 413 : 415;
      return reply.code(status).send(errorBody(mapped));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code: ErrorCode = status === 404 ? "NOT_FOUND" : status === 429 ? "RATE_LIMITED" : "VALIDATION_FAILED";
      return reply.code(status === 404 || status === 429 ? status : 400).send(errorBody(code));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send(errorBody("INTERNAL"));
  });
}
