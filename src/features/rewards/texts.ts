/** Every sentence of 积分兑换 (the points shop). */

import { MAX_QUANTITY } from "../../domain/rewards.ts";

export interface CatalogueLine {
  name: string;
  price: number;
  stock: number;
  monthlyLimit: number | null;
  partner: string | null;
  offeredBy: string | null;
}

const limitText = (limit: number | null) => (limit === null ? "" : ` · 每人每月限 ${limit} 份`);
const stockText = (stock: number) => (stock > 0 ? `剩 ${stock} 份` : "已兑完");

export const catalogueLine = (line: CatalogueLine) =>
  `· ${line.name}：${line.price} 分 · ${stockText(line.stock)}${limitText(line.monthlyLimit)}${line.partner ? ` · ${line.partner}提供` : line.offeredBy ? ` · ${line.offeredBy}提供` : ""}`;

export const catalogue = (lines: string[], spendable: number | null) =>
  [
    "积分兑换：",
    ...lines,
    spendable === null ? "居民发送「兑换 物品名」兑换，例如「兑换 大米」。" : `您可用 ${spendable} 分。发送「兑换 物品名 [数量]」兑换，例如「兑换 大米」。`,
  ].join("\n");
export const NOTHING_ON_OFFER = "目前没有可兑换的物品。";

export const noSuchItem = (asked: string) => `没有找到「${asked}」。发送「兑换」看看能换什么。`;
export const whichItem = (asked: string, names: string[]) => `「${asked}」对应多件物品：${names.join("、")}。请写全名，例如「兑换 ${names[0]}」。`;

export const STAFF_CANNOT_SPEND = "积分兑换只面向居民，工作人员不能兑换。";
export const quantityRange = () => `每次兑换 1 到 ${MAX_QUANTITY} 份。`;
export const itemRetired = (name: string) => `「${name}」已下架，不能兑换了。`;
export const itemNotYet = (name: string, from: string) => `「${name}」${from} 起才能兑换。`;
export const itemEnded = (name: string) => `「${name}」的兑换已经结束。`;
export const outOfStock = (name: string, stock: number) => (stock > 0 ? `「${name}」只剩 ${stock} 份了。` : `「${name}」已经兑完了。`);
export const overLimit = (name: string, limit: number, taken: number) =>
  `「${name}」每人每月限 ${limit} 份，您本月已兑换 ${taken} 份${limit - taken > 0 ? `，最多还能换 ${limit - taken} 份` : ""}。`;
export const notEnoughPoints = (needed: number, spendable: number) => `需要 ${needed} 分，您可用的积分只有 ${spendable} 分。`;

export const pickupWhere = (partner: string | null, unit: string) => (partner ? `到「${partner}」` : `找${unit}工作人员`);
export const ordered = (p: { name: string; quantity: number; points: number; code: string; where: string; by: string; left: number }) =>
  `兑换成功：${p.name}×${p.quantity}，用去 ${p.points} 分，还可用 ${p.left} 分。\n取货码 ${p.code}，请在 ${p.by} 前${p.where}领取，出示取货码即可。逾期未领，积分自动退回。`;

export const exchangeReason = (name: string, quantity: number, code: string) => `兑换 ${name}×${quantity}（取货码 ${code}）`;
export const collectedReason = (name: string, code: string) => `已领取 ${name}（取货码 ${code}）`;
export const releasedReason = (name: string, code: string) => `${name} 逾期未领，退回积分（取货码 ${code}）`;
export const cancelledReason = (name: string, code: string, reason: string) => `${name} 兑换已取消：${reason}（取货码 ${code}）`;

export const BAD_CODE = "取货码是 4 位字母或数字（不含 0、O、1、I），例如「核销 K7PX」。";
export const noSuchCode = (code: string) => `没有取货码为 ${code} 的兑换。`;
export const codeClosed = (code: string, status: "collected" | "released" | "cancelled", when: string) =>
  status === "collected"
    ? `取货码 ${code} 已于 ${when} 核销过，不能重复使用。`
    : status === "released"
      ? `取货码 ${code} 已于 ${when} 过期，积分已退回。`
      : `取货码 ${code} 已于 ${when} 取消。`;
export const notYourOrder = (code: string, unit: string) => `取货码 ${code} 的兑换由${unit}及所辖小区的工作人员核销，您不在其中。`;
export const collected = (code: string, name: string, item: string, quantity: number) => `已核销 ${code}：${name} 领取 ${item}×${quantity}。`;
export const cancelled = (code: string, name: string, item: string, points: number, reason: string) =>
  `已取消 ${code}：${name} 的 ${item}，退回 ${points} 分。原因：${reason}`;
export const cancelledNotice = (item: string, points: number, reason: string) => `您兑换的 ${item} 已被工作人员取消，${points} 分已退回。原因：${reason}`;
export const releasedNotice = (item: string, code: string, points: number) => `您兑换的 ${item}（取货码 ${code}）逾期未领，${points} 分已退回。`;
export const HANDOVER_STAFF_ONLY = "只有工作人员或物品指定的核销人可以核销兑换。";
export const notYourItem = (code: string, mine: string[]) => `取货码 ${code} 的物品不由您核销，您负责核销的是：${mine.join("、")}。`;
export const OWN_ORDER = "不能核销自己的兑换，请找工作人员核销。";
export const CANCEL_STAFF_ONLY = "只有工作人员可以取消兑换。";

export const NO_ORDERS = "您还没有兑换过。发送「兑换」看看能换什么。";
const STATUS_WORDS = { open: "待领取", collected: "已领取", released: "逾期退回", cancelled: "已取消" } as const;
export const orderLine = (o: {
  code: string;
  item: string;
  quantity: number;
  points: number;
  status: keyof typeof STATUS_WORDS;
  by: string;
  reason: string | null;
}) =>
  `· ${o.code} ${o.item}×${o.quantity} ${o.points} 分 ${STATUS_WORDS[o.status]}${o.status === "open" ? `（${o.by} 前领取）` : o.reason ? `（${o.reason}）` : ""}`;
export const myOrders = (lines: string[]) => ["您的兑换：", ...lines].join("\n");
export const STATUS_NAMES: Record<string, string> = STATUS_WORDS;

/** The catalogue's history, in the console. */
export const CHANGE_ADDED = "上架";
export const CHANGE_RETIRED = "下架";
export const changeEdited = (fields: string[]) => `修改：${fields.join("、")}`;
export const FIELD_NAMES: Record<string, string> = {
  name: "名称",
  price: "所需积分",
  stock: "库存",
  monthlyLimit: "每人每月限量",
  activeFrom: "开始",
  activeUntil: "结束",
  partner: "合作商家",
  handOverMemberId: "核销人",
  collectDays: "领取期限",
};

/** 月复盘's points lines: what each estate earned and spent last month. */
export const monthlyPoints = (rows: { unit: string; earned: number; spent: number }[]) =>
  rows.length ? ["红色小积分：", ...rows.map((row) => `· ${row.unit}：获得 ${row.earned} 分，兑换 ${row.spent} 分`)].join("\n") : "";
