import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openRobotReply, ROBOT, wecomRobotCallback } from "../../helpers/platformClients.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/wecom/${name}`, import.meta.url), "utf8"));
const textMessage = fixture("robot-text-group.json");
const CHAT = textMessage.chatid as string;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  // The instant wecomRobotCallback signs for by default: callbacks far from now are refused.
  t = await startTestBot({
    now: "2026-11-23T17:10:00Z",
    env: {
      WECOM_BOT_TOKEN: ROBOT.token,
      WECOM_BOT_ENCODING_AES_KEY: ROBOT.encodingAESKey,
      WECOM_API_BASE: "https://wecom.test",
      BIND_OPERATORS: "wecom:admin01",
    },
  });
});
afterEach(async () => {
  await t.close();
});

/** Sends a robot text message from `userid` and returns the decrypted passive reply ("" when none). */
async function say(userid: string, content: string, msgid = `msg-${++sequence}`): Promise<string> {
  const callback = wecomRobotCallback({ ...textMessage, msgid, from: { userid }, text: { content } });
  const response = await t.request("POST", callback.path, { body: callback.body });
  expect(response.status).toBe(200);
  return response.body === "" ? "" : openRobotReply(response.body);
}

async function bindYangguang() {
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "wecom", chatId: CHAT, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群", pushKey: "robot-key-1" },
  });
  expect(bound.status).toBe(201);
  expect(bound.body.group).toMatchObject({ platform: "wecom", unitId: "xq-yangguang", pushConfigured: true });
  expect(JSON.stringify(bound.body)).not.toContain("robot-key-1");
  const grant = await t.request("PUT", `/api/groups/${bound.body.group.id}/members`, {
    headers: auth,
    body: { platformUserId: "lishuji", name: "李书记", role: "secretary" },
  });
  expect(grant.status).toBe(200);
  return bound.body.group.id as string;
}

