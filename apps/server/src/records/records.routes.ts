import {
  caseAddendumSchema,
  checkInspectionItemSchema,
  closeInspectionSchema,
  handoverDetailSchema,
  handoverMonthSchema,
  inspectionDetailSchema,
  inspectionSchema,
  newAddendumSchema,
  newTrackingCallSchema,
  openInspectionSchema,
  prepareHandoverSchema,
  receiveHandoverSchema,
  retentionSettingsSchema,
} from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { findUpload } from "../files/files.repository.js";
import { sendUpload } from "../files/files.service.js";
import { notFound } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { idParamsSchema } from "../http/params.js";
import { verifyAuditChain } from "./audit-chain-verify.js";
import {
  addAddendum,
  getHandover,
  listAddenda,
  listHandoverMonths,
  prepareHandover,
  receiveHandover,
} from "./handover.js";
import { exportOwnData, revealCaseContact, revealResidentContact } from "./privacy.service.js";
import {
  checkInspectionItem,
  closeInspection,
  getInspection,
  listInspections,
  openInspection,
  recordTrackingCall,
} from "./qa-inspection.js";
import { getRetentionSettings, setRetentionSettings } from "./retention.js";

const chainBreakSchema = z.object({
  entryId: z.string().nullable(),
  seq: z.number().nullable(),
  at: z.string().nullable(),
  reason: z.enum(["unchained", "gap", "previous_hash_mismatch", "hash_mismatch", "head_mismatch"]),
});

const revealedCaseContactSchema = z.object({
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  visitorName: z.string().nullable(),
  visitorPhone: z.string().nullable(),
  callbackPhone: z.string().nullable(),
});

