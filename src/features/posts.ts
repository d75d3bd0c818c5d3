import type { PostDraft } from "../store/messages.ts";
import type { MessageContext } from "./context.ts";

/** A reply in the group the message came from. */
export function reply(ctx: MessageContext, text: string, ticketNumber: number | null = null, mentions: string[] = []): PostDraft {
  return { groupId: ctx.group.id, text, mentions, kind: "reply", ticketNumber };
}

/** A proactive post in another group. */
export function notice(groupId: string, text: string, ticketNumber: number | null, mentions: string[] = []): PostDraft {
  return { groupId, text, mentions, kind: "notice", ticketNumber };
}
