import { OPEN_STATUSES, type Outcome, type Rating, type TicketStatus } from "./types.ts";

/** What the statistics need of a ticket. */
export interface StatTicket {
  status: TicketStatus;
  outcome: Outcome | null;
  rating: Rating | null;
  createdAt: Date;
  acceptDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when there is nothing to divide. */
  rate: number | null;
}

export interface Figures {
  /** 收到: every ticket reported in the period. */
  total: number;
  /** 待受理: reported and not yet accepted at its current level. */
  awaitingAcceptance: number;
  /** 受理: accepted by staff (at its current level), resolved ones included; 不予受理 and withdrawn excluded. */
  accepted: number;
  open: number;
  /** 办结: resolved (已办结 or 已评价), whatever the outcome; the three below add up to it. */
  resolved: number;
  /** 解决: resolved as really fixed (已解决). Only these count as solved. */
  fixed: number;
  /** 无法解决: resolved without a fix, with the reason. */
  cannotFix: number;
  /** 转办: not this level's duty, handed to a named unit (非本级职责·已转办). */
  transferred: number;
  rejected: number;
  withdrawn: number;
  /** 受理及时率: answered (accepted, or 不予受理) by the acceptance deadline ÷ tickets answered or past that deadline. */
  acceptedOnTime: Ratio;
  /** 按时办结率: resolved by the resolution deadline ÷ tickets resolved or past that deadline (rejected, withdrawn excluded). */
  resolvedOnTime: Ratio;
  /** 办结率: resolved (已办结 or 已评价) ÷ tickets, rejected and withdrawn excluded. */
  resolutionRate: Ratio;
  /** 解决率: resolved as really fixed (已解决) ÷ the same tickets. Closed is not the same as fixed. */
  fixRate: Ratio;
  /** 满意率: (满意 + 基本满意) ÷ rated tickets; 未评价 is not rated. */
  satisfaction: Ratio;
  /** Mean hours from report to acceptance, over accepted tickets. */
  averageHoursToAccept: number | null;
  /** Mean hours from report to resolution, over resolved tickets. */
  averageHoursToResolve: number | null;
}

/**
 * Counts and sums that add up: the tally of a union of ticket sets is the sum of their tallies, so the
 * database can count per (unit, category, colour) and the figures of any grouping are made from those
 * small sums. Each field is the size of one set named in `Figures` (or a sum of milliseconds over one).
 */
export interface StatTally {
  total: number;
  awaitingAcceptance: number;
  accepted: number;
  open: number;
  resolved: number;
  fixed: number;
  cannotFix: number;
  transferred: number;
  rejected: number;
  withdrawn: number;
  /** Neither rejected nor withdrawn: the denominator of 办结率 and 解决率. */
  handled: number;
  acceptanceDue: number;
  acceptedInTime: number;
  resolutionDue: number;
  resolvedInTime: number;
  rated: number;
  satisfied: number;
  /** Tickets with an acceptance time, and the milliseconds from report to acceptance summed over them. */
  withAcceptance: number;
  msToAccept: number;
  /** Milliseconds from report to resolution, summed over the resolved tickets. */
  msToResolve: number;
}

export const EMPTY_TALLY: Readonly<StatTally> = Object.freeze({
  total: 0,
  awaitingAcceptance: 0,
  accepted: 0,
  open: 0,
  resolved: 0,
  fixed: 0,
  cannotFix: 0,
  transferred: 0,
  rejected: 0,
  withdrawn: 0,
  handled: 0,
  acceptanceDue: 0,
  acceptedInTime: 0,
  resolutionDue: 0,
  resolvedInTime: 0,
  rated: 0,
  satisfied: 0,
  withAcceptance: 0,
  msToAccept: 0,
  msToResolve: 0,
});

const TALLY_FIELDS = Object.keys(EMPTY_TALLY) as (keyof StatTally)[];

export function addTallies(a: Readonly<StatTally>, b: Readonly<StatTally>): StatTally {
  const sum = { ...a };
  for (const field of TALLY_FIELDS) sum[field] += b[field];
  return sum;
}

