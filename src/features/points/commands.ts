import type { CommandHandlers } from "../commands.ts";
import { awardPoints, showLeaderboard, showPoints } from "./points.ts";
import * as texts from "./texts.ts";

/** 积分, 积分榜, 积分 奖励: their words, grammar and rules are in bot/commands.ts. */
export const POINTS_HANDLERS: CommandHandlers<"points" | "leaderboard" | "award"> = {
  points: { run: (tx, ctx) => showPoints(tx, ctx) },
  leaderboard: { run: (tx, ctx) => showLeaderboard(tx, ctx) },
  award: {
    run: (tx, ctx, command) => awardPoints(tx, ctx, command.target, command.points, command.reason),
    refusals: { groupStaff: () => texts.AWARD_STAFF_ONLY },
  },
};
