import { randomInt } from "node:crypto";
import { parsePeriod } from "../../domain/periods.ts";
import { Refusal } from "../../domain/refusal.ts";
import {
  collectBy,
  exchangeRefusal,
  handOverRefusal,
  isOnOffer,
  mayHandOver,
  matchItem,
  normalizePickupCode,
  pickupCode,
  memberPoints,
  type MemberPoints,
  type OrderStatus,
} from "../../domain/rewards.ts";
import { STAFF_ROLES } from "../../domain/types.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { findMember, membershipsOf } from "../../store/org.ts";
import { addPoints } from "../../store/points.ts";
import {
  closeOrder,
  findRewardItem,
  insertOrder,
  itemsHandedOverBy,
  lockMemberSpending,
  orderByCode,
  ordersOfMember,
  returnStock,
  rewardItemsOf,
  spendingEntries,
  takenSince,
  takeStock,
  type RewardItemRecord,
  type RewardOrderRecord,
} from "../../store/rewards.ts";
import { formatShortDateTime, wallTimeOf } from "../../time/zoned.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { notice, reply } from "../posts.ts";
import * as texts from "./texts.ts";

const ORDERS_SHOWN = 10;
const CODE_DRAWS = 8;

/** The items offered to a group's residents: its unit's own and those of every unit above it. */
async function itemsOfferedTo(tx: Tx, scope: ServiceScope, unitId: string): Promise<RewardItemRecord[]> {
  const ancestry = scope.units.ancestry(unitId).map((unit) => unit.id);
  const items = await rewardItemsOf(tx, ancestry, { retired: false });
  // The estate's own first, then what the units above offer.
  return items.sort((a, b) => ancestry.indexOf(a.unitId) - ancestry.indexOf(b.unitId));
}

async function holdsStaffRole(tx: Tx, memberId: string): Promise<boolean> {
  return (await membershipsOf(tx, memberId)).some((membership) => STAFF_ROLES.has(membership.role));
}

/** A member's points now: spendable, pending, the ledger's sum (domain/rewards.ts memberPoints over their whole ledger). */
export async function pointsOf(tx: Tx, scope: ServiceScope, memberId: string): Promise<MemberPoints> {
  const zone = scope.settings.zone;
  const monthOf = (at: Date) => {
    const wall = wallTimeOf(at, zone);
    return `${wall.year}-${wall.month}`;
  };
  return memberPoints(await spendingEntries(tx, memberId), { monthlyAwardCap: scope.settings.policy.points.monthlyAwardCap, monthOf, now: scope.now });
}

/** What a member may spend now. */
export async function spendableOf(tx: Tx, scope: ServiceScope, memberId: string): Promise<number> {
  return (await pointsOf(tx, scope, memberId)).spendable;
}

/** 兑换: what this group's residents can get, with price, stock left and limit; a resident also reads what they may spend. */
export async function showCatalogue(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const items = (await itemsOfferedTo(tx, ctx, ctx.group.unitId)).filter((item) => isOnOffer({ ...item, retired: false }, ctx.now));
  if (!items.length) return [reply(ctx, texts.NOTHING_ON_OFFER)];
  const lines = items.map((item) =>
    texts.catalogueLine({
      ...item,
      offeredBy: item.unitId === ctx.group.unitId ? null : (ctx.units.get(item.unitId)?.name ?? null),
    }),
  );
  const spendable = (await holdsStaffRole(tx, ctx.member.id)) ? null : await spendableOf(tx, ctx, ctx.member.id);
  return [reply(ctx, texts.catalogue(lines, spendable))];
}

/**
 * 兑换 <物品> [数量]: checks the rules, then holds the stock (a conditional update: of two residents racing
 * for the last one, one gets it) and the points (a ledger entry, under a lock on the member's spending) in
 * the message's one transaction, and answers with a pick-up code.
 */
