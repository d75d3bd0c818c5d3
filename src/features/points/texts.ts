/** Every sentence of the points (红色小积分) feature. */

export const acceptedReason = (ticket: number) => `反映问题被受理（工单 #${ticket}）`;
export const reversedReason = (ticket: number, rejected: boolean) => `工单 #${ticket} ${rejected ? "不予受理" : "已撤回"}，收回积分`;
/** A take-back capped at what the ledger holds: the rest was spent before points waited for their source. */
export const cappedTakeBack = (reason: string, earned: number, taken: number) =>
  `${reason}（应收回 ${earned} 分，其中 ${earned - taken} 分此前已兑换用去，只收回 ${taken} 分）`;
export const NO_POINTS_YET = "您还没有积分。反映的问题被受理、参加议事会签到、帮助调解纠纷都能获得积分。";
export const historyLine = (when: string, points: number, reason: string) => `${when} ${points > 0 ? "+" : ""}${points} ${reason}`;
export const balance = (name: string, points: { spendable: number; pending: number; overCap: number }, lines: string[]) =>
  [
    `${name}的积分：可用 ${points.spendable} 分${points.pending > 0 ? `，待确认 ${points.pending} 分` : ""}`,
    ...(points.pending > 0 ? [PENDING_EXPLAINED] : []),
    ...(points.overCap > 0 ? [overCapExplained(points.overCap)] : []),
    "最近：",
    ...lines,
  ].join("\n");
export const PENDING_EXPLAINED = "待确认的积分在反映的问题办结、议事会召开后才能兑换。";
export const overCapExplained = (points: number) => `另有 ${points} 分奖励超出每月奖励上限，只记录，不能兑换。`;
export const THIS_UNIT = "本单位";
export const noLeaders = (unit: string) => `${unit}还没有人获得积分。`;
const MEDALS = ["🥇", "🥈", "🥉"];
export const leaderboard = (unit: string, rows: { name: string; points: number }[]) =>
  [`${unit}积分榜：`, ...rows.map((row, i) => `${MEDALS[i] ?? `${i + 1}.`} ${row.name} ${row.points} 分`)].join("\n");
export const AWARD_STAFF_ONLY = "只有本单位的工作人员可以奖励积分。";
export const awardRange = (max: number) => `每次奖励 1 到 ${max} 分。`;
export const NO_SELF_AWARD = "不能给自己奖励积分。";
export const NO_STAFF_AWARD = (name: string) => `${name} 是工作人员，积分只奖励居民。`;
export const monthlyCapReached = (name: string, cap: number, left: number) =>
  left > 0
    ? `${name} 本月获得的奖励积分已接近上限（每人每月 ${cap} 分），本月最多还能奖励 ${left} 分。`
    : `${name} 本月获得的奖励积分已达上限（每人每月 ${cap} 分），下月再奖励吧。`;
export const attendanceReversedReason = (meeting: number) => `议事会 #${meeting} 已取消，收回签到积分`;
export const awarded = (name: string, points: number, reason: string, balance: { spendable: number; pending: number }) =>
  `已为 @${name} 奖励 ${points} 分（${reason}），可用 ${balance.spendable} 分${balance.pending > 0 ? `，待确认 ${balance.pending} 分` : ""}。`;
export const notServed = (name: string) => `您负责的小区里找不到「${name}」，请在该居民所在的居民群里发这条奖励，或在消息里 @ 对方。`;
export const severalServed = (name: string) => `您负责的小区里有不止一位「${name}」，请在该居民所在的居民群里发这条奖励，或在消息里 @ 对方。`;
