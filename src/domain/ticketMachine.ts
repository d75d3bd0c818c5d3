import { deadlinesFor, DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from "./deadlines.ts";
import { Refusal } from "./refusal.ts";
import { statusLabel } from "./status.ts";
import { TICKET_TEXTS } from "./texts.ts";
import { formatShortDateTime } from "../time/zoned.ts";
import { OPEN_STATUSES, type Colour, type Level, type Outcome, type Rating, type TicketStatus } from "./types.ts";

/** What the state machine needs to know of a ticket. */
export interface TicketState {
  number: number;
  status: TicketStatus;
  colour: Colour;
  level: Level;
  reporterId: string;
  assigneeName: string | null;
  /** Set once rated; null on a ticket closed unrated (未评价). */
  rating?: Rating | null;
  closedAt?: Date | null;
  /** Set while it waits for a meeting: its status word is then 待上会. */
  markedForMeetingAt?: Date | null;
}

/**
 * A ticket closed unrated (未评价) may still be rated for this many days after the automatic close: the
 * rating is recorded as given (满意 and 基本满意 then count in 满意率), and 不满意 reopens it as it would
 * have before the close. After that the reporter is told when it was closed and to report it again.
 */
export const LATE_RATING_DAYS = 7;

function closedUnrated(ticket: TicketState): boolean {
  return ticket.status === "closed" && !ticket.rating && Boolean(ticket.closedAt);
}

/** Whether a rating is still taken for a matter closed at `closedAt` (LATE_RATING_DAYS after the close). */
export function withinLateRatingWindow(closedAt: Date, now: Date): boolean {
  return now.getTime() - closedAt.getTime() <= LATE_RATING_DAYS * 86_400_000;
}

function lateRatingOpen(ticket: TicketState, now: Date): boolean {
  return closedUnrated(ticket) && withinLateRatingWindow(ticket.closedAt!, now);
}

export interface TicketActor {
  id: string;
  name: string;
}

export type TicketAction =
  | { type: "accept" }
  | { type: "assign"; assigneeName: string; assigneeId: string | null }
  | { type: "escalate"; reason: string | null; to: { level: Level; unitId: string; unitName: string } | null }
  | { type: "resolve"; result: string; outcome: Outcome }
  | { type: "reject"; reason: string }
  | { type: "withdraw" }
  | { type: "rate"; rating: Rating; comment: string | null };

export type TicketEventType =
  | "reported"
  | "followed"
  | "accepted"
  | "assigned"
  | "escalated"
  | "resolved"
  | "rejected"
  | "withdrawn"
  | "rated"
  | "reopened"
  | "chased"
  | "rating_reminded"
  | "auto_closed"
  | "marked_for_meeting"
  | "unfollowed"
  | "deliberated"
  /** A meeting ended without deciding it: back to its clock. */
  | "meeting_released"
  | "corrected"
  /** Handed to the county's 12345 platform (features/webhooks): its reference number in the note. */
  | "handed_off";

export interface TicketEventDraft {
  type: TicketEventType;
  actorId: string | null;
  actorName: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  note: string | null;
  at: Date;
}

/** The columns a transition changes; undefined means unchanged, null means cleared. */
export interface TicketPatch {
  status?: TicketStatus;
  level?: Level;
  handlingUnitId?: string;
  assigneeName?: string | null;
  assigneeId?: string | null;
  outcome?: Outcome | null;
  resultNote?: string | null;
  rating?: Rating | null;
  ratingComment?: string | null;
  acceptDueAt?: Date;
  resolveDueAt?: Date;
  acceptedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
}

export interface Transition {
  patch: TicketPatch;
  events: TicketEventDraft[];
}

export interface MachineOptions {
  zone: string;
  policy?: DeadlinePolicy;
}

function refuseFrom(ticket: TicketState, action: TicketAction["type"], zone = "Asia/Shanghai"): never {
  const n = ticket.number;
  const status = ticket.status;
  if (action === "accept" && (status === "accepted" || status === "assigned")) {
    throw new Refusal(TICKET_TEXTS.alreadyAccepted(n));
  }
  if (action === "resolve" && status === "reported") {
    throw new Refusal(TICKET_TEXTS.notAcceptedYet(n));
  }
  if (action === "rate" && OPEN_STATUSES.has(status)) {
    throw new Refusal(TICKET_TEXTS.stillOpen(n, statusLabel(ticket)));
  }
  if (action === "rate" && closedUnrated(ticket)) {
    throw new Refusal(TICKET_TEXTS.closedUnratedLong(n, formatShortDateTime(ticket.closedAt!, zone), LATE_RATING_DAYS));
  }
  if (action === "rate" && status === "closed") {
    throw new Refusal(TICKET_TEXTS.alreadyRated(n));
  }
  throw new Refusal(TICKET_TEXTS.notNow(n, statusLabel(ticket), action));
}

function requireStatus(ticket: TicketState, action: TicketAction["type"], allowed: readonly TicketStatus[], zone?: string): void {
  if (!allowed.includes(ticket.status)) refuseFrom(ticket, action, zone);
}

/**
 * Applies one action to a ticket, or throws a Refusal naming why it cannot happen. Permission is
 * checked separately (permissions.ts); this function knows only which changes are legal.
 */
export function applyTicketAction(ticket: TicketState, action: TicketAction, actor: TicketActor, now: Date, options: MachineOptions): Transition {
  const policy = options.policy ?? DEFAULT_DEADLINE_POLICY;
  const event = (type: TicketEventType, toStatus: TicketStatus, note: string | null = null): TicketEventDraft => ({
    type,
    actorId: actor.id,
    actorName: actor.name,
    fromStatus: ticket.status,
    toStatus,
    note,
    at: now,
  });

  switch (action.type) {
    case "accept":
      requireStatus(ticket, "accept", ["reported"]);
      return { patch: { status: "accepted", acceptedAt: now }, events: [event("accepted", "accepted")] };

    case "assign": {
      requireStatus(ticket, "assign", [...OPEN_STATUSES]);
      const events: TicketEventDraft[] = [];
      const patch: TicketPatch = { status: "assigned", assigneeName: action.assigneeName, assigneeId: action.assigneeId };
      if (ticket.status === "reported") {
        // Assigning a fresh ticket accepts it in the same step: secretaries should not need two commands.
        patch.acceptedAt = now;
        events.push(event("accepted", "accepted"));
      }
      events.push({ ...event("assigned", "assigned", action.assigneeName), fromStatus: events.length ? "accepted" : ticket.status });
      return { patch, events };
    }

    case "escalate": {
      requireStatus(ticket, "escalate", [...OPEN_STATUSES]);
      if (!action.to) {
        throw new Refusal(TICKET_TEXTS.atTopLevel(ticket.number, ticket.level));
      }
      // The receiving level starts its own clock and must accept the matter itself.
      const deadlines = deadlinesFor(ticket.colour, now, options.zone, policy);
      const note = TICKET_TEXTS.escalationNote(ticket.level, action.to.unitName, action.reason);
      return {
        patch: {
          status: "reported",
          level: action.to.level,
          handlingUnitId: action.to.unitId,
          assigneeName: null,
          assigneeId: null,
          acceptedAt: null,
          ...deadlines,
        },
        events: [event("escalated", "reported", note)],
      };
    }

    case "resolve":
      requireStatus(ticket, "resolve", ["accepted", "assigned"]);
      return {
        patch: { status: "resolved", outcome: action.outcome, resultNote: action.result, resolvedAt: now },
        events: [event("resolved", "resolved", action.result)],
      };

    case "reject":
      requireStatus(ticket, "reject", [...OPEN_STATUSES]);
      return {
        patch: { status: "rejected", resultNote: action.reason, closedAt: now },
        events: [event("rejected", "rejected", action.reason)],
      };

    case "withdraw":
      requireStatus(ticket, "withdraw", [...OPEN_STATUSES]);
      return { patch: { status: "withdrawn", closedAt: now }, events: [event("withdrawn", "withdrawn")] };

    case "rate": {
      const late = lateRatingOpen(ticket, now);
      if (!late) requireStatus(ticket, "rate", ["resolved"], options.zone);
      const note = late ? TICKET_TEXTS.lateRatingNote(action.rating, action.comment) : TICKET_TEXTS.ratingNote(action.rating, action.comment);
      if (action.rating !== "unsatisfied") {
        // A late rating is recorded on the ticket closed unrated; it stays closed as of its first close.
        return late
          ? { patch: { rating: action.rating, ratingComment: action.comment }, events: [event("rated", "closed", note)] }
          : {
              patch: { status: "closed", rating: action.rating, ratingComment: action.comment, closedAt: now },
              events: [event("rated", "closed", note)],
            };
      }
      // 不满意 reopens the matter with a fresh resolution deadline: closed is not the same as fixed.
      const reopenedStatus: TicketStatus = ticket.assigneeName ? "assigned" : "accepted";
      return {
        patch: {
          status: reopenedStatus,
          rating: action.rating,
          ratingComment: action.comment,
          outcome: null,
          resolvedAt: null,
          closedAt: null,
          resolveDueAt: deadlinesFor(ticket.colour, now, options.zone, policy).resolveDueAt,
        },
        events: [
          { ...event("rated", ticket.status, note), toStatus: ticket.status },
          { ...event("reopened", reopenedStatus, TICKET_TEXTS.REOPENED_NOTE), fromStatus: ticket.status },
        ],
      };
    }
  }
}
