import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot } from "./support/browser.js";
import { type RunningServer, startServer } from "./support/server.js";
import { DEMO_PASSWORD } from "./support/session.js";

async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

describe("the administrator sets up an estate; a resident sees none of it (R-4.1.1, R-4.2.1)", () => {
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

  it("signs in as admin, creates an estate with its hotlines, a building and two units", async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto("/login");
    await screenshot(page, "01-login-zh");
    await signInAs(page, "admin");
    await page.getByText("您好，系统管理员").waitFor();
    await screenshot(page, "02-admin-workbench");

    await page.goto("/admin/estates");
    await page
      .getByRole("cell", { name: /翠湖花园/ })
      .first()
      .waitFor();
    await page.getByRole("button", { name: "新建小区" }).click();
    await page.getByLabel("小区编码").fill("E2E");
    await page.getByLabel("小区名称").fill("测试家园");
    await page.getByLabel("投诉电话").fill("0571-86007001");
    await page.getByLabel("报修电话").fill("0571-86007002");
    await page.getByLabel("接待地点").fill("测试家园 1 栋一楼物业服务中心");
    await screenshot(page, "03-estate-form");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    const row = page.getByRole("row", { name: /测试家园/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("0571-86007001");
    await screenshot(page, "04-estates-list");

    await row.getByRole("link", { name: "楼栋与房号" }).click();
    await page.waitForURL(/\/admin\/estates\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "新增楼栋" }).click();
    await page.getByLabel("楼栋名称").fill("1栋");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("1栋 的房号").waitFor();

    for (const number of ["1-101", "1-102"]) {
      await page.getByRole("button", { name: "新增房号" }).click();
      await page.getByLabel("房号", { exact: true }).fill(number);
      await page.getByLabel("楼层").fill("1");
      await page.getByRole("button", { name: /保\s*存/ }).click();
      await page.getByRole("cell", { name: number, exact: true }).waitFor();
    }
    await screenshot(page, "05-estate-detail-with-units");

    // What the browser shows is what the server stored.
    const estates = await page.evaluate(async () => {
      const response = await fetch("/api/estates?q=E2E");
      return (await response.json()) as { items: { id: string; receptionAddress: string; publicCode: string }[] };
    });
    expect(estates.items).toHaveLength(1);
    const estate = estates.items[0];
    expect(estate?.receptionAddress).toBe("测试家园 1 栋一楼物业服务中心");
    const units = await page.evaluate(async (estateId) => {
      const response = await fetch(`/api/units?estateId=${estateId}`);
      return (await response.json()) as { items: { label: string }[] };
    }, estate?.id);
    expect(units.items.map((unit) => unit.label)).toEqual(["1栋 1-101", "1栋 1-102"]);

    // The estate's public page shows the hotlines without sign-in.
    const visitor = await (await newContext(browser, server.baseUrl, { mobile: true })).newPage();
    await visitor.goto(`/e/${estate?.publicCode}`);
    await visitor.getByText("测试家园").first().waitFor();
    const complaintLinks = visitor.locator(`a[href="tel:057186007001"]`);
    expect(await complaintLinks.count()).toBeGreaterThan(0);
    expect(await visitor.locator(`a[href="tel:057186007002"]`).count()).toBeGreaterThan(0);
    await screenshot(visitor, "06-public-estate-page-phone");
    await context.close();
  });

  it("shows a resident their portal and refuses every admin screen", async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, "resident");
    await page.waitForURL(/\/portal/);
    await page.getByText("翠湖花园").first().waitFor();
    await screenshot(page, "07-resident-portal");
    expect(await page.getByRole("menuitem", { name: "小区" }).count()).toBe(0);
    expect(await page.getByRole("menuitem", { name: "用户" }).count()).toBe(0);

    for (const path of ["/admin/estates", "/admin/users", "/admin/residents", "/admin/categories"]) {
      await page.goto(path);
      await page.getByText("无权访问").waitFor();
    }
    await screenshot(page, "08-resident-forbidden");

    // The server refuses too, whatever the browser shows.
    const status = await page.evaluate(async () => (await fetch("/api/estates")).status);
    expect(status).toBe(403);
    await context.close();
  });

  it("switches the interface to English", async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, "admin");
    await page.getByRole("combobox", { name: "语言" }).click();
    await page.getByTitle("English").click();
    await page.goto("/admin/estates");
    await page.getByRole("button", { name: /new estate/i }).waitFor();
    await screenshot(page, "09-estates-english");
    await context.close();
  });
});
