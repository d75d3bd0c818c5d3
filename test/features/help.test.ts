import { describe, expect, it } from "vitest";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { helpText } from "../../src/features/help.ts";
import { HELP_SECTIONS } from "../../src/features/texts.ts";

const staffOnly = new Set(HELP_SECTIONS.filter((section) => section.staffOnly).map((section) => section.section));

describe("the help text", () => {
  it("is generated from the command registry and lists every command for staff", () => {
    const help = helpText(BOT_COMMANDS, "议事助手", true);
    for (const spec of BOT_COMMANDS.declarations) {
      expect(help, spec.name).toContain(spec.help.example);
      expect(
        spec.words.some((word) => help.includes(word)),
        spec.name,
      ).toBe(true);
    }
  });

  it("shows residents the commands anyone may use, and none of the staff's", () => {
    const help = helpText(BOT_COMMANDS, "议事助手", false);
    for (const spec of BOT_COMMANDS.declarations) {
      if (staffOnly.has(spec.help.section)) expect(help, spec.name).not.toContain(spec.help.example);
      else expect(help, spec.name).toContain(spec.help.example);
    }
  });

  it("keeps the residents' line in the order people learn it", () => {
    expect(helpText(BOT_COMMANDS, "议事助手", false).split("\n")).toEqual([
      "我是议事助手，@我 说出问题就能登记工单，例如：",
      "「@议事助手 3号楼2单元楼道灯不亮」",
      "居民可用：进度 12｜我的｜附议 12｜撤回 12｜评价 12 满意/基本满意/不满意｜统计｜积分｜积分榜｜兑换 大米｜我的兑换｜帮助",
      "议事会：议事会｜议程 3｜报名 3｜取消报名 3｜日历",
    ]);
  });
});