export async function exchange(tx: Tx, ctx: MessageContext, asked: string, quantity: number): Promise<PostDraft[]> {
  if (await holdsStaffRole(tx, ctx.member.id)) throw new Refusal(texts.STAFF_CANNOT_SPEND);
  const listed = await itemsOfferedTo(tx, ctx, ctx.group.unitId);
  // Among what is on offer first; an item not yet or no longer on offer is found only to say so.
  const onOffer = matchItem(
    asked,
    listed.filter((item) => isOnOffer({ ...item, retired: false }, ctx.now)),
  );
  const match = onOffer.kind === "none" ? matchItem(asked, listed) : onOffer;
  if (match.kind === "none") throw new Refusal(texts.noSuchItem(asked));
  if (match.kind === "several")
    throw new Refusal(
      texts.whichItem(
        asked,
        match.items.map((item) => item.name),
      ),
    );
  const item = match.item;

  await lockMemberSpending(tx, ctx.member.id);
  const month = parsePeriod("本月", ctx.now, ctx.settings.zone)!;
  const [spendable, takenThisMonth] = await Promise.all([spendableOf(tx, ctx, ctx.member.id), takenSince(tx, item.id, ctx.member.id, month.from)]);
  const refusal = exchangeRefusal({
    quantity,
    askerIsStaff: false,
    item: { ...item, retired: item.retiredAt !== null },
    takenThisMonth,
    spendable,
    now: ctx.now,
  });
  if (refusal) throw new Refusal(refusalText(refusal, item, quantity, takenThisMonth, spendable, ctx));
  // Read above, taken here only if still there: the loser of a race for the last one is told it is gone.
  if (!(await takeStock(tx, item.id, quantity))) throw new Refusal(texts.outOfStock(item.name, 0));

  const points = item.price * quantity;
  const order = await placeOrder(tx, ctx, item, quantity, points);
  await addPoints(tx, {
    memberId: ctx.member.id,
    unitId: ctx.group.unitId,
    points: -points,
    kind: "exchange",
    reason: texts.exchangeReason(item.name, quantity, order.code),
    dedupeKey: `exchange:${order.id}`,
    at: ctx.now,
  });
  const where = texts.pickupWhere(item.partner, ctx.units.get(ctx.group.unitId)?.name ?? "");
  const by = formatShortDateTime(order.collectBy, ctx.settings.zone, ctx.now);
  return [reply(ctx, texts.ordered({ name: item.name, quantity, points, code: order.code, where, by, left: spendable - points }), null, [ctx.member.id])];
}

/** Inserts the order under a code no open order holds (drawn again on the rare clash). */
async function placeOrder(tx: Tx, ctx: MessageContext, item: RewardItemRecord, quantity: number, points: number): Promise<RewardOrderRecord> {
  for (let draw = 0; draw < CODE_DRAWS; draw++) {
    const order = await insertOrder(tx, {
      code: pickupCode(() => randomInt(0, 1 << 30) / (1 << 30)),
      itemId: item.id,
      memberId: ctx.member.id,
      unitId: ctx.group.unitId,
      groupId: ctx.group.id,
      quantity,
      points,
      createdAt: ctx.now,
      collectBy: collectBy(ctx.now, item.collectDays),
    });
    if (order) return order;
  }
  throw new Error("no free pick-up code after several draws");
}

function refusalText(
  refusal: NonNullable<ReturnType<typeof exchangeRefusal>>,
  item: RewardItemRecord,
  quantity: number,
  taken: number,
  spendable: number,
  ctx: MessageContext,
): string {
  switch (refusal) {
    case "staff":
      return texts.STAFF_CANNOT_SPEND;
    case "quantity":
      return texts.quantityRange();
    case "retired":
      return texts.itemRetired(item.name);
    case "notYet":
      return texts.itemNotYet(item.name, formatShortDateTime(item.activeFrom!, ctx.settings.zone, ctx.now));
    case "ended":
      return texts.itemEnded(item.name);
    case "stock":
      return texts.outOfStock(item.name, item.stock);
    case "limit":
      return texts.overLimit(item.name, item.monthlyLimit!, taken);
    case "balance":
      return texts.notEnoughPoints(item.price * quantity, spendable);
  }
}

/** The open order a code names, refused clearly when there is none or it is closed, with its item. */
async function openOrderOf(tx: Tx, ctx: MessageContext, typed: string): Promise<{ order: RewardOrderRecord; item: RewardItemRecord }> {
  const code = normalizePickupCode(typed);
  if (!code) throw new Refusal(texts.BAD_CODE);
  const order = await orderByCode(tx, code);
  if (!order) throw new Refusal(texts.noSuchCode(code));
  if (order.status !== "open") throw new Refusal(texts.codeClosed(code, order.status, formatShortDateTime(order.closedAt!, ctx.settings.zone, ctx.now)));
  return { order, item: (await findRewardItem(tx, order.itemId))! };
}

function estateAncestry(ctx: MessageContext, order: RewardOrderRecord): string[] {
  return ctx.units.ancestry(order.unitId).map((unit) => unit.id);
}

