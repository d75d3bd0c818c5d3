import type { PostDraft } from "../store/messages.ts";
import type { GroupRecord } from "../store/org.ts";
import type { TicketRecord } from "../store/tickets.ts";
import type { MessageContext } from "./context.ts";
import type { Audience } from "./tickets/texts.ts";

/** A reply in the group the message came from. */
export function reply(ctx: MessageContext, text: string, ticketNumber: number | null = null, mentions: string[] = []): PostDraft {
  return { groupId: ctx.group.id, text, mentions, kind: "reply", ticketNumber };
}

/** A proactive post in another group. */
export function notice(groupId: string, text: string, ticketNumber: number | null, mentions: string[] = []): PostDraft {
  return { groupId, text, mentions, kind: "notice", ticketNumber };
}

/** Who reads what is posted in a group: staff in a work group, residents everywhere else (see Audience). */
export function audienceOf(group: Pick<GroupRecord, "kind">): Audience {
  return group.kind === "staff" ? "staff" : "residents";
}

/** How a ticket's 进度 is shown where it was asked: plain words and the handling unit's name for residents. */
export function progressView(ctx: MessageContext, ticket: TicketRecord): { audience: Audience; handlerName: string } {
  return { audience: audienceOf(ctx.group), handlerName: ctx.units.get(ticket.handlingUnitId)?.name ?? "" };
}
