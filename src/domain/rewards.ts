import { textSimilarity } from "../text/similarity.ts";
import { OPEN_STATUSES, type TicketStatus } from "./types.ts";

/**
 * 积分兑换: the rules of spending points, pure. The feature (features/rewards/) reads the ledger and the
 * catalogue, asks these, and writes the order with its ledger entries in one transaction.
 */

/**
 * Where a ledger entry's points came from, as it stands now: the report's ticket (report_accepted) or the
 * meeting (meeting_attended); null for entries with no such source, or a source not found.
 */
export interface EntrySource {
  ticket?: { status: TicketStatus; everResolved: boolean } | null;
  meeting?: { status: string; startsAt: Date } | null;
}

/** A ledger entry as the rules see it. */
export interface SpendableEntry extends EntrySource {
  points: number;
  kind: string;
  at: Date;
}

/** Kinds whose negative points take back what was earned (a report rejected or withdrawn, a meeting cancelled). */
export const TAKEN_BACK_KINDS: ReadonlySet<string> = new Set(["report_reversed", "meeting_cancelled"]);

/** Kinds the exchange writes: a hold (negative), 核销 (zero), and the points given back. */
export const EXCHANGE_KINDS = ["exchange", "exchange_collected", "exchange_released", "exchange_cancelled"] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/**
 * The ticket statuses in which a report's points are still pending, unless it was resolved once: a ticket is
 * rejected or withdrawn only from these, so points pending there are all a take-back can ever remove.
 */
export const PENDING_TICKET_STATUSES: ReadonlySet<TicketStatus> = OPEN_STATUSES;
/** The history event that settles a report's points for good: the matter was handled (办结). */
export const SETTLING_TICKET_EVENT = "resolved";
/** The meeting status in which 签到 points are pending until it starts (a meeting is cancelled only before). */
export const PENDING_MEETING_STATUS = "scheduled";

/**
 * Whether a report's points are pending: its ticket is still open and was never resolved. Once resolved (办结)
 * they are settled for good, also if a 不满意 reopens it: a report handled once was a real one, and a later
 * rejection takes nothing back (see mayTakeBackReport).
 */
export function reportPending(ticket: { status: TicketStatus; everResolved: boolean }): boolean {
  return PENDING_TICKET_STATUSES.has(ticket.status) && !ticket.everResolved;
}

/** Whether 签到 points are pending: the meeting has not started yet (it can be cancelled until it starts). */
export function meetingPending(meeting: { status: string; startsAt: Date }, now: Date): boolean {
  return meeting.status === PENDING_MEETING_STATUS && meeting.startsAt.getTime() > now.getTime();
}

/** Whether an entry's points are pending: earned, but from a source not yet settled. */
export function isPending(entry: SpendableEntry, now: Date): boolean {
  if (entry.kind === "report_accepted") return Boolean(entry.ticket && reportPending(entry.ticket));
  if (entry.kind === "meeting_attended") return Boolean(entry.meeting && meetingPending(entry.meeting, now));
  return false;
}

/** A report's points are taken back (rejected, withdrawn) only while they are pending: never once resolved. */
export function mayTakeBackReport(everResolved: boolean): boolean {
  return !everResolved;
}

/**
 * What a take-back writes: the points earned, but never more than the member's ledger holds, so the ledger
 * stays at zero or above. Under the pending rule a take-back only removes pending points, which are always
 * there; less can be left only for points spent before the rule (they were spendable then).
 */
export function takeBackPoints(earned: number, balance: number): number {
  return Math.min(earned, Math.max(0, balance));
}

export interface MemberPoints {
  /** What may be spent now. */
  spendable: number;
  /** Earned from sources not yet settled (a report not yet resolved, a meeting not yet held). */
  pending: number;
  /** The ledger's sum. */
  balance: number;
  /** Staff awards above a month's cap (given under an older cap, or by two staff at once): never spendable. */
  overCap: number;
}

/**
 * A member's points: pending ones (domain: isPending) are not spendable until their source is settled; staff
 * awards count, per calendar month, only up to the monthly award cap (an award given above it — under an
 * older cap, or by two staff at once — cannot be spent); what is spendable is never below zero.
 */
