// Temporary: worker workbench shortcut and a step tapped offline.
import { chromium } from "playwright-core";

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const context = await browser.newContext({
    baseURL: "http://127.0.0.1:3100",
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("worker");
  await page.getByLabel("密码").fill("demo123456");
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page
    .getByRole("link", { name: /我的工单/ })
    .first()
    .waitFor();
  await page.screenshot({ path: "/tmp/web5shots/40-worker-workbench.png", fullPage: true });
  await page.goto("/repairs/mine");
  await page.getByRole("link", { name: /打开工单 BX-CHY-20261129-0003/ }).click();
  await page.getByRole("button", { name: /出\s*发/ }).waitFor();
  await context.setOffline(true);
  await page.getByRole("button", { name: /出\s*发/ }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: "/tmp/web5shots/41-offline-step.png" });
  await context.setOffline(false);
  await page
    .getByRole("alert")
    .getByRole("button", { name: /重\s*试/ })
    .click();
  await page.getByRole("button", { name: /到\s*达/ }).waitFor();
  await page.screenshot({ path: "/tmp/web5shots/42-after-retry.png" });
  console.log("WALK3 OK");
} catch (e) {
  console.log("WALK3 FAILED", e);
} finally {
  await browser.close();
}
