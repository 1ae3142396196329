import { describe, expect, it } from "vitest";
import { buildCompletionBody, buildForwardBody, buildIntakeBody, type IntakeValues } from "./intakeBody";

const ESTATE = "e-1";
const base: IntakeValues = {
  kind: "complaint",
  channel: "phone",
  estateId: ESTATE,
  place: "unit",
  unitId: "u-1",
  publicArea: "东门",
  contact: "resident",
  residentId: "r-1",
  visitorName: "路人",
  visitorPhone: "13900000000",
  categoryId: "c-1",
  urgency: "high",
  departmentId: "d-1",
  content: "  楼上漏水  ",
  wantsCallback: true,
  callbackPhone: "138 0013 8000",
  callbackNote: " 晚上 7 点后 ",
  photoIds: ["p-1"],
  forwardedByDepartmentId: "d-2",
  forwardedByName: "保安",
};

describe("the intake body", () => {
  it("sends the picked resident and unit, not the hidden visitor and area fields", () => {
    const body = buildIntakeBody(base, "Asia/Shanghai", false);
    expect(body).toEqual({
      kind: "complaint",
      estateId: ESTATE,
      channel: "phone",
      forwardedByDepartmentId: null,
      forwardedByName: null,
      residentId: "r-1",
      visitor: null,
      unitId: "u-1",
      publicArea: null,
      categoryId: "c-1",
      urgency: "high",
      content: "楼上漏水",
      departmentId: "d-1",
      source: "resident",
      major: false,
      wantsCallback: true,
      callbackPhone: "13800138000",
      callbackNote: "晚上 7 点后",
      photoIds: ["p-1"],
      similarCasesAcknowledged: false,
    });
  });

  it("sends a complaint's source and major flag, with the reason only when flagged (R-4.3.4)", () => {
    const flagged = buildIntakeBody(
      { ...base, source: "media", major: true, majorReason: "  电视台来电  " },
      "UTC",
      false,
    );
    expect(flagged).toMatchObject({ source: "media", major: true, majorReason: "电视台来电" });

    const blankReason = buildIntakeBody({ ...base, major: true, majorReason: "  " }, "UTC", false);
    expect(blankReason).toMatchObject({ source: "resident", major: true });
    expect(blankReason).not.toHaveProperty("majorReason");

    const unflagged = buildIntakeBody(
      { ...base, source: "government", major: false, majorReason: "旧的" },
      "UTC",
      false,
    );
    expect(unflagged).toMatchObject({ source: "government", major: false });
    expect(unflagged).not.toHaveProperty("majorReason");
  });

  it("keeps the defaults for a repair or suggestion, whatever the hidden complaint fields hold", () => {
    for (const kind of ["repair", "suggestion"] as const) {
      const body = buildIntakeBody({ ...base, kind, source: "media", major: true, majorReason: "x" }, "UTC", false);
      expect(body).toMatchObject({ source: "resident", major: false });
      expect(body).not.toHaveProperty("majorReason");
    }
  });

  it("records a visitor in a public area", () => {
    const body = buildIntakeBody({ ...base, contact: "visitor", place: "public" }, "UTC", true);
    expect(body).toMatchObject({
      residentId: null,
      visitor: { name: "路人", phone: "13900000000" },
      unitId: null,
      publicArea: "东门",
      similarCasesAcknowledged: true,
    });
  });

  it("keeps nobody for an anonymous letter, with the day it arrived", () => {
    const body = buildIntakeBody(
      { ...base, contact: "anonymous", channel: "letter", receivedAtLocal: "2026-11-28T09:00", wantsCallback: false },
      "Asia/Shanghai",
      false,
    );
    expect(body).toMatchObject({
      residentId: null,
      visitor: null,
      receivedAt: "2026-11-28T01:00:00.000Z",
      wantsCallback: false,
      callbackPhone: null,
      callbackNote: null,
    });
  });

  it("names who forwarded it only for the forwarded channel", () => {
    const body = buildIntakeBody({ ...base, channel: "forwarded" }, "UTC", false);
    expect(body).toMatchObject({ forwardedByDepartmentId: "d-2", forwardedByName: "保安" });
  });

  it("sends no department for a repair: the dispatch order goes to the repair team", () => {
    expect(buildIntakeBody({ ...base, kind: "repair" }, "UTC", false).departmentId).toBeNull();
    expect(buildCompletionBody({ kind: "repair", categoryId: "c", departmentId: "d" }, false).departmentId).toBeNull();
  });

  it("builds the forwarding and completion bodies", () => {
    const forward = buildForwardBody({ ...base, kind: "repair" }, "UTC");
    expect(forward).toEqual({
      kind: "repair",
      estateId: ESTATE,
      residentId: "r-1",
      visitor: null,
      unitId: "u-1",
      publicArea: null,
      content: "楼上漏水",
      wantsCallback: true,
      callbackPhone: "13800138000",
      callbackNote: "晚上 7 点后",
      photoIds: ["p-1"],
    });
    expect(
      buildCompletionBody(
        { kind: "complaint", categoryId: "c", urgency: "normal", departmentId: "d", content: " " },
        true,
      ),
    ).toEqual({
      kind: "complaint",
      categoryId: "c",
      urgency: "normal",
      departmentId: "d",
      similarCasesAcknowledged: true,
    });
  });
});
