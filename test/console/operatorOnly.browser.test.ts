import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, openConsoleBrowser, SHOTS, SIZES, type ConsoleBrowser } from "../helpers/chromium.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tokenIn } from "../helpers/consoleClient.ts";

/**
 * An operator who is staff of no unit, in Debian's chromium at a desk's and a phone's size: signed in by the
 * link, the board, 统计 and 议事会 say why they are empty and offer 运维, which works. Screenshots go to
 * test-results/console/{desk,phone}-operator-only-{board,ops}.png. Without chromium the file is skipped.
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

  it("says why the board, 统计 and 议事会 are empty, and opens 运维", async () => {
    const page = await context.newPage();
    const [answer] = await t.say("g-yangguang", "u-chen", "工作台");
    await page.goto(`${t.baseUrl}/console/#/sign-in/${tokenIn(answer!)}`);
    const notice = page.locator('[data-test="no-units"]');
    await notice.locator(`text=${NOTICE}`).waitFor();
    expect(await page.locator("text=楼道灯不亮").count()).toBe(0);
    await shot(page, "operator-only-board");
    for (const hash of ["#/stats", "#/meetings", "#/points"]) {
      await page.goto(`${t.baseUrl}/console/${hash}`);
      await notice.locator(`text=${NOTICE}`).waitFor();
    }
    await notice.locator("text=打开运维页面").click();
    await page.locator('[data-test="nav-ops"].on').waitFor();
    await page.locator("text=群与绑定").click();
    await page.locator('[data-test="group-g-yangguang"]').waitFor();
    expect(await notice.count()).toBe(0);
    await shot(page, "operator-only-ops");
    await page.close();
  });
});
