import { noArguments } from "../bot/commandSyntax.ts";
import { isStaffAnywhere } from "../domain/permissions.ts";
import { command, type CommandRegistry } from "./command.ts";
import { reply } from "./posts.ts";
import { HELP_SECTIONS, helpIntro } from "./texts.ts";

/** The help text, generated from the command registry: each command's example, under its section. */
export function helpText(commands: CommandRegistry, botName: string, isStaff: boolean): string {
  const lines = helpIntro(botName);
  for (const { section, title, staffOnly } of HELP_SECTIONS) {
    if (staffOnly && !isStaff) continue;
    const examples = commands.declarations.filter((declaration) => declaration.help.section === section).map((declaration) => declaration.help.example);
    if (examples.length) lines.push(`${title}：${examples.join("｜")}`);
  }
  return lines.join("\n");
}

/** 帮助: the help text, with the staff's lines for staff. */
export const helpCommand = command({
  name: "help",
  words: ["帮助", "help", "菜单", "功能", "使用说明", "怎么用"],
  grammar: noArguments(),
  usage: "帮助",
  who: ["anyone"],
  help: { section: "residents", example: "帮助" },
  run: (_tx, ctx, _command, { commands }) => Promise.resolve([reply(ctx, helpText(commands, ctx.settings.botName, isStaffAnywhere(ctx.authority)))]),
});