/** 取消兑换 is staff's: staff of the item's unit chain. */
function requireStaffOfOrder(ctx: MessageContext, order: RewardOrderRecord, item: RewardItemRecord): void {
  if (!mayHandOver(ctx.authority.staffUnitIds, estateAncestry(ctx, order), item.unitId))
    throw new Refusal(texts.notYourOrder(order.code, ctx.units.get(order.unitId)?.name ?? ""));
}

async function memberName(tx: Tx, memberId: string): Promise<string> {
  return (await findMember(tx, memberId))?.name ?? memberId;
}

/**
 * 核销 <码>: the staff member who hands the item over, or the member the item names as its hand-over person (a
 * partner shop's owner), completes the order; a code used twice is refused. Someone who is neither staff nor
 * anyone's hand-over person is refused before the code is read.
 */
export async function handOver(tx: Tx, ctx: MessageContext, typed: string): Promise<PostDraft[]> {
  const staff = ctx.authority.staffUnitIds.size > 0;
  const mine = staff ? [] : await itemsHandedOverBy(tx, ctx.member.id);
  if (!staff && !mine.length) throw new Refusal(texts.HANDOVER_STAFF_ONLY);
  const { order, item } = await openOrderOf(tx, ctx, typed);
  const refusal = handOverRefusal(
    { memberId: ctx.member.id, staffUnitIds: ctx.authority.staffUnitIds },
    { memberId: order.memberId, estateAncestry: estateAncestry(ctx, order) },
    item,
  );
  if (refusal === "ownOrder") throw new Refusal(texts.OWN_ORDER);
  if (refusal === "notYours")
    throw new Refusal(
      staff
        ? texts.notYourOrder(order.code, ctx.units.get(order.unitId)?.name ?? "")
        : texts.notYourItem(
            order.code,
            mine.map((one) => one.name),
          ),
    );
  if (!(await closeOrder(tx, order.id, "collected", ctx.member.id, null, ctx.now)))
    throw new Refusal(texts.codeClosed(order.code, "collected", formatShortDateTime(ctx.now, ctx.settings.zone, ctx.now)));
  await addPoints(tx, {
    memberId: order.memberId,
    unitId: order.unitId,
    points: 0,
    kind: "exchange_collected",
    reason: texts.collectedReason(item.name, order.code),
    dedupeKey: `exchange_collected:${order.id}`,
    at: ctx.now,
  });
  return [reply(ctx, texts.collected(order.code, await memberName(tx, order.memberId), item.name, order.quantity))];
}

/** Gives an order's points and stock back, with its ledger entry; the order is already closed by the caller. */
export async function giveBack(tx: Tx, order: RewardOrderRecord, kind: "exchange_released" | "exchange_cancelled", reason: string, at: Date): Promise<void> {
  await returnStock(tx, order.itemId, order.quantity);
  await addPoints(tx, { memberId: order.memberId, unitId: order.unitId, points: order.points, kind, reason, dedupeKey: `${kind}:${order.id}`, at });
}

/** 取消兑换 <码> <原因>: staff who may hand it over cancel it; points and stock go back and the resident is told. */
export async function cancelExchange(tx: Tx, ctx: MessageContext, typed: string, reason: string): Promise<PostDraft[]> {
  const { order, item } = await openOrderOf(tx, ctx, typed);
  requireStaffOfOrder(ctx, order, item);
  if (!(await closeOrder(tx, order.id, "cancelled", ctx.member.id, reason, ctx.now))) throw new Refusal(texts.noSuchCode(order.code));
  await giveBack(tx, order, "exchange_cancelled", texts.cancelledReason(item.name, order.code, reason), ctx.now);
  const posts = [reply(ctx, texts.cancelled(order.code, await memberName(tx, order.memberId), item.name, order.points, reason))];
  if (order.groupId !== ctx.group.id) posts.push(notice(order.groupId, texts.cancelledNotice(item.name, order.points, reason), null, [order.memberId]));
  return posts;
}

/** 我的兑换: one's latest orders and their state. */
export async function showMyOrders(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const orders = await ordersOfMember(tx, ctx.member.id, ORDERS_SHOWN);
  if (!orders.length) return [reply(ctx, texts.NO_ORDERS)];
  const lines = orders.map((order) =>
    texts.orderLine({
      code: order.code,
      item: order.itemName,
      quantity: order.quantity,
      points: order.points,
      status: order.status as OrderStatus,
      by: formatShortDateTime(order.collectBy, ctx.settings.zone, ctx.now),
      reason: order.reason,
    }),
  );
  return [reply(ctx, texts.myOrders(lines))];
}
