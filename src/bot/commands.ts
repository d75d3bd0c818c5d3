import type { Colour, Rating, Role } from "../domain/types.ts";

/** A bot command, as understood from a message. Ticket numbers are already parsed. */
export type Command =
  | { name: "help" }
  | { name: "mine" }
  | { name: "todo" }
  | { name: "accept"; ticket: number }
  | { name: "assign"; ticket: number; target: string }
  | { name: "escalate"; ticket: number; reason: string | null }
  | { name: "resolve"; ticket: number; result: string }
  | { name: "reject"; ticket: number; reason: string }
  | { name: "withdraw"; ticket: number }
  | { name: "rate"; ticket: number; rating: Rating; comment: string | null }
  | { name: "progress"; ticket: number }
  | { name: "follow"; ticket: number }
  | { name: "split"; ticket: number; target: string }
  | { name: "recategorize"; ticket: number; category: string }
  | { name: "recolour"; ticket: number; colour: Colour }
  | { name: "bind"; unitName: string; kind: "residents" | "staff" | null }
  | { name: "setRole"; target: string; role: Role }
  | { name: "points" }
  | { name: "leaderboard" }
  | { name: "award"; target: string; points: number; reason: string }
  | { name: "stats"; period: string | null }
  | { name: "newMeeting"; text: string }
  | { name: "markForMeeting"; ticket: number }
  | { name: "addAgendaItem"; meeting: number; text: string }
  | { name: "agenda"; meeting: number }
  | { name: "signUp"; meeting: number }
  | { name: "cancelSignUp"; meeting: number }
  | { name: "checkIn"; meeting: number; target: string }
  | { name: "reschedule"; meeting: number; text: string }
  | { name: "cancelMeeting"; meeting: number; reason: string }
  | { name: "decide"; meeting: number; item: number; text: string }
  | { name: "publish"; meeting: number }
  | { name: "followUp"; meeting: number; item: number; note: string }
  | { name: "recurring"; text: string }
  | { name: "calendar" }
  | { name: "meetings" };

export type CommandName = Command["name"];

export type CommandParse = { kind: "command"; command: Command } | { kind: "usage"; name: CommandName; message: string };

interface CommandSpec {
  name: CommandName;
  words: string[];
  /** none: the word alone; ticket: a ticket number, then an argument that is required, optional or absent. */
  shape: "none" | "ticket" | "text" | "optionalText" | "meeting";
  argument?: "required" | "optional";
  usage: string;
}

export const COMMAND_SPECS: readonly CommandSpec[] = [
  { name: "help", words: ["帮助", "help", "菜单", "功能", "使用说明", "怎么用"], shape: "none", usage: "帮助" },
  { name: "mine", words: ["我的工单", "我的"], shape: "none", usage: "我的" },
  { name: "todo", words: ["待办工单", "待办", "待处理"], shape: "none", usage: "待办" },
  { name: "accept", words: ["受理"], shape: "ticket", usage: "受理 12" },
  { name: "assign", words: ["派单", "指派", "分派", "交办"], shape: "ticket", argument: "required", usage: "派单 12 物业（或：网格员、姓名）" },
  { name: "escalate", words: ["升级", "上报"], shape: "ticket", argument: "optional", usage: "升级 12 物业多次未处理" },
  { name: "resolve", words: ["办结", "结案"], shape: "ticket", argument: "required", usage: "办结 12 已更换灯泡" },
  { name: "reject", words: ["不予受理", "驳回"], shape: "ticket", argument: "required", usage: "驳回 12 不属于本小区事务" },
  { name: "withdraw", words: ["撤回", "撤销"], shape: "ticket", usage: "撤回 12" },
  { name: "rate", words: ["评价"], shape: "ticket", argument: "required", usage: "评价 12 满意（或：基本满意、不满意 + 意见）" },
  { name: "progress", words: ["进度", "查询", "进展"], shape: "ticket", usage: "进度 12" },
  { name: "follow", words: ["附议", "同问"], shape: "ticket", usage: "附议 12" },
  { name: "split", words: ["拆分", "取消合并"], shape: "ticket", argument: "required", usage: "拆分 12 刘大爷（把误合并的附议另立工单）" },
  { name: "recategorize", words: ["改类", "改类别", "改分类", "更正类别", "重新分类"], shape: "ticket", argument: "required", usage: "改类 12 噪音扰民" },
  { name: "recolour", words: ["改色", "改颜色", "改等级", "改级别", "调色"], shape: "ticket", argument: "required", usage: "改色 12 红（红、橙、黄、蓝）" },
  { name: "bind", words: ["绑定"], shape: "text", usage: "绑定 阳光花园（工作群写：绑定 幸福社区 工作群）" },
  { name: "setRole", words: ["设为", "设置为"], shape: "text", usage: "设为 @张三 网格员（角色：居民、书记、网格员、话事员、物业、部门）" },
  { name: "award", words: ["积分 奖励", "积分奖励", "奖励积分"], shape: "text", usage: "积分 奖励 @张三 5 调解邻里纠纷" },
  { name: "leaderboard", words: ["积分榜", "积分排行"], shape: "none", usage: "积分榜" },
  { name: "points", words: ["积分", "我的积分"], shape: "none", usage: "积分" },
  { name: "stats", words: ["统计"], shape: "optionalText", usage: "统计 本月（或：今天、本周、上月、2026-11）" },
  { name: "newMeeting", words: ["新建议事会", "创建议事会", "召开议事会"], shape: "text", usage: "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装" },
  { name: "markForMeeting", words: ["上会"], shape: "ticket", usage: "上会 12" },
  { name: "addAgendaItem", words: ["议题"], shape: "meeting", argument: "required", usage: "议题 3 工单12（或：议题 3 讨论楼道堆物整治）" },
  { name: "agenda", words: ["议程"], shape: "meeting", usage: "议程 3" },
  { name: "cancelSignUp", words: ["取消报名"], shape: "meeting", usage: "取消报名 3" },
  { name: "signUp", words: ["报名"], shape: "meeting", usage: "报名 3" },
  { name: "checkIn", words: ["签到"], shape: "meeting", argument: "required", usage: "签到 3 @张三" },
  { name: "reschedule", words: ["改期"], shape: "meeting", argument: "required", usage: "改期 3 12月8日19:30" },
  { name: "cancelMeeting", words: ["取消议事会"], shape: "meeting", argument: "required", usage: "取消议事会 3 场地临时占用" },
  { name: "decide", words: ["决议"], shape: "meeting", argument: "required", usage: "决议 3 1 同意安装充电桩 负责人:孙物业 期限:12月20日" },
  { name: "publish", words: ["公示"], shape: "meeting", usage: "公示 3" },
  { name: "followUp", words: ["落实"], shape: "meeting", argument: "required", usage: "落实 3 1 充电桩已安装投用" },
  { name: "recurring", words: ["例会"], shape: "text", usage: "例会 每月5日 19:30 社区活动室（或：例会 每周三 19:00 小区凉亭）" },
  { name: "calendar", words: ["日历", "议事会日历"], shape: "none", usage: "日历" },
  { name: "meetings", words: ["议事会"], shape: "none", usage: "议事会" },
];

