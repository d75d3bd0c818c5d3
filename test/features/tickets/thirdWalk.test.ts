import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** What a tester ran into after #18's fixes, replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const COMMUNITY = "g-xingfu-staff";
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as any[];
const botTexts = async (groupId: string) => (await timeline(groupId)).filter((message) => !message.userId).map((message) => message.text as string);

describe("reports from different places are different matters", () => {
  it("does not join a report at 二期12号楼 to one at the east gate", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 小区东门垃圾桶满了");
    const [answer] = await t.say(RESIDENTS, "u-liu", "@议事助手 2期12号楼垃圾桶满了没人清理");
    expect(answer).toContain("已登记工单 #2");
  });

  it("does not take B区5栋 for the 5栋 the same person reported", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    const [answer] = await t.say(RESIDENTS, "u-chen", "@议事助手 B区5栋楼道灯坏了");
    expect(answer).toContain("已登记工单 #2");
  });

  it("still joins the same place written another way (5栋, 5号楼)", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    const [answer] = await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼楼道灯坏了");
    expect(answer).toContain("已为您附议");
  });
});
