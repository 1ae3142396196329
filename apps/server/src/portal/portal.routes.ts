import { type PortalHome, portalHomeSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { contextOf } from "../auth/auth.plugin.js";
import type { Db } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { errorResponses } from "../http/openapi.js";
import { getPublicEstatesOf } from "../org/estates.service.js";
import { getOwnResident } from "../org/residents.service.js";

/** The resident portal: a resident reaches only their own record, units and estates. */
export const portalRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/api/portal/home",
    {
      config: { access: "portal.use" },
      schema: {
        tags: ["portal"],
        summary: "The signed-in resident, their units, and their estates' hotlines and reception addresses (R-4.1.1)",
        response: { 200: portalHomeSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request): Promise<PortalHome> => {
      const { actor } = contextOf(request);
      if (!actor.residentId) throw new AppError("FORBIDDEN");
      const resident = await getOwnResident(db, actor.orgId, actor.residentId);
      const estateIds = [...new Set(resident.units.map((unit) => unit.estateId))];
      return {
        resident: { id: resident.id, name: resident.name, phone: resident.phone, units: resident.units },
        estates: await getPublicEstatesOf(db, actor.orgId, estateIds),
      };
    },
  );
};
