import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ env: { BODY_LIMIT: "1kb" } });
});
afterEach(async () => {
  await t.close();
});

async function storedCounts() {
  const db = t.database.db;
  return { inbound: await tables(db).inboundMessage.count(), posts: await tables(db).botPost.count(), tickets: await tables(db).ticket.count() };
}

describe("bad input is refused and changes nothing", () => {
  it("answers 400 to a body that is not JSON", async () => {
    const response = await t.request("POST", "/sandbox/groups/g-yangguang/messages", { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(response).toEqual({ status: 400, body: { error: { code: "invalid_json", message: "body is not valid JSON" } } });
    expect(await storedCounts()).toEqual({ inbound: 0, posts: 0, tickets: 0 });
  });

  it("answers 400 to JSON of the wrong shape", async () => {
    const response = await t.request("POST", "/sandbox/groups/g-yangguang/messages", { body: { userId: "u-zhang" } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_body");
    expect(response.body.error.message).toContain("text");
  });

  it("answers 413 to a body over the configured limit", async () => {
    const response = await t.request("POST", "/sandbox/groups/g-yangguang/messages", {
      body: { userId: "u-zhang", text: "@议事助手 " + "电梯坏了".repeat(200) },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("body_too_large");
    expect(await storedCounts()).toEqual({ inbound: 0, posts: 0, tickets: 0 });
  });

  it("answers 404 to an unknown group, an unknown user and a user outside the group", async () => {
    const message = { text: "@议事助手 3号楼电梯坏了" };
    expect((await t.request("POST", "/sandbox/groups/g-nowhere/messages", { body: { userId: "u-zhang", ...message } })).status).toBe(404);
    expect((await t.request("POST", "/sandbox/groups/g-yangguang/messages", { body: { userId: "u-ghost", ...message } })).status).toBe(404);
    expect((await t.request("POST", "/sandbox/groups/g-lijing/messages", { body: { userId: "u-zhang", ...message } })).status).toBe(404);
    expect((await t.request("GET", "/sandbox/groups/g-nowhere/messages")).status).toBe(404);
    expect(await storedCounts()).toEqual({ inbound: 0, posts: 0, tickets: 0 });
  });
});

describe("the sandbox", () => {
  it("lists the demo groups with unit, level and members", async () => {
    const { body } = await t.request("GET", "/sandbox/groups");
    expect(body.groups.map((group: { id: string }) => group.id)).toEqual(["g-chengguan-staff", "g-lanling-staff", "g-lijing", "g-xingfu-staff", "g-yangguang"]);
    const yangguang = body.groups.find((group: { id: string }) => group.id === "g-yangguang");
    expect(yangguang).toMatchObject({ name: "阳光花园居民议事群", kind: "residents", unit: "阳光花园", level: "estate" });
    expect(yangguang.members).toContainEqual({ id: "u-li", name: "李书记", role: "secretary" });
    expect(yangguang.members).toContainEqual({ id: "u-zhang", name: "张阿姨", role: "resident" });
  });

  it("serves the chat page", async () => {
    const response = await t.request("GET", "/sandbox");
    expect(response.status).toBe(200);
    expect(response.body).toContain("议事助手 沙盒");
  });

  it("shows the timeline oldest first, messages and replies interleaved", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
    t.clock.advance(60_000);
    await t.say("g-yangguang", "u-li", "受理 1");
    const { body } = await t.request("GET", "/sandbox/groups/g-yangguang/messages");
    expect(body.messages.map((entry: { type: string; memberName?: string }) => `${entry.type}:${entry.memberName ?? ""}`)).toEqual([
      "message:张阿姨",
      "bot:",
      "message:李书记",
      "bot:",
    ]);
  });

  it("reports health", async () => {
    expect(await t.request("GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
  });
});

describe("the ticket API", () => {
  beforeEach(async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say("g-yangguang", "u-chen", "@议事助手 8号楼电梯困人了");
    await t.say("g-lijing", "u-zhao", "@议事助手 请问高龄补贴怎么办理");
  });

  it("answers 401 and nothing else without a valid token", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: ADMIN_TOKEN }];
    for (const headers of attempts) {
      const response = await t.request("GET", "/api/tickets", { headers });
      expect(response).toEqual({ status: 401, body: { error: { code: "unauthorized", message: "a valid admin token is required" } } });
    }
    expect((await t.request("GET", "/api/tickets/1")).status).toBe(401);
  });

  it("filters by status, unit (with the units below it), group, category and colour", async () => {
    const numbers = async (query: string) =>
      (await t.request("GET", `/api/tickets${query}`, { headers: auth })).body.tickets.map((ticket: { number: number }) => ticket.number);
    expect(await numbers("")).toEqual([3, 2, 1]);
    expect(await numbers("?colour=red")).toEqual([2]);
    expect(await numbers("?category=consult")).toEqual([3]);
    expect(await numbers("?unit=xq-lijing")).toEqual([3]);
    expect(await numbers("?unit=sq-xingfu")).toEqual([3, 2, 1]);
    expect(await numbers("?group=g-yangguang&status=reported")).toEqual([2, 1]);
    expect(await numbers("?status=closed")).toEqual([]);
  });

  it("rejects unknown filter values", async () => {
    const response = await t.request("GET", "/api/tickets?colour=purple", { headers: auth });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_query");
  });

  it("returns one ticket with history and followers, or 404", async () => {
    const { body } = await t.request("GET", "/api/tickets/2", { headers: auth });
    expect(body.ticket).toMatchObject({ number: 2, status: "reported", category: "safety", colour: "red", level: "community", followers: [] });
    expect(body.ticket.history).toEqual([
      {
        type: "reported",
        actor: { id: "u-chen", name: "陈先生" },
        fromStatus: null,
        toStatus: "reported",
        note: null,
        at: "2026-11-23T02:00:00.000Z",
        attachmentIds: [],
      },
    ]);
    expect((await t.request("GET", "/api/tickets/42", { headers: auth })).status).toBe(404);
    expect((await t.request("GET", "/api/tickets/abc", { headers: auth })).status).toBe(400);
  });
});
