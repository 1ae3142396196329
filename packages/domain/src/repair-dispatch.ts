/**
 * Repairs, second part (issue #5): how orders reach a worker (dispatch modes per estate and
 * category, item 7), paid repairs (有偿维修: price list, quote, final charge, item 8), the
 * resident-facing names of repair staff (item 4, docs/decisions/0007) and the urge interval
 * (item 9). Money is integer fen throughout.
 */
import { z } from "zod";
import { idSchema } from "./org.js";

/** leader: the team leader assigns; pool: workers of the trade claim (抢单) until a time limit, then back to the leader; auto: least-loaded worker on duty. */
export const REPAIR_DISPATCH_MODES = ["leader", "pool", "auto"] as const;
export const repairDispatchModeSchema = z.enum(REPAIR_DISPATCH_MODES);
export type RepairDispatchMode = z.infer<typeof repairDispatchModeSchema>;

export const DEFAULT_CLAIM_MINUTES = 15;

export const repairDispatchRuleInputSchema = z.object({
  estateId: idSchema,
  /** Absent: the estate's rule for every category without its own. */
  categoryId: idSchema.nullable().default(null),
  mode: repairDispatchModeSchema,
  /** Pool only: how long workers may claim before the order returns to the leader (wall-clock minutes). */
  claimMinutes: z
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_CLAIM_MINUTES),
});
export type RepairDispatchRuleInput = z.infer<typeof repairDispatchRuleInputSchema>;

export const repairDispatchRuleSchema = z.object({
  id: z.string(),
  estateId: z.string(),
  estateName: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  mode: repairDispatchModeSchema,
  claimMinutes: z.number(),
  updatedAt: z.string(),
});
export type RepairDispatchRule = z.infer<typeof repairDispatchRuleSchema>;

/** Organisation-wide repair settings (org_settings key `repair_settings`). */
export const repairSettingsSchema = z.object({
  /** A resident may urge (催单) an open repair once per this many minutes. */
  urgeIntervalMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60),
});
export type RepairSettings = z.infer<typeof repairSettingsSchema>;
export const DEFAULT_REPAIR_SETTINGS: RepairSettings = { urgeIntervalMinutes: 120 };

// ---------------------------------------------------------------------------------------
// Paid repairs (有偿维修)

export const PRICE_ITEM_KINDS = ["labour", "material"] as const;
export const priceItemKindSchema = z.enum(PRICE_ITEM_KINDS);
export type PriceItemKind = z.infer<typeof priceItemKindSchema>;

/** Fen: integer, never a float; at most ¥1,000,000 a line. */
export const fenSchema = z.int().min(0).max(100_000_000);

export const priceItemInputSchema = z.object({
  estateId: idSchema,
  code: z.string().trim().min(1).max(30),
  name: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(20),
  priceFen: fenSchema,
  kind: priceItemKindSchema,
  active: z.boolean().default(true),
});
export type PriceItemInput = z.infer<typeof priceItemInputSchema>;
export const priceItemUpdateSchema = priceItemInputSchema.omit({ estateId: true }).partial();

export const priceItemSchema = z.object({
  id: z.string(),
  estateId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  priceFen: z.number(),
  kind: priceItemKindSchema,
  active: z.boolean(),
});
export type PriceItem = z.infer<typeof priceItemSchema>;

/**
 * public_area and warranty repairs are free and cannot carry a charge; chargeable once a
 * quote is recorded on a private unit's order.
 */
export const REPAIR_BILLINGS = ["public_area", "warranty", "chargeable"] as const;
export const repairBillingSchema = z.enum(REPAIR_BILLINGS);
export type RepairBilling = z.infer<typeof repairBillingSchema>;

/** A quote line: from the price list (its price), or a free line with its own price and a reason. */
export const quoteLineInputSchema = z.union([
  z.object({
    priceItemId: idSchema,
    quantity: z.number().positive().max(10_000),
  }),
  z.object({
    name: z.string().trim().min(1).max(100),
    unit: z.string().trim().min(1).max(20),
    kind: priceItemKindSchema,
    unitPriceFen: fenSchema,
    quantity: z.number().positive().max(10_000),
    /** Why the line is not on the price list. */
    reason: z.string().trim().min(1).max(200),
  }),
]);
export type QuoteLineInput = z.infer<typeof quoteLineInputSchema>;

export const quoteInputSchema = z.object({ lines: z.array(quoteLineInputSchema).min(1).max(50) });
export type QuoteInput = z.infer<typeof quoteInputSchema>;

export const quoteLineSchema = z.object({
  priceItemId: z.string().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  kind: priceItemKindSchema,
  unitPriceFen: z.number(),
  quantity: z.number(),
  amountFen: z.number(),
  reason: z.string().nullable(),
});
export type QuoteLine = z.infer<typeof quoteLineSchema>;

/** The amount of a line in whole fen (half up), so the total is the sum of what is printed. */
export function lineAmountFen(unitPriceFen: number, quantity: number): number {
  return Math.round(unitPriceFen * quantity);
}

export const quoteApprovalInputSchema = z.object({
  /** The customer's signature drawn on the screen, uploaded as a PNG. */
  signatureId: idSchema,
});

export const warrantyInputSchema = z.object({ comment: z.string().trim().min(1).max(500) });

/** The final charge recorded with the work done; a reason is required when it differs from the quote. */
export const finalChargeSchema = z.object({
  amountFen: fenSchema,
  reason: z.string().trim().min(1).max(500).optional(),
});

export const expectedArrivalInputSchema = z.object({ expectedArrivalAt: z.iso.datetime({ offset: true }) });

export const dutyInputSchema = z.object({ onDuty: z.boolean() });
export const dutySchema = z.object({ onDuty: z.boolean() });

// ---------------------------------------------------------------------------------------
// Names of repair staff shown to residents (docs/decisions/0007)

/**
 * The one rule for staff names in the resident portal: the role plus the surname with an
 * honorific, e.g. "李师傅" shown as "维修工 李师傅" — never a full name. The surname is the
 * first character of the name (a Chinese surname; an initial for a name in Latin letters).
 */
export function maskedStaffName(displayName: string | null): string | null {
  if (!displayName) return null;
  const trimmed = displayName.trim();
  if (trimmed === "") return null;
  const surname = (Array.from(trimmed)[0] ?? "").toUpperCase();
  return `${surname}师傅`;
}
