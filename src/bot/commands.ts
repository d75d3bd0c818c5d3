import { COUNTY_DEPARTMENTS, isCountyDepartment } from "../domain/departments.ts";
import { parseRecurrence, splitDecision, type RecurrenceRule } from "../domain/meetings.ts";
import type { Permission } from "../domain/permissions.ts";
import type { Colour, Outcome, Rating, Role } from "../domain/types.ts";
import { parseDueDate, parseMeetingTime } from "./meetingTime.ts";

/**
 * The command registry's declarations: for each command, its words and aliases, the grammar of its
 * arguments, a usage example, who may use it (a rule of domain/permissions.ts) and its line in the help.
 * Handlers are attached by name in features/commands.ts; a command missing on either side does not compile.
 */

/** A bot command, as read from a message. Ticket and meeting numbers are already parsed. */
export type Command =
  | { name: "help" }
  | { name: "mine" }
  | { name: "todo" }
  | { name: "console" }
  | { name: "accept"; ticket: number }
  | { name: "assign"; ticket: number; target: string }
  | { name: "escalate"; ticket: number; reason: string | null }
  | { name: "resolve"; ticket: number; result: string }
  | { name: "reject"; ticket: number; reason: string }
  | { name: "withdraw"; ticket: number }
  | { name: "rate"; ticket: number; rating: Rating; comment: string | null }
  | { name: "fileOnBehalf" }
  | { name: "revisit"; ticket: number; rating: Rating; comment: string | null }
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
  | { name: "addAgendaItem"; meeting: number; text: string; linkedTicket: number | null }
  | { name: "agenda"; meeting: number }
  | { name: "signUp"; meeting: number }
  | { name: "cancelSignUp"; meeting: number }
  | { name: "checkIn"; meeting: number; target: string }
  | { name: "reschedule"; meeting: number; text: string }
  | { name: "cancelMeeting"; meeting: number; reason: string }
  | { name: "decide"; meeting: number; item: number; text: string }
  | { name: "publish"; meeting: number; again: boolean }
  | { name: "followUp"; meeting: number; item: number; note: string }
  | { name: "recurring"; text: string }
  | { name: "calendar" }
  | { name: "meetings" };

export type CommandName = Command["name"];

/** Commands whose arguments are read further after the permission check (see readArguments). */
type ReadLater = "newMeeting" | "reschedule" | "decide" | "recurring" | "assign" | "resolve";

/** Whom a 派单 names: a county department, a role of the ticket's units (物业, 网格员), or a person. */
export type Assignee =
  { kind: "department"; name: string } | { kind: "role"; role: "property" | "grid_worker"; name: string } | { kind: "person"; name: string };

/** A command ready for its handler: every argument read, times resolved. */
export type ReadyCommand =
  | Exclude<Command, { name: ReadLater }>
  | { name: "assign"; ticket: number; target: string; assignee: Assignee }
  | { name: "resolve"; ticket: number; result: string; outcome: Outcome }
  | { name: "newMeeting"; startsAt: Date; place: string; topic: string }
  | { name: "reschedule"; meeting: number; startsAt: Date }
  | { name: "decide"; meeting: number; item: number; decision: string; owner: string | null; dueAt: Date | null }
  | { name: "recurring"; rule: RecurrenceRule; place: string; topic: string | null };

export type CommandOf<N extends CommandName> = Extract<ReadyCommand, { name: N }>;

export type CommandParse = { kind: "command"; command: Command } | { kind: "usage"; name: CommandName; message: string };

/** Where a command appears in the help text; staff and admin lines are shown to staff only. */
export type HelpSection = "residents" | "meetings" | "staff" | "organising" | "admin";

type Fields<N extends CommandName> = Omit<Extract<Command, { name: N }>, "name">;

/**
 * How the words after the command word are read. none: the word alone; ticket or meeting: a number,
 * then `parse` reads the rest; text: a required argument; optionalText: 统计 alone or with a period.
 * `parse` returns null when the argument does not fit: the user gets the usage line.
 */
