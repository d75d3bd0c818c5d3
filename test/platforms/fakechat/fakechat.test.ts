import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { fakechatSignature } from "./index.ts";
import { TEST_PLATFORMS } from "./registry.ts";
import { tables } from "../../helpers/tables.ts";

const API = "https://fakechat.test";
const SECRET = "fakechat-secret";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;

interceptOutboundHttp();
afterEach(async () => {
  await t?.close();
});

function event(id: string, text: string) {
  const body = { id, chat: "fc-yangguang", user: "fc-user-1", nick: "钱阿姨", text };
  return { body, headers: { "x-fakechat-signature": fakechatSignature(SECRET, JSON.stringify(body)) } };
}

describe("a platform added as one folder and one registry line (FakeChat)", () => {
  it("reads its own settings through the central configuration, with the same Chinese errors", () => {
    expect(loadConfig({ FAKECHAT_SECRET: SECRET }, TEST_PLATFORMS)).toMatchObject({ FAKECHAT_API_BASE: API, FAKECHAT_SECRET: SECRET, PORT: 3000 });
    expect(() => loadConfig({ FAKECHAT_SECRET: "short" }, TEST_PLATFORMS)).toThrow(new ConfigError("配置错误：FAKECHAT_SECRET 无效（至少 8 个字符）"));
    expect(() => loadConfig({ FAKECHAT_API_BASE: "https://fakechat.test/" }, TEST_PLATFORMS)).toThrow(/^配置错误：FAKECHAT_API_BASE 无效（/);
    expect(() => loadConfig({ FAKECHAT_BOT_ID: "b1" }, TEST_PLATFORMS)).toThrow("配置错误：FAKECHAT_BOT_ID 需要同时设置 FAKECHAT_SECRET");
    // Its inbound switched on is a real platform: the sandbox is off unless asked for, as with the others.
    expect(loadConfig({ FAKECHAT_SECRET: SECRET }, TEST_PLATFORMS).SANDBOX_ENABLED).toBe(false);
    expect(loadConfig({}, TEST_PLATFORMS).SANDBOX_ENABLED).toBe(true);
  });

  it("receives a message and has its reply delivered through the outbox, retrying a typed outage", async () => {
    t = await startTestBot({ platforms: TEST_PLATFORMS, env: { FAKECHAT_SECRET: SECRET } });
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "fakechat", chatId: "fc-yangguang", unitId: "xq-yangguang", kind: "residents", name: "阳光花园（FakeChat）" },
    });
    expect(bound.status).toBe(201);

    const unsigned = await t.request("POST", "/fakechat/events", { body: event("fc-0", "@议事助手 在吗").body });
    expect(unsigned.status).toBe(401);
    const received = await t.request("POST", "/fakechat/events", event("fc-1", "@议事助手 3号楼2单元楼道灯不亮了"));
    expect(received).toMatchObject({ status: 200, body: { status: "handled" } });
    const waiting = await tables(t.database.db).botPost.findFirstOrThrow({ where: { platform: "fakechat" } });
    expect(waiting).toMatchObject({ platform: "fakechat", channel: "push", status: "pending" });

    // FakeChat is down: the client reads a 503 as an outage, and the worker retries it later.
    const down = nock(API).post("/v1/messages").reply(503, "unavailable");
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 0, retried: 1, dead: 0 });
    expect(down.isDone()).toBe(true);
    expect(await tables(t.database.db).botPost.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      status: "pending",
      attempts: 1,
      failure: "outage",
      lastError: "http 503",
    });

    const delivered: { chat: string; text: string }[] = [];
    nock(API)
      .post("/v1/messages", (body: { chat: string; text: string }) => (delivered.push(body), true))
      .reply(200, { result: "ok" });
    t.clock.advance(10 * 60_000);
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 1, retried: 0, dead: 0 });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.chat).toBe("fc-yangguang");
    expect(delivered[0]!.text).toContain("已登记工单 #1");
    expect(await tables(t.database.db).botPost.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "sent", failure: null });
  });

  it("adds no line outside its folder and the registry: nothing in src/ knows it", () => {
    const src = path.resolve(import.meta.dirname, "../../../src");
    const files = readdirSync(src, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.(ts|html)$/.test(entry.name));
    expect(files.length).toBeGreaterThan(100);
    const naming = files.filter((entry) => /fakechat/i.test(readFileSync(path.join(entry.parentPath, entry.name), "utf8")));
    expect(naming.map((entry) => entry.name)).toEqual([]);
  });
});
