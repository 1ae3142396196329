import type { CaseSummary } from "@estate-desk/domain";
import { describe, expect, it } from "vitest";
import { flatChoices, lookupGroups } from "./lookupChoices";

const openCase = { id: "c-1", number: "BX-CHY-20261129-0001" } as CaseSummary;

describe("intake lookup results", () => {
  it("give one pick per flat of a resident, and one for a resident without a flat", () => {
    const groups = lookupGroups({
      residents: [
        {
          id: "r-1",
          name: "张伟",
          phone: "13800138000",
          altPhone: null,
          units: [
            {
              unitId: "u-1",
              estateId: "e-1",
              estateName: "翠湖花园",
              buildingName: "1栋",
              unitNumber: "1-101",
              label: "1栋 1-101",
              relation: "owner",
            },
            {
              unitId: "u-2",
              estateId: "e-2",
              estateName: "金色家园",
              buildingName: "1栋",
              unitNumber: "1-101",
              label: "1栋 1-101",
              relation: "owner",
            },
          ],
          openCases: [openCase],
        },
        { id: "r-2", name: "李四", phone: "13900000000", altPhone: "0571-88000000", units: [], openCases: [] },
      ],
      units: [],
    });
    expect(groups.map((group) => group.subtitle)).toEqual(["13800138000", "13900000000 / 0571-88000000"]);
    expect(groups[0]?.openCases).toEqual([openCase]);
    expect(flatChoices(groups).map((choice) => [choice.residentId, choice.unitId, choice.estateName])).toEqual([
      ["r-1", "u-1", "翠湖花园"],
      ["r-1", "u-2", "金色家园"],
      ["r-2", null, null],
    ]);
  });

  it("offer every occupant of a unit and a caller who is not registered there", () => {
    const groups = lookupGroups({
      residents: [],
      units: [
        {
          unitId: "u-1",
          estateId: "e-1",
          estateName: "翠湖花园",
          label: "1栋 1-101",
          residents: [{ residentId: "r-1", name: "张伟", phone: "13800138000", relation: "owner" }],
          openCases: [],
        },
      ],
    });
    expect(groups[0]?.title).toBe("翠湖花园 1栋 1-101");
    expect(flatChoices(groups).map((choice) => [choice.residentId, choice.name, choice.unitId])).toEqual([
      ["r-1", "张伟", "u-1"],
      [null, null, "u-1"],
    ]);
    expect(lookupGroups(undefined)).toEqual([]);
  });
});
