import { person } from "../../bot/commandArguments.ts";
import { textArguments } from "../../bot/commandSyntax.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { Role } from "../../domain/types.ts";
import { command } from "../command.ts";
import { bindChat, setRole } from "./admin.ts";
import * as texts from "./texts.ts";

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

/** 绑定: binds a chat to its estate or community; only an operator, and only in a chat not bound yet. */
export const bindCommand = command({
  name: "bind",
  words: ["绑定"],
  grammar: textArguments((argument) => {
    const match = /^(.+?)\s*(工作群|居民群)?$/.exec(argument);
    if (!match) return null;
    const kind: "staff" | "residents" | null = match[2] === "工作群" ? "staff" : match[2] === "居民群" ? "residents" : null;
    return { unitName: match[1]!.trim(), kind };
  }),
  usage: "绑定 阳光花园（工作群写：绑定 幸福社区 工作群）",
  who: ["anyone"],
  help: { section: "admin", example: "绑定 小区名称" },
  // In a bound chat: told where it belongs.
  run: (_tx, ctx) => Promise.reject(new Refusal(texts.alreadyBound(ctx.units.get(ctx.group.unitId)?.name ?? ctx.group.unitId))),
  runUnbound: (tx, message, command) => bindChat(tx, message, command.unitName, command.kind),
});

/** 设为 @某人 网格员: sets a member's role in this group. */
export const setRoleCommand = command({
  name: "setRole",
  words: ["设为", "设置为"],
  grammar: textArguments((argument) => {
    const match = ROLE_PATTERN.exec(argument);
    return match ? { target: person(match[1]!), role: ROLE_WORDS[match[2]!]! } : null;
  }),
  usage: "设为 @张三 网格员（角色：居民、书记、网格员、话事员、物业、部门）",
  who: ["groupAdmin"],
  help: { section: "admin", example: "设为 @某人 网格员" },
  run: (tx, ctx, command) => setRole(tx, ctx, ctx.message, command.target, command.role),
});
