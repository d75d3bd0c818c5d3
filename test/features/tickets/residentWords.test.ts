import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleIncomingMessage } from "../../../src/features/handleMessage.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
const STAFF = "g-xingfu-staff";
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});
const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { type: string; text: string }[];

describe("the words residents read (#18)", () => {
  it("say 您 to residents throughout, never 你", async () => {
    const replies = [
      ...(await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了")),
      ...(await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了")),
      ...(await t.say(RESIDENTS, "u-zhang", "附议 1")),
      ...(await t.say(RESIDENTS, "u-liu", "附议 1")),
      ...(await t.say(RESIDENTS, "u-liu", "附议 1")),
      ...(await t.say(RESIDENTS, "u-chen", "我的")),
      ...(await t.say(RESIDENTS, "u-chen", "积分")),
      ...(await t.say(RESIDENTS, "u-chen", "待办")),
      ...(await t.say(RESIDENTS, "u-chen", "受理 1")),
    ];
    expect(replies.join("\n")).toContain("您已反映过这件事");
    expect(replies.join("\n")).not.toMatch(/你(?!们|好)/);
  });

  it("show residents no level names, colour grades or staff commands; staff keep theirs in the work group", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼和5号楼之间的路灯坏了一排，晚上很黑，物业和供电都说不归自己管");
    await t.say(STAFF, "u-li", "改色 1 橙");
    await t.say(STAFF, "u-li", "受理 1");
    expect((await t.say(RESIDENTS, "u-zhang", "进度 1"))[0]).toContain("下一步：正在安排人员办理");
    const [staffAssign] = await t.say(STAFF, "u-li", "派单 1 物业");
    expect(staffAssign).toContain("办好后发「办结 1 结果」");
    const [progress] = await t.say(RESIDENTS, "u-zhang", "进度 1");
    expect(progress).not.toMatch(/层级|橙色|复杂/);
    expect(progress).toContain("办理单位：幸福社区");
    const [staffProgress] = await t.say(STAFF, "u-li", "进度 1");
    expect(staffProgress).toContain("层级：社区");
    const [staffResolve] = await t.say(STAFF, "u-li", "办结 1 已修好");
    expect(staffResolve).not.toContain("@张阿姨");
    expect(staffResolve).toContain("已请 张阿姨 在居民群评价");
    const bot = (await timeline(RESIDENTS)).filter((entry) => entry.type === "bot").map((entry) => entry.text);
    expect(bot.join("\n")).not.toMatch(/办结 1 结果|派单办理|（社区）|橙色|层级/);
    expect(bot.at(-1)).toContain("@张阿姨 请评价");
  });

  it("tell the secretary what a correction does in plain words", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const [recategorized] = await t.say(STAFF, "u-li", "改类 1 噪音扰民");
    const [recoloured] = await t.say(STAFF, "u-li", "改色 1 橙");
    for (const answer of [recategorized, recoloured]) {
      expect(answer).not.toContain("学习样本");
      expect(answer).toContain("以后遇到类似的说法会分得更准");
    }
  });
});

describe("a private chat is read by the one who sent it", () => {
  const privately = (userId: string, messageId: string, text: string) =>
    handleIncomingMessage(t.bot.deps, { platform: "sandbox", messageId, chatId: `p-${userId}`, userId, text, private: true, addressed: true });

  it("answers a secretary's private 进度 in the staff's words, with the reporter's number whole, as in her work group", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了 联系我13812345678");
    const [staff] = (await privately("u-li", "p-1", "进度 1")).replies;
    expect(staff).toContain("层级：");
    expect(staff).toContain("13812345678");
    const [resident] = (await privately("u-zhang", "p-2", "进度 1")).replies;
    expect(resident).toContain("办理单位：");
    expect(resident).not.toContain("13812345678");
  });
});
