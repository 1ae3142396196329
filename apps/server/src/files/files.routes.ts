import { MAX_UPLOAD_BYTES, uploadSchema } from "@estate-desk/domain";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import type { FileStore } from "./file-store.js";
import * as uploads from "./files.service.js";

const FILE_FIELD = "file";

/** The one uploaded file of a multipart request, read into memory (at most MAX_UPLOAD_BYTES). */
async function uploadedFile(request: FastifyRequest): Promise<uploads.IncomingFile> {
  const part = await request.file();
  if (!part) throw missingFile();
  // Read it even when misnamed: an unread upload would stall the request.
  const bytes = await part.toBuffer();
  // toBuffer() normally throws at the limit, but the truncation can be signalled after the
  // buffer resolved (seen under load): never take a cut-off file for a whole one.
  if (part.file.truncated || bytes.length > MAX_UPLOAD_BYTES) throw new AppError("PAYLOAD_TOO_LARGE");
  if (part.fieldname !== FILE_FIELD) throw missingFile();
  return { bytes, fileName: part.filename };
}

function missingFile(): AppError {
  return new AppError("VALIDATION_FAILED", {
    issues: [{ path: `body/${FILE_FIELD}`, message: `an image in the form field "${FILE_FIELD}" is required` }],
  });
}

export const filesRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db, files }) => {
  // Registered here, not for the whole app: only these routes accept uploads, with their own limit.
  // One byte over the limit is read, so that a cut-off file is always longer than an allowed one.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } });

  app.post(
    "/api/files",
    {
      config: { access: "files.upload" },
      schema: {
        tags: ["files"],
        summary:
          "Upload a photo (multipart field `file`): JPEG, PNG or WebP by its bytes, ≤ 10 MB, ≤ 12000 px a side; " +
          "or a PDF reply letter (R-4.4.5), never attachable as a photo. " +
          "Neither → 415, damaged → 400, too big → 413",
        consumes: ["multipart/form-data"],
        response: { 201: uploadSchema, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const file = await uploadedFile(request);
      return reply.code(201).send(await uploads.saveUpload(db, files, contextOf(request), file));
    },
  );

  app.get(
    "/api/files/:id",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["files"],
        summary: "The bytes of a photo you uploaded (photos attached to a case are served through the case)",
        params: idParamsSchema,
        produces: ["image/jpeg", "image/png", "image/webp", "application/pdf", "application/json"],
        response: { 200: z.unknown().describe("The image bytes"), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const upload = await uploads.getOwnUpload(db, contextOf(request).actor, request.params.id);
      return uploads.sendUpload(reply, files, upload);
    },
  );
};