describe("the WeCom intelligent robot callback", () => {
  it("answers URL verification with the decrypted echostr and nothing else", async () => {
    const { encrypt, getSignature } = await import("@wecom/crypto");
    const echostr = encrypt(ROBOT.encodingAESKey, "8311564730862912838", "");
    const signature = getSignature(ROBOT.token, "1795453800", "42", echostr);
    const response = await t.request("GET", `/wecom/bot?msg_signature=${signature}&timestamp=1795453800&nonce=42&echostr=${encodeURIComponent(echostr)}`);
    expect(response).toEqual({ status: 200, body: 8311564730862912838 });
    const text = await (
      await fetch(`${t.baseUrl}/wecom/bot?msg_signature=${signature}&timestamp=1795453800&nonce=42&echostr=${encodeURIComponent(echostr)}`)
    ).text();
    expect(text).toBe("8311564730862912838");
  });

  it("runs a whole story: report, accept, resolve, rate — replies encrypted in the answer", async () => {
    await bindYangguang();
    const filed = await say("zhangsan", "@议事助手 3号楼2单元楼道灯不亮了");
    expect(filed).toContain("已登记工单 #1");
    expect(await say("lishuji", "@议事助手 受理 1")).toContain("工单 #1 已受理（李书记）");
    expect(await say("lishuji", "@议事助手 办结 1 已更换灯泡")).toContain("已办结（已解决）");
    expect(await say("zhangsan", "@议事助手 评价 1 满意")).toContain("已关闭");
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket).toMatchObject({ status: "closed", rating: "satisfied", unitId: "xq-yangguang" });
    // Passive replies are not queued for sending.
    expect((await t.request("GET", "/api/outbox?status=pending", { headers: auth })).body.items).toEqual([]);
  });

  it("reads mixed (text and image) messages by their text", async () => {
    await bindYangguang();
    const callback = wecomRobotCallback(fixture("robot-mixed-group.json"));
    const response = await t.request("POST", callback.path, { body: callback.body });
    expect(openRobotReply(response.body)).toContain("已登记工单 #1");
  });

  it("answers a stream refresh with an empty body", async () => {
    await bindYangguang();
    const callback = wecomRobotCallback(fixture("robot-stream-refresh.json"));
    expect(await t.request("POST", callback.path, { body: callback.body })).toEqual({ status: 200, body: "" });
  });

  it("enrols a first-time sender as a resident", async () => {
    const groupId = await bindYangguang();
    await say("wangwu", "@议事助手 5号楼电梯坏了");
    const groups = await t.database.db.query
      .selectFrom("Membership")
      .innerJoin("Member", "Member.id", "Membership.memberId")
      .select(["Member.platformUserId", "Membership.role"])
      .where("Membership.groupId", "=", groupId)
      .execute();
    expect(groups.map((m) => [m.platformUserId, m.role])).toContainEqual(["wangwu", "resident"]);
  });

  it("gives an unbound chat one short hint and stores nothing", async () => {
    const reply = await say("zhangsan", "@议事助手 3号楼电梯坏了");
    expect(reply).toContain("本群还没有绑定");
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
    expect(await tables(t.database.db).member.count({ where: { platform: "wecom" } })).toBe(0);
  });

  it("binds a chat with 绑定 from an operator only", async () => {
    expect(await say("zhangsan", "@议事助手 绑定 阳光花园")).toContain("只有配置的管理员");
    expect(await say("admin01", "@议事助手 绑定 不存在小区")).toContain("找不到名为「不存在小区」的单位");
    expect(await say("admin01", "@议事助手 绑定 阳光花园")).toContain("已将本群绑定为「阳光花园」（小区）的居民议事群");
    expect(await say("zhangsan", "@议事助手 3号楼电梯坏了")).toContain("已登记工单 #1");
    expect(await say("admin01", "@议事助手 绑定 丽景苑")).toContain("本群已绑定到「阳光花园」");
  });

  it("grants a role with 设为, from an operator", async () => {
    await say("admin01", "@议事助手 绑定 阳光花园");
    await say("zhaoliu", "@议事助手 你好");
    expect(await say("zhangsan", "@议事助手 设为 zhaoliu 网格员")).toContain("只有书记、网格员或管理员");
    expect(await say("admin01", "@议事助手 设为 @zhaoliu 网格员")).toContain("已将 zhaoliu 设为本群的网格员");
    await say("zhangsan", "@议事助手 3号楼电梯坏了");
    expect(await say("zhaoliu", "@议事助手 受理 1")).toContain("已受理");
  });

  it("answers a retry with the same reply and files one ticket", async () => {
    await bindYangguang();
    const first = await say("zhangsan", "@议事助手 3号楼电梯坏了", "retry-1");
    const second = await say("zhangsan", "@议事助手 3号楼电梯坏了", "retry-1");
    expect(second).toBe(first);
    expect(await tables(t.database.db).ticket.count()).toBe(1);
  });

  it("rejects a bad signature with 401 and stores nothing", async () => {
    await bindYangguang();
    const callback = wecomRobotCallback({ ...textMessage, msgid: "forged" });
    const forged = callback.path.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${"f".repeat(40)}`);
    const response = await t.request("POST", forged, { body: callback.body });
    expect(response.status).toBe(401);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });

  it("refuses a correctly signed callback whose timestamp is more than ten minutes from now", async () => {
    await bindYangguang();
    const stale = wecomRobotCallback({ ...textMessage, msgid: "stale-1" }, String(1795453800 - 3 * 86_400));
    expect((await t.request("POST", stale.path, { body: stale.body })).status).toBe(401);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });

  it("rejects a body without ciphertext or with garbage ciphertext with 400", async () => {
    expect((await t.request("POST", "/wecom/bot?msg_signature=a&timestamp=1&nonce=1", { body: { hello: 1 } })).status).toBe(400);
    expect(
      (await t.request("POST", "/wecom/bot?msg_signature=a&timestamp=1&nonce=1", { raw: "not json", headers: { "content-type": "application/json" } })).status,
    ).toBe(400);
  });

  it("posts red-ticket alerts to a WeCom work group through its message-push robot", async () => {
    await bindYangguang();
    await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "wrkStaffChat", unitId: "sq-xingfu", kind: "staff", name: "幸福社区工作群（企微）", pushKey: "staff-key" },
    });
    const push = nock("https://wecom.test")
      .post("/cgi-bin/webhook/send", (body) => body.msgtype === "text" && body.text.content.includes("新工单 #1"))
      .query({ key: "staff-key" })
      .reply(200, { errcode: 0, errmsg: "ok" });
    expect(await say("zhangsan", "@议事助手 7号楼楼道里有煤气味，好像漏气了")).toContain("已通知");
    // The sandbox work group got its copy on the spot; the WeCom one goes through the outbox.
    expect(await t.bot.outbox.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(push.isDone()).toBe(true);
  });
});
