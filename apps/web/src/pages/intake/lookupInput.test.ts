import { describe, expect, it } from "vitest";
import { classifyLookup, lookupQuery, typedPhone } from "./lookupInput";

describe("the intake lookup box", () => {
  it("recognises whole mobile and landline numbers, spaces and brackets ignored", () => {
    expect(classifyLookup("138 0013 8000")).toEqual({ kind: "phone", query: "13800138000" });
    expect(classifyLookup("0571-88001001")).toEqual({ kind: "phone", query: "0571-88001001" });
    expect(classifyLookup("(0571)88001001")).toEqual({ kind: "phone", query: "057188001001" });
    expect(typedPhone(classifyLookup("13800138000"))).toBe("13800138000");
  });

  it("searches the last four or more digits of a phone number", () => {
    expect(classifyLookup("8000")).toEqual({ kind: "phoneTail", query: "8000" });
    expect(classifyLookup(" 0138000 ")).toEqual({ kind: "phoneTail", query: "0138000" });
    expect(typedPhone(classifyLookup("8000"))).toBeNull();
  });

  it("recognises unit numbers as staff say them", () => {
    for (const text of ["1-101", "2-1502", "3栋 1-101", "3栋1-101", "3号楼 1-101", "3幢 2-1502", "3-1-101", "3栋101"]) {
      expect(classifyLookup(text).kind, text).toBe("unit");
    }
    expect(lookupQuery(classifyLookup("3栋   1-101"))).toBe("3栋 1-101");
  });

  it("does not query for too little, for names or for case numbers", () => {
    expect(classifyLookup("")).toEqual({ kind: "empty" });
    expect(classifyLookup("13")).toEqual({ kind: "tooShort" });
    expect(classifyLookup("张伟")).toEqual({ kind: "other" });
    expect(classifyLookup("ts-chy-20261129-0007")).toEqual({ kind: "caseNumber", query: "TS-CHY-20261129-0007" });
    for (const text of ["", "13", "张伟", "TS-CHY-20261129-0007"]) expect(lookupQuery(classifyLookup(text))).toBeNull();
  });
});
