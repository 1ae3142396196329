import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { errorResponses } from "../http/openapi.js";
import { verifyAuditChain } from "./audit-chain-verify.js";

const chainBreakSchema = z.object({
  entryId: z.string().nullable(),
  seq: z.number().nullable(),
  at: z.string().nullable(),
  reason: z.enum(["unchained", "gap", "previous_hash_mismatch", "hash_mismatch", "head_mismatch"]),
});

/** Records control: proof that the audit log is intact. */
export const recordsRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (app, { db }) => {
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
};
