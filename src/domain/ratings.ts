import { LATE_RATING_DAYS, withinLateRatingWindow } from "./ticketMachine.ts";
import { Refusal } from "./refusal.ts";
import { statusLabel } from "./status.ts";
import { TICKET_TEXTS } from "./texts.ts";
import { OPEN_STATUSES, type TicketStatus } from "./types.ts";
import { formatShortDateTime } from "../time/zoned.ts";

/** What the rating rules need to know of a ticket. */
export interface RatedTicket {
  number: number;
  status: TicketStatus;
  resolvedAt: Date | null;
  closedAt: Date | null;
  markedForMeetingAt?: Date | null;
}

/**
 * Everyone asked to rate a resolution (its reporter and those who seconded it) may rate it once. The
 * reporter's rating decides the ticket (it closes or reopens it); a follower's is recorded beside it, also
 * after the reporter has closed the ticket, for as long as a late rating is taken (LATE_RATING_DAYS after
 * the close). Throws the refusal to say otherwise.
 */
export function checkFollowerRating(ticket: RatedTicket, alreadyRated: boolean, now: Date, zone: string): void {
  const n = ticket.number;
  if (OPEN_STATUSES.has(ticket.status)) throw new Refusal(TICKET_TEXTS.stillOpen(n, statusLabel(ticket)));
  if ((ticket.status !== "resolved" && ticket.status !== "closed") || !ticket.resolvedAt)
    throw new Refusal(TICKET_TEXTS.notNow(n, statusLabel(ticket), "rate"));
  if (alreadyRated) throw new Refusal(TICKET_TEXTS.alreadyRated(n));
  if (ticket.status === "closed" && ticket.closedAt && !withinLateRatingWindow(ticket.closedAt, now)) {
    throw new Refusal(TICKET_TEXTS.ratingWindowPassed(n, formatShortDateTime(ticket.closedAt, zone), LATE_RATING_DAYS));
  }
}

/**
 * A 不满意 given without its reason (a card's button, or the word alone) may be followed by the reason:
 * the reporter's while the matter it reopened is still open, a follower's on the last 不满意 they gave.
 */
export function awaitsReporterReason(
  ticket: { status: TicketStatus; reporterId: string; rating?: string | null; ratingComment?: string | null },
  memberId: string,
): boolean {
  return OPEN_STATUSES.has(ticket.status) && ticket.reporterId === memberId && ticket.rating === "unsatisfied" && !ticket.ratingComment;
}
