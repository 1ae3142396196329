// Temporary browser walk for issue #5 (web side): drag, wait/resume, customer absent, portal evaluation and cancel.
import { chromium, type Page } from "playwright-core";

const BASE = "http://127.0.0.1:3100";
const OUT = "/tmp/web5shots";
const photo = `${OUT}/door.png`;
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
let current: Page | null = null;
async function signIn(username: string, opts: { wide?: boolean; en?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE,
    locale: "zh-CN",
    viewport: opts.wide ? { width: 1440, height: 900 } : { width: 390, height: 844 },
    isMobile: !opts.wide,
    hasTouch: !opts.wide,
  });
  if (opts.en) await context.addInitScript(() => window.localStorage.setItem("estate-desk.language", "en"));
  const page = await context.newPage();
  current = page;
  page.on("pageerror", (e) => console.log(`[${username}] pageerror`, e.message));
  await page.goto("/login");
  await page.getByLabel(opts.en ? "User name" : "用户名").fill(username);
  await page.getByLabel(opts.en ? "Password" : "密码").fill("demo123456");
  await page.getByRole("button", { name: opts.en ? /Sign in/ : /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
async function api(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch("/api/auth/me")).json();
      const r = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: body ? JSON.stringify(body) : undefined,
      });
      return r.json();
    },
    { method, path, body },
  );
}

try {
  const cs = await signIn("csagent", { wide: true });
  const look = await api(cs, "GET", "/api/intake/lookup?q=13800138000");
  const resident = look.residents[0];
  const unit = resident.units[0];
  const cats = await api(cs, "GET", "/api/categories?kind=repair&active=true");
  const cat = cats.items.find((c: { name: string }) => c.name === "管道堵塞");
  const numbers: string[] = [];
  for (const content of ["洗手池下水堵塞，水排不下去。", "阳台地漏堵塞。"]) {
    const created = await api(cs, "POST", "/api/cases", {
      kind: "repair",
      estateId: unit.estateId,
      channel: "phone",
      residentId: resident.id,
      unitId: unit.unitId,
      categoryId: cat.id,
      content,
      similarCasesAcknowledged: true,
    });
    numbers.push(created.number);
  }
  const [a, b] = numbers;
  console.log("created", numbers);
  await cs.context().close();

  // Drag order A onto the worker on the desktop board (accept + assign in one gesture).
  const lead = await signIn("repairlead", { wide: true });
  await lead.goto("/repairs/board");
  const card = lead.getByLabel(`工单 ${a}`, { exact: true });
  await card.waitFor();
  await shot(lead, "20-board-desktop");
  await card.dragTo(lead.getByLabel("维修人员 吴师傅"));
  await lead.getByText(`${a} 已派给 吴师傅`).waitFor();
  await shot(lead, "21-board-after-drag");
  await lead.context().close();

  // English board.
  const leadEn = await signIn("repairlead", { wide: true, en: true });
  await leadEn.goto("/repairs/board");
  await leadEn.getByText("Dispatch board").first().waitFor();
  await leadEn.getByLabel(`Order ${b}`, { exact: true }).waitFor();
  await shot(leadEn, "22-board-en");
  await leadEn.context().close();

  // Worker: start, wait for parts, resume, arrive, complete with the customer absent.
  const worker = await signIn("worker");
  await worker.goto("/repairs/mine");
  await worker.getByRole("link", { name: `打开工单 ${a}` }).click();
  await worker.getByRole("button", { name: /出\s*发/ }).click();
  await worker.getByRole("button", { name: /等\s*待/ }).click();
  await worker.getByRole("dialog").getByText("等待配件").click();
  await shot(worker, "23-wait-dialog", false);
  await worker
    .getByRole("dialog")
    .getByRole("button", { name: /等\s*待/ })
    .click();
  await worker.getByRole("button", { name: /继\s*续/ }).waitFor();
  await shot(worker, "24-waiting", false);
  await worker.getByRole("button", { name: /继\s*续/ }).click();
  await worker.getByRole("button", { name: /到\s*达/ }).click();
  await worker.getByRole("button", { name: /完\s*工/ }).click();
  await worker.getByLabel("维修内容").fill("疏通下水管，清除毛发堵塞物。");
  await worker.getByRole("button", { name: "业主不在" }).click();
  await worker.getByRole("button", { name: "提交（待业主评价）" }).click();
  await worker.getByText("请填写原因").waitFor();
  await worker.getByLabel("原因").fill("业主外出，电话未接，已敲门无人应答。");
  await worker.locator('input[capture="environment"]').setInputFiles(photo);
  await worker.locator(".photo-thumb img").first().waitFor();
  await shot(worker, "25-absent");
  await worker.getByRole("button", { name: "提交（待业主评价）" }).click();
  await worker.getByText("已完工，等待业主评价", { exact: false }).waitFor();
  await shot(worker, "26-awaiting-evaluation", false);
  await worker.context().close();

  // Resident evaluates order A in the portal and cancels B.
  const res = await signIn("resident");
  await res.getByText(a).first().click();
  await res.getByRole("button", { name: "评价并签名" }).click();
  await res.getByText("基本满意", { exact: true }).click();
  await res.locator(".evaluation-stars li").nth(3).click();
  const pad = res.getByRole("img", { name: "签名板" });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error("no pad");
  await res.mouse.move(box.x + 20, box.y + 40);
  await res.mouse.down();
  await res.mouse.move(box.x + box.width - 30, box.y + box.height - 30, { steps: 25 });
  await res.mouse.up();
  await shot(res, "27-portal-evaluate");
  await res.getByRole("button", { name: "提交评价并签名" }).click();
  await res.getByText("感谢您的评价").waitFor();
  await res.getByRole("img", { name: "客户签名" }).waitFor();
  await shot(res, "28-portal-evaluated");
  await res.goto("/portal");
  await res.getByText(b).first().click();
  await res.getByRole("button", { name: "取消报修" }).click();
  await res.getByRole("dialog").getByLabel("原因").fill("已自行处理好了。");
  await res.getByRole("dialog").getByRole("button", { name: "取消报修" }).click();
  await res.getByText("已取消报修").first().waitFor();
  await shot(res, "29-portal-cancelled");
  await res.context().close();

  // Case detail links to the dispatch order.
  const agent = await signIn("csagent", { wide: true });
  await agent.goto(`/cases?q=${encodeURIComponent("洗手池")}`);
  await agent
    .getByRole("row", { name: new RegExp(a) })
    .getByRole("link")
    .first()
    .click();
  await agent.getByRole("link", { name: "查看派工单" }).waitFor();
  await shot(agent, "30-case-detail-link");
  await agent.getByRole("link", { name: "查看派工单" }).click();
  await agent.getByText("业主不在").first().waitFor();
  await shot(agent, "31-qr024-absent");
  await agent.context().close();
  console.log("WALK2 OK");
} catch (error) {
  console.log("WALK2 FAILED", error);
  if (current) await current.screenshot({ path: `${OUT}/99-failure.png` }).catch(() => undefined);
} finally {
  await browser.close();
}
