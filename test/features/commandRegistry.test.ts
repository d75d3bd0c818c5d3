import { describe, expect, it } from "vitest";
import { normalizeForParsing, stripBotMention } from "../../src/bot/normalize.ts";
import { COUNTY_DEPARTMENTS } from "../../src/domain/departments.ts";
import { BOT_COMMANDS, isCommand, type Command } from "../../src/features/commandRegistry.ts";
import { readArguments } from "../../src/features/commands.ts";

const parse = (text: string) => BOT_COMMANDS.reader.parse(normalizeForParsing(text));
const COMMAND_LIST = BOT_COMMANDS.declarations;

describe("command grammar", () => {
  it("reads ticket numbers written as 12, #12, 12号 and in full-width digits", () => {
    for (const text of ["受理 12", "受理#12", "受理 #12", "受理12号", "受理　１２", "／受理 ＃１２", "#受理 12", "受理 工单12"]) {
      expect(parse(text), text).toEqual({ kind: "command", command: { name: "accept", ticket: 12 } });
    }
  });

  it("keeps the argument's own punctuation", () => {
    expect(parse("办结 3 已疏通，恢复正常。")).toEqual({ kind: "command", command: { name: "resolve", ticket: 3, result: "已疏通，恢复正常" } });
  });

  it("answers a command word without its number with its usage", () => {
    expect(parse("受理")).toEqual({ kind: "usage", name: "accept", message: "用法：受理 12" });
    expect(parse("派单 3")).toMatchObject({ kind: "usage", name: "assign" });
    expect(parse("评价 3 还不错吧")).toMatchObject({ kind: "usage", name: "rate" });
  });

  it("leaves sentences that merely start like a command to the report reader", () => {
    expect(parse("查询一下社保怎么交")).toBeNull();
    expect(parse("我的车被人刮了")).toBeNull();
    expect(parse("评价一下物业的服务")).toBeNull();
  });

  it("reads ratings with their comments", () => {
    expect(parse("评价 5 很不满意 灯还是不亮")).toEqual({
      kind: "command",
      command: { name: "rate", ticket: 5, rating: "unsatisfied", comment: "灯还是不亮" },
    });
    expect(parse("评价5 基本满意")).toMatchObject({ command: { rating: "basically_satisfied", comment: null } });
  });

  it("drops 给/交给 before an assignee", () => {
    expect(parse("派单 4 交给王网格")).toMatchObject({ command: { name: "assign", target: "王网格" } });
  });
});

describe("the command registry", () => {
  it("reads every command back from its own usage example", () => {
    for (const spec of COMMAND_LIST) {
      const example = spec.usage.replace(/（.*）$/, "");
      expect(parse(example), example).toMatchObject({ kind: "command", command: { name: spec.name } });
    }
  });

  it("gives every command its own words", () => {
    const words = COMMAND_LIST.flatMap((spec) => spec.words);
    expect(new Set(words).size).toBe(words.length);
  });

  it("answers a text command whose argument does not fit with its own usage, never another command's", () => {
    expect(parse("积分 奖励 张三")).toEqual({ kind: "usage", name: "award", message: "用法：积分 奖励 @张三 5 调解邻里纠纷" });
    expect(parse("设为 张三 管理员")).toMatchObject({ kind: "usage", name: "setRole" });
    expect(parse("绑定")).toMatchObject({ kind: "usage", name: "bind" });
    expect(parse("例会")).toMatchObject({ kind: "usage", name: "recurring" });
  });
});

describe("the Command type, derived from the declarations", () => {
  it("types each command's arguments as its grammar reads them", () => {
    const accept: Command = { name: "accept", ticket: 12 };
    // @ts-expect-error a 受理 names a ticket by number
    const wrong: Command = { name: "accept", ticket: "12" };
    // @ts-expect-error no command is named so
    const unknown: Command = { name: "nudge", ticket: 12 };
    expect([accept, wrong, unknown].map((command) => command.name)).toEqual(["accept", "accept", "nudge"]);
    const parsed = parse("改色 3 红");
    expect(parsed?.kind === "command" && isCommand(parsed.command, "recolour") ? parsed.command.colour : null).toBe("red");
  });
});

describe("reading a command's arguments to the end", () => {
  const now = new Date("2026-11-23T02:00:00Z");
  const read = (text: string) => {
    const parsed = parse(text);
    if (parsed?.kind !== "command") throw new Error(`not a command: ${text}`);
    return readArguments(BOT_COMMANDS, parsed.command, { now, zone: "Asia/Shanghai", departments: COUNTY_DEPARTMENTS });
  };

  it("tells a 派单's department, role and person apart", () => {
    expect(read("派单 3 城乡建设")).toMatchObject({ ok: true, command: { assignee: { kind: "department", name: "城乡建设" } } });
    expect(read("派单 3 物业")).toMatchObject({ ok: true, command: { assignee: { kind: "role", role: "property" } } });
    expect(read("派单 3 给网格员")).toMatchObject({ ok: true, command: { assignee: { kind: "role", role: "grid_worker" } } });
    expect(read("派单 3 王网格")).toMatchObject({ ok: true, command: { assignee: { kind: "person", name: "王网格" } } });
  });

  it("keeps 办结 results that are not fixes apart", () => {
    expect(read("办结 3 已更换灯泡")).toMatchObject({ command: { outcome: "fixed" } });
    expect(read("办结 3 无法解决，需业主自行维修")).toMatchObject({ command: { outcome: "cannot_fix" } });
    expect(read("办结 3 转办至城管")).toMatchObject({ command: { outcome: "transferred" } });
  });

  it("resolves a meeting's time in the group's zone, and refuses a time already past", () => {
    expect(read("新建议事会 12月5日19:30 社区活动室 讨论充电桩安装")).toMatchObject({
      ok: true,
      command: { name: "newMeeting", startsAt: new Date("2026-12-05T11:30:00Z"), place: "社区活动室", topic: "讨论充电桩安装" },
    });
    expect(read("改期 3 11月20日19:30")).toEqual({
      ok: false,
      refusal: "这个时间已经过去了。例如：12月5日19:30、明天下午3点、本周六上午10点、下周三晚上7点半。",
    });
  });
});

describe("message normalisation", () => {
  it("finds and removes the bot's @-mention, full-width or not", () => {
    expect(stripBotMention(normalizeForParsing("＠议事助手　电梯坏了"), "议事助手")).toEqual({ text: "电梯坏了", mentioned: true });
    expect(stripBotMention("电梯坏了", "议事助手")).toEqual({ text: "电梯坏了", mentioned: false });
  });
});
