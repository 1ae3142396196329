import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { findEstateByPublicCode } from "./estates.repository.js";

/**
 * The QR code printed on an estate's posters: residents scan it to reach
 * the estate's public page with its hotlines and reception address.
 */
async function publicPageQrSvg(db: Db, publicCode: string, origin: string): Promise<string> {
  // Codes are issued in lower case; a code typed off a poster may not be.
  const estate = await findEstateByPublicCode(db, publicCode.toLowerCase());
  if (!estate) throw new AppError("NOT_FOUND", { entity: "estate" });
  const url = `${origin}/e/${encodeURIComponent(estate.public_code)}`;
  // Medium error correction survives a scuffed or partly covered poster; the margin is the quiet zone scanners need.
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

export const estateQrRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/public/estates/:publicCode/qr.svg",
    {
      config: { access: "public" },
      schema: {
        tags: ["public"],
        summary: "A QR code (SVG) of the estate's public page /e/<publicCode>, for posters",
        params: z.object({ publicCode: z.string().min(1).max(20) }),
        produces: ["image/svg+xml", "application/json"],
        // 400 (a code longer than 20 characters) was answered but not documented: found by security/route-inventory.test.ts.
        response: { 200: z.string().describe("The SVG"), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      // The address the resident's phone will open is the one this request came in on: Fastify
      // takes protocol and host from X-Forwarded-* only when trustProxy is configured.
      const origin = `${request.protocol}://${request.host}`;
      const svg = await publicPageQrSvg(db, request.params.publicCode, origin);
      return (
        reply
          .type("image/svg+xml; charset=utf-8")
          // The picture depends on the host it was asked for, so shared caches must key on it.
          .header("vary", "host, x-forwarded-host, x-forwarded-proto")
          .header("cache-control", "public, max-age=300")
          .send(svg)
      );
    },
  );
};
