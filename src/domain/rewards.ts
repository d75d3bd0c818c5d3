import { textSimilarity } from "../text/similarity.ts";

/**
 * 积分兑换: the rules of spending points, pure. The feature (features/rewards/) reads the ledger and the
 * catalogue, asks these, and writes the order with its ledger entries in one transaction.
 */

/** A ledger entry as the rules see it. */
export interface SpendableEntry {
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
 * What a resident may spend: the ledger's sum, except that staff awards count, per calendar month, only up to
 * the monthly award cap (an award given above it — under an older cap, or by two staff at once — cannot be
 * spent), and never below zero (points taken back after they were spent leave nothing to spend, not a debt
 * to spend into). Points taken back are in the sum as the negative entries they are, so they cannot be spent.
 */
export function spendablePoints(entries: readonly SpendableEntry[], rules: { monthlyAwardCap: number; monthOf: (at: Date) => string }): number {
  let total = 0;
  const awardedByMonth = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind === "award" && entry.points > 0) {
      const month = rules.monthOf(entry.at);
      awardedByMonth.set(month, (awardedByMonth.get(month) ?? 0) + entry.points);
    } else {
      total += entry.points;
    }
  }
  for (const awarded of awardedByMonth.values()) total += Math.min(awarded, Math.max(0, rules.monthlyAwardCap));
  return Math.max(0, total);
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
}

/** The figures from the ledger's sums per kind (positive and negative parts apart). */
export function pointFigures(sums: readonly { kind: string; positive: number; negative: number }[]): PointFigures {
  const figures: PointFigures = { earned: 0, awarded: 0, takenBack: 0, spent: 0, outstanding: 0 };
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