type Grammar<N extends CommandName> =
  | { shape: "none" }
  | { shape: "ticket" | "meeting"; parse: (number: number, argument: string) => Fields<N> | null }
  | { shape: "text" | "optionalText"; parse: (argument: string) => Fields<N> | null };

export interface CommandSpec<N extends CommandName = CommandName> {
  name: N;
  words: readonly string[];
  grammar: Grammar<N>;
  usage: string;
  /** Who may use it, checked in order before the handler runs (see domain/permissions.ts). */
  who: readonly Permission[];
  help: { section: HelpSection; example: string };
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
const ROLE_PATTERN = new RegExp(`^@?\\s*(.+?)\\s*(?:为|做|当)?\\s*(${Object.keys(ROLE_WORDS).join("|")})$`);

const RATING_WORDS: [RegExp, Rating][] = [
  [/^(很不满意|非常不满意|不满意|差评)/, "unsatisfied"],
  [/^(基本满意|还行|一般|还可以)/, "basically_satisfied"],
  [/^(非常满意|很满意|满意|好评)/, "satisfied"],
];

const COLOUR_WORDS: [RegExp, Colour][] = [
  [/^(红|红色|紧急)$/, "red"],
  [/^(橙|橙色|复杂)$/, "orange"],
  [/^(黄|黄色|一般)$/, "yellow"],
  [/^(蓝|蓝色|咨询|建议)$/, "blue"],
];
const withoutLinkWord = (argument: string) => argument.replace(/^(为|成|到)\s*/, "").trim();

const PERIOD_WORDS = /^(今天|今日|本周|这周|本月|这个月|上月|上个月|上周|\d{4}[-/年]\d{1,2}月?)$/;
const TICKET_NUMBER = /^\s*(?:工单)?\s*#?\s*(\d{1,9})(?:\s*号(?!楼))?/;
const LINKED_TICKET = /^(?:工单)?\s*#?(\d{1,9})(?:\s*号)?$/;
const ITEM_NUMBER = /^#?(\d{1,3})\s*[号项]?\s*[,，:：]?\s*(.+)$/;
const SEPARATORS = /^[\s:：,，、.。;；]+/;
const TRAILING = /[\s!！。.?？~～]+$/;

function cleanArgument(text: string): string {
  return text.replace(SEPARATORS, "").replace(TRAILING, "").trim();
}

const person = (argument: string) => argument.replace(/^@/, "").trim();
const required = <T>(argument: string, fields: T): T | null => (argument ? fields : null);

/** A rating and its comment: 满意, 基本满意 or 不满意, then any words. */
function readRating(ticket: number, argument: string): { ticket: number; rating: Rating; comment: string | null } | null {
  for (const [pattern, rating] of RATING_WORDS) {
    const match = pattern.exec(argument);
    if (match) return { ticket, rating, comment: cleanArgument(argument.slice(match[0].length)) || null };
  }
  return null;
}

/** Every command, grouped as the help text lists them. */
export const COMMAND_SPECS: { readonly [N in CommandName]: CommandSpec<N> } = {
  // 居民可用
  progress: {
    name: "progress",
    words: ["进度", "查询", "进展"],
    grammar: { shape: "ticket", parse: (ticket) => ({ ticket }) },
    usage: "进度 12",
    who: ["ticketViewer"],
    help: { section: "residents", example: "进度 12" },
  },
  mine: {
    name: "mine",
    words: ["我的工单", "我的"],
    grammar: { shape: "none" },
    usage: "我的",
    who: ["anyone"],
    help: { section: "residents", example: "我的" },
  },
  follow: {
    name: "follow",
    words: ["附议", "同问"],
    grammar: { shape: "ticket", parse: (ticket) => ({ ticket }) },
    usage: "附议 12",
    who: ["ticketViewer"],
    help: { section: "residents", example: "附议 12" },
  },
  withdraw: {
    name: "withdraw",
    words: ["撤回", "撤销"],
    grammar: { shape: "ticket", parse: (ticket) => ({ ticket }) },
    usage: "撤回 12",
    who: ["reporterOrStaff"],
    help: { section: "residents", example: "撤回 12" },
  },
  rate: {
    name: "rate",
    words: ["评价"],
    grammar: { shape: "ticket", parse: readRating },
    usage: "评价 12 满意（或：基本满意、不满意 + 意见）",
    who: ["ticketRater"],
    help: { section: "residents", example: "评价 12 满意/基本满意/不满意" },
  },
  stats: {
    name: "stats",
    words: ["统计"],
    grammar: { shape: "optionalText", parse: (argument) => ({ period: argument || null }) },
    usage: "统计 本月（或：今天、本周、上月、2026-11）",
    who: ["anyone"],
    help: { section: "residents", example: "统计" },
  },
  points: {
    name: "points",
    words: ["积分", "我的积分"],
    grammar: { shape: "none" },
    usage: "积分",
    who: ["anyone"],
    help: { section: "residents", example: "积分" },
  },
  leaderboard: {
    name: "leaderboard",
    words: ["积分榜", "积分排行"],
    grammar: { shape: "none" },
    usage: "积分榜",
    who: ["anyone"],
    help: { section: "residents", example: "积分榜" },
  },
  help: {
    name: "help",
    words: ["帮助", "help", "菜单", "功能", "使用说明", "怎么用"],
    grammar: { shape: "none" },
    usage: "帮助",
    who: ["anyone"],
    help: { section: "residents", example: "帮助" },
  },

  // 议事会
  meetings: {
    name: "meetings",
    words: ["议事会"],
    grammar: { shape: "none" },
    usage: "议事会",
    who: ["anyone"],
    help: { section: "meetings", example: "议事会" },
  },
  agenda: {
    name: "agenda",
    words: ["议程"],
    grammar: { shape: "meeting", parse: (meeting) => ({ meeting }) },
    usage: "议程 3",
    who: ["anyone"],
    help: { section: "meetings", example: "议程 3" },
  },
  signUp: {
    name: "signUp",
    words: ["报名"],
    grammar: { shape: "meeting", parse: (meeting) => ({ meeting }) },
    usage: "报名 3",
    who: ["anyone"],
    help: { section: "meetings", example: "报名 3" },
  },
  cancelSignUp: {
    name: "cancelSignUp",
    words: ["取消报名"],
    grammar: { shape: "meeting", parse: (meeting) => ({ meeting }) },
    usage: "取消报名 3",
    who: ["anyone"],
    help: { section: "meetings", example: "取消报名 3" },
  },
  calendar: {
    name: "calendar",
    words: ["日历", "议事会日历"],
    grammar: { shape: "none" },
    usage: "日历",
    who: ["anyone"],
    help: { section: "meetings", example: "日历" },
  },

  // 工作人员
  todo: {
    name: "todo",
    words: ["待办工单", "待办", "待处理"],
    grammar: { shape: "none" },
    usage: "待办",
    who: ["staffAnywhere"],
    help: { section: "staff", example: "待办" },
  },
  console: {
    name: "console",
    words: ["工作台", "后台"],
    grammar: { shape: "none" },
    usage: "工作台",
    who: ["staffAnywhere"],
    help: { section: "staff", example: "工作台" },
  },
  fileOnBehalf: {
    name: "fileOnBehalf",
    words: ["立案", "代报", "登记"],
    grammar: { shape: "none" },
    usage: "立案（引用居民的那条消息，再 @我 发「立案」）",
    // A resident's own words are filed by the resident; 代报 is for staff who pick a message up.
    who: ["groupStaff"],
    help: { section: "staff", example: "引用居民消息 + 立案" },
  },
  revisit: {
    name: "revisit",
    words: ["回访"],
    grammar: { shape: "ticket", parse: readRating },
    usage: "回访 12 满意（或：基本满意、不满意 + 居民意见）",
    who: ["ticketStaff"],
    help: { section: "staff", example: "回访 12 满意/基本满意/不满意" },
  },
  accept: {
    name: "accept",
    words: ["受理"],
    grammar: { shape: "ticket", parse: (ticket) => ({ ticket }) },
    usage: "受理 12",
    who: ["ticketStaff"],
    help: { section: "staff", example: "受理 12" },
  },
  assign: {
    name: "assign",
    words: ["派单", "指派", "分派", "交办"],
    grammar: {
      shape: "ticket",
      parse: (ticket, argument) => {
        const target = argument.replace(/^(交给|派给|给|到|由)\s*/, "").trim();
        return required(target, { ticket, target });
      },
    },
    usage: "派单 12 物业（或：网格员、姓名）",
    who: ["ticketStaff"],
    help: { section: "staff", example: "派单 12 物业/网格员/姓名/部门" },
  },
  escalate: {
    name: "escalate",
    words: ["升级", "上报"],
    grammar: { shape: "ticket", parse: (ticket, argument) => ({ ticket, reason: argument || null }) },
    usage: "升级 12 物业多次未处理",
    who: ["ticketStaff"],
    help: { section: "staff", example: "升级 12 原因" },
  },
  resolve: {
    name: "resolve",
    words: ["办结", "结案"],
    grammar: { shape: "ticket", parse: (ticket, argument) => required(argument, { ticket, result: argument }) },
    usage: "办结 12 已更换灯泡",
    who: ["ticketStaff"],
    help: { section: "staff", example: "办结 12 结果" },
  },
  reject: {
    name: "reject",
    words: ["不予受理", "驳回"],
    grammar: { shape: "ticket", parse: (ticket, argument) => required(argument, { ticket, reason: argument }) },
    usage: "驳回 12 不属于本小区事务",
    who: ["ticketStaff"],
    help: { section: "staff", example: "驳回 12 原因" },
  },
  recategorize: {
    name: "recategorize",
    words: ["改类", "改类别", "改分类", "更正类别", "重新分类"],
    grammar: { shape: "ticket", parse: (ticket, argument) => required(withoutLinkWord(argument), { ticket, category: withoutLinkWord(argument) }) },
    usage: "改类 12 噪音扰民",
    who: ["ticketStaff"],
    help: { section: "staff", example: "改类 12 噪音" },
  },
  recolour: {
    name: "recolour",
    words: ["改色", "改颜色", "改等级", "改级别", "调色"],
    grammar: {
      shape: "ticket",
      parse: (ticket, argument) => {
        const colour = COLOUR_WORDS.find(([pattern]) => pattern.test(withoutLinkWord(argument)))?.[1];
        return colour ? { ticket, colour } : null;
      },
    },
    usage: "改色 12 红（红、橙、黄、蓝）",
    who: ["ticketStaff"],
    help: { section: "staff", example: "改色 12 红" },
  },
  split: {
    name: "split",
    words: ["拆分", "取消合并"],
    grammar: { shape: "ticket", parse: (ticket, argument) => required(person(argument), { ticket, target: person(argument) }) },
    usage: "拆分 12 刘大爷（把误合并的附议另立工单）",
    who: ["ticketStaff"],
    help: { section: "staff", example: "拆分 12 姓名" },
  },
  award: {
    name: "award",
    words: ["积分 奖励", "积分奖励", "奖励积分"],
    grammar: {
      shape: "text",
      parse: (argument) => {
        const match = /^@?\s*(.+?)\s+(\d{1,4})\s*分?\s*[,，:：]?\s*(.+)$/.exec(argument);
        return match ? { target: person(match[1]!), points: Number(match[2]), reason: match[3]!.trim() } : null;
      },
    },
    usage: "积分 奖励 @张三 5 调解邻里纠纷",
    who: ["groupStaff"],
    help: { section: "staff", example: "积分 奖励 @某人 5 原因" },
  },

  // 组织议事
  newMeeting: {
    name: "newMeeting",
    words: ["新建议事会", "创建议事会", "召开议事会"],
    grammar: { shape: "text", parse: (text) => ({ text }) },
    usage: "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装",
    who: ["groupStaff"],
    help: { section: "organising", example: "新建议事会 时间 地点 主题" },
  },
  markForMeeting: {
    name: "markForMeeting",
    words: ["上会"],
    grammar: { shape: "ticket", parse: (ticket) => ({ ticket }) },
    usage: "上会 12",
    who: ["groupStaff", "ticketStaff"],
    help: { section: "organising", example: "上会 12" },
  },
  addAgendaItem: {
    name: "addAgendaItem",
    words: ["议题"],
    grammar: {
      shape: "meeting",
      parse: (meeting, argument) => {
        const linked = LINKED_TICKET.exec(argument);
        return required(argument, { meeting, text: argument, linkedTicket: linked ? Number(linked[1]) : null });
      },
    },
    usage: "议题 3 工单12（或：议题 3 讨论楼道堆物整治）",
    who: ["groupStaff"],
    help: { section: "organising", example: "议题 3 内容" },
  },
  reschedule: {
    name: "reschedule",
    words: ["改期"],
    grammar: { shape: "meeting", parse: (meeting, text) => required(text, { meeting, text }) },
    usage: "改期 3 12月8日19:30",
    who: ["groupStaff"],
    help: { section: "organising", example: "改期 3 时间" },
  },
  cancelMeeting: {
    name: "cancelMeeting",
    words: ["取消议事会"],
    grammar: { shape: "meeting", parse: (meeting, reason) => required(reason, { meeting, reason }) },
    usage: "取消议事会 3 场地临时占用",
    who: ["groupStaff"],
    help: { section: "organising", example: "取消议事会 3 原因" },
  },
  recurring: {
    name: "recurring",
    words: ["例会"],
    grammar: { shape: "text", parse: (text) => ({ text }) },
    usage: "例会 每月5日 19:30 社区活动室（或：例会 每周三 19:00 小区凉亭）",
    who: ["groupStaff"],
    help: { section: "organising", example: "例会 每月5日 19:30 地点" },
  },
  checkIn: {
    name: "checkIn",
    words: ["签到"],
    grammar: { shape: "meeting", parse: (meeting, argument) => required(person(argument), { meeting, target: person(argument) }) },
    usage: "签到 3 @张三",
    who: ["chair"],
    help: { section: "organising", example: "签到 3 @某人" },
  },
  decide: {
    name: "decide",
    words: ["决议"],
    grammar: {
      shape: "meeting",
      parse: (meeting, argument) => {
        const match = ITEM_NUMBER.exec(argument);
        return match ? { meeting, item: Number(match[1]), text: match[2]!.trim() } : null;
      },
    },
    usage: "决议 3 1 同意安装充电桩 负责人:孙物业 期限:12月20日",
    who: ["chair"],
    help: { section: "organising", example: "决议 3 1 内容 负责人:某某 期限:12月20日" },
  },
  publish: {
    name: "publish",
    words: ["公示"],
    grammar: { shape: "meeting", parse: (meeting, argument) => ({ meeting, again: /^(再发|重发|再次|再公示)/.test(argument) }) },
    usage: "公示 3（已公示过的再发一次：公示 3 再发）",
    who: ["chair"],
    help: { section: "organising", example: "公示 3" },
  },
  followUp: {
    name: "followUp",
    words: ["落实"],
    grammar: {
      shape: "meeting",
      parse: (meeting, argument) => {
        const match = ITEM_NUMBER.exec(argument);
        return match ? { meeting, item: Number(match[1]), note: match[2]!.trim() } : null;
      },
    },
    usage: "落实 3 1 充电桩已安装投用",
    // The decision's owner, or the chair: checked once the decision is found.
    who: ["anyone"],
    help: { section: "organising", example: "落实 3 1 说明" },
  },

  // 管理
  bind: {
    name: "bind",
    words: ["绑定"],
    grammar: {
      shape: "text",
      parse: (argument) => {
        const match = /^(.+?)\s*(工作群|居民群)?$/.exec(argument);
        if (!match) return null;
        return { unitName: match[1]!.trim(), kind: match[2] === "工作群" ? "staff" : match[2] === "居民群" ? "residents" : null };
      },
    },
    usage: "绑定 阳光花园（工作群写：绑定 幸福社区 工作群）",
    // Only an unbound chat can be bound, by an operator (see handleMessage); a bound one is told so.
    who: ["anyone"],
    help: { section: "admin", example: "绑定 小区名称" },
  },
  setRole: {
    name: "setRole",
    words: ["设为", "设置为"],
    grammar: {
      shape: "text",
      parse: (argument) => {
        const match = ROLE_PATTERN.exec(argument);
        return match ? { target: person(match[1]!), role: ROLE_WORDS[match[2]!]! } : null;
      },
    },
    usage: "设为 @张三 网格员（角色：居民、书记、网格员、话事员、物业、部门）",
    who: ["groupAdmin"],
    help: { section: "admin", example: "设为 @某人 网格员" },
  },
};

export const COMMAND_LIST: readonly CommandSpec[] = Object.values(COMMAND_SPECS);

const WORD_INDEX = COMMAND_LIST.flatMap((spec) => spec.words.map((word) => ({ word, spec }))).sort((a, b) => b.word.length - a.word.length);

/** How a command is used; with the number the user gave, the example reuses it ("驳回 10" → "用法：驳回 10 …"). */
function usage(spec: CommandSpec, number?: number): CommandParse {
  const example = number === undefined ? spec.usage : spec.usage.replace(/\d+/, String(number));
  return { kind: "usage", name: spec.name, message: `用法：${example}` };
}

function build(spec: CommandSpec, fields: object | null, number?: number): CommandParse {
  return fields ? { kind: "command", command: { name: spec.name, ...fields } as Command } : usage(spec, number);
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
    const argument = cleanArgument(rest);
    const grammar = spec.grammar;
    switch (grammar.shape) {
      case "none":
        if (argument === "") return { kind: "command", command: { name: spec.name } as Command };
        continue;
      case "optionalText":
        // "统计" alone or with a period; "统计一下…" is a sentence, not the command.
        if (!argument || PERIOD_WORDS.test(argument)) return build(spec, grammar.parse(argument));
        continue;
      case "text":
        // A word of its own: "绑定阳光花园" and "绑定 阳光花园" both bind.
        return argument ? build(spec, grammar.parse(argument)) : usage(spec);
      case "ticket":
      case "meeting": {
        const number = TICKET_NUMBER.exec(rest);
        if (number) return build(spec, grammar.parse(Number(number[1]), cleanArgument(rest.slice(number[0].length))), Number(number[1]));
        // The command word alone ("受理"): say how it is used. Anything else reads as ordinary text.
        if (argument === "") return usage(spec);
        continue;
      }
    }
  }
  return null;
}

