import { afterEach, describe, expect, it } from "vitest";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { consoleClient, signInAs, startSession, tokenIn, type ConsoleClient } from "../../helpers/consoleClient.ts";

/**
 * An operator (BIND_OPERATORS) who is staff of no unit: signs in every way a staff member can, sees the 运维
 * pages, and no ticket, figure or meeting; a resident who is not an operator still has no console.
 */
interceptOutboundHttp();

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const NOTICE = "你不是任何单位的工作人员，看不到工单、统计和议事会，只能使用运维页面。";
const UNIT_PAGES = [
  "/console/api/tickets",
  "/console/api/tickets/1",
  "/console/api/handlers",
  "/console/api/stats",
  "/console/api/stats/staff",
  "/console/api/export.csv",
  "/console/api/report.csv",
  "/console/api/views",
  "/console/api/meetings",
  "/console/api/points",
];

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** 陈先生 is only a resident of 阳光花园, and an operator: BIND_OPERATORS names him. */
const startWithOperator = () => startTestBot({ env: { BIND_OPERATORS: "sandbox:u-chen" } });

async function expectOperatorOnly(bot: TestBot, client: ConsoleClient) {
  const me = await client.get("/console/api/me");
  expect(me.status, JSON.stringify(me.body)).toBe(200);
  expect(me.body).toMatchObject({ member: { name: "陈先生" }, operator: true, rootUnitIds: [], units: [], noUnitsNotice: NOTICE });
  // The page is told to draw 运维 alone: every other tab would answer 403.
  expect(me.body.pages).toEqual([{ id: "ops", name: "运维" }]);
  for (const path of ["/console/api/operators/outbox", "/console/api/operators/groups", "/console/api/operators/connections"]) {
    expect((await client.get(path)).status, path).toBe(200);
  }
  for (const path of UNIT_PAGES) {
    const answer = await client.get(path);
    expect(answer.status, path).toBe(403);
    expect(answer.body.error, path).toMatchObject({ code: "no_units", message: NOTICE });
  }
  // Acting on a ticket is refused the same way, and changes nothing.
  const acted = await client.post("/console/api/tickets/1/actions", { action: "accept" });
  expect(acted.status).toBe(403);
  expect((await bot.request("GET", "/api/tickets/1", { headers: auth })).body.ticket.status).toBe("reported");
}

describe("an operator who is staff of no unit", () => {
  it("signs in by 工作台 and sees only the 运维 pages, never a unit's tickets", async () => {
    t = await startWithOperator();
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await expectOperatorOnly(t, await signInAs(t, "g-yangguang", "u-chen"));
  });

  it("signs in by the admin's invitation; a resident invited so gets no console", async () => {
    t = await startWithOperator();
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const invite = async (memberId: string) => {
      const invited = await t!.request("POST", "/api/console/invitations", { headers: auth, body: { memberId } });
      expect(invited.status).toBe(201);
      return startSession(t!, tokenIn(invited.body.url));
    };
    const operator = await invite("u-chen");
    expect(operator.status).toBe(201);
    await expectOperatorOnly(t, consoleClient(t, operator.cookie!, operator.body.csrfToken));
    // The resident's link is refused at sign-in: no cookie, so no session to be refused later.
    const resident = await invite("u-liu");
    expect(resident.status).toBe(403);
    expect(resident.body.error.code).toBe("not_staff");
    expect(resident.body.error.message).toContain("工作台只对工作人员开放");
    expect(resident.cookie).toBeNull();
  });

  it("leaves a resident who is no operator without a console", async () => {
    t = await startWithOperator();
    const [answer] = await t.say("g-yangguang", "u-liu", "工作台");
    expect(answer).toBe("工作台只对工作人员开放。");
  });

  it("signs in by DingTalk 免登 when BIND_OPERATORS names their DingTalk user id", async () => {
    const PUBLIC_BASE_URL = "https://yishi.example.cn";
    t = await startTestBot({
      env: {
        DINGTALK_APP_KEY: "ding-key",
        DINGTALK_APP_SECRET: "ding-secret",
        DINGTALK_CORP_ID: "ding8f2a",
        SANDBOX_ENABLED: "1",
        PUBLIC_BASE_URL,
        BIND_OPERATORS: "dingtalk:ChenXianSheng",
      },
    });
    const residents = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "dingtalk", chatId: "residents-chat", unitId: "xq-yangguang", kind: "residents", name: "阳光小区群" },
    });
    for (const [platformUserId, name] of [
      ["ChenXianSheng", "陈先生"],
      ["ZhangAYi", "张阿姨"],
    ]) {
      const granted = await t.request("PUT", `/api/groups/${residents.body.group.id}/members`, {
        headers: auth,
        body: { platformUserId, name, role: "resident" },
      });
      expect(granted.status).toBe(200);
    }
    nock("https://api.dingtalk.com")
      .post("/v1.0/oauth2/accessToken", { appKey: "ding-key", appSecret: "ding-secret" })
      .reply(200, { accessToken: "ding-token", expireIn: 7200 });
    for (const [code, userid] of [
      ["operator", "ChenXianSheng"],
      ["resident", "ZhangAYi"],
    ]) {
      nock("https://oapi.dingtalk.com")
        .post("/topapi/v2/user/getuserinfo", { code })
        .query({ access_token: "ding-token" })
        .reply(200, { errcode: 0, errmsg: "ok", result: { userid } });
    }
    const post = (code: string) =>
      fetch(`${t!.baseUrl}/console/api/session/platform`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: t!.baseUrl },
        body: JSON.stringify({ platform: "dingtalk", code }),
      });
    const operator = await post("operator");
    expect(operator.status).toBe(201);
    const cookie = /yishi_console=[^;]+/.exec(operator.headers.getSetCookie().join("\n"))![0];
    const client = consoleClient(t, cookie, ((await operator.json()) as any).csrfToken);
    expect((await client.get("/console/api/me")).body).toMatchObject({ operator: true, rootUnitIds: [], noUnitsNotice: NOTICE });
    expect((await client.get("/console/api/tickets")).status).toBe(403);
    const resident = await post("resident");
    expect(resident.status).toBe(403);
    expect(((await resident.json()) as any).error.message).toBe("工作台只对工作人员开放。");
  });
});
