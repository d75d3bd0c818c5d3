import { optionalTextArguments } from "../../bot/commandSyntax.ts";
import { command } from "../command.ts";
import { statsReply } from "./stats.ts";

/** 统计 [本月]: the unit's figures for a period. */
export const statsCommand = command({
  name: "stats",
  words: ["统计"],
  grammar: optionalTextArguments((argument) => ({ period: argument || null })),
  usage: "统计 本月（或：今天、本周、上月、2026-11）",
  who: ["anyone"],
  help: { section: "residents", example: "统计" },
  run: (tx, ctx, command) => statsReply(tx, ctx, command.period),
});