const TIME_EXAMPLES = "例如：12月5日19:30、明天下午3点、本周六上午10点、下周三晚上7点半";

/** Why a command's arguments cannot be read against the clock: the words the user reads. */
const ARGUMENT_REFUSALS = {
  time: { unparsed: "没看懂时间", no_time: "请写明几点", past: "这个时间已经过去了" },
  placeAndTopic: "请写明地点和主题，例如：新建议事会 12月5日19:30 社区活动室 讨论充电桩安装",
  recurrence: "没看懂例会规则。例如：例会 每月5日 19:30 社区活动室（或：例会 每周三 19:00 小区凉亭）",
  recurrencePlace: "请写明地点，例如：例会 每月5日 19:30 社区活动室",
  decision: "请写明决议内容。",
  due: (due: string) => `没看懂期限「${due}」，例如：期限:12月20日`,
  passedOn: (n: number, result: string) =>
    `「${result}」只说明通知或转给了别人，还不是办理结果。办好后请发实际结果，如「办结 ${n} 已更换灯泡」；由别的单位办理请发「派单 ${n} 物业」，或「办结 ${n} 转办 单位名：原因」。`,
};

export type ArgumentReading = { ok: true; command: ReadyCommand } | { ok: false; refusal: string };

/**
 * The last step of reading a command: times and rules are read against `now` in the group's time zone,
 * a 派单's assignee and a 办结's outcome are told apart. Run after the permission check, so that someone
 * who may not use a command is told that first.
 */
