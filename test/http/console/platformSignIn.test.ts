import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { consoleClient } from "../../helpers/consoleClient.ts";

interceptOutboundHttp();

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const PUBLIC_BASE_URL = "https://yishi.example.cn";
const WECOM = { WECOM_CORP_ID: "ww1436e0e65a779aee", WECOM_AGENT_ID: "1000002", WECOM_APP_SECRET: "app-secret", PUBLIC_BASE_URL };
const DINGTALK = { DINGTALK_APP_KEY: "ding-key", DINGTALK_APP_SECRET: "ding-secret", DINGTALK_CORP_ID: "ding8f2a", SANDBOX_ENABLED: "1", PUBLIC_BASE_URL };

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A staff member (secretary of the community's work group) and a resident of an estate, both known on the platform. */
async function seedMembers(bot: TestBot, platform: string) {
  const staff = await bot.request("POST", "/api/groups", {
    headers: auth,
    body: { platform, chatId: "staff-chat", unitId: "sq-xingfu", kind: "staff", name: "社区工作群" },
  });
  const residents = await bot.request("POST", "/api/groups", {
    headers: auth,
    body: { platform, chatId: "residents-chat", unitId: "xq-yangguang", kind: "residents", name: "阳光小区群" },
  });
  for (const [group, platformUserId, name, role] of [
    [staff.body.group.id, "LiShuJi", "李书记", "secretary"],
    [residents.body.group.id, "ZhangAYi", "张阿姨", "resident"],
  ] as const) {
    const granted = await bot.request("PUT", `/api/groups/${group}/members`, { headers: auth, body: { platformUserId, name, role } });
    expect(granted.status).toBe(200);
  }
}

/** The session cookie a sign-in set, as the browser would send it back. */
const sessionCookieOf = (response: Response) => /yishi_console=[^;]+/.exec(response.headers.getSetCookie().join("\n"))?.[0] ?? null;
/** Every console session in the database: a refused sign-in leaves none. */
const sessionCount = async (bot: TestBot) => (await bot.database.db.query.selectFrom("ConsoleSession").select("tokenHash").execute()).length;

describe("signing in to the console with WeCom (网页授权, snsapi_base)", () => {
  /** Starts the OAuth round trip as a browser would: the state cookie and WeCom's authorisation address. */
  async function setOut(bot: TestBot) {
    const response = await fetch(`${bot.baseUrl}/console/sign-in/wecom`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const cookie = /yishi_console_state=[^;]+/.exec(response.headers.getSetCookie().join("\n"))![0];
    expect(response.headers.getSetCookie().join("\n")).toMatch(/yishi_console_state=.*httponly/i);
    return { location: response.headers.get("location")!, cookie, state: new URL(response.headers.get("location")!).searchParams.get("state")! };
  }

  const comeBack = (bot: TestBot, query: string, cookie?: string) =>
    fetch(`${bot.baseUrl}/console/sign-in/wecom/callback?${query}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

  const wecomToken = () =>
    nock("https://qyapi.weixin.qq.com")
      .get("/cgi-bin/gettoken")
      .query({ corpid: WECOM.WECOM_CORP_ID, corpsecret: "app-secret" })
      .reply(200, { errcode: 0, errmsg: "ok", access_token: "wecom-token", expires_in: 7200 });
  const userInfo = (code: string, answer: object) =>
    nock("https://qyapi.weixin.qq.com").get("/cgi-bin/auth/getuserinfo").query({ access_token: "wecom-token", code }).reply(200, answer);

  it("offers 企业微信登录 only when the self-built app's corp id, agent id and secret are set", async () => {
    t = await startTestBot();
    expect((await t.request("GET", "/console/api/sign-in")).body.methods).toEqual([]);
    await t.close();
    t = await startTestBot({ env: WECOM });
    expect((await t.request("GET", "/console/api/sign-in")).body.methods).toEqual([
      { platform: "wecom", kind: "redirect", label: "企业微信登录", url: "/console/sign-in/wecom" },
    ]);
  });

  it("sends the browser to WeCom with the corp id, the callback, snsapi_base, a fresh state and the agent id", async () => {
    t = await startTestBot({ env: WECOM });
    const first = await setOut(t);
    expect(first.location).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1436e0e65a779aee&redirect_uri=${encodeURIComponent(`${PUBLIC_BASE_URL}/console/sign-in/wecom/callback`)}&response_type=code&scope=snsapi_base&state=${first.state}&agentid=1000002#wechat_redirect`,
    );
    expect(first.state.length).toBeGreaterThanOrEqual(32);
    expect((await setOut(t)).state).not.toBe(first.state);
  });

  it("trades the code for the userid and opens the same session as a link, for the staff member WeCom names", async () => {
    t = await startTestBot({ env: WECOM });
    await seedMembers(t, "wecom");
    const { cookie, state } = await setOut(t);
    const token = wecomToken();
    const lookup = userInfo("CODE-1", { errcode: 0, errmsg: "ok", userid: "LiShuJi", user_ticket: "ticket" });
    const back = await comeBack(t, `code=CODE-1&state=${state}`, cookie);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/console/#/board");
    expect(token.isDone() && lookup.isDone()).toBe(true);
    const sessionCookie = sessionCookieOf(back)!;
    expect(back.headers.getSetCookie().join("\n")).toMatch(/yishi_console=.*samesite=strict/i);
    // The state is spent: the browser is told to forget it.
    expect(back.headers.getSetCookie().join("\n")).toMatch(/yishi_console_state=;/);
    const me = await fetch(`${t.baseUrl}/console/api/me`, { headers: { cookie: sessionCookie } });
    const body = (await me.json()) as any;
    expect(body.member.name).toBe("李书记");
    expect(body.rootUnitIds).toEqual(["sq-xingfu"]);
    // The token is kept: a second sign-in asks WeCom only for the user.
    const again = await setOut(t);
    const second = userInfo("CODE-2", { errcode: 0, errmsg: "ok", userid: "LiShuJi" });
    expect((await comeBack(t, `code=CODE-2&state=${again.state}`, again.cookie)).status).toBe(302);
    expect(second.isDone()).toBe(true);
    // The session changes things like a link's session does: with its CSRF token.
    const client = consoleClient(t, sessionCookie, body.csrfToken);
    expect((await client.post("/console/api/views", { name: "急事", filters: { colour: "red" } })).status).toBe(201);
  });

  it("refuses a return without this browser's state, or with another's, before asking WeCom anything", async () => {
    t = await startTestBot({ env: WECOM });
    await seedMembers(t, "wecom");
    const { cookie, state } = await setOut(t);
    const noCookie = await comeBack(t, `code=CODE-1&state=${state}`);
    expect(noCookie.status).toBe(403);
    expect(await noCookie.text()).toContain("登录请求已过期或不是从本页面发起的");
    const forged = await comeBack(t, `code=CODE-1&state=someone-elses-state`, cookie);
    expect(forged.status).toBe(403);
    expect(sessionCookieOf(forged)).toBeNull();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("refuses a resident with a clear Chinese page, and someone outside the organisation (an openid), and a bad code (40029)", async () => {
    t = await startTestBot({ env: WECOM });
    await seedMembers(t, "wecom");
    wecomToken();
    const cases = [
      { code: "RESIDENT", answer: { errcode: 0, errmsg: "ok", userid: "ZhangAYi" }, status: 403, words: "工作台只对工作人员开放。" },
      { code: "OUTSIDER", answer: { errcode: 0, errmsg: "ok", openid: "oAAAAA", external_userid: "wmAAAA" }, status: 403, words: "只有本单位通讯录里的成员" },
      { code: "STALE", answer: { errcode: 40029, errmsg: "invalid code" }, status: 401, words: "登录已失效" },
      { code: "STRANGER", answer: { errcode: 0, errmsg: "ok", userid: "NeverSeen" }, status: 403, words: "还没有您在本系统里的记录" },
    ];
    for (const { code, answer, status, words } of cases) {
      userInfo(code, answer);
      const { cookie, state } = await setOut(t);
      const back = await comeBack(t, `code=${code}&state=${state}`, cookie);
      expect(back.status, code).toBe(status);
      expect(back.headers.get("content-type")).toContain("text/html");
      expect(await back.text(), code).toContain(words);
      expect(sessionCookieOf(back), code).toBeNull();
    }
    expect(await sessionCount(t)).toBe(0);
  });

  it("asks for a new token when WeCom calls the kept one expired (42001), once", async () => {
    t = await startTestBot({ env: WECOM });
    await seedMembers(t, "wecom");
    wecomToken();
    userInfo("CODE-1", { errcode: 42001, errmsg: "access_token expired" });
    nock("https://qyapi.weixin.qq.com")
      .get("/cgi-bin/gettoken")
      .query(true)
      .reply(200, { errcode: 0, errmsg: "ok", access_token: "fresh-token", expires_in: 7200 });
    nock("https://qyapi.weixin.qq.com")
      .get("/cgi-bin/auth/getuserinfo")
      .query({ access_token: "fresh-token", code: "CODE-1" })
      .reply(200, { errcode: 0, userid: "LiShuJi" });
    const { cookie, state } = await setOut(t);
    expect((await comeBack(t, `code=CODE-1&state=${state}`, cookie)).status).toBe(302);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("answers 503 in Chinese when WeCom does not answer", async () => {
    t = await startTestBot({ env: WECOM });
    nock("https://qyapi.weixin.qq.com").get("/cgi-bin/gettoken").query(true).reply(502);
    const { cookie, state } = await setOut(t);
    const back = await comeBack(t, `code=CODE-1&state=${state}`, cookie);
    expect(back.status).toBe(503);
    expect(await back.text()).toContain("暂时无法向平台确认您的身份");
  });
});

describe("signing in to the console inside DingTalk (免登)", () => {
  const dingtalkToken = () =>
    nock("https://api.dingtalk.com")
      .post("/v1.0/oauth2/accessToken", { appKey: "ding-key", appSecret: "ding-secret" })
      .reply(200, { accessToken: "ding-token", expireIn: 7200 });
  const userInfo = (code: string, answer: object) =>
    nock("https://oapi.dingtalk.com").post("/topapi/v2/user/getuserinfo", { code }).query({ access_token: "ding-token" }).reply(200, answer);
  const post = (bot: TestBot, body: unknown) =>
    fetch(`${bot.baseUrl}/console/api/session/platform`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: bot.baseUrl },
      body: JSON.stringify(body),
    });
  /** fetch() will not send another origin's Origin header; node:http sends what it is given, as a forged page's browser would. */
  const postFromOrigin = (bot: TestBot, body: unknown, origin: string) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        new URL(`${bot.baseUrl}/console/api/session/platform`),
        { method: "POST", headers: { origin, "content-type": "application/json" } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.end(JSON.stringify(body));
    });

  it("tells the page the corp id and the app's mark in the user agent", async () => {
    t = await startTestBot({ env: DINGTALK });
    expect((await t.request("GET", "/console/api/sign-in")).body.methods).toEqual([
      { platform: "dingtalk", kind: "container", label: "钉钉登录", corpId: "ding8f2a", userAgentMark: "DingTalk" },
    ]);
  });

  it("trades the authCode for the userid (topapi/v2/user/getuserinfo) and opens a session for staff", async () => {
    t = await startTestBot({ env: DINGTALK });
    await seedMembers(t, "dingtalk");
    const token = dingtalkToken();
    const lookup = userInfo("auth-1", { errcode: 0, errmsg: "ok", result: { userid: "LiShuJi", name: "李书记", sys: false, sys_level: 0 }, request_id: "r1" });
    const response = await post(t, { platform: "dingtalk", code: "auth-1" });
    expect(response.status).toBe(201);
    expect(token.isDone() && lookup.isDone()).toBe(true);
    const { csrfToken } = (await response.json()) as any;
    const client = consoleClient(t, sessionCookieOf(response)!, csrfToken);
    expect((await client.get("/console/api/me")).body.member.name).toBe("李书记");
  });

  it("refuses a resident, a bad authCode (40078) and another origin, in Chinese", async () => {
    t = await startTestBot({ env: DINGTALK });
    await seedMembers(t, "dingtalk");
    dingtalkToken();
    userInfo("resident", { errcode: 0, errmsg: "ok", result: { userid: "ZhangAYi" } });
    userInfo("stale", { errcode: 40078, errmsg: "不存在的临时授权码" });
    const resident = await post(t, { platform: "dingtalk", code: "resident" });
    expect(resident.status).toBe(403);
    expect(((await resident.json()) as any).error.message).toBe("工作台只对工作人员开放。");
    expect(sessionCookieOf(resident)).toBeNull();
    expect(await sessionCount(t)).toBe(0);
    const stale = await post(t, { platform: "dingtalk", code: "stale" });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as any).error.message).toContain("登录已失效");
    expect(await postFromOrigin(t, { platform: "dingtalk", code: "x" }, "https://evil.example")).toBe(403);
    // A platform that signs in by redirect, or none configured, takes no posted code.
    expect((await post(t, { platform: "wecom", code: "x" })).status).toBe(404);
  });
});
