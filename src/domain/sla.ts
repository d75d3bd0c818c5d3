import type { Policy } from "./policy.ts";
import { OPEN_STATUSES, type Colour, type TicketStatus } from "./types.ts";

/** What the SLA sweep needs to know of a ticket. */
export interface SlaTicket {
  status: TicketStatus;
  colour: Colour;
  acceptDueAt: Date;
  resolveDueAt: Date;
  resolvedAt: Date | null;
  lastChasedAt: Date | null;
  ratingRemindedAt: Date | null;
  /** 上会: waiting for a meeting to decide it; the resolution clock is paused meanwhile. */
  markedForMeetingAt?: Date | null;
}

/** The one thing the sweep does to a ticket as of `now`, if anything (限时督办). */
export type SlaAction =
  | { type: "escalate" } // resolution overdue below the top: hand it one level up
  | { type: "chaseResolution" } // resolution overdue at the top level: chase daily
  | { type: "chaseAcceptance" } // acceptance overdue: 督办 the current level, repeating at the colour's interval
  | { type: "remindRating" } // resolved a day ago and not rated: ask once more
  | { type: "autoClose" }; // resolved three days ago and not rated: close as 未评价

const HOUR = 3_600_000;

function dueAgain(lastChasedAt: Date | null, everyHours: number, now: Date): boolean {
  return !lastChasedAt || now.getTime() - lastChasedAt.getTime() >= everyHours * HOUR;
}

/** The deadline a ticket is working against: acceptance while it waits to be accepted, resolution after. */
export function pressingDue(ticket: Pick<SlaTicket, "status" | "acceptDueAt" | "resolveDueAt">): Date {
  return ticket.status === "reported" ? ticket.acceptDueAt : ticket.resolveDueAt;
}

/**
 * Overdue, as every list and count says it (digests, 待办, a ticket's line): open, not waiting for a meeting
 * (its clock is paused), and past its pressing deadline.
 */
export function isOverdue(ticket: Pick<SlaTicket, "status" | "acceptDueAt" | "resolveDueAt" | "markedForMeetingAt">, now: Date): boolean {
  return OPEN_STATUSES.has(ticket.status) && !ticket.markedForMeetingAt && pressingDue(ticket).getTime() < now.getTime();
}

/**
 * What the sweep reads from the database as of `now` (store/sweep.ts, `ticketNumbersDueForSweep`): open tickets
 * past a deadline, and tickets resolved at or before `resolvedBefore`, the earliest a rating reminder or an
 * auto-close can be due under `policy`. Every ticket `slaActionFor` acts on lies inside it; a property test
 * (test/store/sweepPrefilter.test.ts) checks so over random policies and tickets.
 */
export function sweepWindow(policy: Policy, now: Date): { now: Date; resolvedBefore: Date } {
  const { remindAfterHours, autoCloseAfterHours } = policy.satisfaction;
  return { now, resolvedBefore: new Date(now.getTime() - Math.min(remindAfterHours, autoCloseAfterHours) * HOUR) };
}

export function slaActionFor(ticket: SlaTicket, now: Date, policy: Policy, atTopLevel: boolean): SlaAction | null {
  const t = now.getTime();
  if (OPEN_STATUSES.has(ticket.status)) {
    if (t > ticket.resolveDueAt.getTime() && !ticket.markedForMeetingAt) {
      if (!atTopLevel) return { type: "escalate" };
      return dueAgain(ticket.lastChasedAt, policy.topLevelChaseEveryHours, now) ? { type: "chaseResolution" } : null;
    }
    if (ticket.status === "reported" && t > ticket.acceptDueAt.getTime()) {
      return dueAgain(ticket.lastChasedAt, policy.colours[ticket.colour].chaseEveryHours, now) ? { type: "chaseAcceptance" } : null;
    }
    return null;
  }
  if (ticket.status === "resolved" && ticket.resolvedAt) {
    const since = t - ticket.resolvedAt.getTime();
    if (since >= policy.satisfaction.autoCloseAfterHours * HOUR) return { type: "autoClose" };
    if (since >= policy.satisfaction.remindAfterHours * HOUR && !ticket.ratingRemindedAt) return { type: "remindRating" };
  }
  return null;
}
