import { COMMAND_LIST } from "../bot/commands.ts";
import { isStaffAnywhere } from "../domain/permissions.ts";
import type { CommandHandlers } from "./commands.ts";
import { reply } from "./posts.ts";
import { HELP_SECTIONS, helpIntro } from "./texts.ts";

/** The help text, generated from the command registry: each command's example, under its section. */
export function helpText(botName: string, isStaff: boolean): string {
  const lines = helpIntro(botName);
  for (const { section, title, staffOnly } of HELP_SECTIONS) {
    if (staffOnly && !isStaff) continue;
    const examples = COMMAND_LIST.filter((spec) => spec.help.section === section).map((spec) => spec.help.example);
    if (examples.length) lines.push(`${title}：${examples.join("｜")}`);
  }
  return lines.join("\n");
}

export const HELP_HANDLERS: CommandHandlers<"help"> = {
  help: { run: (_tx, ctx) => Promise.resolve([reply(ctx, helpText(ctx.settings.botName, isStaffAnywhere(ctx.authority)))]) },
};