function buildMeetingCommand(spec: CommandSpec, meeting: number, rest: string): CommandParse {
  const argument = cleanArgument(rest);
  switch (spec.name) {
    case "agenda":
    case "signUp":
    case "cancelSignUp":
    case "publish":
      return { kind: "command", command: { name: spec.name, meeting } };
    case "addAgendaItem":
      return argument ? { kind: "command", command: { name: "addAgendaItem", meeting, text: argument } } : usage(spec);
    case "checkIn": {
      const target = argument.replace(/^@/, "").trim();
      return target ? { kind: "command", command: { name: "checkIn", meeting, target } } : usage(spec);
    }
    case "reschedule":
      return argument ? { kind: "command", command: { name: "reschedule", meeting, text: argument } } : usage(spec);
    case "cancelMeeting":
      return argument ? { kind: "command", command: { name: "cancelMeeting", meeting, reason: argument } } : usage(spec);
    case "decide":
    case "followUp": {
      const match = /^#?(\d{1,3})\s*[号项]?\s*[,，:：]?\s*(.+)$/.exec(argument);
      if (!match) return usage(spec);
      const item = Number(match[1]);
      return spec.name === "decide"
        ? { kind: "command", command: { name: "decide", meeting, item, text: match[2]!.trim() } }
        : { kind: "command", command: { name: "followUp", meeting, item, note: match[2]!.trim() } };
    }
    default:
      return usage(spec);
  }
}

const ROLE_WORDS: Record<string, Role> = {
  居民: "resident",
  书记: "secretary",
  网格员: "grid_worker",
  话事员: "moderator",
  主持人: "moderator",
  物业: "property",
  部门: "department",
};

function buildTextCommand(spec: CommandSpec, rest: string): CommandParse {
  const argument = cleanArgument(rest);
  if (spec.name === "newMeeting") return { kind: "command", command: { name: "newMeeting", text: argument } };
  if (spec.name === "recurring") return { kind: "command", command: { name: "recurring", text: argument } };
  if (spec.name === "stats") return { kind: "command", command: { name: "stats", period: argument || null } };
  if (spec.name === "award") {
    const match = /^@?\s*(.+?)\s+(\d{1,4})\s*分?\s*[,，:：]?\s*(.+)$/.exec(argument);
    if (!match) return usage(spec);
    return { kind: "command", command: { name: "award", target: match[1]!.replace(/^@/, "").trim(), points: Number(match[2]), reason: match[3]!.trim() } };
  }
  if (spec.name === "bind") {
    const match = /^(.+?)\s*(工作群|居民群)?$/.exec(argument);
    if (!match) return usage(spec);
    const kind = match[2] === "工作群" ? "staff" : match[2] === "居民群" ? "residents" : null;
    return { kind: "command", command: { name: "bind", unitName: match[1]!.trim(), kind } };
  }
  const match = /^@?\s*(.+?)\s*(?:为|做|当)?\s*(居民|书记|网格员|话事员|主持人|物业|部门)$/.exec(argument);
  if (!match) return usage(spec);
  return { kind: "command", command: { name: "setRole", target: match[1]!.replace(/^@/, "").trim(), role: ROLE_WORDS[match[2]!]! } };
}

