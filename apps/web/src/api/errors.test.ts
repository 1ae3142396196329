import { describe, expect, it } from "vitest";
import {
  ApiError,
  apiErrorFromBody,
  duplicateFieldOf,
  errorMessage,
  importErrorsOf,
  invalidFieldsOf,
  similarCasesOf,
} from "./errors";

const texts = { network: "NETWORK", unknown: "UNKNOWN" };

function serverError(status: number, code: string, details?: unknown): ApiError {
  return apiErrorFromBody(status, {
    error: { code, message: `zh:${code}`, messageEn: `en:${code}`, ...(details ? { details } : {}) },
  });
}

describe("API error messages", () => {
  it("show the Chinese message in Chinese and the English one in English", () => {
    const error = serverError(401, "INVALID_CREDENTIALS");
    expect(errorMessage(error, "zh-CN", texts)).toBe("zh:INVALID_CREDENTIALS");
    expect(errorMessage(error, "en", texts)).toBe("en:INVALID_CREDENTIALS");
  });

  it("keep the status, code and details of the body", () => {
    const error = serverError(423, "ACCOUNT_LOCKED", { until: "x" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(423);
    expect(error.code).toBe("ACCOUNT_LOCKED");
    expect(error.details).toEqual({ until: "x" });
  });

  it("fall back to the domain's bilingual text when the body is not our envelope (a proxy's HTML page)", () => {
    const error = apiErrorFromBody(502, null);
    expect(error.code).toBe("INTERNAL");
    expect(errorMessage(error, "zh-CN", texts)).toBe("服务器内部错误");
    expect(errorMessage(error, "en", texts)).toBe("Internal server error");
    expect(apiErrorFromBody(429, "Too many").code).toBe("RATE_LIMITED");
  });

  it("treat an unknown code like a body without envelope", () => {
    expect(apiErrorFromBody(404, { error: { code: "NO_SUCH_CODE" } }).code).toBe("NOT_FOUND");
  });

  it("say the server cannot be reached for network failures, and something generic for bugs", () => {
    const offline = new ApiError({ status: 0, code: "NETWORK_ERROR", message: "", messageEn: "" });
    expect(errorMessage(offline, "zh-CN", texts)).toBe("NETWORK");
    expect(errorMessage(new TypeError("x is undefined"), "en", texts)).toBe("UNKNOWN");
  });

  it("read the per-row errors of a spreadsheet import", () => {
    const error = serverError(422, "IMPORT_INVALID", {
      errors: [{ row: 3, column: "房号", message: "房号不能为空", messageEn: "Unit is required" }, { row: 1 }],
    });
    expect(importErrorsOf(error)).toEqual([
      { row: 3, column: "房号", message: "房号不能为空", messageEn: "Unit is required" },
      { row: 1, column: null, message: "", messageEn: "" },
    ]);
    expect(importErrorsOf(serverError(400, "VALIDATION_FAILED"))).toEqual([]);
  });

  it("name the field of a duplicate and the fields of a validation failure", () => {
    expect(duplicateFieldOf(serverError(409, "DUPLICATE", { field: "code" }))).toBe("code");
    expect(duplicateFieldOf(serverError(409, "IN_USE"))).toBeNull();
    const invalid = serverError(400, "VALIDATION_FAILED", {
      issues: [
        { path: "body/phone", message: "bad" },
        { path: "body/units/0/unitId", message: "bad" },
      ],
    });
    expect(invalidFieldsOf(invalid)).toEqual(["phone", "units"]);
  });

  it("read the similar open cases of a 409 SIMILAR_CASE, and nothing for other errors", () => {
    const similar = {
      id: "c-1",
      number: "TS-CHY-20261129-0001",
      kind: "complaint",
      status: "routed",
      receivedAt: "2026-11-29T01:00:00.000Z",
      categoryName: "噪音",
      content: "楼上装修",
    };
    expect(similarCasesOf(serverError(409, "SIMILAR_CASE", { similar: [similar] }))).toEqual([similar]);
    // Still a similar-case answer, so the clerk is still asked, even if the list is unreadable.
    expect(similarCasesOf(serverError(409, "SIMILAR_CASE", { similar: [{ id: 1 }] }))).toEqual([]);
    expect(similarCasesOf(serverError(409, "DUPLICATE"))).toBeNull();
    expect(similarCasesOf(new Error("x"))).toBeNull();
  });
});
