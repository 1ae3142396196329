import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./support/browser.js";
import { type RunningServer, startServer } from "./support/server.js";
import { signIn } from "./support/session.js";

/**
 * Closing the loop on the demo centre (issue #7 part B): the weekly classification of
 * suggestions into topics, a nonconformity fixed by its department with a
 * new callback planned, and an open letter in the resident's portal.
 */
describe("quality of callbacks: suggestion topics, nonconformities and open letters", () => {
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

  it("R-4.7.1/R-4.7.2: the head classifies this week's suggestions and groups the similar pair into a topic", async () => {
    const page = await signIn(browser, server.baseUrl, "cshead");
    await page.goto("/quality/suggestions");
    await page.getByText("建议在东门增设快递柜").first().waitFor();
    // The lift topic of the demo data is already there; the parcel-locker pair is proposed.
    await page.getByRole("link", { name: "3栋电梯频繁故障" }).first().waitFor();
    const suggested = page.locator(".suggested-groupings");
    await suggested.getByText("东门能不能增设一个快递柜").waitFor();
    await screenshot(page, "70-suggestion-week");

    const row = page.getByRole("row", { name: /小区里遛狗不牵绳/ });
    await row.getByRole("combobox").click();
    await page.locator(".ant-select-item-option", { hasText: "管理制度" }).click();
    await page.getByText("已分类").waitFor();

    await suggested.getByRole("button", { name: "合并为专题" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("专题标题").fill("东门增设快递柜");
    await dialog.getByRole("button", { name: /新\s*建/ }).click();
    await page.waitForURL(/\/quality\/topics\//);
    await page.getByText("来源意见（2 条）").waitFor();
    expect(await page.getByText("建议在东门增设快递柜").count()).toBeGreaterThan(0);
    await screenshot(page, "71-suggestion-topic");
    await page.context().close();
  });

  it("R-4.11.2: the responsible department records the fix of a nonconformity and a new callback is planned", async () => {
    const head = await signIn(browser, server.baseUrl, "cshead");
    await head.goto("/quality/nonconformities");
    const link = head.getByRole("link", { name: /^NC-\d{6}-0001$/ });
    await link.waitFor();
    await screenshot(head, "72-nonconformities");
    await link.click();
    await head.waitForURL(/\/quality\/nonconformities\/[0-9a-f-]+$/);
    const url = new URL(head.url()).pathname;
    await head
      .getByText("巡逻还是没有改善")
      .waitFor({ state: "attached" })
      .catch(() => undefined);
    await head.context().close();

    const department = await signIn(browser, server.baseUrl, "depthead");
    await department.goto(url);
    await department.getByRole("button", { name: "登记整改" }).click();
    const dialog = department.getByRole("dialog");
    await dialog.getByLabel("整改情况").fill("夜班增加一次巡逻，22:00 后重点巡查 3 栋");
    await dialog.getByRole("button", { name: /确\s*定/ }).click();
    await department.getByText("已整改待回访").first().waitFor();
    await department.getByText("第 2 次").waitFor();
    await screenshot(department, "73-nonconformity-fixed");
    await department.context().close();

    // the head writes the formal report QR-019, laid out for printing.
    const reporter = await signIn(browser, server.baseUrl, "cshead");
    await reporter.goto(`${url}/report`);
    await reporter.getByRole("button", { name: "填写报告" }).click();
    const form = reporter.getByRole("dialog");
    await form.getByLabel("原因分析").fill("夜班巡逻路线未覆盖 3 栋后侧");
    await form.getByLabel("纠正措施").fill("调整巡逻路线，每晚 22:00 后增加一次巡查");
    await form.getByRole("button", { name: /保\s*存/ }).click();
    await reporter.getByText("TXHY.QR-019").waitFor();
    await reporter.locator(".paper-form").getByText("夜班巡逻路线未覆盖 3 栋后侧").waitFor();
    await screenshot(reporter, "75-nonconformity-report-qr019");
    await reporter.context().close();
  });

  it("R-4.10.1: the resident reads the open letter published to the estate", async () => {
    const page = await signIn(browser, server.baseUrl, "resident");
    await page.goto("/portal/letters");
    await page.getByRole("link", { name: "关于3栋电梯维修的公开信" }).click();
    await page.getByText("本周五前更换主控板").waitFor();
    expect(await page.locator(".letter-notice script").count()).toBe(0);
    await screenshot(page, "74-portal-open-letter");
    await page.context().close();
  });
});
