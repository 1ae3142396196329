import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

describe.each(testDatabases())("HTTP conventions on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers malformed JSON with a 400 in the error format", async () => {
    const admin = await t.as("admin");
    const response = await admin.request("POST", "/api/estates", undefined, {
      headers: { "content-type": "application/json" },
      rawBody: "{not json",
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String) });
  });

  it("answers an unsupported content type with 415", async () => {
    const admin = await t.as("admin");
    const response = await admin.request("POST", "/api/estates", undefined, {
      headers: { "content-type": "text/xml" },
      rawBody: "<estate/>",
    });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers an oversized body with 413 and writes nothing", async () => {
    const admin = await t.as("admin");
    const response = await admin.post("/api/estates", {
      code: "HUGE",
      name: "x".repeat(2 * 1024 * 1024),
      complaintHotline: "13800138000",
      repairHotline: "13800138000",
      receptionAddress: "x",
    });
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      message: "上传内容过大",
      messageEn: "The upload is too large",
    });
    expect((await admin.get("/api/estates?q=HUGE")).body.items).toHaveLength(0);
  });

  it("rejects ids that are not UUIDs with 400 rather than reaching the database", async () => {
    const admin = await t.as("admin");
    const response = await admin.get("/api/estates/1%20OR%201=1");
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("publishes an error schema for every documented route", async () => {
    const document = (await t.anonymous().get("/api/openapi.json")).body;
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const responses = (operation as { responses?: Record<string, unknown> }).responses ?? {};
        const statuses = Object.keys(responses);
        expect(
          statuses.some((status) => status.startsWith("2")),
          `${method} ${path}`,
        ).toBe(true);
        if (path !== "/api/health" && path !== "/api/setup") {
          expect(
            statuses.some((status) => status.startsWith("4")),
            `${method} ${path} documents no error`,
          ).toBe(true);
        }
      }
    }
  });
});
