import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pngImage } from "../apps/server/src/files/test-images.js";
import { launchBrowser, screenshot } from "./support/browser.js";
import { type RunningServer, startServer } from "./support/server.js";
import { signIn } from "./support/session.js";

describe("a phone complaint from intake to the register, and a repair from the resident portal (R-4.1.2, R-4.1.6, R-4.2.3)", () => {
  let server: RunningServer;
  let browser: Browser;
  let complaintNumber = "";
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("customer service takes a call on the intake screen and reads the number back", async () => {
    const page = await signIn(browser, server.baseUrl, "csagent");
    await page.goto("/intake");
    // the reception principles are in sight while taking the call.
    await page.getByText("不首先承诺").first().waitFor();
    const lookup = page.getByLabel("查找来电人：电话或房号");
    await lookup.fill("13800138000");
    await page.locator(".lookup-choice").first().waitFor();
    await screenshot(page, "10-intake-lookup");
    await lookup.press("ArrowDown");
    await page.keyboard.press("Enter");
    // Focus moves to the category: type to filter and take it.
    await page.waitForTimeout(200);
    await page.keyboard.type("噪音");
    await page.waitForTimeout(300);
    await page.keyboard.press("Enter");
    await page.getByLabel("内容").fill("楼上每天晚上十点以后装修，电钻噪音很大，影响休息。");
    await screenshot(page, "11-intake-filled");
    await page.keyboard.press("Control+Enter");
    const big = page.locator(".case-number-big");
    await big.waitFor();
    complaintNumber = (await big.textContent())?.trim() ?? "";
    expect(complaintNumber).toMatch(/^TS-CHY-\d{8}-\d{4}$/);
    await screenshot(page, "12-intake-number");

    // The register finds it by a two-character word.
    await page.goto("/cases");
    const search = page.getByLabel("搜索登记表");
    await search.fill("噪音");
    await search.press("Enter");
    await page.waitForURL(/q=/);
    const row = page.getByRole("row", { name: new RegExp(complaintNumber) });
    await row.waitFor();
    expect(await row.textContent()).toContain("秩序维护部");
    await screenshot(page, "13-register-search");
    await row.getByRole("link").first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByText("受理信息").waitFor();
    await screenshot(page, "14-case-detail");
    await page.context().close();
  });

  it("the department head is told of the routed complaint", async () => {
    const page = await signIn(browser, server.baseUrl, "depthead");
    const bell = page.getByRole("button", { name: /通知/ });
    await bell.click();
    const item = page.locator(".notification-item").filter({ hasText: complaintNumber });
    await item.first().waitFor({ timeout: 15_000 });
    await item.first().click();
    await page.waitForURL(/\/cases\//);
    await page.getByText(complaintNumber).first().waitFor();
    await page.context().close();
  });

  it("a resident files a repair with a photo on a phone and follows it", async () => {
    const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-photo-")), "leak.png");
    fs.writeFileSync(photo, pngImage(320, 240));
    const page = await signIn(browser, server.baseUrl, "resident", { mobile: true });
    await page.getByText("我的报修/投诉").waitFor();
    await page.getByRole("link", { name: "我要报修" }).click();
    await page.waitForURL("**/portal/new/repair");
    // The form appears once the resident's units and the categories have loaded.
    await page.getByText("漏水渗水", { exact: true }).waitFor();
    await page.locator("label").filter({ hasText: "翠湖花园 1栋 1-101" }).click();
    expect(await page.getByRole("radio", { name: /翠湖花园 1栋 1-101/ }).isChecked()).toBe(true);
    await page.getByText("漏水渗水", { exact: true }).click();
    await page.getByLabel("情况说明").fill("卫生间天花板漏水，滴到洗手台上，像是楼上下水管的问题。");
    await page.setInputFiles('input[aria-label="从相册选择"]', photo);
    await page.locator(".photo-thumb img").first().waitFor();
    await screenshot(page, "15-portal-repair-form");
    await page.getByRole("button", { name: /提\s*交/ }).click();
    const big = page.locator(".case-number-big");
    await big.waitFor();
    const number = (await big.textContent())?.trim() ?? "";
    expect(number).toMatch(/^BX-CHY-\d{8}-\d{4}$/);
    await page.getByRole("link", { name: /查看进度/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    await page.getByText("处理进度").waitFor();
    const width = await page
      .locator(".photo-thumb img")
      .first()
      .evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(width).toBe(320);
    await screenshot(page, "16-portal-repair-case");
    await page.context().close();

    // The repair team leader finds it in the register with its photo.
    const lead = await signIn(browser, server.baseUrl, "repairlead");
    await lead.goto(`/cases?q=${encodeURIComponent("漏水")}`);
    await lead
      .getByRole("row", { name: new RegExp(number) })
      .getByRole("link")
      .first()
      .click();
    await lead.locator(".photo-thumb img").first().waitFor();
    await screenshot(lead, "17-staff-sees-portal-repair");
    await lead.context().close();
  });
});
