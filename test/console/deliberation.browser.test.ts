import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, openConsoleBrowser, SHOTS, SIZES, type ConsoleBrowser } from "../helpers/chromium.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tokenIn } from "../helpers/consoleClient.ts";
import { FakeReceiver } from "../features/webhooks/fakeReceiver.ts";

/**
 * 议事会, 积分 and 运维 in Debian's chromium at a desk's and a phone's size: the month's calendar (a list on
 * the phone), a meeting's page and a decision published from it as the chat's 公示, the leaderboard and a
 * resident's ledger, and the operators' page retrying a group's dead letter and sending a webhook's dead letter again. Screenshots go to
 * test-results/console/. Without chromium (outside CI) the file is skipped, saying so; in CI it fails.
 */
describe.skipIf(!chromiumAvailable).each(SIZES)("议事会, 积分 and 运维 in chromium at $name size ($width×$height)", (size) => {
  let t: TestBot;
  let context: BrowserContext;
  let browser: ConsoleBrowser | undefined;
  let keylessGroup: string;
  let receiver: FakeReceiver | undefined;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${size.name}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    // 李书记 is an operator too (BIND_OPERATORS), and a WeCom work group without a robot key collects a dead letter.
    t = await startTestBot({ now: "2026-11-23T02:00:00Z", env: { BIND_OPERATORS: "sandbox:u-li", WECOM_API_BASE: "https://wecom.test" } });
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "wrkStaff", unitId: "sq-xingfu", kind: "staff", name: "社区企微工作群" },
    });
    keylessGroup = bound.body.group.id;
    // A webhook receiver on 127.0.0.1 that refuses the first report (401): a dead letter of the webhooks.
    receiver = new FakeReceiver(() => Math.floor(t.clock.now().getTime() / 1000));
    await receiver.start();
    const endpoint = await t.request("POST", "/api/webhooks", { headers: auth, body: { unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] } });
    receiver.secrets.push(endpoint.body.secret);
    receiver.answer({ status: 401, body: "unknown signature" });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼门口想装电动车充电桩");
    await t.say("g-yangguang", "u-liu", "@议事助手 8号楼电梯按钮坏了，老人上下楼不方便");
    await t.say("g-yangguang", "u-li", "受理 1");
    await t.say("g-yangguang", "u-li", "受理 2");
    await t.say("g-yangguang", "u-li", "积分 奖励 @张阿姨 5 调解邻里停车纠纷");
    await t.say("g-yangguang", "u-li", "新建议事会 11月25日19:30 社区活动室 讨论充电桩安装"); // #1
    await t.say("g-lijing", "u-li", "新建议事会 11月28日10:00 丽景苑凉亭 讨论垃圾分类"); // #2
    await t.say("g-yangguang", "u-li", "上会 1");
    await t.say("g-yangguang", "u-li", "议题 1 楼道堆物整治");
    await t.say("g-yangguang", "u-zhang", "报名 1");
    await t.say("g-yangguang", "u-liu", "报名 1");
    await t.bot.outbox.runOnce();
    expect(await t.bot.webhooks.runOnce()).toMatchObject({ delivered: 1, dead: 1 });
    t.clock.set("2026-11-25T11:40:00Z"); // 19:40 in Beijing: meeting #1 is under way
    await t.say("g-yangguang", "u-zhou", "签到 1 @张阿姨");
    await t.say("g-yangguang", "u-li", "决议 1 1 同意在3号楼门口安装充电桩 负责人:孙物业 期限:12月20日");
    browser = await openConsoleBrowser({ width: size.width, height: size.height });
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver?.stop();
  });

  it("opens the calendar and a meeting, publishes its decision, reads the leaderboard and a ledger, and retries a dead letter", async () => {
    const page = await context.newPage();
    const [answer] = await t.say("g-yangguang", "u-li", "工作台");
    await page.goto(`${t.baseUrl}/console/#/sign-in/${tokenIn(answer!)}`);
    await page.locator('[data-test="total"]').waitFor();

    // The month: both estates' meetings, on their days (a desk) or as a list (a phone).
    await page.goto(`${t.baseUrl}/console/#/meetings?month=2026-11`);
    await page.locator('[data-test="meetings-total"]', { hasText: "本月 2 场议事会" }).waitFor();
    await page.locator(`[data-test="${size.name === "desk" ? "calendar" : "meeting-list"}"] [data-test="meeting-2"]`).waitFor();
    await shot(page, "meetings");

    // A meeting: its agenda (the ticket linked), sign-ups, attendance; the decision published as 公示 1.
    await page.locator('[data-test="meeting-1"]').first().click();
    await page.locator('[data-test="meeting"]').waitFor();
    await page.locator('[data-test="item-1"]', { hasText: "工单 #1" }).waitFor();
    await page.locator('[data-test="item-1"] [data-test="follow-up"]', { hasText: "待落实" }).waitFor();
    await page.locator('[data-test="publication"]', { hasText: "决议未公示" }).waitFor();
    await page.locator('[data-test="act-publish"]').click();
    await page.locator('[data-test="answer"]', { hasText: "公示 1" }).waitFor();
    await page.locator('[data-test="publication"]', { hasText: "已公示" }).waitFor();
    await shot(page, "meeting");
    const timeline = (await t.request("GET", "/sandbox/groups/g-yangguang/messages")).body.messages;
    expect(timeline.some((entry: any) => entry.type === "message" && entry.memberName === "李书记" && entry.text === "公示 1")).toBe(true);
    expect((await t.request("GET", "/api/meetings/1", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).body.meeting.publishedAt).not.toBeNull();

    // The ticket linked from the agenda opens its page.
    await page.locator('[data-test="item-1"] a', { hasText: "工单 #1" }).click();
    await page.locator('[data-test="ticket"]').waitFor();

    // 积分: the estate's leaderboard, then 张阿姨's ledger.
    await page.goto(`${t.baseUrl}/console/#/points?unit=xq-yangguang`);
    await page.locator('[data-test="leader-1"]', { hasText: "张阿姨" }).waitFor();
    await expect.poll(() => page.locator('[data-test="leaderboard"] .row').count()).toBe(2);
    await shot(page, "points");
    await page.locator('[data-test="leader-1"]').click();
    await page.locator('[data-test="ledger-totals"]', { hasText: "工作人员奖励" }).waitFor();
    await page.locator('[data-test="ledger"]', { hasText: "调解邻里停车纠纷" }).waitFor();
    await shot(page, "ledger");

    // 运维: the keyless group's dead letter, retried.
    await page.goto(`${t.baseUrl}/console/#/ops`);
    await page.locator('[data-test="nav-ops"]').waitFor();
    const card = page.locator(`[data-test="outbox-${keylessGroup}"]`);
    await card.locator('[data-test="dead-count"]', { hasText: "1" }).waitFor();
    await card.locator("text=永久失败").waitFor();
    await shot(page, "ops");
    await page.locator(`[data-test="retry-${keylessGroup}"]`).click();
    await page.locator(".el-message-box").getByRole("button", { name: "重试" }).click();
    await page.locator(".el-message", { hasText: "已重新排队 1 条" }).waitFor();
    await card.locator('[data-test="dead-count"]', { hasText: "0" }).waitFor();
    const dead = await t.request("GET", "/api/outbox?status=dead", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(dead.body.items).toHaveLength(0);

    // 运维 · Webhook: the endpoint's dead letter with the receiver's answer, sent again by its event's id.
    const admin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    const [letter] = (await t.request("GET", "/api/webhooks/deliveries?status=dead", admin)).body.items;
    await page.getByRole("tab", { name: "Webhook" }).click();
    const hook = page.locator('[data-test="webhook-1"]');
    await hook.locator('[data-test="webhook-dead-count"]', { hasText: "1" }).waitFor();
    await hook.locator(`[data-test="delivery-${letter.id}"]`, { hasText: "HTTP 401" }).waitFor();
    await shot(page, "ops-webhooks");
    await hook.locator(`[data-test="replay-${letter.id}"]`).click();
    await page.locator(".el-message-box").getByRole("button", { name: "重发" }).click();
    await page.locator(".el-message", { hasText: "已重发，1 条投递重新排队" }).waitFor();
    await hook.locator('[data-test="webhook-dead-count"]', { hasText: "0" }).waitFor();
    const replayed = await t.request("GET", `/api/webhooks/deliveries?event=${letter.eventId}`, admin);
    expect(replayed.body.items).toEqual([expect.objectContaining({ status: "pending", attempts: 0 })]);
    expect(await t.bot.webhooks.runOnce()).toMatchObject({ delivered: 1 });

    await page.getByRole("tab", { name: "群与绑定" }).click();
    await page.locator('[data-test="group-g-yangguang"]').waitFor();
    await shot(page, "ops-groups");
    await page.close();
  }, 120_000);
});
