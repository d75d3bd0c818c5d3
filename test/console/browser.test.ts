import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { nock, useNock } from "../helpers/nock.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, openConsoleBrowser, SHOTS, SIZES, type ConsoleBrowser } from "../helpers/chromium.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";

/**
 * The console in Debian's chromium, driven by playwright-core, at a desk's and a phone's size: sign in by
 * the link 工作台 gives in the sandbox, filter the board, open a ticket and act, see the group's timeline
 * change, click a chart into the board, download an export. Screenshots go to test-results/console/ (kept by
 * CI as artefacts). `.ci/run` installs chromium; elsewhere without it the file is skipped, saying so.
 */
describe.skipIf(!chromiumAvailable).each(SIZES)("the console in chromium at $name size ($width×$height)", (size) => {
  let t: TestBot;
  let context: BrowserContext;
  let browser: ConsoleBrowser | undefined;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${size.name}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say("g-yangguang", "u-liu", "@议事助手 8号楼电梯按钮坏了，老人上下楼不方便");
    await t.say("g-lijing", "u-zhao", "@议事助手 5号楼门口垃圾没人清");
    browser = await openConsoleBrowser({ width: size.width, height: size.height }, { acceptDownloads: true });
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("signs in by link, filters the board, acts on a ticket the group sees, clicks a chart into the board and downloads an export", async () => {
    const page = await context.newPage();

    // 李书记 asks for the console in the sandbox: the link shows to her alone.
    await page.goto(`${t.baseUrl}/sandbox?group=g-yangguang&member=u-li`);
    await page.locator("#text").fill("工作台");
    await page.locator("#text").press("Enter");
    const link = await page.locator("#private-link").getAttribute("href");
    expect(link).toContain("/console/#/sign-in/");
    // The link names PUBLIC_BASE_URL (localhost:3000 by default); the test server listens elsewhere.
    await page.goto(`${t.baseUrl}/console/${new URL(link!).hash}`);

    // The board: her community's three tickets.
    await page.locator('[data-test="total"]', { hasText: "共 3 件" }).waitFor();
    expect(page.url()).not.toContain("sign-in");
    await shot(page, "board");

    // Filter by words.
    await page.locator('input[data-test="search"], [data-test="search"] input').fill("电梯");
    await page.locator('[data-test="apply"]').click();
    await page.locator('[data-test="total"]', { hasText: "共 1 件" }).waitFor();
    await expect.poll(() => page.locator('[data-test="board"] .board-row').count()).toBe(1);
    await shot(page, "board-filtered");

    // Open the ticket and accept it, as 受理 2 typed in the chat.
    await page.locator('[data-test="open-2"]').first().click();
    await page.locator('[data-test="ticket"]').waitFor();
    await page.locator('[data-test="act-accept"]').click();
    await page.locator('[data-test="answer"]', { hasText: "工单 #2 已受理（李书记）" }).waitFor();
    await page.locator('[data-test="status"]', { hasText: "已受理" }).waitFor();
    await page.locator('[data-test="history"]', { hasText: "李书记" }).waitFor();
    await shot(page, "ticket");

    // The residents' group sees the same lines as if she had typed the command.
    const sandbox = await context.newPage();
    await sandbox.goto(`${t.baseUrl}/sandbox?group=g-yangguang&member=u-zhang`);
    await sandbox.locator("#timeline", { hasText: "受理 2" }).waitFor();
    await sandbox.locator("#timeline", { hasText: "工单 #2 已受理（李书记）" }).waitFor();
    await shot(sandbox, "sandbox-timeline");
    await sandbox.close();

    // The figures: a click on the estates' bar opens the board filtered to that estate and period.
    await page.goto(`${t.baseUrl}/console/#/stats?unit=sq-xingfu`);
    const chart = page.locator('[data-test="chart-units"]');
    await chart.locator("canvas").waitFor();
    await page.locator('[data-test="figures"]', { hasText: "收到" }).waitFor();
    // 人员统计: a sortable table at a desk, a list on a phone; 李书记 受理'd #2 above, which counts no 派单 or 办结.
    await page.locator(size.name === "phone" ? '[data-test="staff-list"]' : '[data-test="staff-table"]').waitFor();
    await shot(page, "stats");
    // The 月度通报: one workbook for the unit and period shown.
    const [report] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="report-xlsx"]').click()]);
    expect(report.suggestedFilename()).toMatch(/^月度通报-幸福社区-.*\.xlsx$/);
    expect(
      readFileSync(await report.path())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    // The download's button lies below the charts on a phone: back to the chart before clicking where it stands.
    await page.evaluate("window.scrollTo(0, 0)");
    const box = (await chart.boundingBox())!;
    // Two estates, two bars at a quarter and three quarters of the plot, rising from the axis 60 px above the bottom.
    const plotLeft = box.x + 40;
    const plotWidth = box.width - 50;
    await page.mouse.click(plotLeft + plotWidth * 0.25, box.y + box.height - 64);
    await page.waitForURL(/#\/board\?.*unit=xq-/);
    await page.locator('[data-test="board"] .board-row').first().waitFor();
    const unit = new URLSearchParams(page.url().split("?")[1]).get("unit");
    expect(["xq-yangguang", "xq-lijing"]).toContain(unit);
    await page.locator('[data-test="total"]', { hasText: unit === "xq-yangguang" ? "共 2 件" : "共 1 件" }).waitFor();
    await shot(page, "board-from-chart");

    // The export of what the board shows, one row per ticket.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="export-csv"]').click()]);
    const file = await download.path();
    const lines = readFileSync(file, "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("工单号");
    expect(lines).toHaveLength(unit === "xq-yangguang" ? 3 : 2);
    await page.close();
  }, 120_000);

  it("picks a unit and all below it with the one picker, on the board and on 统计: the tree in order, indented", async () => {
    const page = await context.newPage();
    const invited = await t.request("POST", "/api/console/invitations", { body: { memberId: "u-li" }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await page.goto(`${t.baseUrl}/console/${new URL(invited.body.url).hash}`);
    await page.locator('[data-test="total"]', { hasText: "共 3 件" }).waitFor();
    const options = page.locator(".el-select-dropdown__item:visible");
    const pick = async (picker: string, unit: string) => {
      await page.locator(`[data-test="${picker}"]`).click();
      await options.first().waitFor();
      const names = await options.allTextContents();
      // 幸福社区 first, its two estates under it, one step in.
      expect(names[0]).toBe("幸福社区");
      expect(names.slice(1).sort()).toEqual(["丽景苑", "阳光花园"]);
      expect(await options.filter({ hasText: "幸福社区" }).locator("span").getAttribute("style")).toContain("padding-left: 0em");
      expect(await options.filter({ hasText: unit }).locator("span").getAttribute("style")).toContain("padding-left: 1em");
      await options.filter({ hasText: unit }).click();
    };
    await pick("filter-unit", "阳光花园");
    await page.locator('[data-test="apply"]').click();
    await page.locator('[data-test="total"]', { hasText: "共 2 件" }).waitFor();
    await page.goto(`${t.baseUrl}/console/#/stats`);
    await page.locator('[data-test="figures"]', { hasText: "收到" }).waitFor();
    const asked = page.waitForRequest((request) => /\/console\/api\/stats\?.*unit=xq-lijing/.test(request.url()));
    await pick("stats-unit", "丽景苑");
    await asked;
    await shot(page, "stats-unit-picked");
    await page.close();
  });

  it("saves the board's filters as a view, keeps it across a reload, and opens it again", async () => {
    const page = await context.newPage();
    const invited = await t.request("POST", "/api/console/invitations", { body: { memberId: "u-li" }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await page.goto(`${t.baseUrl}/console/${new URL(invited.body.url).hash}`);
    await page.locator('[data-test="total"]', { hasText: "共 3 件" }).waitFor();
    await page.locator('[data-test="view-mine"]', { hasText: "我的待办" }).waitFor();
    await page.locator('[data-test="view-overdue"]', { hasText: "超期" }).waitFor();

    await page.locator('input[data-test="search"], [data-test="search"] input').fill("电梯");
    await page.locator('[data-test="apply"]').click();
    await page.locator('[data-test="total"]', { hasText: "共 1 件" }).waitFor();
    await page.locator('[data-test="save-view"]').click();
    await page.locator(".el-message-box__input input").fill("电梯的事");
    await page.locator(".el-message-box__btns .el-button--primary").click();
    const saved = page.locator('[data-test="views"] button', { hasText: "电梯的事" });
    await saved.waitFor();
    // The board shows the view's filters: it is the one highlighted.
    await expect.poll(() => saved.getAttribute("class")).toContain("el-button--primary");
    await shot(page, "views");

    await page.goto(`${t.baseUrl}/console/#/board`);
    await page.reload();
    await page.locator('[data-test="total"]', { hasText: "共 3 件" }).waitFor();
    await page.locator('[data-test="views"] button', { hasText: "电梯的事" }).click();
    await page.locator('[data-test="total"]', { hasText: "共 1 件" }).waitFor();
    expect(decodeURIComponent(page.url())).toContain("q=电梯");
    await expect.poll(() => page.locator('[data-test="board"] .board-row').count()).toBe(1);
    await shot(page, "view-opened");
    await page.close();
  }, 120_000);
});

/**
 * Inside DingTalk at a phone's size: the page loads nothing from elsewhere, finds the app's own window.dd (a
 * fake put there before the page runs, as the DingTalk app would), asks it for an authCode with the corpId the
 * server gives, and is signed in as the staff member DingTalk names (the server's calls to DingTalk: nock).
 */
describe.skipIf(!chromiumAvailable)("the console inside DingTalk (免登) at phone size", () => {
  // The server's calls to DingTalk are intercepted.
  useNock();
  let t: TestBot;
  let context: BrowserContext;
  let browser: ConsoleBrowser | undefined;

  beforeAll(async () => {
    t = await startTestBot({
      now: "2026-11-23T02:00:00Z",
      env: {
        DINGTALK_APP_KEY: "ding-key",
        DINGTALK_APP_SECRET: "ding-secret",
        DINGTALK_CORP_ID: "ding8f2a",
        SANDBOX_ENABLED: "1",
        // WeCom's sign-in too: signed out, the page offers its button.
        WECOM_CORP_ID: "ww1436e0e65a779aee",
        WECOM_AGENT_ID: "1000002",
        WECOM_APP_SECRET: "app-secret",
      },
    });
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const staff = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "dingtalk", chatId: "cid-staff", unitId: "sq-xingfu", kind: "staff", name: "社区钉钉工作群" },
    });
    await t.request("PUT", `/api/groups/${staff.body.group.id}/members`, {
      headers: auth,
      body: { platformUserId: "LiShuJi", name: "李书记", role: "secretary" },
    });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    browser = await openConsoleBrowser(
      { width: 390, height: 844 },
      {
        userAgent:
          "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 AliApp(DingTalk/7.6.10) DingTalk(7.6.10)",
      },
    );
    context = browser.context;
    await context.addInitScript(() => {
      const calls: string[] = [];
      (globalThis as unknown as { ddCalls: string[] }).ddCalls = calls;
      (globalThis as unknown as { dd: unknown }).dd = {
        runtime: {
          permission: {
            requestAuthCode(options: { corpId: string; onSuccess: (result: { code: string }) => void; onFail: (error: unknown) => void }) {
              calls.push(options.corpId);
              if (options.corpId === "ding8f2a") options.onSuccess({ code: "dd-auth-code" });
              else options.onFail({ errorMessage: "corpId 不对" });
            },
          },
        },
      };
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    nock.cleanAll();
  });

  it("signs in by itself with the app's authCode and shows the board; signed out, offers 企业微信登录", async () => {
    const token = nock("https://api.dingtalk.com").post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "ding-token", expireIn: 7200 });
    const lookup = nock("https://oapi.dingtalk.com")
      .post("/topapi/v2/user/getuserinfo", { code: "dd-auth-code" })
      .query({ access_token: "ding-token" })
      .reply(200, { errcode: 0, errmsg: "ok", result: { userid: "LiShuJi", name: "李书记" } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(t.baseUrl) && !request.url().startsWith("data:")) elsewhere.push(request.url());
    });
    await page.goto(`${t.baseUrl}/console/`);
    await page.locator(".who", { hasText: "李书记" }).waitFor();
    await page.locator('[data-test="total"]', { hasText: "共 1 件" }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { ddCalls: string[] }).ddCalls)).toEqual(["ding8f2a"]);
    expect(token.isDone() && lookup.isDone()).toBe(true);
    expect(elsewhere).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "phone-dingtalk.png"), fullPage: true });

    // Signed out, the page offers the platforms' redirect sign-ins (企业微信登录) beside the link.
    await page.locator(".who button", { hasText: "退出" }).click();
    await page.locator('[data-test="problem"]', { hasText: "已退出" }).waitFor();
    expect(await page.locator('[data-test="sign-in-wecom"]').getAttribute("href")).toBe("/console/sign-in/wecom");
    await page.locator('[data-test="sign-in-wecom"]', { hasText: "企业微信登录" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "phone-signed-out.png"), fullPage: true });
    await page.close();
  }, 120_000);
});
