import { isStaffFor } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { addPoints, pointBalance, pointEntryByKey, pointHistory, pointLeaderboard } from "../../store/points.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { memberNamedInMessage } from "../groups/members.ts";
import { reply } from "../posts.ts";

/**
 * 红色小积分: an accepted report earns points once; a report later rejected or withdrawn gives them back;
 * duplicates (附议) earn nothing. Meetings attended and disputes mediated are the other sources.
 */
export async function awardAcceptedReport(tx: Tx, scope: ServiceScope, ticket: TicketRecord): Promise<void> {
  const points = scope.settings.policy.points.reportAccepted;
  if (points <= 0) return;
  await addPoints(tx, {
    memberId: ticket.reporterId,
    unitId: ticket.unitId,
    points,
    kind: "report_accepted",
    reason: `反映问题被受理（工单 #${ticket.number}）`,
    ticketNumber: ticket.number,
    dedupeKey: `report_accepted:${ticket.number}`,
    at: scope.now,
  });
}

export async function reverseReportAward(tx: Tx, scope: ServiceScope, ticket: TicketRecord): Promise<void> {
  const award = await pointEntryByKey(tx, `report_accepted:${ticket.number}`);
  if (!award) return;
  await addPoints(tx, {
    memberId: award.memberId,
    unitId: award.unitId,
    points: -award.points,
    kind: "report_reversed",
    reason: `工单 #${ticket.number} ${ticket.status === "rejected" ? "不予受理" : "已撤回"}，收回积分`,
    ticketNumber: ticket.number,
    dedupeKey: `report_reversed:${ticket.number}`,
    at: scope.now,
  });
}

export async function showPoints(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const [balance, history] = await Promise.all([pointBalance(tx, ctx.member.id), pointHistory(tx, ctx.member.id, 5)]);
  if (!history.length) return [reply(ctx, "你还没有积分。反映的问题被受理、参加议事会签到、帮助调解纠纷都能获得积分。")];
  const lines = history.map(
    (entry) => `${formatShortDateTime(entry.at, ctx.settings.zone, ctx.now)} ${entry.points > 0 ? "+" : ""}${entry.points} ${entry.reason}`,
  );
  return [reply(ctx, [`${ctx.member.name}的积分：${balance} 分`, "最近：", ...lines].join("\n"))];
}

export async function showLeaderboard(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const unit = ctx.units.get(ctx.group.unitId);
  const rows = await pointLeaderboard(tx, [...ctx.units.subtreeIds(ctx.group.unitId)], 10);
  if (!rows.length) return [reply(ctx, `${unit?.name ?? "本单位"}还没有人获得积分。`)];
  const medals = ["🥇", "🥈", "🥉"];
  const lines = rows.map((row, i) => `${medals[i] ?? `${i + 1}.`} ${row.name} ${row.points} 分`);
  return [reply(ctx, [`${unit?.name ?? "本单位"}积分榜：`, ...lines].join("\n"))];
}

/** 积分 奖励 @某人 N 原因: staff of this group's unit (or above) award points, e.g. for a mediated dispute. */
export async function awardPoints(tx: Tx, ctx: MessageContext, target: string, points: number, reason: string): Promise<PostDraft[]> {
  const ancestry = ctx.units.ancestry(ctx.group.unitId).map((unit) => unit.id);
  if (!isStaffFor(ctx.authority, ancestry)) throw new Refusal("只有本单位的工作人员可以奖励积分。");
  const max = ctx.settings.policy.points.maxAward;
  if (points < 1 || points > max) throw new Refusal(`每次奖励 1 到 ${max} 分。`);
  const member = await memberNamedInMessage(tx, ctx, target);
  if (member.id === ctx.member.id) throw new Refusal("不能给自己奖励积分。");
  await addPoints(tx, { memberId: member.id, unitId: ctx.group.unitId, points, kind: "award", reason, awardedById: ctx.member.id, at: ctx.now });
  const balance = await pointBalance(tx, member.id);
  return [reply(ctx, `已为 @${member.name} 奖励 ${points} 分（${reason}），现有 ${balance} 分。`, null, [member.id])];
}
