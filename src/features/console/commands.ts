import { noArguments } from "../../bot/commandSyntax.ts";
import { command } from "../command.ts";
import { reply } from "../posts.ts";
import { createSignInLink } from "./sessions.ts";
import { SIGN_IN_IN_PRIVATE, signInLink, STAFF_ONLY } from "./texts.ts";

/**
 * 工作台 (后台): a sign-in link to the staff console for the sender only. It goes out only where no one else
 * reads it: in a 1:1 chat, or as a private reply on a playground (the sandbox keeps those out of the group's
 * timeline and shows them to the sender alone). In a real group the sender is asked to write in private.
 * Staff of any unit and operators (BIND_OPERATORS, who may be staff of none) ask for it; residents have no console.
 */
export const consoleCommand = command({
  name: "console",
  words: ["工作台", "后台"],
  grammar: noArguments(),
  usage: "工作台",
  who: ["staffOrOperator"],
  help: { section: "staff", example: "工作台" },
  run: async (tx, ctx) => {
    if (!ctx.message.private && !ctx.message.ownPlatformTicketsOnly) return [reply(ctx, SIGN_IN_IN_PRIVATE)];
    const link = await createSignInLink(tx, ctx.member.id, ctx.now, ctx.settings.meetings.publicBaseUrl);
    return [{ ...reply(ctx, signInLink(link.url)), kind: "private_reply" }];
  },
  refusals: { staffOrOperator: () => STAFF_ONLY },
});
