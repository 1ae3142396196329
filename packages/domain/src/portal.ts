import { z } from "zod";
import { publicEstateSchema } from "./org.js";
import { residentSchema } from "./org-people.js";

/** What the resident portal opens with: the resident, their units, and their estates' hotlines. */
export const portalHomeSchema = z.object({
  resident: residentSchema.pick({ id: true, name: true, phone: true, units: true }),
  estates: z.array(publicEstateSchema.extend({ id: z.string() })),
});
export type PortalHome = z.infer<typeof portalHomeSchema>;
