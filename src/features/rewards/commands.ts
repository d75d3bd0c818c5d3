import { noArguments, textArguments, wordOrTextArguments } from "../../bot/commandSyntax.ts";
import { CHINESE_NUMERAL_CHARS, parseNumeral } from "../../text/numerals.ts";
import { command } from "../command.ts";
import { cancelExchange, exchange, handOver, showCatalogue, showMyOrders } from "./exchange.ts";
import * as texts from "./texts.ts";

const QUANTITY_AT_END = new RegExp(`^(.+?)\\s*[x×*]?\\s*([0-9]{1,3}|[${CHINESE_NUMERAL_CHARS}]{1,3})\\s*(?:份|个|件|张|袋|次)?$`);

/** "大米", "大米 2", "大米 两份": the item asked for and how many (one when not said). */
export function readExchange(argument: string): { item: string; quantity: number } | null {
  const text = argument.trim();
  if (!text) return null;
  const match = QUANTITY_AT_END.exec(text);
  // A name ending in a digit with no space before it (停车月卡2025) is the name, not a quantity.
  if (match && /\s|份|个|件|张|袋|次|[x×*]/.test(text.slice(match[1]!.length))) {
    const quantity = parseNumeral(match[2]!);
    if (quantity !== undefined) return { item: match[1]!.trim(), quantity };
  }
  return { item: text, quantity: 1 };
}

/** 兑换: the catalogue; 兑换 <物品> [数量]: spend points on it. */
export const exchangeCommand = command({
  name: "exchange",
  words: ["兑换", "积分兑换"],
  grammar: wordOrTextArguments((argument) => ({ wanted: readExchange(argument) })),
  usage: "兑换 大米 1",
  who: ["anyone"],
  help: { section: "residents", example: "兑换 大米" },
  run: (tx, ctx, command) => (command.wanted ? exchange(tx, ctx, command.wanted.item, command.wanted.quantity) : showCatalogue(tx, ctx)),
});

/** 我的兑换: one's orders and their pick-up codes. */
export const myOrdersCommand = command({
  name: "myOrders",
  words: ["我的兑换"],
  grammar: noArguments(),
  usage: "我的兑换",
  who: ["anyone"],
  help: { section: "residents", example: "我的兑换" },
  run: (tx, ctx) => showMyOrders(tx, ctx),
});

/** 核销 <码>: staff, or an item's hand-over person (a partner shop's owner), hand an item over (who: in handOver). */
export const handOverCommand = command({
  name: "handOver",
  words: ["核销"],
  grammar: textArguments((argument) => (argument.trim() ? { code: argument.trim() } : null)),
  usage: "核销 K7PX",
  who: ["anyone"],
  help: { section: "staff", example: "核销 取货码" },
  run: (tx, ctx, command) => handOver(tx, ctx, command.code),
});

/** 取消兑换 <码> <原因>: staff cancel an order; points and stock go back. */
export const cancelExchangeCommand = command({
  name: "cancelExchange",
  words: ["取消兑换"],
  grammar: textArguments((argument) => {
    const match = /^([0-9A-Za-z]{2}[\s-]?[0-9A-Za-z]{2})\s+(.+)$/s.exec(argument.trim());
    return match ? { code: match[1]!, reason: match[2]!.replace(/\s+/g, " ").trim() } : null;
  }),
  usage: "取消兑换 K7PX 库存登记有误",
  who: ["staffAnywhere"],
  help: { section: "staff", example: "取消兑换 取货码 原因" },
  run: (tx, ctx, command) => cancelExchange(tx, ctx, command.code, command.reason),
  refusals: { staffAnywhere: () => texts.CANCEL_STAFF_ONLY },
});
