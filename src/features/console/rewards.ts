import type { Readable } from "node:stream";
import { z } from "zod";
import { isOnOffer } from "../../domain/rewards.ts";
import type { Database } from "../../store/database.ts";
import {
  handOverCandidates,
  isHandOverCandidate,
  itemChanges,
  orderByCode,
  ordersInUnits,
  rewardItemsOf,
  streamLedgerOfUnits,
  streamOrdersInUnits,
  type RewardItemRecord,
} from "../../store/rewards.ts";
import { maskPhoneNumbers } from "../../text/mask.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { pointFiguresByUnit } from "../rewards/figures.ts";
import { STATUS_NAMES } from "../rewards/texts.ts";
import { localTime as exportTime } from "./export.ts";
import { groupToActIn, typeAs, type ConsoleActionResult } from "./runCommand.ts";
import { EXCHANGE_HEADERS, LEDGER_HEADERS, POINT_KIND_LABELS } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";
import { xlsxStream } from "./xlsx.ts";

const ORDERS_SHOWN = 200;
const HAND_OVER_CHOICES = 20;

/**
 * Whether the viewer keeps a unit's catalogue: staff of it or of a unit above it — not staff of an estate
 * below a community's item (they see it, offered to their residents, but do not change it).
 */
export function keepsCatalogueOf(viewer: ConsoleViewer, unitId: string): boolean {
  return viewer.visibleUnitIds.has(unitId);
}

/** Whether a unit above the viewer's units offers them its items (shown read-only). */
export function offeredToViewer(viewer: ConsoleViewer, unitId: string): boolean {
  return viewer.rootUnitIds.some((root) => viewer.units.ancestry(root).some((unit) => unit.id === unitId));
}

function itemView(viewer: ConsoleViewer, item: RewardItemRecord & { handOverName: string | null }, now: Date) {
  return {
    id: item.id,
    unitId: item.unitId,
    unit: viewer.units.get(item.unitId)?.name ?? item.unitId,
    name: item.name,
    price: item.price,
    stock: item.stock,
    monthlyLimit: item.monthlyLimit,
    activeFrom: item.activeFrom?.toISOString() ?? null,
    activeUntil: item.activeUntil?.toISOString() ?? null,
    partner: item.partner,
    handOverMemberId: item.handOverMemberId,
    handOverName: item.handOverName === null ? null : maskPhoneNumbers(item.handOverName),
    collectDays: item.collectDays,
    retiredAt: item.retiredAt?.toISOString() ?? null,
    onOffer: isOnOffer({ ...item, retired: item.retiredAt !== null }, now),
    editable: keepsCatalogueOf(viewer, item.unitId),
  };
}

/**
 * 积分商城 of a unit: its catalogue (the items of the unit and the units below, retired ones too, and what the
 * units above offer it, read-only), the orders made in it (newest first, open ones with their codes), and
 * per unit what was earned, awarded, spent and is outstanding.
 */
export async function rewardsPage(db: Database, viewer: ConsoleViewer, unitId: string, now: Date) {
  const below = [...viewer.units.subtreeIds(unitId)];
  const above = viewer.units
    .ancestry(unitId)
    .slice(1)
    .map((unit) => unit.id);
  const [own, offeredFromAbove, orders, figures] = await Promise.all([
    rewardItemsOf(db, below, { retired: true }),
    rewardItemsOf(db, above, { retired: false }),
    ordersInUnits(db, below, { openOnly: false, take: ORDERS_SHOWN }),
    pointFiguresByUnit(db, viewer, unitId, null, now),
  ]);
  return {
    unitId,
    unit: viewer.units.get(unitId)?.name ?? unitId,
    items: [...offeredFromAbove, ...own].map((item) => itemView(viewer, item, now)),
    orders: orders.map((order) => ({
      id: order.id,
      code: order.code,
      itemName: order.itemName,
      partner: order.partner,
      estate: viewer.units.get(order.unitId)?.name ?? order.unitId,
      member: maskPhoneNumbers(order.memberName ?? order.memberId),
      quantity: order.quantity,
      points: order.points,
      status: order.status,
      statusName: STATUS_NAMES[order.status] ?? order.status,
      createdAt: order.createdAt.toISOString(),
      collectBy: order.collectBy.toISOString(),
      closedAt: order.closedAt?.toISOString() ?? null,
      closedBy: order.closedBy,
      reason: order.reason,
    })),
    figures,
  };
}

