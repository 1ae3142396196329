import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./support/browser.js";
import { type RunningServer, startServer } from "./support/server.js";
import { signIn } from "./support/session.js";

describe("one complaint from routing through department handling, return and check to awaiting callback (R-4.3.1, R-4.3.2)", () => {
  let server: RunningServer;
  let browser: Browser;
  let number = "";
  let caseUrl = "";
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("customer service registers a noise complaint, routed to 秩序维护部", async () => {
    const page = await signIn(browser, server.baseUrl, "csagent");
    await page.goto("/intake");
    const lookup = page.getByLabel("查找来电人：电话或房号");
    await lookup.fill("13800138000");
    await page.locator(".lookup-choice").first().waitFor();
    await lookup.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    await page.keyboard.type("噪音");
    await page.waitForTimeout(300);
    await page.keyboard.press("Enter");
    await page.getByLabel("内容").fill("楼上每天晚上十点以后装修，电钻噪音很大，影响休息。");
    await page.keyboard.press("Control+Enter");
    const big = page.locator(".case-number-big");
    await big.waitFor();
    number = (await big.textContent())?.trim() ?? "";
    expect(number).toMatch(/^TS-/);
    await page.context().close();
  });

  it("the department head finds it in the inbox, accepts it and assigns it to a staff member", async () => {
    const page = await signIn(browser, server.baseUrl, "depthead");
    await page.goto("/complaints/inbox");
    const row = page.getByRole("row", { name: new RegExp(number) });
    await row.waitFor();
    await screenshot(page, "20-department-inbox");
    await row.getByRole("link", { name: number }).click();
    await page.waitForURL(/\/cases\//);
    caseUrl = new URL(page.url()).pathname;
    // The case page itself: the inbox, with its own quick buttons, may still show while it loads.
    await page.goto(caseUrl);
    await page.getByRole("button", { name: /^接\s*单$/ }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^接\s*单$/ })
      .click();
    await page.getByText("接单：已完成").waitFor();
    await page.getByRole("button", { name: /^指\s*派$/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("处理人").click();
    await page.locator(".ant-select-item-option", { hasText: "孙强" }).click();
    await dialog.getByRole("button", { name: /^指\s*派$/ }).click();
    await page.getByText("指派：已完成").waitFor();
    await screenshot(page, "21-complaint-assigned");
    await page.context().close();
  });

  it("the staff member returns the measures and the result from his own list", async () => {
    const page = await signIn(browser, server.baseUrl, "deptstaff");
    await page.goto("/complaints/inbox?tab=mine");
    const row = page.getByRole("row", { name: new RegExp(number) });
    await row.waitFor();
    await row.getByRole("button", { name: "反馈结果" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("采取的措施").fill("当晚 22:10 上门劝导装修住户，并查看装修许可。");
    await dialog.getByLabel("处理结果").fill("住户承诺晚 8 点后停止使用电钻，已告知投诉人。");
    await screenshot(page, "22-return-result");
    await dialog.getByRole("button", { name: "反馈结果" }).click();
    await page.getByText("反馈结果：已完成").waitFor();
    await page.context().close();
  });

  it("customer service sees it in tracking, checks the result, and the complaint awaits its callback", async () => {
    const page = await signIn(browser, server.baseUrl, "csagent");
    await page.goto("/complaints/tracking");
    await page.getByRole("row", { name: new RegExp(number) }).waitFor();
    await screenshot(page, "23-tracking");
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "验证结果" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("验证通过，待回访").waitFor();
    await dialog.getByRole("button", { name: "验证结果" }).click();
    await page.getByText("验证结果：已完成").waitFor();
    await page.getByText("待回访").first().waitFor();
    await screenshot(page, "24-awaiting-callback");
    // The server agrees with what the page shows.
    const status = await page.evaluate(async (path) => {
      const response = await fetch(`/api${path}`);
      return ((await response.json()) as { status: string }).status;
    }, caseUrl);
    expect(status).toBe("awaiting_callback");
    await page.context().close();
  });
});
