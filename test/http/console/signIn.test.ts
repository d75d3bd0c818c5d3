import { request as httpRequest } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { consoleClient, signInAs, startSession, tokenIn } from "../../helpers/consoleClient.ts";

const RESIDENTS = "g-yangguang";

/** fetch() will not send another origin's Origin header; node:http sends what it is given, as a forged page's browser would. */
function postFromOrigin(t: TestBot, cookie: string, csrf: string, origin: string): Promise<number> {
  const url = new URL(`${t.baseUrl}/console/api/tickets/1/actions`);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: "POST", headers: { cookie, origin, "x-console-csrf": csrf, "content-type": "application/json" } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify({ action: "accept" }));
  });
}

/** The console sessions a member holds, read from the database: a refused sign-in must leave none. */
async function sessionsOf(t: TestBot, memberId: string): Promise<number> {
  const rows = await t.database.db.query.selectFrom("ConsoleSession").select("tokenHash").where("memberId", "=", memberId).execute();
  return rows.length;
}

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

describe("signing in to the console by link (工作台)", () => {
  it("gives a staff member a link shown to them alone, never in the group's timeline", async () => {
    const [answer] = await t.say(RESIDENTS, "u-li", "工作台");
    expect(answer).toContain("工作台登录链接");
    expect(answer).toMatch(/^工作台登录链接.*\nhttp:\/\/localhost:3000\/console\/#\/sign-in\//s);
    const timeline = (await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages;
    expect(JSON.stringify(timeline)).not.toContain("sign-in");
    expect((await t.say(RESIDENTS, "u-li", "后台"))[0]).toContain("工作台登录链接");
  });

  it("refuses residents in Chinese and gives them no link", async () => {
    const [answer] = await t.say(RESIDENTS, "u-zhang", "工作台");
    expect(answer).toBe("工作台只对工作人员开放。");
  });

  it("lets a link be used once, within ten minutes, by whoever holds it as the member it was made for", async () => {
    const token = tokenIn((await t.say(RESIDENTS, "u-sun", "工作台"))[0]!);
    const first = await startSession(t, token);
    expect(first.status).toBe(201);
    expect(first.cookie).toMatch(/^yishi_console=/);
    const me = await consoleClient(t, first.cookie!, first.body.csrfToken).get("/console/api/me");
    expect(me.body.member.name).toBe("孙物业");
    const again = await startSession(t, token);
    expect(again.status).toBe(401);
    expect(again.body.error.message).toContain("已用过或已过期");

    const late = tokenIn((await t.say(RESIDENTS, "u-sun", "工作台"))[0]!);
    t.clock.advance(10 * 60_000 + 1);
    expect((await startSession(t, late)).status).toBe(401);
  });

  it("sets an HttpOnly, SameSite=Strict cookie scoped to /console", async () => {
    const [answer] = await t.say(RESIDENTS, "u-li", "工作台");
    const response = await fetch(`${t.baseUrl}/console/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: tokenIn(answer!) }),
    });
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=strict/i);
    expect(cookie).toMatch(/path=\/console/);
  });

  it("signs out after two hours idle, and stays signed in while used", async () => {
    const client = await signInAs(t, RESIDENTS, "u-li");
    t.clock.advance(110 * 60_000);
    expect((await client.get("/console/api/me")).status).toBe(200);
    t.clock.advance(110 * 60_000);
    expect((await client.get("/console/api/me")).status).toBe(200);
    t.clock.advance(2 * 3_600_000 + 1000);
    const expired = await client.get("/console/api/me");
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain("请在群里发「工作台」");
  });

  it("refuses a change without the session's CSRF token or from another origin", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const client = await signInAs(t, RESIDENTS, "u-li");
    expect((await client.post("/console/api/tickets/1/actions", { action: "accept" }, { "x-console-csrf": "wrong" })).status).toBe(403);
    expect(await postFromOrigin(t, client.cookie, client.csrfToken, "https://evil.example")).toBe(403);
    expect((await t.ticket(1)).status).toBe("reported");
    expect((await client.post("/console/api/tickets/1/actions", { action: "accept" })).status).toBe(200);
    expect((await t.ticket(1)).status).toBe("accepted");
  });

  it("refuses at sign-in the admin's invitation of a resident: a Chinese sentence, no cookie, no session, the link spent", async () => {
    const invited = await t.request("POST", "/api/console/invitations", { body: { memberId: "u-zhang" }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(invited.status).toBe(201);
    const token = tokenIn(invited.body.url);
    const refused = await startSession(t, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: "not_staff", message: "工作台只对工作人员开放：这个登录链接对应的账号不是任何单位的工作人员，链接已作废。" });
    expect(refused.cookie).toBeNull();
    expect(await sessionsOf(t, "u-zhang")).toBe(0);
    // Made staff afterwards, the spent link still does not open.
    await t.request("PUT", `/api/groups/${RESIDENTS}/members`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: { platformUserId: "u-zhang", role: "property" },
    });
    expect((await startSession(t, token)).status).toBe(401);
  });

  it("refuses a link from 工作台 whose member is no longer staff when it is used", async () => {
    const token = tokenIn((await t.say(RESIDENTS, "u-sun", "工作台"))[0]!);
    const demoted = await t.request("PUT", `/api/groups/${RESIDENTS}/members`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: { platformUserId: "u-sun", role: "resident" },
    });
    expect(demoted.status).toBe(200);
    const refused = await startSession(t, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("not_staff");
    expect(refused.cookie).toBeNull();
    expect(await sessionsOf(t, "u-sun")).toBe(0);
  });

  it("lets the admin token invite a member, and no one without it", async () => {
    const refused = await t.request("POST", "/api/console/invitations", { body: { memberId: "u-ma" } });
    expect(refused.status).toBe(401);
    const invited = await t.request("POST", "/api/console/invitations", { body: { memberId: "u-ma" }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(invited.status).toBe(201);
    const started = await startSession(t, tokenIn(invited.body.url));
    expect(started.status).toBe(201);
  });
});