/** Who may be named an item's hand-over person: residents of the unit's estates, by name (the console's picker). */
export async function handOverChoices(db: Database, viewer: ConsoleViewer, unitId: string, search: string) {
  const rows = await handOverCandidates(db, [...viewer.units.subtreeIds(unitId)], search, HAND_OVER_CHOICES);
  return rows.map((row) => ({ id: row.id, name: maskPhoneNumbers(row.name), unit: viewer.units.get(row.unitId)?.name ?? row.unitId }));
}

/** Whether a member may be named the hand-over person of an item of the unit (none: always). */
export async function validHandOver(db: Database, viewer: ConsoleViewer, unitId: string, memberId: string | null | undefined): Promise<boolean> {
  return !memberId || isHandOverCandidate(db, [...viewer.units.subtreeIds(unitId)], memberId);
}

export async function itemHistory(db: Database, itemId: number) {
  return (await itemChanges(db, itemId)).map((change) => ({
    id: change.id,
    action: change.action,
    detail: change.detail,
    by: change.by,
    at: change.at.toISOString(),
  }));
}

export const orderActionSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("handOver") }),
  z.strictObject({ action: z.literal("cancel"), reason: z.string().trim().min(1).max(200) }),
]);
export type OrderAction = z.infer<typeof orderActionSchema>;

/** 核销 and 取消兑换 from the console: the chat's command, typed as the viewer in the order's group (runCommand.ts). */
export async function runOrderAction(
  deps: MessageServiceDeps,
  viewer: ConsoleViewer,
  code: string,
  action: OrderAction,
): Promise<{ kind: "notFound" } | { kind: "notInGroup" } | { kind: "done"; result: ConsoleActionResult }> {
  const order = await orderByCode(deps.db, code);
  if (!order || !viewer.visibleUnitIds.has(order.unitId)) return { kind: "notFound" };
  const group = await groupToActIn(deps, viewer, order.groupId, order.unitId);
  if (!group || group.platform !== viewer.member.platform) return { kind: "notInGroup" };
  const text = action.action === "handOver" ? `核销 ${order.code}` : `取消兑换 ${order.code} ${action.reason.replace(/\s+/g, " ")}`;
  return { kind: "done", result: await typeAs(deps, viewer, group, text) };
}

const localTime = (at: Date | null, zone: string) => exportTime(at?.toISOString() ?? null, zone);

/** The points ledger of the units, every entry oldest first, as a workbook written as it is read (xlsx.ts). */
export function ledgerXlsx(db: Database, viewer: ConsoleViewer, unitIds: string[], zone: string, sheetName: string): Readable {
  async function* rows() {
    yield [...LEDGER_HEADERS];
    for await (const entry of streamLedgerOfUnits(db, unitIds)) {
      yield [
        localTime(entry.at, zone),
        viewer.units.get(entry.unitId)?.name ?? entry.unitId,
        maskPhoneNumbers(entry.memberName ?? entry.memberId),
        POINT_KIND_LABELS[entry.kind] ?? entry.kind,
        entry.points,
        maskPhoneNumbers(entry.reason),
        entry.ticketNumber ?? "",
        entry.awardedBy ?? "",
      ];
    }
  }
  return xlsxStream([{ name: sheetName, rows: rows() }]);
}

/** The exchanges made in the units, oldest first, as a workbook. */
export function exchangesXlsx(db: Database, viewer: ConsoleViewer, unitIds: string[], zone: string, sheetName: string): Readable {
  async function* rows() {
    yield [...EXCHANGE_HEADERS];
    for await (const order of streamOrdersInUnits(db, unitIds)) {
      yield [
        order.code,
        localTime(order.createdAt, zone),
        viewer.units.get(order.unitId)?.name ?? order.unitId,
        maskPhoneNumbers(order.memberName ?? order.memberId),
        order.itemName,
        order.quantity,
        order.points,
        STATUS_NAMES[order.status] ?? order.status,
        localTime(order.collectBy, zone),
        localTime(order.closedAt, zone),
        order.closedBy ?? "",
        order.partner ?? "",
        order.reason ?? "",
      ];
    }
  }
  return xlsxStream([{ name: sheetName, rows: rows() }]);
}
