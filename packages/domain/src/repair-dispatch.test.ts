import { describe, expect, it } from "vitest";
import { lineAmountFen, maskedStaffName, quoteLineInputSchema, repairSettingsSchema } from "./repair-dispatch.js";

describe("repair staff names for residents (decision 0007)", () => {
  it("shows the surname with 师傅, never the full name", () => {
    expect(maskedStaffName("李建国")).toBe("李师傅");
    expect(maskedStaffName("吴师傅")).toBe("吴师傅");
    expect(maskedStaffName("worker")).toBe("W师傅");
    expect(maskedStaffName("  ")).toBeNull();
    expect(maskedStaffName(null)).toBeNull();
  });
});

describe("paid repairs in fen (issue #5 item 8)", () => {
  it("prices a line in whole fen", () => {
    expect(lineAmountFen(2550, 2)).toBe(5100);
    expect(lineAmountFen(333, 1.5)).toBe(500);
  });

  it("needs a reason for a line off the price list, and integer fen", () => {
    const free = { name: "生料带", unit: "卷", kind: "material", unitPriceFen: 300, quantity: 1 };
    expect(quoteLineInputSchema.safeParse(free).success).toBe(false);
    expect(quoteLineInputSchema.safeParse({ ...free, reason: "价目表未列" }).success).toBe(true);
    expect(quoteLineInputSchema.safeParse({ ...free, reason: "x", unitPriceFen: 2.5 }).success).toBe(false);
  });

  it("bounds the urge interval", () => {
    expect(repairSettingsSchema.safeParse({ urgeIntervalMinutes: 120 }).success).toBe(true);
    expect(repairSettingsSchema.safeParse({ urgeIntervalMinutes: 1 }).success).toBe(false);
  });
});
