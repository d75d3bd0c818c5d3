import type { CommandHandlers } from "../commands.ts";
import { statsReply } from "./stats.ts";

/** 统计: its words, grammar and rule are in bot/commands.ts. */
export const STATS_HANDLERS: CommandHandlers<"stats"> = {
  stats: { run: (tx, ctx, command) => statsReply(tx, ctx, command.period) },
};
