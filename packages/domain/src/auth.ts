import { z } from "zod";
import { codeSchema, TIME_ZONE_DEFAULT, timeZoneSchema, usernameSchema } from "./org.js";
import { PERMISSIONS, roleSchema } from "./roles.js";

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

/** The signed-in user as the web app sees them: enough to build the menu and scope screens. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(["staff", "resident"]),
  orgId: z.string(),
  orgName: z.string(),
  orgTimeZone: z.string(),
  roles: z.array(roleSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  allEstates: z.boolean(),
  estateIds: z.array(z.string()),
  departmentIds: z.array(z.string()),
  residentId: z.string().nullable(),
  /** Send back as the `X-CSRF-Token` header on every write. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const setupRequestSchema = z.object({
  organisation: z.object({
    code: codeSchema,
    name: z.string().trim().min(1).max(100),
    timeZone: timeZoneSchema.default(TIME_ZONE_DEFAULT),
  }),
  admin: z.object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(50),
    password: z.string().min(1).max(200),
  }),
});