const WORD_INDEX = COMMAND_SPECS.flatMap((spec) => spec.words.map((word) => ({ word, spec }))).sort(
  (a, b) => b.word.length - a.word.length,
);

const TICKET_NUMBER = /^\s*(?:工单)?\s*#?\s*(\d{1,9})(?:\s*号(?!楼))?/;
const SEPARATORS = /^[\s:：,，、.。;；]+/;
const TRAILING = /[\s!！。.?？~～]+$/;

const COLOUR_WORDS: [RegExp, Colour][] = [
  [/^(红|红色|紧急)$/, "red"],
  [/^(橙|橙色|复杂)$/, "orange"],
  [/^(黄|黄色|一般)$/, "yellow"],
  [/^(蓝|蓝色|咨询|建议)$/, "blue"],
];

const RATING_WORDS: [RegExp, Rating][] = [
  [/^(很不满意|非常不满意|不满意|差评)/, "unsatisfied"],
  [/^(基本满意|还行|一般|还可以)/, "basically_satisfied"],
  [/^(非常满意|很满意|满意|好评)/, "satisfied"],
];

function usage(spec: CommandSpec): CommandParse {
  return { kind: "usage", name: spec.name, message: `用法：${spec.usage}` };
}

function cleanArgument(text: string): string {
  return text.replace(SEPARATORS, "").replace(TRAILING, "").trim();
}

function buildTicketCommand(spec: CommandSpec, ticket: number, rest: string): CommandParse {
  const argument = cleanArgument(rest);
  switch (spec.name) {
    case "assign": {
      const target = argument.replace(/^(交给|派给|给|到|由)\s*/, "").trim();
      return target ? { kind: "command", command: { name: "assign", ticket, target } } : usage(spec);
    }
    case "escalate":
      return { kind: "command", command: { name: "escalate", ticket, reason: argument || null } };
    case "split": {
      const target = argument.replace(/^@/, "").trim();
      return target ? { kind: "command", command: { name: "split", ticket, target } } : usage(spec);
    }
    case "resolve":
      return argument ? { kind: "command", command: { name: "resolve", ticket, result: argument } } : usage(spec);
    case "recategorize": {
      const category = argument.replace(/^(为|成|到)\s*/, "").trim();
      return category ? { kind: "command", command: { name: "recategorize", ticket, category } } : usage(spec);
    }
    case "recolour": {
      const word = argument.replace(/^(为|成|到)\s*/, "").trim();
      const colour = COLOUR_WORDS.find(([pattern]) => pattern.test(word))?.[1];
      return colour ? { kind: "command", command: { name: "recolour", ticket, colour } } : usage(spec);
    }
    case "reject":
      return argument ? { kind: "command", command: { name: "reject", ticket, reason: argument } } : usage(spec);
    case "rate": {
      for (const [pattern, rating] of RATING_WORDS) {
        const match = pattern.exec(argument);
        if (match) {
          const comment = cleanArgument(argument.slice(match[0].length));
          return { kind: "command", command: { name: "rate", ticket, rating, comment: comment || null } };
        }
      }
      return usage(spec);
    }
    case "accept":
    case "withdraw":
    case "progress":
    case "follow":
    case "markForMeeting":
      return { kind: "command", command: { name: spec.name, ticket } };
    default:
      return usage(spec);
  }
}

/**
 * Reads a command from normalised text (see normalizeForParsing), tolerating a leading "/" or "#".
 * Returns null when the text is not a command, so that "查询一下社保怎么交" stays a report.
 */
export function parseCommand(text: string): CommandParse | null {
  const body = text.replace(/^[/#]+(?=\D)/, "").trim();
  for (const { word, spec } of WORD_INDEX) {
    if (!body.toLowerCase().startsWith(word)) continue;
    const rest = body.slice(word.length);
    if (spec.shape === "optionalText") {
      // "统计" alone or with a period; "统计一下…" is a sentence, not the command.
      const argument = cleanArgument(rest);
      if (!argument || /^(今天|今日|本周|这周|本月|这个月|上月|上个月|上周|\d{4}[-/年]\d{1,2}月?)$/.test(argument)) return buildTextCommand(spec, rest);
      continue;
    }
    if (spec.shape === "text") {
      // A word of its own: "绑定阳光花园" and "绑定 阳光花园" both bind.
      return cleanArgument(rest) ? buildTextCommand(spec, rest) : usage(spec);
    }
    if (spec.shape === "none") {
      if (cleanArgument(rest) === "") return { kind: "command", command: { name: spec.name } as Command };
      continue;
    }
    const number = TICKET_NUMBER.exec(rest);
    if (number && spec.shape === "meeting") return buildMeetingCommand(spec, Number(number[1]), rest.slice(number[0].length));
    if (number) return buildTicketCommand(spec, Number(number[1]), rest.slice(number[0].length));
    // The command word alone ("受理"): say how it is used. Anything else reads as ordinary text.
    if (cleanArgument(rest) === "") return usage(spec);
  }
  return null;
}
