/**
 * Issue #8 item 7: the audit pack of a period and estate is one ZIP with every form PDF, the
 * register as PDF and xlsx, the statistics, the monthly reports and a SHA-256 manifest that
 * matches every file in it.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compact, pdfText } from "../pdf/pdf-check.js";
import { currentPeriod } from "../records/records-testing.js";
import { phoneComplaint, phoneRepair } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

// Many signed-in users and rendered documents per test: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const run = promisify(execFile);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDatabases())("audit pack on %s", (kind) => {
  let t: TestApp;
  let cshead: ApiClient;
  const numbers: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    cshead = await t.as("cshead");
    for (const body of [await phoneComplaint(t), await phoneRepair(t, { similarCasesAcknowledged: true })]) {
      const created = await cshead.post("/api/cases", { ...body, similarCasesAcknowledged: true });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      numbers.push(created.body.number);
    }
    const other = await cshead.post(
      "/api/cases",
      await phoneComplaint(t, {
        estateId: t.world.a.estates.E2,
        residentId: t.world.a.residents.res2,
        unitId: t.world.a.units["E2-1-101"],
      }),
    );
    expect(other.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("one ZIP for estate E1: forms, register, statistics, manifest with matching SHA-256 hashes", async () => {
    const qa = await t.as("qa");
    // this month's QA inspection goes into the pack with the register it sampled.
    const period = currentPeriod();
    const inspection = await qa.post("/api/records/inspections", { period, sampleSize: 1 });
    expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
    const response = await fetch(
      `${t.baseUrl}/api/exports/audit-pack.zip?from=${daysFromToday(-2)}&to=${daysFromToday(2)}&estateId=${t.world.a.estates.E1}`,
      { headers: { cookie: qa.cookie ?? "" } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-pack-"));
    try {
      const zipFile = path.join(dir, "pack.zip");
      fs.writeFileSync(zipFile, Buffer.from(await response.arrayBuffer()));
      await run("unzip", ["-q", zipFile, "-d", path.join(dir, "out")]);
      const out = path.join(dir, "out");
      const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
      const paths = manifest.files.map((file: { path: string }) => file.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "01-register/QR-022-register.pdf",
          "01-register/QR-022-register.xlsx",
          "02-statistics/statistics.xlsx",
          `04-forms/QR-023-complaint-forms/${numbers[0]}-QR-023.pdf`,
          `04-forms/QR-024-dispatch-orders/${numbers[1]}-QR-024.pdf`,
          `06-qa-inspections/inspection-${period}-${inspection.body.id}.json`,
        ]),
      );
      // Only E1's cases: the E2 complaint's form is not in it.
      expect(paths.filter((p: string) => p.startsWith("04-forms/"))).toHaveLength(2);
      for (const file of manifest.files as Array<{ path: string; sha256: string; size: number }>) {
        const bytes = fs.readFileSync(path.join(out, file.path));
        expect(createHash("sha256").update(bytes).digest("hex"), file.path).toBe(file.sha256);
        expect(bytes.length).toBe(file.size);
      }
      const sums = fs.readFileSync(path.join(out, "SHA256SUMS.txt"), "utf8");
      expect(sums.trim().split("\n")).toHaveLength(manifest.files.length);
      const register = compact(await pdfText(fs.readFileSync(path.join(out, "01-register/QR-022-register.pdf"))));
      expect(register).toContain(numbers[0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stats.read only; estates of other organisations are 404", async () => {
    const query = `from=${daysFromToday(-2)}&to=${daysFromToday(2)}`;
    const get = async (client: ApiClient, extra = "") =>
      (
        await fetch(`${t.baseUrl}/api/exports/audit-pack.zip?${query}${extra}`, {
          headers: { cookie: client.cookie ?? "" },
        })
      ).status;
    expect(await get(await t.as("csagent"))).toBe(403);
    expect(await get(await t.as("adminb"), `&estateId=${t.world.a.estates.E1}`)).toBe(404);
  });
});
