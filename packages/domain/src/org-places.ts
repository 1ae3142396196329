// Response schemas of the organisation model; see org.ts for inputs.
// Buildings (楼栋), units (房号) and the spreadsheet import of both.
import { z } from "zod";
import { residentRelationSchema } from "./org.js";

const recordBase = {
  id: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const buildingSchema = z.object({
  ...recordBase,
  estateId: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  /** Active units of the building. */
  unitCount: z.number().int(),
});
export type Building = z.infer<typeof buildingSchema>;

export const unitSchema = z.object({
  ...recordBase,
  estateId: z.string(),
  estateName: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  /** As written on the door, e.g. "1-101" (单元-房号). */
  number: z.string(),
  /** Building and number as staff and residents say it, e.g. "1栋 1-101". */
  label: z.string(),
  floor: z.number().int().nullable(),
  areaSquareMetres: z.number().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

/** How a unit is named on screens and forms: building, a space, the number ("1栋 1-101"). */
export function unitLabel(buildingName: string, unitNumber: string): string {
  return `${buildingName} ${unitNumber}`;
}

export const unitOccupantSchema = z.object({
  residentId: z.string(),
  name: z.string(),
  phone: z.string(),
  relation: residentRelationSchema,
});
export type UnitOccupant = z.infer<typeof unitOccupantSchema>;

/** A unit with the active residents linked to it. */
export const unitDetailSchema = unitSchema.extend({
  residents: z.array(unitOccupantSchema),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

/** The outcome of a spreadsheet import of buildings and units (also of a dry run). */
export const unitImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** Non-blank data rows read from the sheet. */
  rowCount: z.number().int(),
  /** Names of the buildings the import creates (or would create, on a dry run). */
  buildingsCreated: z.array(z.string()),
  unitsCreated: z.number().int(),
  /** Rows naming a unit that already exists: left as they are. */
  unitsSkipped: z.number().int(),
});
export type UnitImportResult = z.infer<typeof unitImportResultSchema>;

/** One problem of an import file, in `details.errors` of a 422 IMPORT_INVALID. */
export const unitImportErrorSchema = z.object({
  /** 1-based spreadsheet row, as Excel numbers it (the header is row 1). */
  row: z.number().int(),
  /** The column header at fault; null for a problem of the whole sheet. */
  column: z.string().nullable(),
  message: z.string().describe("Chinese (zh-CN) message"),
  messageEn: z.string().describe("English message"),
});
export type UnitImportError = z.infer<typeof unitImportErrorSchema>;

/**
 * A key that sorts unit numbers the way people read them: "1-101" before "1-1001", "2-5"
 * before "10-1". Every run of digits is zero-padded to the same width.
 */
export function unitNumberSortKey(number: string): string {
  return number.replace(/\d+/g, (digits) => digits.padStart(8, "0"));
}
