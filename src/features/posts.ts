import type { PostDraft } from "../store/messages.ts";
import type { TicketRecord } from "../store/tickets.ts";
import type { MessageContext } from "./context.ts";
import { audienceOf, type Audience } from "../domain/audience.ts";

/** A reply in the group the message came from. */
export function reply(ctx: MessageContext, text: string, ticketNumber: number | null = null, mentions: string[] = []): PostDraft {
  return { groupId: ctx.group.id, text, mentions, kind: "reply", ticketNumber };
}

/** A proactive post in another group. */
export function notice(groupId: string, text: string, ticketNumber: number | null, mentions: string[] = []): PostDraft {
  return { groupId, text, mentions, kind: "notice", ticketNumber };
}

/**
 * Who reads the answer to a message: staff in a work group or in a staff member's private chat, residents
 * everywhere else — the same rule that decides whether they read phone numbers whole (domain/audience.ts).
 */
export function audienceHere(ctx: MessageContext): Audience {
  return audienceOf(ctx.message.private ? { groupKind: ctx.group.kind, privateReader: ctx.role } : { groupKind: ctx.group.kind });
}

/** How a ticket's 进度 is shown where it was asked: plain words and the handling unit's name for residents. */
export function progressView(ctx: MessageContext, ticket: TicketRecord): { audience: Audience; handlerName: string } {
  return { audience: audienceHere(ctx), handlerName: ctx.units.get(ticket.handlingUnitId)?.name ?? "" };
}