export function readArguments(command: Command, now: Date, zone: string, departments: readonly string[] = COUNTY_DEPARTMENTS): ArgumentReading {
  const refuse = (refusal: string): ArgumentReading => ({ ok: false, refusal });
  switch (command.name) {
    case "newMeeting": {
      const time = parseMeetingTime(command.text, now, zone);
      if (!time.ok) return refuse(`${ARGUMENT_REFUSALS.time[time.reason]}。${TIME_EXAMPLES}。`);
      const [place, ...topic] = time.rest.split(/\s+/).filter(Boolean);
      if (!place || !topic.length) return refuse(ARGUMENT_REFUSALS.placeAndTopic);
      return { ok: true, command: { name: "newMeeting", startsAt: time.at, place, topic: topic.join(" ") } };
    }
    case "reschedule": {
      const time = parseMeetingTime(command.text, now, zone);
      if (!time.ok) return refuse(`${ARGUMENT_REFUSALS.time[time.reason]}。${TIME_EXAMPLES}。`);
      return { ok: true, command: { name: "reschedule", meeting: command.meeting, startsAt: time.at } };
    }
    case "recurring": {
      const parsed = parseRecurrence(command.text);
      if (!parsed) return refuse(ARGUMENT_REFUSALS.recurrence);
      const [place, ...topic] = parsed.rest.split(/\s+/).filter(Boolean);
      if (!place) return refuse(ARGUMENT_REFUSALS.recurrencePlace);
      return { ok: true, command: { name: "recurring", rule: parsed.rule, place, topic: topic.join(" ") || null } };
    }
    case "decide": {
      const { decision, owner, due } = splitDecision(command.text);
      if (!decision) return refuse(ARGUMENT_REFUSALS.decision);
      const dueAt = due ? parseDueDate(due, now, zone) : null;
      if (due && !dueAt) return refuse(ARGUMENT_REFUSALS.due(due));
      return { ok: true, command: { name: "decide", meeting: command.meeting, item: command.item, decision, owner, dueAt } };
    }
    case "assign":
      return { ok: true, command: { ...command, assignee: readAssignee(command.target, departments) } };
    case "resolve":
      if (onlyPassedOn(command.result)) return refuse(ARGUMENT_REFUSALS.passedOn(command.ticket, command.result));
      return { ok: true, command: { ...command, outcome: outcomeOf(command.result) } };
    default:
      return { ok: true, command };
  }
}

