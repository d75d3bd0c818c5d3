import type { Outcome, Rating, TicketStatus } from "./types.ts";

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
  resolved: number;
  fixed: number;
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

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const HOUR = 3_600_000;

/** The figures for a set of tickets (those reported in a period), as of `now`. Exact definitions above. */
export function computeFigures(tickets: readonly StatTicket[], now: Date): Figures {
  const t = now.getTime();
  const counted = tickets.filter((ticket) => ticket.status !== "withdrawn");
  const handled = counted.filter((ticket) => ticket.status !== "rejected");
  const isResolved = (ticket: StatTicket) => (ticket.status === "resolved" || ticket.status === "closed") && ticket.resolvedAt !== null;

  const answeredAt = (ticket: StatTicket) => ticket.acceptedAt ?? (ticket.status === "rejected" ? ticket.closedAt : null);
  const acceptanceDue = counted.filter((ticket) => answeredAt(ticket) !== null || ticket.acceptDueAt.getTime() <= t);
  const acceptedInTime = acceptanceDue.filter((ticket) => {
    const answered = answeredAt(ticket);
    return answered !== null && answered.getTime() <= ticket.acceptDueAt.getTime();
  });

  const resolutionDue = handled.filter((ticket) => isResolved(ticket) || ticket.resolveDueAt.getTime() <= t);
  const resolvedInTime = resolutionDue.filter((ticket) => isResolved(ticket) && ticket.resolvedAt!.getTime() <= ticket.resolveDueAt.getTime());

  const resolved = handled.filter(isResolved);
  const fixed = resolved.filter((ticket) => (ticket.outcome ?? "fixed") === "fixed");
  const rated = tickets.filter((ticket) => ticket.rating !== null);
  const satisfied = rated.filter((ticket) => ticket.rating === "satisfied" || ticket.rating === "basically_satisfied");

  return {
    total: tickets.length,
    awaitingAcceptance: tickets.filter((ticket) => ticket.status === "reported").length,
    accepted: handled.filter((ticket) => ticket.status !== "reported" && (ticket.acceptedAt !== null || isResolved(ticket))).length,
    open: tickets.filter((ticket) => ["reported", "accepted", "assigned"].includes(ticket.status)).length,
    resolved: resolved.length,
    fixed: fixed.length,
    rejected: tickets.filter((ticket) => ticket.status === "rejected").length,
    withdrawn: tickets.length - counted.length,
    acceptedOnTime: ratio(acceptedInTime.length, acceptanceDue.length),
    resolvedOnTime: ratio(resolvedInTime.length, resolutionDue.length),
    resolutionRate: ratio(resolved.length, handled.length),
    fixRate: ratio(fixed.length, handled.length),
    satisfaction: ratio(satisfied.length, rated.length),
    averageHoursToAccept: mean(
      tickets.filter((ticket) => ticket.acceptedAt).map((ticket) => (ticket.acceptedAt!.getTime() - ticket.createdAt.getTime()) / HOUR),
    ),
    averageHoursToResolve: mean(resolved.map((ticket) => (ticket.resolvedAt!.getTime() - ticket.createdAt.getTime()) / HOUR)),
  };
}

/** Figures per key (estate, community, category, colour), keys in first-seen order. */
export function figuresBy<T extends StatTicket>(tickets: readonly T[], keyOf: (ticket: T) => string, now: Date): Map<string, Figures> {
  const groups = new Map<string, T[]>();
  for (const ticket of tickets) {
    const key = keyOf(ticket);
    const group = groups.get(key);
    // Appending in place: copying the group for each ticket made a county's month quadratic.
    if (group) group.push(ticket);
    else groups.set(key, [ticket]);
  }
  return new Map([...groups].map(([key, group]) => [key, computeFigures(group, now)]));
}
