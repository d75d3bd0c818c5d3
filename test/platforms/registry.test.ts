import Router from "@koa/router";
import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { readJsonBody } from "../../src/http/body.ts";
import type { OutgoingText } from "../../src/messaging/types.ts";
import { PLATFORMS, type PlatformDefinition } from "../../src/platforms/index.ts";
import { splitByBytes } from "../../src/platforms/bytes.ts";
import { defineSettings } from "../../src/platforms/settings.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

/** A platform that exists only in this test: one folder's worth of adapter, registered beside the real ones. */
function fakePlatform(sent: { chatId: string; message: OutgoingText }[]): PlatformDefinition {
  return {
    name: "fakechat",
    settings: defineSettings({ schema: z.object({}) }),
    create: () => ({
      name: "fakechat",
      capabilities: { answerInCallback: false, sessionReply: false, push: true, cards: false, mediaDownload: false, longConnection: false },
      textMaxBytes: 600,
      transports: ["fakechat"],
      routes(inbound) {
        const router = new Router({ prefix: "/fakechat" });
        router.post("/events", async (ctx) => {
          const body = await readJsonBody(
            ctx,
            inbound.bodyLimit,
            z.object({ id: z.string(), chat: z.string(), user: z.string(), nick: z.string(), text: z.string() }),
          );
          const result = await inbound.receive({
            platform: "fakechat",
            messageId: body.id,
            chatId: body.chat,
            userId: body.user,
            userName: body.nick,
            text: body.text,
            addressed: true,
          });
          ctx.body = { status: result.status };
        });
        return router;
      },
      plan: (post) => splitByBytes(post.text, 600).map((text) => ({ ...post, text, channel: "fakechat_push", status: "pending" })),
      send(_post, group, message) {
        sent.push({ chatId: group.chatId, message });
        return Promise.resolve({ ok: true });
      },
    }),
  };
}

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
afterEach(async () => {
  await t?.close();
});

describe("the platform registry", () => {
  it("lists the sandbox, WeCom and DingTalk", () => {
    expect(PLATFORMS.map((platform) => platform.name)).toEqual(["sandbox", "wecom", "dingtalk"]);
  });

  it("lets a platform registered in a test receive and send through the same path as the real ones", async () => {
    const sent: { chatId: string; message: OutgoingText }[] = [];
    t = await startTestBot({ platforms: [...PLATFORMS, fakePlatform(sent)] });
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "fakechat", chatId: "fc-yangguang", unitId: "xq-yangguang", kind: "residents", name: "阳光花园（测试平台）" },
    });
    expect(bound.status).toBe(201);

    const received = await t.request("POST", "/fakechat/events", {
      body: { id: "fc-1", chat: "fc-yangguang", user: "fc-user-1", nick: "钱阿姨", text: "@议事助手 3号楼2单元楼道灯不亮了" },
    });
    expect(received).toMatchObject({ status: 200, body: { status: "handled" } });
    expect(await tables(t.database.db).member.findFirst({ where: { platform: "fakechat", platformUserId: "fc-user-1" } })).toMatchObject({ name: "钱阿姨" });

    // The reply waits in the outbox like any robot post, and the outbox hands it to the fake adapter.
    expect(await tables(t.database.db).botPost.count({ where: { channel: "fakechat_push", status: "pending" } })).toBe(1);
    await t.bot.outbox.runOnce();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.chatId).toBe("fc-yangguang");
    expect(sent[0]!.message.text).toContain("已登记工单 #1");

    // A retry of the same message is answered from storage, not handled twice.
    const again = await t.request("POST", "/fakechat/events", {
      body: { id: "fc-1", chat: "fc-yangguang", user: "fc-user-1", nick: "钱阿姨", text: "@议事助手 3号楼2单元楼道灯不亮了" },
    });
    expect(again.body).toEqual({ status: "duplicate" });
  });

  it("refuses to bind a group to a platform that is not registered", async () => {
    t = await startTestBot();
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "fakechat", chatId: "x", unitId: "xq-yangguang", kind: "residents", name: "x" },
    });
    expect(bound.status).toBe(400);
    expect(bound.body.error.code).toBe("invalid_body");
  });
});