export function memberPoints(entries: readonly SpendableEntry[], rules: { monthlyAwardCap: number; monthOf: (at: Date) => string; now: Date }): MemberPoints {
  let settled = 0;
  let pending = 0;
  let balance = 0;
  const awardedByMonth = new Map<string, number>();
  for (const entry of entries) {
    balance += entry.points;
    if (isPending(entry, rules.now)) pending += entry.points;
    else if (entry.kind === "award" && entry.points > 0) {
      const month = rules.monthOf(entry.at);
      awardedByMonth.set(month, (awardedByMonth.get(month) ?? 0) + entry.points);
    } else settled += entry.points;
  }
  let overCap = 0;
  for (const awarded of awardedByMonth.values()) {
    const counted = Math.min(awarded, Math.max(0, rules.monthlyAwardCap));
    settled += counted;
    overCap += awarded - counted;
  }
  return { spendable: Math.max(0, settled), pending, balance, overCap };
}

/** What a resident may spend: memberPoints' spendable part. */
export function spendablePoints(entries: readonly SpendableEntry[], rules: { monthlyAwardCap: number; monthOf: (at: Date) => string; now: Date }): number {
  return memberPoints(entries, rules).spendable;
}

/** What the rules look at when a resident asks for an item. */
export interface ExchangeRequest {
  quantity: number;
  /** Whether the one asking holds a staff role anywhere: only residents spend. */
  askerIsStaff: boolean;
  item: { price: number; stock: number; monthlyLimit: number | null; activeFrom: Date | null; activeUntil: Date | null; retired: boolean };
  /** What the resident already took of this item this month (open and collected orders). */
  takenThisMonth: number;
  spendable: number;
  now: Date;
}

export type ExchangeRefusal = "staff" | "quantity" | "retired" | "notYet" | "ended" | "stock" | "limit" | "balance";

/** The most one order may take at once: a guard against a slip of the keyboard (兑换 大米 100). */
export const MAX_QUANTITY = 20;

/** Why an exchange is refused, or null when it may go ahead. */
export function exchangeRefusal(request: ExchangeRequest): ExchangeRefusal | null {
  const { item, quantity, now } = request;
  if (request.askerIsStaff) return "staff";
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return "quantity";
  if (item.retired) return "retired";
  if (item.activeFrom && now.getTime() < item.activeFrom.getTime()) return "notYet";
  if (item.activeUntil && now.getTime() >= item.activeUntil.getTime()) return "ended";
  if (item.stock < quantity) return "stock";
  if (item.monthlyLimit !== null && request.takenThisMonth + quantity > item.monthlyLimit) return "limit";
  if (request.spendable < item.price * quantity) return "balance";
  return null;
}

/** Whether an item is on offer at `now` (not retired, within its period); stock aside. */
export function isOnOffer(item: { activeFrom: Date | null; activeUntil: Date | null; retired: boolean }, now: Date): boolean {
  if (item.retired) return false;
  if (item.activeFrom && now.getTime() < item.activeFrom.getTime()) return false;
  return !(item.activeUntil && now.getTime() >= item.activeUntil.getTime());
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied: no 0/O, no 1/I. */
export const PICKUP_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const PICKUP_CODE_LENGTH = 4;

/** A pick-up code from a source of randomness in [0, 1). */
export function pickupCode(random: () => number): string {
  let code = "";
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += PICKUP_ALPHABET[Math.floor(random() * PICKUP_ALPHABET.length)]!;
  return code;
}

/** A code as typed (upper-cased, spaces and dashes dropped), or null when it cannot be one. */
export function normalizePickupCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, "").toUpperCase();
  return code.length === PICKUP_CODE_LENGTH && [...code].every((c) => PICKUP_ALPHABET.includes(c)) ? code : null;
}

export type ItemMatch<T> = { kind: "one"; item: T } | { kind: "several"; items: T[] } | { kind: "none" };

const SIMILAR_ENOUGH = 0.5;

/**
 * The item a resident names, tolerant of small differences: the same name (spaces and case aside), else the
 * names that contain the words or are contained in them, else those alike enough (character bigrams).
 * More than one: the resident is asked which.
 */
