import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./support/browser.js";
import { type RunningServer, startServer } from "./support/server.js";
import { signIn } from "./support/session.js";

/** The month before the current one, in China time: the demo leaves it waiting for its handover. */
function lastMonth(): string {
  const local = new Date(Date.now() + 8 * 3600_000);
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

describe("quality records: monthly handover to QA, its receipt, records integrity and masked contacts (R-4.12.2, R-4.12.3, PIPL)", () => {
  let server: RunningServer;
  let browser: Browser;
  const period = lastMonth();
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("customer service sees last month not yet handed over and hands it over", async () => {
    const page = await signIn(browser, server.baseUrl, "cshead");
    await page.goto("/records/handovers");
    await page.getByTestId("pending-months").getByText(period).waitFor();
    const row = page.getByRole("row", { name: new RegExp(period) });
    await row.getByRole("button", { name: /移\s*交/ }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /移\s*交/ })
      .click();
    await row.getByText("已移交，待签收").waitFor();
    await screenshot(page, "80-monthly-handover");
    await page.context().close();
  });

  it("QA opens the batch, signs for it, and proves the audit log intact", async () => {
    const page = await signIn(browser, server.baseUrl, "qa");
    await page.goto("/records/handovers");
    await page
      .getByRole("row", { name: new RegExp(period) })
      .getByRole("link", { name: "查看" })
      .click();
    await page.waitForURL(/\/records\/handovers\//);
    await page.getByLabel("签收确认").fill("已签收，共 4 份");
    await page.getByRole("button", { name: /^签\s*收$/ }).click();
    await page
      .getByText(/于 .* 签收|已签收/)
      .first()
      .waitFor();
    await page.locator(".ant-tag", { hasText: "已签收" }).waitFor();
    await screenshot(page, "81-handover-received");

    // A handed-over record shows the contact masked to QA, revealed only on request (logged).
    // One of the demo's registered complaints (the batch also holds the demo's history, LS-…).
    const batchId = new URL(page.url()).pathname.split("/").pop();
    const batch = await (await page.request.get(`/api/records/handovers/${batchId}`)).json();
    const record = batch.cases.find((item: { number: string }) => item.number.startsWith("TS-"));
    await page.goto(`/cases/${record.caseId}`);
    const masked = page.getByText(/1\d{2}\*{4}\d{4}/).first();
    await masked.waitFor();
    // Name and number each have their own reveal button; each reveal is one audited request.
    const reveal = page.getByRole("button", { name: /显\s*示/ });
    while ((await reveal.count()) > 0) {
      await reveal.first().click();
      await page.waitForTimeout(300);
    }
    await page
      .getByText(/^1\d{10}$/)
      .first()
      .waitFor();
    await screenshot(page, "82-case-masked-contact-revealed");

    await page.goto("/records/audit-chain");
    await page.getByRole("button", { name: /立即校验/ }).click();
    const result = page.getByTestId("chain-result");
    await result.waitFor();
    expect(await result.textContent()).toContain("日志完整");
    await screenshot(page, "83-records-integrity");
    await page.context().close();
  });

  it("QA checks a sampled entry of the open monthly inspection and records a tracking call (R-4.12.1)", async () => {
    const page = await signIn(browser, server.baseUrl, "qa");
    await page.goto("/records/inspections");
    await page.getByRole("row").nth(1).getByRole("link").click();
    await page.waitForURL(/\/records\/inspections\//);
    const first = page.getByTestId("inspection-item-1");
    await first.waitFor();
    for (const check of ["记录完整", "按时流转"]) {
      await first.getByLabel(check).click();
      // Each select opens its own dropdown; the one just opened is the last in the page.
      await page
        .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title='是']")
        .last()
        .click();
      await page.waitForTimeout(400);
    }
    await first.getByLabel("发现的问题").fill("回访记录缺少回访时间");
    await first.getByRole("button", { name: /保\s*存/ }).click();
    await first.getByText(/核对/).waitFor();
    await page.getByLabel("回访对象").fill("李先生");
    await page.getByRole("button", { name: "记录回访" }).click();
    await page.getByRole("cell", { name: "李先生" }).waitFor();
    await screenshot(page, "84-monthly-inspection");
    await page.context().close();
  });
});
