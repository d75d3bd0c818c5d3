import type { ParsedCommand } from "../bot/commandSyntax.ts";
import { allowsInGroup, allowsOnTicket, groupRefusal, isTicketRule, ticketRefusal, type GroupMember, type Permission } from "../domain/permissions.ts";
import { Refusal } from "../domain/refusal.ts";
import type { IncomingMessage, PostDraft } from "../messaging/types.ts";
import type { Tx } from "../store/database.ts";
import type { GroupRecord } from "../store/org.ts";
import type { AnyCommandDeclaration, ArgumentContext, ArgumentReading, CommandRegistry } from "./command.ts";
import type { MessageContext, ServiceSettings } from "./context.ts";
import { isOperator } from "./groups/admin.ts";
import { loadVisibleTicket } from "./tickets/load.ts";

function declarationOf(commands: CommandRegistry, parsed: ParsedCommand): AnyCommandDeclaration {
  const declaration = commands.find(parsed.name);
  if (!declaration) throw new Error(`no command named ${parsed.name} in this registry`);
  return declaration;
}

function refuse(declaration: AnyCommandDeclaration, rule: Permission, fallback: string, ticket = 0): never {
  throw new Refusal(declaration.refusals?.[rule]?.(ticket) ?? fallback);
}

/** A command ready for its handler: its name and its finished arguments. */
export type ReadyCommand = { name: string } & Record<string, unknown>;

/**
 * The last step of reading a command, run after its group rules: its `read` finishes the arguments against
 * the clock and the group's settings (the parsed ones are ready as they are), or refuses them.
 */
export function readArguments(
  commands: CommandRegistry,
  parsed: ParsedCommand,
  context: ArgumentContext,
): { ok: true; command: ReadyCommand } | { ok: false; refusal: string } {
  const declaration = declarationOf(commands, parsed);
  const { name: _name, ...fields } = parsed;
  if (!declaration.read) return { ok: true, command: { name: declaration.name, ...fields } };
  const reading = declaration.read(fields, context) as ArgumentReading<Record<string, unknown>>;
  return reading.ok ? { ok: true, command: { name: declaration.name, ...reading.arguments } } : reading;
}

function finishArguments(commands: CommandRegistry, parsed: ParsedCommand, context: ArgumentContext): ReadyCommand {
  const reading = readArguments(commands, parsed, context);
  if (!reading.ok) throw new Refusal(reading.refusal);
  return reading.command;
}

const argumentContext = (settings: ServiceSettings, now: Date): ArgumentContext => ({
  now,
  zone: settings.zone,
  departments: settings.policy.departments.known,
});

/**
 * Runs one parsed command as the message's sender in the message's group: the command's group rules, then
 * its arguments are finished, then the ticket it names is loaded and its ticket rules checked, then its
 * handler runs. Refusals are thrown before anything is written. This is the path every command takes after
 * it is read, typed or clicked.
 */
export async function runCommand(tx: Tx, ctx: MessageContext, parsed: ParsedCommand, commands: CommandRegistry): Promise<PostDraft[]> {
  const declaration = declarationOf(commands, parsed);
  const member: GroupMember = {
    authority: ctx.authority,
    role: ctx.role,
    groupUnitAncestry: ctx.units.ancestry(ctx.group.unitId).map((unit) => unit.id),
    operator: isOperator(ctx.settings, ctx.message),
  };
  for (const rule of declaration.who) {
    if (!isTicketRule(rule) && !allowsInGroup(rule, member)) refuse(declaration, rule, groupRefusal(rule));
  }
  const command = finishArguments(commands, parsed, argumentContext(ctx.settings, ctx.now));
  if (declaration.grammar.shape !== "ticket") return declaration.run(tx, ctx, command, { commands });
  const number = command["ticket"] as number;
  const loaded = await loadVisibleTicket(tx, ctx, number);
  for (const rule of declaration.who) {
    if (isTicketRule(rule) && !allowsOnTicket(rule, ctx.authority, loaded.scope)) {
      refuse(declaration, rule, ticketRefusal(rule, ctx.authority, loaded.scope), number);
    }
  }
  return declaration.run(tx, ctx, command, { commands, ...loaded });
}

/**
 * Runs a command that may be used in a chat with no group yet (绑定), by an operator (the door checked that):
 * the group it makes, and the words that say so. A refusal leaves nothing written.
 */
export async function runUnboundCommand(
  tx: Tx,
  message: IncomingMessage,
  settings: ServiceSettings,
  now: Date,
  parsed: ParsedCommand,
  commands: CommandRegistry,
): Promise<{ group: GroupRecord; text: string }> {
  const declaration = declarationOf(commands, parsed);
  if (!declaration.runUnbound) throw new Error(`${parsed.name} is not used in an unbound chat`);
  return declaration.runUnbound(tx, message, finishArguments(commands, parsed, argumentContext(settings, now)));
}