/** Records control (R-4.12.1–R-4.12.3) and residents' personal information (PIPL). */
export const recordsRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db, files }) => {
  app.get(
    "/api/records/audit-chain",
    {
      config: { access: "audit.read" },
      schema: {
        tags: ["records"],
        summary: "Verifies the organisation's hash-chained audit log: intact, or the first broken entry (R-4.12.3)",
        response: {
          200: z.object({
            intact: z.boolean(),
            entries: z.number(),
            lastHash: z.string(),
            firstBreak: chainBreakSchema.nullable(),
            checkedAt: z.string(),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const result = await verifyAuditChain(db, contextOf(request).actor.orgId);
      return {
        intact: result.intact,
        entries: result.entries,
        lastHash: result.lastHash,
        firstBreak: result.firstBreak,
        checkedAt: new Date().toISOString(),
      };
    },
  );

  // --- Retention (R-4.12.3, QP-02) ---------------------------------------------------------
  app.get(
    "/api/settings/records-retention",
    {
      config: { access: "records.read" },
      schema: {
        tags: ["records"],
        summary: "Retention period per record type, in months (QP-02)",
        response: { 200: retentionSettingsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => getRetentionSettings(db, contextOf(request).actor.orgId),
  );
  app.put(
    "/api/settings/records-retention",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["records"],
        summary: "Change the retention periods",
        body: retentionSettingsSchema,
        response: { 200: retentionSettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => setRetentionSettings(db, contextOf(request), request.body),
  );

  // --- Monthly handover (R-4.12.2) -----------------------------------------------------------
  app.get(
    "/api/records/handovers",
    {
      config: { access: "records.read" },
      schema: {
        tags: ["records"],
        summary:
          "Months with their completed complaint records and handover, newest first (those without one are pending)",
        response: { 200: z.object({ items: z.array(handoverMonthSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listHandoverMonths(db, contextOf(request).actor.orgId) }),
  );
  app.post(
    "/api/records/handovers",
    {
      config: { access: "records.handover" },
      schema: {
        tags: ["records"],
        summary: "Hand a month's completed complaint records to QA as one batch; they are locked from now on",
        body: prepareHandoverSchema,
        response: { 201: handoverDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await prepareHandover(db, contextOf(request), request.body)),
  );
  app.get(
    "/api/records/handovers/:id",
    {
      config: { access: "records.read" },
      schema: {
        tags: ["records"],
        summary: "A handover batch with its records",
        params: idParamsSchema,
        response: { 200: handoverDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getHandover(db, contextOf(request).actor.orgId, request.params.id),
  );
  app.post(
    "/api/records/handovers/:id/receive",
    {
      config: { access: "records.inspect" },
      schema: {
        tags: ["records"],
        summary: "QA receives a handover batch and signs for it (signature image and/or written confirmation)",
        params: idParamsSchema,
        body: receiveHandoverSchema,
        response: { 200: handoverDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => receiveHandover(db, contextOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/records/handovers/:id/signature",
    {
      config: { access: "records.read" },
      schema: {
        tags: ["records"],
        summary: "The receiver's signature image of a handover batch",
        params: idParamsSchema,
        produces: ["image/jpeg", "image/png", "image/webp", "application/json"],
        response: { 200: z.unknown().describe("The image bytes"), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const orgId = contextOf(request).actor.orgId;
      const batch = await getHandover(db, orgId, request.params.id);
      const upload = batch.signatureUploadId ? await findUpload(db, orgId, batch.signatureUploadId) : undefined;
      if (!upload) throw notFound("signature");
      return sendUpload(reply, files, upload);
    },
  );
  app.get(
    "/api/cases/:id/addenda",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["records"],
        summary: "Corrections added to a case after its record was handed over: who, when, why, what",
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(caseAddendumSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await listAddenda(db, contextOf(request), request.params.id) }),
  );
  app.post(
    "/api/cases/:id/addenda",
    {
      config: { access: "cases.comment" },
      schema: {
        tags: ["records"],
        summary: "Add a correction (addendum) to a case: kept beside the record, never in place of it",
        params: idParamsSchema,
        body: newAddendumSchema,
        response: { 201: caseAddendumSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addAddendum(db, contextOf(request), request.params.id, request.body)),
  );

  // --- Monthly QA inspection (R-4.12.1) ------------------------------------------------------
  app.get(
    "/api/records/inspections",
    {
      config: { access: "records.read" },
      schema: {
        tags: ["records"],
        summary: "QA's monthly inspections of the register, newest month first",
        response: { 200: z.object({ items: z.array(inspectionSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listInspections(db, contextOf(request).actor.orgId) }),
  );
  app.post(
    "/api/records/inspections",
    {
      config: { access: "records.inspect" },
      schema: {
        tags: ["records"],
        summary:
          "Open the inspection of a month: draws a reproducible random sample of register entries (seed recorded)",
        body: openInspectionSchema,
        response: { 201: inspectionDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await openInspection(db, contextOf(request), request.body)),
  );
  app.get(
    "/api/records/inspections/:id",
    {
      config: { access: "records.read" },
      schema: {
        tags: ["records"],
        summary: "An inspection with its sampled entries, checklist answers, findings and tracking calls",
        params: idParamsSchema,
        response: { 200: inspectionDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getInspection(db, contextOf(request).actor.orgId, request.params.id),
  );
  app.put(
    "/api/records/inspections/:id/items/:itemId",
    {
      config: { access: "records.inspect" },
      schema: {
        tags: ["records"],
        summary: "Record the checklist answers and finding for one sampled entry",
        params: z.object({ id: z.uuid(), itemId: z.uuid() }),
        body: checkInspectionItemSchema,
        response: { 200: inspectionDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      checkInspectionItem(db, contextOf(request), request.params.id, request.params.itemId, request.body),
  );
  app.post(
    "/api/records/inspections/:id/calls",
    {
      config: { access: "records.inspect" },
      schema: {
        tags: ["records"],
        summary: "Record one call of QA's own tracking survey of residents",
        params: idParamsSchema,
        body: newTrackingCallSchema,
        response: { 201: inspectionDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordTrackingCall(db, contextOf(request), request.params.id, request.body)),
  );
  app.post(
    "/api/records/inspections/:id/close",
    {
      config: { access: "records.inspect" },
      schema: {
        tags: ["records"],
        summary: "Close an inspection with its summary once every sampled entry is checked",
        params: idParamsSchema,
        body: closeInspectionSchema,
        response: { 200: inspectionDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeInspection(db, contextOf(request), request.params.id, request.body.summary),
  );

  // --- Personal information (PIPL) ------------------------------------------------------------
  app.post(
    "/api/cases/:id/contact/reveal",
    {
      config: { access: "cases.read" },
      schema: {
        tags: ["records"],
        summary: "Reveal a case's full contact name and numbers; the reveal is recorded in the audit log",
        params: idParamsSchema,
        response: { 200: revealedCaseContactSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => revealCaseContact(db, contextOf(request), request.params.id),
  );
  app.post(
    "/api/residents/:id/reveal",
    {
      config: { access: "residents.read" },
      schema: {
        tags: ["records"],
        summary: "Reveal a resident's full name and numbers; the reveal is recorded in the audit log",
        params: idParamsSchema,
        response: {
          200: z.object({ name: z.string(), phone: z.string(), altPhone: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => revealResidentContact(db, contextOf(request), request.params.id),
  );
  app.get(
    "/api/portal/my-data",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "Everything kept about the signed-in resident, as a JSON download (PIPL)",
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const data = await exportOwnData(db, contextOf(request));
      return reply
        .header("content-disposition", `attachment; filename="my-data-${data.exportedAt.slice(0, 10)}.json"`)
        .send(data);
    },
  );
};
