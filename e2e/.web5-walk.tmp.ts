// Temporary browser walk for issue #5 (web side); not part of the suite.
import fs from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { pngImage } from "../apps/server/src/files/test-images.js";

const BASE = process.env.BASE ?? "http://127.0.0.1:3100";
const OUT = "/tmp/web5shots";
const photo = `${OUT}/door.png`;
fs.writeFileSync(photo, pngImage(320, 240));

async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE,
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log(`[${username}] pageerror`, e.message));
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[${username}] console`, m.text());
  });
  current = page;
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("demo123456");
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}
let current: Page | null = null;
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage });

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
  // 1. Customer service registers a repair.
  const cs = await signIn(browser, "csagent");
  await cs.goto("/intake");
  const lookup = cs.getByLabel("查找来电人：电话或房号");
  await lookup.fill("13800138000");
  await cs.locator(".lookup-choice").first().waitFor();
  await lookup.press("ArrowDown");
  await cs.keyboard.press("Enter");
  await cs.waitForTimeout(200);
  await cs.locator(".ant-segmented-item").filter({ hasText: "报修" }).first().click();
  await cs.getByRole("combobox", { name: "分类" }).click();
  await cs.keyboard.type("漏水");
  await cs.waitForTimeout(300);
  await cs.keyboard.press("Enter");
  await cs.getByLabel("内容").fill("厨房水槽下水管漏水，柜子里积水。");
  await shot(cs, "01-intake");
  await cs.keyboard.press("Control+Enter");
  const anyway = cs.getByRole("button", { name: "不是重复，仍然保存" });
  await Promise.race([cs.locator(".case-number-big").waitFor(), anyway.waitFor()]);
  if (await anyway.isVisible()) await anyway.click();
  await cs.locator(".case-number-big").waitFor();
  const number = (await cs.locator(".case-number-big").textContent())?.trim() ?? "";
  console.log("registered", number);
  await shot(cs, "02-intake-number");
  await cs.context().close();

  // 2. The repair lead accepts and assigns on the board.
  const lead = await signIn(browser, "repairlead");
  await lead.goto("/");
  await shot(lead, "03-lead-workbench");
  await lead.goto("/repairs/board");
  const card = lead.getByLabel(`工单 ${number}`, { exact: true });
  await card.waitFor();
  await shot(lead, "04-board-new");
  await lead.getByRole("button", { name: `接单 ${number}` }).click();
  await lead.getByRole("button", { name: `派工 ${number}` }).waitFor();
  await lead.getByRole("button", { name: `派工 ${number}` }).click();
  await lead.getByRole("combobox", { name: "维修人员" }).click();
  await shot(lead, "05-assign-select", false);
  await lead.locator(".ant-select-item-option").filter({ hasText: "吴师傅" }).click();
  await lead
    .getByRole("dialog")
    .getByRole("button", { name: /派\s*工/ })
    .click();
  await lead.getByText(`${number}：派工已提交`).waitFor();
  await shot(lead, "06-board-assigned");
  await lead.context().close();

  // 3. The worker on his phone.
  const worker = await signIn(browser, "worker");
  await worker.goto("/repairs/mine");
  await worker.getByRole("link", { name: `打开工单 ${number}` }).waitFor();
  await shot(worker, "07-mine");
  await worker.getByRole("link", { name: `打开工单 ${number}` }).click();
  await worker.getByRole("button", { name: /出\s*发/ }).waitFor();
  await shot(worker, "08-order-assigned", false);
  await worker.getByRole("button", { name: /出\s*发/ }).click();
  await worker.getByRole("button", { name: /到\s*达/ }).waitFor();
  await worker.getByRole("button", { name: /到\s*达/ }).click();
  await worker.getByRole("button", { name: /完\s*工/ }).waitFor();
  await shot(worker, "09-order-on-site", false);
  await worker.getByRole("button", { name: /完\s*工/ }).click();
  await worker.getByLabel("维修内容").fill("更换下水管接头并重新密封，试水无渗漏。");
  await worker.getByLabel("第 1 行材料名称").fill("PVC 接头");
  await worker.getByLabel("第 1 行数量").fill("2");
  await worker.getByLabel("第 1 行单位").fill("个");
  const inputs = worker.locator('input[capture="environment"]');
  await inputs.nth(0).setInputFiles(photo);
  await worker.locator(".photo-thumb img").first().waitFor();
  await inputs.nth(1).setInputFiles(photo);
  await worker.locator(".photo-thumb img").nth(1).waitFor();
  await shot(worker, "10-work-done");
  await worker.getByRole("button", { name: "交给业主评价" }).click();
  await worker.getByRole("dialog", { name: "请您评价本次维修" }).waitFor();
  // An empty signature is refused.
  await worker.getByText("满意", { exact: true }).click();
  await worker.locator(".evaluation-stars li").nth(4).click();
  await worker.getByRole("button", { name: "提交评价并签名" }).click();
  await worker.getByText("请先在框内签名").waitFor();
  await shot(worker, "11-customer-empty-signature", false);
  await worker.getByLabel("意见").fill("师傅很专业，及时。");
  const pad = worker.getByRole("img", { name: "签名板" });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error("no pad");
  await worker.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await worker.mouse.down();
  for (let i = 0; i <= 30; i++) {
    await worker.mouse.move(
      box.x + 30 + i * ((box.width - 60) / 30),
      box.y + box.height * (0.6 + 0.25 * Math.sin(i / 3)),
    );
  }
  await worker.mouse.up();
  await worker.mouse.move(box.x + 60, box.y + 20);
  await worker.mouse.down();
  await worker.mouse.move(box.x + 90, box.y + box.height - 20, { steps: 10 });
  await worker.mouse.up();
  await shot(worker, "12-customer-signed", false);
  await worker.getByRole("button", { name: "提交评价并签名" }).click();
  await worker.getByText("感谢您的评价").waitFor();
  await shot(worker, "13-after-evaluation", false);
  await worker.context().close();

  // 4. The resident follows the repair.
  const resident = await signIn(browser, "resident");
  await resident.getByText(number).first().click();
  await resident.getByText("维修进度").waitFor();
  await resident.getByRole("img", { name: "客户签名" }).waitFor();
  await shot(resident, "14-resident-progress");
  await resident.context().close();

  // 5. The printed QR-024 page as staff.
  const lead2 = await signIn(browser, "repairlead");
  await lead2.setViewportSize({ width: 1280, height: 900 });
  await lead2.goto(`/cases?q=${encodeURIComponent("水槽")}`);
  await lead2
    .getByRole("row", { name: new RegExp(number) })
    .getByRole("link")
    .first()
    .click();
  await lead2.getByRole("link", { name: "查看派工单" }).click();
  await lead2.getByText("回访（待回访功能）").waitFor();
  await lead2.getByRole("img", { name: "客户签名" }).waitFor();
  await shot(lead2, "15-qr024");
  await lead2.emulateMedia({ media: "print" });
  await shot(lead2, "16-qr024-print");
  await lead2.pdf?.({ path: `${OUT}/16-qr024.pdf`, format: "A4" }).catch(() => undefined);
  await lead2.context().close();
  console.log("WALK OK");
} catch (error) {
  console.log("WALK FAILED", error);
  if (current) await current.screenshot({ path: `${OUT}/99-failure.png` }).catch(() => undefined);
} finally {
  await browser.close();
}
