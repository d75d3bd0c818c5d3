import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PERMISSION_TEXTS } from "../../src/domain/texts.ts";
import { runCommandAs } from "../../src/features/handleMessage.ts";
import { findGroup, findMemberByPlatformUser } from "../../src/store/org.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

describe("the command dispatcher", () => {
  it("checks who may use a command before reading its arguments", async () => {
    expect(await t.say("g-yangguang", "u-zhang", "新建议事会 随便哪天 随便哪里")).toEqual(["这一步需要本小区的书记、网格员等工作人员来操作。"]);
    expect(await t.say("g-yangguang", "u-li", "新建议事会 随便哪天 随便哪里")).toEqual([
      "没看懂时间。例如：12月5日19:30、明天下午3点、本周六上午10点、下周三晚上7点半。",
    ]);
  });

  it("words a refusal the way the command asks, where it differs from its rule's", async () => {
    expect(await t.say("g-yangguang", "u-zhang", "待办")).toEqual(["「待办」是工作人员的功能。发「我的」可查看您反映的事项。"]);
    expect(await t.say("g-yangguang", "u-zhang", "积分 奖励 @刘大爷 5 调解纠纷")).toEqual(["只有本单位的工作人员可以奖励积分。"]);
    expect(await t.say("g-yangguang", "u-zhang", "设为 @刘大爷 网格员")).toEqual(["只有书记、网格员或管理员可以设置角色。"]);
  });

  it("loads the ticket a command names, then checks its ticket rules", async () => {
    expect(await t.say("g-yangguang", "u-li", "受理 99")).toEqual(["找不到工单 #99，请核对编号。"]);
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    expect(await t.say("g-yangguang", "u-liu", "受理 1")).toEqual(["这一步需要本小区的书记、网格员等工作人员来操作，您可以发「进度 1」查看进展。"]);
    expect(await t.say("g-yangguang", "u-liu", "拆分 1 张阿姨")).toEqual(["只有工作人员可以拆分附议。"]);
    expect((await t.say("g-yangguang", "u-li", "受理 1"))[0]).toContain("已受理");
  });

  it("runs a parsed command as a given member in a given group, the path a typed one takes, once per request", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const group = (await findGroup(t.database.db, "g-yangguang"))!;
    const as = async (userId: string, requestId: string) => {
      const member = (await findMemberByPlatformUser(t.database.db, group.platform, userId))!;
      return runCommandAs(t.bot.deps, { group, member, command: { name: "accept", ticket: 1 }, text: "受理 1", requestId });
    };
    expect((await as("u-liu", "r1")).replies).toEqual([PERMISSION_TEXTS.staffStep(1)]);
    const accepted = await as("u-li", "r2");
    expect(accepted.status).toBe("handled");
    expect(accepted.replies[0]).toContain("已受理");
    expect(await as("u-li", "r2")).toEqual({ status: "duplicate", replies: accepted.replies });
    expect((await t.ticket(1)).status).toBe("accepted");
  });
});
