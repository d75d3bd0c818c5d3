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

  it("a message in toneless pinyin gets the same, its first line in Chinese: call 110, 119 or 120 first", async () => {
    const [answer] = await t.say("g-yangguang", "u-zhang", "@议事助手 wo jia lao tou zai lou ti shang shuai dao le qi bu lai");
    const lines = answer!.split("\n");
    expect(lines.slice(1)).toEqual(LATIN_SCRIPT_HINT.split("\n"));
    expect(lines[1]).toBe("如果有人正处在危险中，请先拨打 110（报警）、119（火警）或 120（急救），再在群里说清在哪、什么情况。");
    expect(lines[2]).toMatch(/^I read Chinese best .*call 110 \(police\), 119 \(fire\) or 120 \(ambulance\) first/);
  });

  it("a line in Chinese, or a keyboard mash, gets the hint alone", async () => {
    expect(await t.say("g-yangguang", "u-zhang", "@议事助手 今天天气不错")).toEqual([UNCLEAR_HINT]);
    expect(await t.say("g-yangguang", "u-zhang", "@议事助手 asdfgh 123")).toEqual([GIBBERISH_HINT]);
  });
});
