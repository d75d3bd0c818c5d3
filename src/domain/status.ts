import { OPEN_STATUSES, STATUS_LABELS, type TicketStatus } from "./types.ts";

/** What the status label needs of a ticket. */
export interface StatusOf {
  status: TicketStatus;
  /** Set while the ticket waits for a meeting (its resolution clock paused). */
  markedForMeetingAt?: Date | null;
}

/**
 * The one status word residents and staff read, in every reply and list: an open ticket waiting for a
 * meeting is 待上会, whatever step it had reached; otherwise the status's own label.
 */
export function statusLabel(ticket: StatusOf): string {
  if (ticket.markedForMeetingAt && OPEN_STATUSES.has(ticket.status)) return "待上会";
  return STATUS_LABELS[ticket.status];
}
