import { afterEach, describe, expect, it } from "vitest";
import { normalizeForParsing } from "../../src/bot/normalize.ts";
import { commandRegistry } from "../../src/features/command.ts";
import { COMMAND_DECLARATIONS } from "../../src/features/commandRegistry.ts";
import { helpText } from "../../src/features/help.ts";
import { HELP_SECTIONS } from "../../src/features/texts.ts";
import { suggestion } from "../../src/features/texts.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { nudgeCommand } from "./fakeCommand/nudge.ts";
import * as texts from "./fakeCommand/texts.ts";

// Adding a command is one declaration in its feature (fakeCommand/nudge.ts) and its texts (fakeCommand/texts.ts),
// listed in a registry: here a test's own, the bot's commands and this one.
const commands = commandRegistry([...COMMAND_DECLARATIONS, nudgeCommand]);

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("a command added by one declaration", () => {
  it("is parsed from its words and grammar, with its usage when the number is missing", () => {
    expect(commands.reader.parse(normalizeForParsing("催办 #3"))).toEqual({ kind: "command", command: { name: "nudge", ticket: 3 } });
    expect(commands.reader.parse("催办")).toEqual({ kind: "usage", name: "nudge", message: "用法：催办 12" });
    expect(commands.reader.parse("催办一下物业吧")).toBeNull();
  });

  it("brings its own sound-alike typos", () => {
    expect(commands.reader.suggest("摧办 3")).toBe("催办 3");
  });

  it("appears in the staff's help, under its section, and not in the residents'", () => {
    const staffLine = HELP_SECTIONS.find((section) => section.section === "staff")!.title;
    expect(
      helpText(commands, "议事助手", true)
        .split("\n")
        .find((line) => line.startsWith(staffLine)),
    ).toContain("｜催办 12");
    expect(helpText(commands, "议事助手", false)).not.toContain("催办");
  });

  it("is dispatched: its ticket is loaded, its rule refuses a resident in its own words, staff are answered", async () => {
    t = await startTestBot({ commands });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    expect(await t.say("g-yangguang", "u-li", "催办 99")).toEqual(["找不到工单 #99，请核对编号。"]);
    expect(await t.say("g-yangguang", "u-zhang", "催办 1")).toEqual([texts.NUDGE_STAFF_ONLY(1)]);
    expect(await t.say("g-yangguang", "u-li", "催办 1")).toEqual([texts.NUDGED(1, null)]);
    expect(await t.say("g-yangguang", "u-li", "摧办 1")).toEqual([suggestion("催办 1")]);
    expect((await t.say("g-yangguang", "u-li", "帮助")).join("\n")).toContain("催办 12");
  });

  it("is unknown to the bot's own registry", async () => {
    t = await startTestBot();
    expect(await t.say("g-yangguang", "u-li", "催办")).not.toEqual(["用法：催办 12"]);
  });
});