export function matchItem<T extends { name: string }>(asked: string, items: readonly T[]): ItemMatch<T> {
  const plain = (text: string) => text.replace(/[\s\p{P}]/gu, "").toLowerCase();
  const wanted = plain(asked);
  if (!wanted) return { kind: "none" };
  const pick = (found: T[]): ItemMatch<T> | null =>
    found.length === 1 ? { kind: "one", item: found[0]! } : found.length > 1 ? { kind: "several", items: found } : null;
  const exact = items.filter((item) => plain(item.name) === wanted);
  if (exact.length) return pick(exact)!;
  const containing = items.filter((item) => plain(item.name).includes(wanted) || wanted.includes(plain(item.name)));
  const contained = pick(containing);
  if (contained) return contained;
  const scored = items.map((item) => ({ item, score: textSimilarity(plain(item.name), wanted) })).filter((s) => s.score >= SIMILAR_ENOUGH);
  if (!scored.length) return { kind: "none" };
  const best = Math.max(...scored.map((s) => s.score));
  return pick(scored.filter((s) => s.score === best).map((s) => s.item)) ?? { kind: "none" };
}

/**
 * Who may hand an order over (核销): staff of a unit on the way from the order's estate up to the item's unit —
 * the estate's own staff, and those of the community or sub-district that offers the item; not staff above the
 * item's unit, nor of another estate.
 */
export function mayHandOver(staffUnitIds: ReadonlySet<string>, orderEstateAncestry: readonly string[], itemUnitId: string): boolean {
  const top = orderEstateAncestry.indexOf(itemUnitId);
  if (top < 0) return false;
  return orderEstateAncestry.slice(0, top + 1).some((unitId) => staffUnitIds.has(unitId));
}

export type HandOverRefusal = "notYours" | "ownOrder";

/**
 * Why someone may not 核销 an order, or null when they may: staff of the item's unit chain (mayHandOver), or
 * the member the item names as its hand-over person (a partner shop's owner, who need not be staff) — for that
 * item only, and never for an order of their own.
 */
export function handOverRefusal(
  asker: { memberId: string; staffUnitIds: ReadonlySet<string> },
  order: { memberId: string; estateAncestry: readonly string[] },
  item: { unitId: string; handOverMemberId: string | null },
): HandOverRefusal | null {
  if (mayHandOver(asker.staffUnitIds, order.estateAncestry, item.unitId)) return null;
  if (item.handOverMemberId === null || item.handOverMemberId !== asker.memberId) return "notYours";
  return order.memberId === asker.memberId ? "ownOrder" : null;
}

/** When an order must be collected by: the window's days after it was made. */
export function collectBy(createdAt: Date, collectDays: number): Date {
  return new Date(createdAt.getTime() + collectDays * 24 * 60 * 60 * 1000);
}

/** An order's states: open until 核销 (collected), released after its window, or cancelled by staff. */
export type OrderStatus = "open" | "collected" | "released" | "cancelled";

/** A unit's points, as staff ask about them. */
export interface PointFigures {
  /** Earned by taking part (reports accepted, meetings attended). */
  earned: number;
  /** Given by staff awards. */
  awarded: number;
  /** Taken back (a report rejected or withdrawn, a meeting cancelled). */
  takenBack: number;
  /** Spent on exchanges still held or collected (released and cancelled ones given back). */
  spent: number;
  /** What residents still hold: the ledger's sum. */
  outstanding: number;
  /** Of what they hold, the part still pending (a report not yet resolved, a meeting not yet held). */
  pending: number;
}

/** The figures from the ledger's sums per kind (positive and negative parts apart) and the points pending. */
export function pointFigures(sums: readonly { kind: string; positive: number; negative: number }[], pending = 0): PointFigures {
  const figures: PointFigures = { earned: 0, awarded: 0, takenBack: 0, spent: 0, outstanding: 0, pending };
  const exchange: ReadonlySet<string> = new Set(EXCHANGE_KINDS);
  for (const { kind, positive, negative } of sums) {
    figures.outstanding += positive + negative;
    if (exchange.has(kind)) figures.spent -= positive + negative;
    else if (kind === "award") {
      figures.awarded += positive;
      figures.takenBack -= negative;
    } else {
      figures.earned += positive;
      figures.takenBack -= negative;
    }
  }
  return figures;
}