const ROLE_ASSIGNEES = new Map<string, "property" | "grid_worker">([
  ["物业", "property"],
  ["物业公司", "property"],
  // Many people say 物管 (物业管理) for the property company.
  ["物管", "property"],
  ["物管处", "property"],
  ["网格员", "grid_worker"],
  ["网格", "grid_worker"],
]);

function readAssignee(target: string, departments: readonly string[]): Assignee {
  const name = target.replace(/^@/, "").trim();
  if (isCountyDepartment(name, departments)) return { kind: "department", name };
  const role = ROLE_ASSIGNEES.get(name);
  return role ? { kind: "role", role, name } : { kind: "person", name };
}

/**
 * A 办结 result that only says someone was told, or the matter handed on ("已通知物业换灯"), records no
 * result: it is refused, with the way to give the real result or record a transfer to a named unit.
 */
export function onlyPassedOn(result: string): boolean {
  if (!/^(已经?|刚刚?)?(通知|告知|转告|联系|反馈给|反映给|交给|转给|上报|报给)/.test(result)) return false;
  return !/[，,；;。]\s*(并且?|现)?(已经?|均已)(修|换|更换|解决|处理|清理|完成|办好|恢复)/.test(result);
}

/** 办结 results that are not fixes are kept apart, so statistics count only real fixes as solved. */
export function outcomeOf(result: string): Outcome {
  if (/^(无法解决|无法办理|无法处理|解决不了|不能解决)/.test(result)) return "cannot_fix";
  if (/^(已?转办|已?转交|转至|移交)/.test(result)) return "transferred";
  return "fixed";
}
