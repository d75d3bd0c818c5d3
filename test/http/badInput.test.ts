import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { wellFormed } from "../../src/text/wellFormed.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe("invalid Unicode", () => {
  it("replaces lone surrogates with U+FFFD and keeps surrogate pairs", () => {
    expect(wellFormed("灯坏了\uD83D")).toBe("灯坏了\uFFFD");
    expect(wellFormed("\uDE00灯")).toBe("\uFFFD灯");
    expect(wellFormed("灯坏了😀")).toBe("灯坏了😀");
  });

  it("stores a message with a lone surrogate as U+FFFD, and answers it", async () => {
    const replies = await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了\uD83D", "lone-surrogate");
    expect(replies.join("")).toContain("#");
    const stored = await tables(t.database.db).inboundMessage.findFirstOrThrow({ where: { messageId: "lone-surrogate" } });
    expect(stored.text.endsWith("\uFFFD")).toBe(true);
  });
});

describe("dates out of any sane range", () => {
  it("are a 400 with a clear message in /api/stats and /api/meetings", async () => {
    for (const path of [
      "/api/stats?unit=sq-xingfu&from=%2B275760-01-01",
      "/api/stats?unit=sq-xingfu&from=2026-11-01&to=9999-12-31",
      "/api/meetings?from=0001-01-01",
      "/api/meetings?to=%2B100000-01-01T00:00:00Z",
    ]) {
      const { status, body } = await t.request("GET", path, { headers: auth });
      expect(status, path).toBe(400);
      expect(body.error.message, path).toContain("must be between 2000-01-01 and 2100-01-01");
    }
    expect((await t.request("GET", "/api/stats?unit=sq-xingfu&from=2026-11-01&to=2026-12-01", { headers: auth })).status).toBe(200);
  });
});
