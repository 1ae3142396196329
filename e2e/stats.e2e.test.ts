import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./support/browser.js";
import { type RunningServer, startServer } from "./support/server.js";
import { signIn } from "./support/session.js";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("QA reads the statistics dashboard and drills into the cases behind a figure (issue #8, R-4.12.1)", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the volumes, trend, Pareto, satisfaction and tables of the demo's last three months", async () => {
    const page = await signIn(browser, server.baseUrl, "qa");
    await page.getByRole("menuitem", { name: /统计分析/ }).click();
    await page.waitForURL(/\/stats/);
    await page.goto(`/stats?from=${day(-100)}&to=${day(0)}&groupBy=category`);
    await page.getByTestId("chart-trend").locator("svg").first().waitFor();
    await page.getByTestId("chart-pareto").locator("svg").first().waitFor();
    // ECharts draws the bars as <path>s: one per category of the Pareto chart at least.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-pareto"] svg path').length > 10);
    await page.getByText("投诉类别排列图（帕累托）").waitFor();
    const total = await page.locator(".ant-statistic-content-value").first().textContent();
    expect(Number((total ?? "0").replace(/\D/g, ""))).toBeGreaterThan(500);
    // The loop closed: callback rates against their targets and the open nonconformities.
    await page.getByTestId("stats-complaintCallbackRate").getByText("投诉回访率（目标 ≥ 90%）").waitFor();
    await page
      .getByTestId("stats-repairCallbackRate")
      .getByText(/维修回访率/)
      .waitFor();
    const openNonconformities = await page
      .getByTestId("stats-nonconformities")
      .locator(".ant-statistic-content-value")
      .textContent();
    expect(Number(openNonconformities)).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await screenshot(page, "stats-01-dashboard");

    // A number opens the cases behind it, each a link to its case.
    await page.getByText("受理总数").first().click();
    const drawer = page.getByRole("dialog");
    await drawer.getByRole("link").first().waitFor();
    expect(await drawer.getByText(/受理总数（\d+ 件）/).count()).toBe(1);
    await screenshot(page, "stats-02-drill-down");
    await drawer.getByRole("link").first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  });

  it("offers the audit pack, the register exports, the monthly reports and the import on the exports page", async () => {
    const page = await signIn(browser, server.baseUrl, "cshead");
    await page.goto("/exports");
    await page.getByRole("button", { name: "下载审计资料包" }).waitFor();
    await page.getByText("导入历史登记表").waitFor();
    await screenshot(page, "stats-03-exports");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "导出 xlsx" }).click();
    expect((await download).suggestedFilename()).toMatch(/^QR-022-.*\.xlsx$/);
  });
});
