import { DEFAULT_RETENTION } from "@estate-desk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { addMonths, assertRetentionElapsed } from "./retention.js";

describe.each(testDatabases())("retention of records (R-4.12.3, QP-02) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it("has a retention period per record type, with defaults of several years", async () => {
    const qa = await t.as("qa");
    const response = await qa.get("/api/settings/records-retention");
    expect(response.status).toBe(200);
    expect(response.body).toEqual(DEFAULT_RETENTION);
    expect(response.body.complaintRecords).toBeGreaterThanOrEqual(36);
  });

  it("is changed by administrators only, within sensible bounds, and the change is audited", async () => {
    const admin = await t.as("admin");
    const next = { ...DEFAULT_RETENTION, complaintRecords: 60, departedResidentData: 6 };
    const saved = await admin.request("PUT", "/api/settings/records-retention", next);
    expect(saved.status).toBe(200);
    expect((await admin.get("/api/settings/records-retention")).body).toEqual(next);
    const tooShort = await admin.request("PUT", "/api/settings/records-retention", { ...next, complaintRecords: 3 });
    expect(tooShort.status).toBe(400);
    expect((await (await t.as("qa")).request("PUT", "/api/settings/records-retention", next)).status).toBe(403);
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "settings.records_retention")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("never lets a record be deleted while open or before its retention period has run out", async () => {
    const orgId = t.world.a.orgId;
    const now = "2026-11-29T00:00:00.000Z";
    await expect(assertRetentionElapsed(t.database.db, orgId, "complaintRecords", null, now)).rejects.toMatchObject({
      code: "RETENTION_ACTIVE",
      status: 409,
    });
    // Complaint records are kept 60 months here (set above).
    const closedFourYearsAgo = addMonths(now, -48);
    await expect(
      assertRetentionElapsed(t.database.db, orgId, "complaintRecords", closedFourYearsAgo, now),
    ).rejects.toMatchObject({ code: "RETENTION_ACTIVE" });
    await expect(
      assertRetentionElapsed(t.database.db, orgId, "complaintRecords", addMonths(now, -61), now),
    ).resolves.toBeUndefined();
    // Dispatch orders keep the default 36 months.
    await expect(
      assertRetentionElapsed(t.database.db, orgId, "dispatchOrders", closedFourYearsAgo, now),
    ).resolves.toBeUndefined();
  });

  it("adds calendar months, clamping at month end", () => {
    expect(addMonths("2026-01-31T10:00:00.000Z", 1)).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonths("2026-11-29T00:00:00.000Z", -36)).toBe("2023-11-29T00:00:00.000Z");
  });
});
