import { person } from "../../bot/commandArguments.ts";
import { noArguments, textArguments } from "../../bot/commandSyntax.ts";
import { command } from "../command.ts";
import { awardPoints, showLeaderboard, showPoints } from "./points.ts";
import * as texts from "./texts.ts";

/** 积分: one's own points. */
export const pointsCommand = command({
  name: "points",
  words: ["积分", "我的积分"],
  grammar: noArguments(),
  usage: "积分",
  who: ["anyone"],
  help: { section: "residents", example: "积分" },
  run: (tx, ctx) => showPoints(tx, ctx),
});

/** 积分榜: the unit's leaderboard. */
export const leaderboardCommand = command({
  name: "leaderboard",
  words: ["积分榜", "积分排行"],
  grammar: noArguments(),
  usage: "积分榜",
  who: ["anyone"],
  help: { section: "residents", example: "积分榜" },
  run: (tx, ctx) => showLeaderboard(tx, ctx),
});

/** 积分 奖励 @某人 5 原因: staff award points. */
export const awardCommand = command({
  name: "award",
  words: ["积分 奖励", "积分奖励", "奖励积分"],
  grammar: textArguments((argument) => {
    const match = /^@?\s*(.+?)\s+(\d{1,4})\s*分?\s*[,，:：]?\s*(.+)$/.exec(argument);
    return match ? { target: person(match[1]!), points: Number(match[2]), reason: match[3]!.trim() } : null;
  }),
  usage: "积分 奖励 @张三 5 调解邻里纠纷",
  who: ["groupStaff"],
  help: { section: "staff", example: "积分 奖励 @某人 5 原因" },
  run: (tx, ctx, command) => awardPoints(tx, ctx, command.target, command.points, command.reason),
  refusals: { groupStaff: () => texts.AWARD_STAFF_ONLY },
});
