import { ticketArguments } from "../../../src/bot/commandSyntax.ts";
import { command } from "../../../src/features/command.ts";
import { reply } from "../../../src/features/posts.ts";
import * as texts from "./texts.ts";

/** 催办 N: a command that exists only in the tests, declared as a feature declares one. */
export const nudgeCommand = command({
  name: "nudge",
  words: ["催办"],
  grammar: ticketArguments((ticket) => ({ ticket })),
  usage: "催办 12",
  who: ["ticketStaff"],
  help: { section: "staff", example: "催办 12" },
  run: (_tx, ctx, command, { ticket }) => Promise.resolve([reply(ctx, texts.NUDGED(command.ticket, ticket.assigneeName), ticket.number)]),
  refusals: { ticketStaff: texts.NUDGE_STAFF_ONLY },
});
