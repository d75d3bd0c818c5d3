import { afterEach, describe, expect, it } from "vitest";
import { splitAdvice } from "../../../src/features/tickets/texts.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

const NOW = "2026-11-23T02:00:00Z"; // Monday 10:00 in Shanghai
const RED_LINE = "5号楼地下室着火了，冒浓烟";
const bots: TestBot[] = [];

afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.close()));
});

async function bot(): Promise<TestBot> {
  const started = await startTestBot({ now: NOW });
  bots.push(started);
  return started;
}

async function fileOverOpen311(t: TestBot, fields: Record<string, string>): Promise<{ status: number; body: any }> {
  const key = await t.request("POST", "/api/open311/keys", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: { name: "兰陵县12345平台", unit: "jd-chengguan" },
  });
  const response = await fetch(`${t.baseUrl}/open311/v2/requests.json`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-api-key": key.body.apiKey },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: await response.json() };
}

/** The posts the report caused outside the estate's residents' group: the work groups' notices. */
async function notices(t: TestBot) {
  return t.database.db.query
    .selectFrom("BotPost")
    .select(["groupId", "text", "mentions", "kind", "ticketNumber", "card", "status"])
    .where("groupId", "!=", "g-yangguang")
    .orderBy("groupId")
    .execute();
}

describe("an Open311 report goes through the chat's intake", () => {
  it("alerts the community's and the sub-district's work groups about a red line exactly as the chat does, and answers the same advice first", async () => {
    const chat = await bot();
    const [chatReply] = await chat.say("g-yangguang", "u-chen", `@议事助手 ${RED_LINE}`);

    const api = await bot();
    const answer = await fileOverOpen311(api, { service_code: "safety", description: RED_LINE, estate: "阳光花园" });
    expect(answer.status).toBe(201);

    const chatNotices = await notices(chat);
    expect(chatNotices.map((post) => post.groupId)).toEqual(["g-chengguan-staff", "g-xingfu-staff"]);
    expect(chatNotices[0]!.text).toContain("【红色·紧急】新工单 #1");
    expect(await notices(api)).toEqual(chatNotices);

    const { advice } = splitAdvice(chatReply!);
    expect(advice).toContain("火");
    expect(splitAdvice(answer.body[0].service_notice).advice).toBe(advice);
    // The chat's reply is the client's answer: nothing is posted in the residents' group.
    expect(await api.database.db.query.selectFrom("BotPost").select("id").where("groupId", "=", "g-yangguang").execute()).toEqual([]);
    const [chatTicket, apiTicket] = [await chat.ticket(1), await api.ticket(1)];
    for (const field of ["colour", "level", "acceptDueAt", "resolveDueAt", "category", "handlingUnit"])
      expect(apiTicket[field], field).toEqual(chatTicket[field]);
  });

  it("joins an open ticket of the same matter as the chat's 附议 does, and tells staff nothing twice", async () => {
    const t = await bot();
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const before = await notices(t);
    t.clock.advance(10 * 60_000);
    const answer = await fileOverOpen311(t, { service_code: "repair", description: "3号楼楼道灯坏了，黑乎乎的", estate: "阳光花园" });
    expect(answer.body[0]).toMatchObject({ service_request_id: "1", service_notice: expect.stringContaining("这件事已有工单 #1") });
    expect(await t.database.db.query.selectFrom("Ticket").select("number").execute()).toHaveLength(1);
    expect(await notices(t)).toEqual(before);
    const file = await t.ticket(1);
    expect(file.history.at(-1).note).toContain("兰陵县12345平台（Open311 接入） 代报同一件事");
  });

  it("asks staff to confirm the result by a 回访, as for a 代报 without its author", async () => {
    const t = await bot();
    const answer = await fileOverOpen311(t, { service_code: "repair", description: "3号楼2单元楼道灯不亮了", address_string: "阳光花园" });
    expect(answer.status).toBe(201);
    const told = await notices(t);
    expect(told.map((post) => post.groupId)).toEqual(["g-xingfu-staff"]);
    expect(told[0]!.text).toContain("回访 1 满意");
  });
});
