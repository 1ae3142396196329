import { z } from "zod";

export const idParamsSchema = z.object({ id: z.uuid() });

/** `?active=true|false` in a query string. */
export const queryBoolean = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .optional();

/** A free-text filter: trimmed, empty treated as absent. */
export const querySearchText = z
  .string()
  .trim()
  .max(100)
  .transform((value) => (value === "" ? undefined : value))
  .optional();
