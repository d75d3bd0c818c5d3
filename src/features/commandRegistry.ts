import type { ParsedCommand } from "../bot/commandSyntax.ts";
import { commandRegistry, type ParsedOf } from "./command.ts";
import { consoleCommand } from "./console/commands.ts";
import { bindCommand, setRoleCommand } from "./groups/commands.ts";
import { helpCommand } from "./help.ts";
import * as meetings from "./meetings/commands.ts";
import { awardCommand, leaderboardCommand, pointsCommand } from "./points/commands.ts";
import { cancelExchangeCommand, exchangeCommand, handOverCommand, myOrdersCommand } from "./rewards/commands.ts";
import { statsCommand } from "./stats/commands.ts";
import * as tickets from "./tickets/commands.ts";
import { fileOnBehalfCommand, revisitCommand } from "./tickets/onBehalf.ts";

/**
 * Every command the bot knows, each declared in its feature. Within a help section, this order is the
 * help text's; the parser, the dispatcher and the `Command` type are derived from this list.
 */
export const COMMAND_DECLARATIONS = [
  // 居民可用
  tickets.progressCommand,
  tickets.mineCommand,
  tickets.followCommand,
  tickets.withdrawCommand,
  tickets.rateCommand,
  statsCommand,
  pointsCommand,
  leaderboardCommand,
  exchangeCommand,
  myOrdersCommand,
  helpCommand,
  // 议事会
  meetings.meetingsCommand,
  meetings.agendaCommand,
  meetings.signUpCommand,
  meetings.cancelSignUpCommand,
  meetings.calendarCommand,
  // 工作人员
  tickets.todoCommand,
  consoleCommand,
  fileOnBehalfCommand,
  revisitCommand,
  tickets.acceptCommand,
  tickets.assignCommand,
  tickets.escalateCommand,
  tickets.resolveCommand,
  tickets.rejectCommand,
  tickets.recategorizeCommand,
  tickets.recolourCommand,
  tickets.splitCommand,
  awardCommand,
  handOverCommand,
  cancelExchangeCommand,
  // 组织议事
  meetings.newMeetingCommand,
  meetings.markForMeetingCommand,
  meetings.addAgendaItemCommand,
  meetings.rescheduleCommand,
  meetings.cancelMeetingCommand,
  meetings.recurringCommand,
  meetings.checkInCommand,
  meetings.decideCommand,
  meetings.publishCommand,
  meetings.followUpCommand,
  // 管理
  bindCommand,
  setRoleCommand,
] as const;

/** The bot's commands: what a message is read against and dispatched to. */
export const BOT_COMMANDS = commandRegistry(COMMAND_DECLARATIONS);

/** A bot command as read from a message, by name, with its parsed arguments. */
export type Command = ParsedOf<(typeof COMMAND_DECLARATIONS)[number]>;
export type CommandName = Command["name"];

/** Whether a parsed command is the named one; its arguments are then typed as its declaration reads them. */
export function isCommand<N extends CommandName>(parsed: ParsedCommand, name: N): parsed is ParsedCommand & Extract<Command, { name: N }> {
  return parsed.name === name;
}
