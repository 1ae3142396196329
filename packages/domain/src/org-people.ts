// Response schemas of the organisation model; see org.ts for inputs.
// Residents (业主/住户) and their links to units.
import { z } from "zod";
import { residentRelationSchema } from "./org.js";

const recordBase = {
  id: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** One unit a resident owns, rents or lives in. */
export const residentUnitSchema = z.object({
  unitId: z.string(),
  estateId: z.string(),
  estateName: z.string(),
  buildingName: z.string(),
  unitNumber: z.string(),
  /** e.g. "1栋 1-101" */
  label: z.string(),
  relation: residentRelationSchema,
});
export type ResidentUnit = z.infer<typeof residentUnitSchema>;

export const residentSchema = z.object({
  ...recordBase,
  name: z.string(),
  phone: z.string(),
  altPhone: z.string().nullable(),
  note: z.string().nullable(),
  /** True when the resident has a login for the resident portal. */
  hasAccount: z.boolean(),
  /** Active links only. */
  units: z.array(residentUnitSchema),
});
export type Resident = z.infer<typeof residentSchema>;

/** The portal login created for a resident. */
export const residentAccountSchema = z.object({
  userId: z.string(),
  username: z.string(),
});
export type ResidentAccount = z.infer<typeof residentAccountSchema>;
