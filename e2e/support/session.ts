import type { Browser, Page } from "playwright-core";
import { newContext } from "./browser.js";

export const DEMO_PASSWORD = "demo123456";

/** Signs a demo user in through the login page, as a person would, and returns the page. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: { mobile?: boolean } = {},
): Promise<Page> {
  const context = await newContext(browser, baseUrl, options);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}
