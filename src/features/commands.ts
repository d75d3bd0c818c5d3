import { COMMAND_SPECS, readArguments, type Command, type CommandName, type CommandOf, type ReadyCommand } from "../bot/commands.ts";
import { allowsInGroup, allowsOnTicket, groupRefusal, isTicketRule, ticketRefusal, type GroupMember, type Permission } from "../domain/permissions.ts";
import { Refusal } from "../domain/refusal.ts";
import type { PostDraft } from "../messaging/types.ts";
import type { Tx } from "../store/database.ts";
import type { MessageContext } from "./context.ts";
import { isOperator } from "./groups/admin.ts";
import { GROUP_HANDLERS } from "./groups/commands.ts";
import { HELP_HANDLERS } from "./help.ts";
import { MEETING_HANDLERS } from "./meetings/commands.ts";
import { POINTS_HANDLERS } from "./points/commands.ts";
import { STATS_HANDLERS } from "./stats/commands.ts";
import { TICKET_HANDLERS } from "./tickets/commands.ts";
import { CONSOLE_HANDLERS } from "./console/commands.ts";
import { ON_BEHALF_HANDLERS } from "./tickets/onBehalf.ts";
import { loadVisibleTicket, type LoadedTicket } from "./tickets/load.ts";

/** Commands that name a ticket: the dispatcher loads it and checks the command's ticket rules first. */
type TicketCommandName = Extract<ReadyCommand, { ticket: number }>["name"];

type Handler<N extends CommandName> = N extends TicketCommandName
  ? (tx: Tx, ctx: MessageContext, command: CommandOf<N>, ticket: LoadedTicket) => Promise<PostDraft[]>
  : (tx: Tx, ctx: MessageContext, command: CommandOf<N>) => Promise<PostDraft[]>;

/** The feature half of a registry entry (the other half, words, grammar and rules, is in bot/commands.ts). */
export interface CommandHandler<N extends CommandName> {
  run: Handler<N>;
  /** Wording for a refusal by one of the command's rules, where it differs from the rule's own. */
  refusals?: Partial<Record<Permission, (ticket: number) => string>>;
}

export type CommandHandlers<N extends CommandName> = { [K in N]: CommandHandler<K> };

/** Every command's handler, by name; a command without one does not compile. */
export const COMMAND_HANDLERS: CommandHandlers<CommandName> = {
  ...HELP_HANDLERS,
  ...TICKET_HANDLERS,
  ...ON_BEHALF_HANDLERS,
  ...MEETING_HANDLERS,
  ...POINTS_HANDLERS,
  ...STATS_HANDLERS,
  ...GROUP_HANDLERS,
  ...CONSOLE_HANDLERS,
};

function refuse(handler: CommandHandler<CommandName>, rule: Permission, fallback: string, ticket = 0): never {
  throw new Refusal(handler.refusals?.[rule]?.(ticket) ?? fallback);
}

/**
 * Runs one command: the command's group rules, then its time arguments, then the ticket it names and
 * its ticket rules, then its handler. Refusals are thrown before anything is written.
 */
export async function runCommand(tx: Tx, ctx: MessageContext, command: Command): Promise<PostDraft[]> {
  const spec = COMMAND_SPECS[command.name];
  const handler = COMMAND_HANDLERS[command.name] as CommandHandler<CommandName>;
  const member: GroupMember = {
    authority: ctx.authority,
    role: ctx.role,
    groupUnitAncestry: ctx.units.ancestry(ctx.group.unitId).map((unit) => unit.id),
    operator: isOperator(ctx.settings, ctx.message),
  };
  for (const rule of spec.who) {
    if (!isTicketRule(rule) && !allowsInGroup(rule, member)) refuse(handler, rule, groupRefusal(rule));
  }
  const reading = readArguments(command, ctx.now, ctx.settings.zone, ctx.settings.policy.departments.known);
  if (!reading.ok) throw new Refusal(reading.refusal);
  const ready = reading.command;
  const run = handler.run as (tx: Tx, ctx: MessageContext, command: ReadyCommand, ticket?: LoadedTicket) => Promise<PostDraft[]>;
  if (!("ticket" in ready) || typeof ready.ticket !== "number") return run(tx, ctx, ready);
  const loaded = await loadVisibleTicket(tx, ctx, ready.ticket);
  for (const rule of spec.who) {
    if (isTicketRule(rule) && !allowsOnTicket(rule, ctx.authority, loaded.scope)) {
      refuse(handler, rule, ticketRefusal(rule, ctx.authority, loaded.scope), ready.ticket);
    }
  }
  return run(tx, ctx, ready, loaded);
}
