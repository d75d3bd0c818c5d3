import { commandReader, type CommandReader, type Grammar, type HelpSection, type ParsedCommand, type Shape } from "../bot/commandSyntax.ts";
import type { Permission } from "../domain/permissions.ts";
import type { IncomingMessage, PostDraft } from "../messaging/types.ts";
import type { Tx } from "../store/database.ts";
import type { GroupRecord } from "../store/org.ts";
import type { MessageContext } from "./context.ts";
import type { LoadedTicket } from "./tickets/load.ts";

/**
 * A command, declared once in its feature: its words and grammar (read by bot/commandSyntax.ts), who may use
 * it, its usage and help lines, how its arguments are finished against the clock, its handler and its
 * refusals. The registry (features/commandRegistry.ts) lists the declarations; the parser, the help text,
 * the dispatcher and the `Command` type are derived from that list.
 */

/** What finishing a command's arguments may look at: the instant and the group's settings. */
export interface ArgumentContext {
  now: Date;
  zone: string;
  /** The county departments a 派单 may name. */
  departments: readonly string[];
}

export type ArgumentReading<Ready> = { ok: true; arguments: Ready } | { ok: false; refusal: string };

/** What the dispatcher hands a handler besides the command: the registry, and for a ticket command its ticket. */
export interface CommandCall {
  commands: CommandRegistry;
}
export type CallOf<S extends Shape> = S extends "ticket" ? CommandCall & LoadedTicket : CommandCall;

/** A command as its handler gets it: its name and its finished arguments. */
export type Named<N extends string, Fields> = { name: N } & Fields;

export interface CommandDeclaration<N extends string, S extends Shape, Parsed extends object, Ready extends object> {
  name: N;
  /** The words that start it; the longest word of all commands that starts a message wins. */
  words: readonly string[];
  grammar: Grammar<S, Parsed>;
  /** An example of its use, shown as "用法：…" when the arguments do not fit. */
  usage: string;
  /** Who may use it, checked in order before its arguments are finished (see domain/permissions.ts). */
  who: readonly Permission[];
  /** Its line in the help text. */
  help: { section: HelpSection; example: string };
  /**
   * Finishes reading the arguments after the group rules passed (times against `now`, an assignee among
   * departments…), so that someone who may not use the command is told that first. The parsed ones by default.
   */
  read?(parsed: Parsed, context: ArgumentContext): ArgumentReading<Ready>;
  run(tx: Tx, ctx: MessageContext, command: Named<N, Ready>, call: CallOf<S>): Promise<PostDraft[]>;
  /** Wording for a refusal by one of its rules, where it differs from the rule's own. */
  refusals?: Partial<Record<Permission, (ticket: number) => string>>;
  /**
   * Used in a chat no group is bound to yet (绑定), by an operator only: makes the group, and says so.
   * In a bound chat the command runs as any other.
   */
  runUnbound?(tx: Tx, message: IncomingMessage, command: Named<N, Ready>): Promise<{ group: GroupRecord; text: string }>;
}

/** Any command's declaration, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommandDeclaration = CommandDeclaration<string, Shape, any, any>;

/** Declares a command; the types of its arguments follow from its grammar and `read`. */
export function command<const N extends string, S extends Shape, Parsed extends object, Ready extends object = Parsed>(
  declaration: CommandDeclaration<N, S, Parsed, Ready>,
): CommandDeclaration<N, S, Parsed, Ready> {
  return declaration;
}

/** The command a declaration reads from a message: its name and its parsed arguments. */
export type ParsedOf<D> = D extends CommandDeclaration<infer N, Shape, infer Parsed, object> ? Named<N, Parsed> : never;

export interface CommandRegistry {
  readonly declarations: readonly AnyCommandDeclaration[];
  /** Reads these commands (and their mistyped words) from a message. */
  readonly reader: CommandReader;
  find(name: string): AnyCommandDeclaration | undefined;
}

/** A registry of the given commands; two commands with one name or one word are a mistake caught at start. */
export function commandRegistry(declarations: readonly AnyCommandDeclaration[]): CommandRegistry {
  const byName = new Map(declarations.map((declaration) => [declaration.name, declaration]));
  if (byName.size !== declarations.length) throw new Error("two commands share a name");
  const words = declarations.flatMap((declaration) => declaration.words);
  const repeated = words.find((word, i) => words.indexOf(word) !== i);
  if (repeated) throw new Error(`two commands share the word ${repeated}`);
  return { declarations, reader: commandReader(declarations), find: (name) => byName.get(name) };
}

/** Whether a parsed command is one of the registry's, used in a chat with no group yet. */
export function usableUnbound(commands: CommandRegistry, parsed: ParsedCommand): boolean {
  return commands.find(parsed.name)?.runUnbound !== undefined;
}
