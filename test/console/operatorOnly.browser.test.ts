import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, openConsoleBrowser, SHOTS, SIZES, type ConsoleBrowser } from "../helpers/chromium.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tokenIn } from "../helpers/consoleClient.ts";

/**
 * An operator who is staff of no unit, in Debian's chromium at a desk's and a phone's size: signed in by the
 * link, the page draws the one tab the server lists (运维), opens it whatever the address asks for, and never
 * calls a route that would answer 403; a resident's invitation is refused at sign-in. Screenshots go to
 * test-results/console/{desk,phone}-{operator-only-ops,resident-refused}.png.
 * Without chromium the file is skipped.
 */
const NOTICE = "你不是任何单位的工作人员，看不到工单、统计和议事会，只能使用运维页面。";

describe.skipIf(!chromiumAvailable).each(SIZES)("an operator of no unit in chromium at $name size ($width×$height)", (size) => {
  let t: TestBot;
  let context: BrowserContext;
  let browser: ConsoleBrowser | undefined;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${size.name}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    // 陈先生 is only a resident of 阳光花园, and an operator (BIND_OPERATORS).
    t = await startTestBot({ now: "2026-11-23T02:00:00Z", env: { BIND_OPERATORS: "sandbox:u-chen" } });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    browser = await openConsoleBrowser({ width: size.width, height: size.height });
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("draws only 运维, opens it for any other address, and asks the server for nothing it would refuse", async () => {
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 403) refused.push(response.url());
    });
    const [answer] = await t.say("g-yangguang", "u-chen", "工作台");
    await page.goto(`${t.baseUrl}/console/#/sign-in/${tokenIn(answer!)}`);
    await page.locator('[data-test="nav-ops"].on').waitFor();
    expect(await page.locator('[data-test="nav"] a').allTextContents()).toEqual(["运维"]);
    await page.locator(`[data-test="no-units"] >> text=${NOTICE}`).waitFor();
    for (const hash of ["#/board", "#/stats", "#/meetings", "#/points", "#/rewards", "#/ticket/1", "#/meeting/1"]) {
      await page.goto(`${t.baseUrl}/console/${hash}`);
      await page.locator('[data-test="nav-ops"].on').waitFor();
      await page.waitForFunction('location.hash === "#/ops"');
    }
    await page.locator("text=群与绑定").click();
    await page.locator('[data-test="group-g-yangguang"]').waitFor();
    expect(await page.locator("text=楼道灯不亮").count()).toBe(0);
    await shot(page, "operator-only-ops");
    expect(refused).toEqual([]);
    await page.close();
  });

  it("refuses a resident's invitation at sign-in with a plain Chinese page, and no session", async () => {
    // A browser of its own: the operator's session above is gone.
    await context.clearCookies();
    const page = await context.newPage();
    const invited = await t.request("POST", "/api/console/invitations", { body: { memberId: "u-zhang" }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await page.goto(`${t.baseUrl}/console/${new URL(invited.body.url).hash}`);
    await page.locator('[data-test="problem"]', { hasText: "工作台只对工作人员开放" }).waitFor();
    expect(await page.locator('[data-test="nav"]').count()).toBe(0);
    expect((await context.cookies()).filter((cookie) => cookie.name === "yishi_console")).toEqual([]);
    await shot(page, "resident-refused");
    await page.close();
  });
});
