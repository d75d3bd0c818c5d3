import { awaitsReporterReason } from "../../domain/ratings.ts";
import { withinLateRatingWindow } from "../../domain/ticketMachine.ts";
import type { Rating } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { ticketsOfMember, type TicketRecord } from "../../store/tickets.ts";
import { runCommand } from "../commands.ts";
import type { CommandRegistry } from "../command.ts";
import type { MessageContext } from "../context.ts";
import { reply } from "../posts.ts";
import { loadRaters } from "./raters.ts";
import * as texts from "./texts.ts";

/** The sender's matters awaiting their rating: resolved (or closed within the late-rating window), not yet rated by them. */
export async function ticketsAwaitingRating(tx: Tx, units: UnitTree, memberId: string, now: Date): Promise<TicketRecord[]> {
  const candidates = (await ticketsOfMember(tx, memberId, 50)).filter(
    (ticket) =>
      (ticket.status === "resolved" || (ticket.status === "closed" && ticket.closedAt && withinLateRatingWindow(ticket.closedAt, now))) &&
      // A 代报 without its author is confirmed by 回访, not rated by the one who filed it.
      !(ticket.reporterUnknown && ticket.reporterId === memberId),
  );
  const raters = await loadRaters(tx, units, candidates);
  return candidates.filter((ticket) => raters.stillToRate(ticket).ids.includes(memberId));
}

/**
 * 满意, 基本满意, 不满意 + 意见 without a number: the rating of the one matter awaiting the sender's rating
 * (as 评价 N would); with several, the sender is asked which, by number. Null when none awaits them: the
 * words are then read as anything else would be.
 */
export async function rateByBareWord(
  tx: Tx,
  ctx: MessageContext,
  rating: Rating,
  comment: string | null,
  commands: CommandRegistry,
): Promise<PostDraft[] | null> {
  let awaiting = await ticketsAwaitingRating(tx, ctx.units, ctx.member.id, ctx.now);
  if (awaiting.length === 0 && rating === "unsatisfied" && comment) {
    // The reason for a 不满意 given without one (a card's button): the matter it reopened.
    awaiting = (await ticketsOfMember(tx, ctx.member.id, 50)).filter((ticket) => awaitsReporterReason(ticket, ctx.member.id));
  }
  if (awaiting.length === 0) return null;
  // A matter still open to rating comes before one already closed unrated (a late rating still counts).
  const stillOpen = awaiting.filter((ticket) => ticket.status === "resolved");
  if (stillOpen.length) awaiting = stillOpen;
  if (awaiting.length > 1)
    return [
      reply(
        ctx,
        texts.whichToRate(
          awaiting.map((ticket) => ticket.number),
          rating,
          comment,
        ),
      ),
    ];
  return runCommand(tx, ctx, { name: "rate", ticket: awaiting[0]!.number, rating, comment }, commands);
}
