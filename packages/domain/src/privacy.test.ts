import { describe, expect, it } from "vitest";
import {
  maskCaseContacts,
  maskName,
  maskPersonalData,
  maskPhone,
  maskResidentContacts,
  seesResidentContacts,
} from "./privacy.js";

describe("masking residents' personal information (PIPL)", () => {
  it("masks mobile numbers as 138****1234 and other numbers to their ends", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("6234567")).toBe("6*****7");
    expect(maskPhone("0755-8888 1234")).toBe("075*****1234");
    expect(maskPhone(null)).toBeNull();
  });

  it("keeps the family name of a Chinese name and the first letter of others", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧***");
    expect(maskName("Alice")).toBe("A****");
    expect(maskName("王")).toBe("*");
    expect(maskName(null)).toBeNull();
  });

  it("shows contacts in full only to the roles that contact residents", () => {
    for (const role of ["admin", "cs_head", "cs_agent", "repair_lead"] as const) {
      expect(seesResidentContacts([role]), role).toBe(true);
    }
    for (const role of ["qa", "mgmt_rep", "dept_head", "dept_staff", "repair_worker"] as const) {
      expect(seesResidentContacts([role]), role).toBe(false);
    }
    expect(seesResidentContacts(["qa", "cs_agent"])).toBe(true);
  });

  it("masks every contact field of a case and of a resident, leaving the rest", () => {
    const item = {
      id: "x",
      contactName: "李四",
      contactPhone: "13900001001",
      callbackPhone: "13900001002",
      content: "漏水",
    };
    expect(maskCaseContacts(item, ["qa"])).toEqual({
      id: "x",
      contactName: "李*",
      contactPhone: "139****1001",
      callbackPhone: "139****1002",
      content: "漏水",
    });
    expect(maskCaseContacts(item, ["cs_agent"])).toBe(item);
    expect(maskResidentContacts({ name: "王五", phone: "13700000000", altPhone: null }, ["repair_worker"])).toEqual({
      name: "王*",
      phone: "137****0000",
      altPhone: null,
    });
  });

  it("masks names and numbers inside recorded values (audit entries) by key", () => {
    const recorded = {
      name: "王五",
      phone: "13700000000",
      units: [{ unitNumber: "101", phone: "13911112222" }],
      note: "x",
    };
    expect(maskPersonalData(recorded, ["qa"])).toEqual({
      name: "王*",
      phone: "137****0000",
      units: [{ unitNumber: "101", phone: "139****2222" }],
      note: "x",
    });
    expect(maskPersonalData(recorded, ["admin"])).toBe(recorded);
  });
});
