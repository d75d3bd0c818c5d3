import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GIBBERISH_HINT, LATIN_SCRIPT_HINT, UNCLEAR_HINT } from "../../src/features/texts.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

describe("a message in English the bot cannot read", () => {
  it("is answered with the hint and, in English, how to get help now", async () => {
    expect(await t.say("g-yangguang", "u-zhang", "@议事助手 hello anyone there can help me pls")).toEqual([`${GIBBERISH_HINT}\n${LATIN_SCRIPT_HINT}`]);
  });

  it("a line in Chinese, or a keyboard mash, gets the hint alone", async () => {
    expect(await t.say("g-yangguang", "u-zhang", "@议事助手 今天天气不错")).toEqual([UNCLEAR_HINT]);
    expect(await t.say("g-yangguang", "u-zhang", "@议事助手 asdfgh 123")).toEqual([GIBBERISH_HINT]);
  });
});
