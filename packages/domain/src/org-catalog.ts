// Response schemas of the organisation model; see org.ts for inputs.
// Departments, trades (工种), case categories and staff accounts.
import { z } from "zod";
import { caseKindSchema, departmentFunctionSchema, urgencySchema } from "./org.js";
import { roleSchema } from "./roles.js";

const recordBase = {
  id: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const departmentSchema = z.object({
  ...recordBase,
  code: z.string(),
  name: z.string(),
  function: departmentFunctionSchema,
  /** Active users assigned to the department. */
  memberCount: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;

export const tradeSchema = z.object({
  ...recordBase,
  code: z.string(),
  name: z.string(),
  /** Active users who practise the trade. */
  workerCount: z.number().int(),
});
export type Trade = z.infer<typeof tradeSchema>;

/** a category's default department (and trade, for repairs) routes a new case. */
export const categorySchema = z.object({
  ...recordBase,
  kind: caseKindSchema,
  code: z.string(),
  name: z.string(),
  defaultDepartmentId: z.string().nullable(),
  defaultDepartmentName: z.string().nullable(),
  defaultTradeId: z.string().nullable(),
  defaultTradeName: z.string().nullable(),
  defaultUrgency: urgencySchema,
  sortOrder: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

/** A staff account with its roles (§3.0) and scope: estates, departments, trades. */
export const staffUserSchema = z.object({
  ...recordBase,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  allEstates: z.boolean(),
  estateIds: z.array(z.string()),
  departmentIds: z.array(z.string()),
  tradeIds: z.array(z.string()),
  lastLoginAt: z.string().nullable(),
  /** Set while sign-in is refused after too many wrong passwords. */
  lockedUntil: z.string().nullable(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** An administrator's reset of a staff member's password (strength is checked by the server). */
export const staffPasswordResetSchema = z.object({
  password: z.string().min(1).max(200),
});
