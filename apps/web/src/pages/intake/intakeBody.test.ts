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
      wantsCallback: true,
      callbackPhone: "13800138000",
      callbackNote: "晚上 7 点后",
      photoIds: ["p-1"],
      similarCasesAcknowledged: false,
    });
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
