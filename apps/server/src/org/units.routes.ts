import {
  unitDetailSchema,
  unitImportResultSchema,
  unitInputSchema,
  unitSchema,
  unitUpdateSchema,
} from "@estate-desk/domain";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { pageQuerySchema, pageSchema } from "../http/paging.js";
import { idParamsSchema, queryBoolean, querySearchText } from "../http/params.js";
import { buildUnitImportTemplate, IMPORT_MAX_BYTES, importUnits, XLSX_CONTENT_TYPE } from "./unit-import.js";
import * as units from "./units.service.js";

const IMPORT_FIELD = "file";

/** The one uploaded file of a multipart request, read into memory (at most IMPORT_MAX_BYTES). */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  const part = await request.file();
  if (!part) throw missingFile();
  // Read it even when misnamed: an unread upload would stall the request.
  const buffer = await part.toBuffer();
  // As for photos: a truncation signalled after the buffer resolved is still too large.
  if (part.file.truncated || buffer.length > IMPORT_MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE");
  if (part.fieldname !== IMPORT_FIELD) throw missingFile();
  return buffer;
}

function missingFile(): AppError {
  return new AppError("VALIDATION_FAILED", {
    issues: [
      { path: `body/${IMPORT_FIELD}`, message: `an .xlsx file in the form field "${IMPORT_FIELD}" is required` },
    ],
  });
}

export const unitsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  // Registered here, not for the whole app: only the import accepts uploads.
  await app.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES + 1, files: 1 } });

  app.get(
    "/api/units",
    {
      config: { access: "estates.read" },
      schema: {
        tags: ["organisation"],
        summary: "Units (房号) the user may see, by building and number; q matches the unit number",
        querystring: pageQuerySchema.extend({
          estateId: z.uuid().optional(),
          buildingId: z.uuid().optional(),
          q: querySearchText,
          active: queryBoolean,
        }),
        response: { 200: pageSchema(unitSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => units.listUnits(db, contextOf(request), request.query),
  );

  app.get(
    "/api/units/import-template",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "The .xlsx template for importing buildings and units: 楼栋 | 房号 | 楼层 | 面积(㎡)",
        // The file, or a JSON error.
        produces: [XLSX_CONTENT_TYPE, "application/json"],
        response: { 200: z.unknown().describe("The .xlsx file"), ...errorResponses(401, 403) },
      },
    },
    async (_request, reply) =>
      reply
        .type(XLSX_CONTENT_TYPE)
        .header(
          "content-disposition",
          `attachment; filename="units-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent("房号导入模板.xlsx")}`,
        )
        .send(await buildUnitImportTemplate()),
  );

  app.get(
    "/api/units/:id",
    {
      config: { access: "estates.read" },
      schema: {
        tags: ["organisation"],
        summary: "One unit with the residents living in it",
        params: idParamsSchema,
        response: { 200: unitDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => units.getUnitDetail(db, contextOf(request), request.params.id),
  );

  app.post(
    "/api/units",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Add a unit to a building",
        body: unitInputSchema,
        response: { 201: unitSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await units.createUnit(db, contextOf(request), request.body)),
  );

  app.patch(
    "/api/units/:id",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Change or deactivate a unit",
        params: idParamsSchema,
        body: unitUpdateSchema,
        response: { 200: unitSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => units.updateUnit(db, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/units/:id",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary: "Delete a unit nothing refers to (otherwise 409: deactivate it)",
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await units.deleteUnit(db, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/estates/:estateId/units/import",
    {
      config: { access: "estates.manage" },
      schema: {
        tags: ["organisation"],
        summary:
          "Import buildings and units from an .xlsx sheet (multipart field `file`, ≤ 5 MB): every row is " +
          "checked first and nothing is written if one is wrong (422); existing units are skipped",
        consumes: ["multipart/form-data"],
        params: z.object({ estateId: z.uuid() }),
        querystring: z.object({
          dryRun: queryBoolean.describe("true: check and count only, write nothing (default false)"),
        }),
        response: { 200: unitImportResultSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const file = await uploadedFile(request);
      return importUnits(db, contextOf(request), request.params.estateId, file, request.query.dryRun ?? false);
    },
  );
};
