import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { createTestDatabase, testDatabases } from "../testing/databases.js";
import { seedWorld } from "../testing/fixtures.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";

// The same rendering as the route's, so comparing the SVGs compares the encoded addresses.
const qrOf = (url: string) => QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });

describe.each(testDatabases())("the estate's poster QR code on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is an SVG anyone can fetch for a known public code, whatever its case", async () => {
    for (const code of ["org-a-e1", "ORG-A-E1"]) {
      const response = await t.anonymous().get(`/api/public/estates/${code}/qr.svg`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      expect(response.body).toContain("<svg");
      expect(response.body).toContain("</svg>");
    }
  });

  it("encodes the absolute address of the public page on the host it was asked on", async () => {
    const direct = await t.anonymous().get("/api/public/estates/org-a-e1/qr.svg");
    expect(direct.body).toBe(await qrOf(`${t.baseUrl}/e/org-a-e1`));

    const viaOtherHost = await t.app.inject({
      method: "GET",
      url: "/api/public/estates/ORG-A-E1/qr.svg",
      headers: { host: "wuye.example.com", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https" },
    });
    expect(viaOtherHost.statusCode).toBe(200);
    // Without TRUST_PROXY the forwarded headers are not believed.
    expect(viaOtherHost.body).toBe(await qrOf("http://wuye.example.com/e/org-a-e1"));
  });

  it("behind a trusted reverse proxy, uses the address the resident reached the proxy on", async () => {
    const database = await createTestDatabase(kind);
    await seedWorld(database.db);
    const config = {
      ...loadConfig({ LOG_LEVEL: "warn", DEMO_DATA: "false", DATA_DIR: t.dataDir, TRUST_PROXY: "true" }),
      webDist: "/nonexistent",
    };
    const proxied = await buildApp({ config, database });
    try {
      const response = await proxied.inject({
        method: "GET",
        url: "/api/public/estates/org-a-e1/qr.svg",
        headers: { host: "10.0.0.5:3000", "x-forwarded-host": "wuye.example.com", "x-forwarded-proto": "https" },
      });
      expect(response.body).toBe(await qrOf("https://wuye.example.com/e/org-a-e1"));
    } finally {
      await proxied.close();
      await database.close();
    }
  });

  it("is 404 for an unknown or deactivated estate", async () => {
    expect((await t.anonymous().get("/api/public/estates/nosuchcode/qr.svg")).status).toBe(404);
    await t.database.db.updateTable("estates").set({ active: 0 }).where("public_code", "=", "org-a-e2").execute();
    expect((await t.anonymous().get("/api/public/estates/org-a-e2/qr.svg")).status).toBe(404);
  });
});
