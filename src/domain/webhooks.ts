import { maskPhoneNumbers } from "../text/mask.ts";
import { wallTimeOf } from "../time/zoned.ts";
import type { TicketEventType } from "./ticketMachine.ts";
import type { Level } from "./types.ts";

/**
 * Outbound webhooks (README 「对接其他系统：Webhook 与 12345」): which events there are, the document each
 * one is, and what a receiver's answer means. Pure: the store writes the documents, features/webhooks sends them.
 */

/** The events an operator may subscribe an endpoint to. */
export const WEBHOOK_EVENT_TYPES = [
  "ticket.reported",
  "ticket.accepted",
  "ticket.assigned",
  "ticket.escalated",
  "ticket.resolved",
  "ticket.rated",
  "ticket.reopened",
  "meeting.decided",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only to a 12345 hand-off endpoint, when a ticket is escalated into its county unit. */
export const HAND_OFF_EVENT = "ticket.handed_off";

/** The document's shape; a receiver reads `version` before anything else. */
export const WEBHOOK_DOCUMENT_VERSION = 1;

/** The history events that are webhook events, and under which name. */
const TICKET_EVENT_TYPES: Partial<Record<TicketEventType, WebhookEventType>> = {
  reported: "ticket.reported",
  accepted: "ticket.accepted",
  assigned: "ticket.assigned",
  escalated: "ticket.escalated",
  resolved: "ticket.resolved",
  rated: "ticket.rated",
  reopened: "ticket.reopened",
};

export function webhookTypeOf(historyType: string): WebhookEventType | null {
  return TICKET_EVENT_TYPES[historyType as TicketEventType] ?? null;
}

/** "2026-11-23T10:00:00+08:00": the instant as read in `zone`, with its offset. */
export function isoWithOffset(instant: Date, zone: string): string {
  const wall = wallTimeOf(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset}`;
}

export interface UnitRef {
  id: string;
  name: string;
  level: Level;
}

/** What a ticket's document is made of (the ticket as the change left it). */
export interface TicketFacts {
  number: number;
  text: string;
  category: string;
  colour: string;
  status: string;
  level: string;
  outcome: string | null;
  rating: string | null;
  building: string | null;
  unitNo: string | null;
  room: string | null;
  locationText: string | null;
  createdAt: Date;
  acceptDueAt: Date;
  resolveDueAt: Date;
  resolvedAt: Date | null;
}

export interface TicketEventFacts {
  id: string;
  type: WebhookEventType | typeof HAND_OFF_EVENT;
  at: Date;
  zone: string;
  unit: UnitRef;
  handlingUnit: UnitRef;
  ticket: TicketFacts;
}

/**
 * A ticket event's document. Personal data never leaves, as in the Open311 API: no names (reporter, staff,
 * assignee), phone numbers masked in the resident's words; the number is the one residents see (#12).
 */
export function ticketDocument(facts: TicketEventFacts) {
  const { ticket, zone } = facts;
  const at = (instant: Date | null) => (instant ? isoWithOffset(instant, zone) : null);
  return {
    id: facts.id,
    type: facts.type,
    version: WEBHOOK_DOCUMENT_VERSION,
    occurredAt: isoWithOffset(facts.at, zone),
    unit: facts.unit,
    ticket: {
      number: ticket.number,
      status: ticket.status,
      category: ticket.category,
      colour: ticket.colour,
      level: ticket.level,
      handlingUnit: facts.handlingUnit,
      description: maskPhoneNumbers(ticket.text),
      location: {
        building: ticket.building,
        unit: ticket.unitNo,
        room: ticket.room,
        text: ticket.locationText === null ? null : maskPhoneNumbers(ticket.locationText),
      },
      outcome: ticket.outcome,
      rating: ticket.rating,
      reportedAt: at(ticket.createdAt),
      acceptDueAt: at(ticket.acceptDueAt),
      resolveDueAt: at(ticket.resolveDueAt),
      resolvedAt: at(ticket.resolvedAt),
    },
  };
}

export interface MeetingDecisionFacts {
  id: string;
  at: Date;
  zone: string;
  unit: UnitRef;
  meeting: { number: number; topic: string; startsAt: Date };
  item: { seq: number; text: string; decision: string; ticketNumber: number | null; dueAt: Date | null };
}

/** A decision's document: the meeting, the item and what was decided (its owner is a person: not named). */
export function meetingDecisionDocument(facts: MeetingDecisionFacts) {
  const { zone, meeting, item } = facts;
  return {
    id: facts.id,
    type: "meeting.decided" as const,
    version: WEBHOOK_DOCUMENT_VERSION,
    occurredAt: isoWithOffset(facts.at, zone),
    unit: facts.unit,
    meeting: { number: meeting.number, topic: maskPhoneNumbers(meeting.topic), startsAt: isoWithOffset(meeting.startsAt, zone) },
    item: {
      seq: item.seq,
      text: maskPhoneNumbers(item.text),
      decision: maskPhoneNumbers(item.decision),
      ticketNumber: item.ticketNumber,
      dueAt: item.dueAt ? isoWithOffset(item.dueAt, zone) : null,
    },
  };
}

/** Whether an endpoint of `endpointUnitId` hears of something at `unitIds`' ancestries (each nearest first). */
export function coversAny(endpointUnitId: string, ancestries: readonly (readonly { id: string }[])[]): boolean {
  return ancestries.some((chain) => chain.some((unit) => unit.id === endpointUnitId));
}

/** What became of one attempt, from the receiver's answer (or its silence). */
export type AttemptOutcome = { kind: "delivered" } | { kind: "retry"; retryAfterMs: number } | { kind: "dead" };

/**
 * 2xx delivered; 408, 429 and 5xx (the receiver is busy or down) tried again later, not sooner than its
 * Retry-After; every other answer (a redirect, 4xx) will not change by trying again: dead at once.
 * `status` null: no answer (refused, reset, timed out): tried again.
 */
export function attemptOutcome(status: number | null, retryAfter: string | null, now: Date): AttemptOutcome {
  if (status === null) return { kind: "retry", retryAfterMs: 0 };
  if (status >= 200 && status < 300) return { kind: "delivered" };
  if (status === 408 || status === 429 || status >= 500) return { kind: "retry", retryAfterMs: retryAfterMs(retryAfter, now) };
  return { kind: "dead" };
}

/** Retry-After in seconds or as an HTTP date; at most a day (a receiver's mistake should not park an event for ever). */
export function retryAfterMs(header: string | null, now: Date): number {
  if (!header) return 0;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now.getTime();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 86_400_000) : 0;
}

/** The 12345 platform's reference number in its reply (`{ "reference": "12345-2026-000123" }`), or null. */
export function handOffReference(replyBody: string): string | null {
  try {
    const reply = JSON.parse(replyBody) as unknown;
    if (typeof reply !== "object" || reply === null) return null;
    const reference = (reply as { reference?: unknown }).reference;
    if (typeof reference !== "string" && typeof reference !== "number") return null;
    const text = String(reference).trim();
    return text && text.length <= 64 && /^[\p{L}\p{N}_\-./:#]+$/u.test(text) ? text : null;
  } catch {
    return null;
  }
}
