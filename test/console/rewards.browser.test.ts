import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, openConsoleBrowser, SHOTS, SIZES, type ConsoleBrowser } from "../helpers/chromium.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tokenIn } from "../helpers/consoleClient.ts";

/**
 * 积分商城 in Debian's chromium at a desk's and a phone's size: an item added in the console, seen in the chat's
 * 兑换, redeemed in the chat, and 核销 from the console through the chat's own command. Screenshots go to
 * test-results/console/. Without chromium the file is skipped, saying so.
 */
describe.skipIf(!chromiumAvailable).each(SIZES)("积分商城 in chromium at $name size ($width×$height)", (size) => {
  let t: TestBot;
  let context: BrowserContext;
  let browser: ConsoleBrowser | undefined;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${size.name}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
    await t.say("g-yangguang", "u-li", "积分 奖励 @刘大爷 15 调解邻里停车纠纷");
    browser = await openConsoleBrowser({ width: size.width, height: size.height });
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("adds an item with its hand-over person, which the chat's 兑换 lists and a resident redeems, and hands it over from the console", async () => {
    const page = await context.newPage();
    const [answer] = await t.say("g-yangguang", "u-li", "工作台");
    await page.goto(`${t.baseUrl}/console/#/sign-in/${tokenIn(answer!)}`);
    await page.locator('[data-test="total"]').waitFor();

    await page.goto(`${t.baseUrl}/console/#/rewards?unit=xq-yangguang`);
    await page.locator('[data-test="rewards"]').waitFor();
    await page.locator('[data-test="add-item"]').click();
    await page.locator('input[data-test="item-name"], [data-test="item-name"] input').first().fill("大米（5斤）");
    await page.locator('input[data-test="item-price"], [data-test="item-price"] input').first().fill("10");
    await page.locator('input[data-test="item-stock"], [data-test="item-stock"] input').first().fill("8");
    // The hand-over person (核销人): a resident found by name.
    await page.locator('[data-test="item-hand-over"] input').first().fill("陈");
    await page.locator(".el-select-dropdown__item", { hasText: "陈先生（阳光花园）" }).click();
    await shot(page, "rewards-add");
    await page.locator('[data-test="save-item"]').click();
    await page.locator('[data-test="items"]', { hasText: "大米（5斤）" }).waitFor();
    await page.locator('[data-test="items"]', { hasText: "核销人 陈先生" }).waitFor();
    expect(await page.locator('[data-test="pending-points"]').innerText()).toContain("待确认");

    expect((await t.say("g-yangguang", "u-liu", "兑换"))[0]).toContain("· 大米（5斤）：10 分 · 剩 8 份");
    const [ordered] = await t.say("g-yangguang", "u-liu", "兑换 大米");
    const code = /取货码 ([2-9A-HJ-NP-Z]{4})/.exec(ordered!)![1]!;

    await page.reload();
    await page.locator(`[data-test="order-${code}"]`, { hasText: "待领取" }).waitFor();
    await shot(page, "rewards-open");
    await page.locator(`[data-test="hand-over-${code}"]`).click();
    await page.locator(`[data-test="order-${code}"]`, { hasText: "已领取" }).waitFor();
    await shot(page, "rewards-collected");
    const timeline = (await t.request("GET", "/sandbox/groups/g-yangguang/messages")).body.messages;
    expect(timeline.some((entry: any) => entry.memberName === "李书记" && entry.text === `核销 ${code}`)).toBe(true);
    expect((await t.say("g-yangguang", "u-liu", "我的兑换"))[0]).toContain(`${code} 大米（5斤）×1 10 分 已领取`);
  }, 120_000);
});