/** One ticket's contribution to a tally, as of `now` (the database's grouped query counts the same). */
export function tallyOf(ticket: StatTicket, now: Date): StatTally {
  const t = now.getTime();
  const counted = ticket.status !== "withdrawn";
  const handled = counted && ticket.status !== "rejected";
  const isResolved = (ticket.status === "resolved" || ticket.status === "closed") && ticket.resolvedAt !== null;
  const answeredAt = ticket.acceptedAt ?? (ticket.status === "rejected" ? ticket.closedAt : null);
  const acceptanceDue = counted && (answeredAt !== null || ticket.acceptDueAt.getTime() <= t);
  const resolutionDue = handled && (isResolved || ticket.resolveDueAt.getTime() <= t);
  const resolved = handled && isResolved;
  const one = (condition: boolean) => (condition ? 1 : 0);
  return {
    total: 1,
    awaitingAcceptance: one(ticket.status === "reported"),
    accepted: one(handled && ticket.status !== "reported" && (ticket.acceptedAt !== null || isResolved)),
    open: one(OPEN_STATUSES.has(ticket.status)),
    resolved: one(resolved),
    fixed: one(resolved && (ticket.outcome ?? "fixed") === "fixed"),
    cannotFix: one(resolved && ticket.outcome === "cannot_fix"),
    transferred: one(resolved && ticket.outcome === "transferred"),
    rejected: one(ticket.status === "rejected"),
    withdrawn: one(!counted),
    handled: one(handled),
    acceptanceDue: one(acceptanceDue),
    acceptedInTime: one(acceptanceDue && answeredAt !== null && answeredAt.getTime() <= ticket.acceptDueAt.getTime()),
    resolutionDue: one(resolutionDue),
    resolvedInTime: one(resolutionDue && isResolved && ticket.resolvedAt!.getTime() <= ticket.resolveDueAt.getTime()),
    rated: one(ticket.rating !== null),
    satisfied: one(ticket.rating === "satisfied" || ticket.rating === "basically_satisfied"),
    withAcceptance: one(ticket.acceptedAt !== null),
    msToAccept: ticket.acceptedAt ? ticket.acceptedAt.getTime() - ticket.createdAt.getTime() : 0,
    msToResolve: resolved ? ticket.resolvedAt!.getTime() - ticket.createdAt.getTime() : 0,
  };
}

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });
const HOUR = 3_600_000;

/** The figures of a tally. Exact definitions above. */
export function figuresOf(tally: Readonly<StatTally>): Figures {
  return {
    total: tally.total,
    awaitingAcceptance: tally.awaitingAcceptance,
    accepted: tally.accepted,
    open: tally.open,
    resolved: tally.resolved,
    fixed: tally.fixed,
    cannotFix: tally.cannotFix,
    transferred: tally.transferred,
    rejected: tally.rejected,
    withdrawn: tally.withdrawn,
    acceptedOnTime: ratio(tally.acceptedInTime, tally.acceptanceDue),
    resolvedOnTime: ratio(tally.resolvedInTime, tally.resolutionDue),
    resolutionRate: ratio(tally.resolved, tally.handled),
    fixRate: ratio(tally.fixed, tally.handled),
    satisfaction: ratio(tally.satisfied, tally.rated),
    averageHoursToAccept: tally.withAcceptance ? tally.msToAccept / tally.withAcceptance / HOUR : null,
    averageHoursToResolve: tally.resolved ? tally.msToResolve / tally.resolved / HOUR : null,
  };
}

/** The figures for a set of tickets (those reported in a period), as of `now`. Exact definitions above. */
export function computeFigures(tickets: readonly StatTicket[], now: Date): Figures {
  return figuresOf(tickets.reduce<StatTally>((sum, ticket) => addTallies(sum, tallyOf(ticket, now)), EMPTY_TALLY));
}

/** Sums tallies per key (estate, community, category, colour), keys in the order given. */
export function talliesBy<T>(rows: readonly T[], keyOf: (row: T) => string, tallyOfRow: (row: T) => StatTally): Map<string, StatTally> {
  const sums = new Map<string, StatTally>();
  for (const row of rows) {
    const key = keyOf(row);
    sums.set(key, addTallies(sums.get(key) ?? EMPTY_TALLY, tallyOfRow(row)));
  }
  return sums;
}
