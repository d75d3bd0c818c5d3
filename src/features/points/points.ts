import { Refusal } from "../../domain/refusal.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { addPoints, pointBalance, pointEntryByKey, pointHistory, pointLeaderboard } from "../../store/points.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { memberNamedInMessage } from "../groups/members.ts";
import { reply } from "../posts.ts";
import * as texts from "./texts.ts";

/**
 * 红色小积分: an accepted report earns points once; a report later rejected or withdrawn gives them back;
 * duplicates (附议) earn nothing. Meetings attended and disputes mediated are the other sources.
 */
export async function awardAcceptedReport(tx: Tx, scope: ServiceScope, ticket: TicketRecord): Promise<void> {
  const points = scope.settings.policy.points.reportAccepted;
  // A 代报 whose author is unknown earns nobody points: the staff member recorded as reporter only filed it.
  if (points <= 0 || ticket.reporterUnknown) return;
  await addPoints(tx, {
    memberId: ticket.reporterId,
    unitId: ticket.unitId,
    points,
    kind: "report_accepted",
    reason: texts.acceptedReason(ticket.number),
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
    reason: texts.reversedReason(ticket.number, ticket.status === "rejected"),
    ticketNumber: ticket.number,
    dedupeKey: `report_reversed:${ticket.number}`,
    at: scope.now,
  });
}

export async function showPoints(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const [balance, history] = await Promise.all([pointBalance(tx, ctx.member.id), pointHistory(tx, ctx.member.id, 5)]);
  if (!history.length) return [reply(ctx, texts.NO_POINTS_YET)];
  const lines = history.map((entry) => texts.historyLine(formatShortDateTime(entry.at, ctx.settings.zone, ctx.now), entry.points, entry.reason));
  return [reply(ctx, texts.balance(ctx.member.name, balance, lines))];
}

export async function showLeaderboard(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const unit = ctx.units.get(ctx.group.unitId);
  const rows = await pointLeaderboard(tx, [...ctx.units.subtreeIds(ctx.group.unitId)], 10);
  const unitName = unit?.name ?? texts.THIS_UNIT;
  if (!rows.length) return [reply(ctx, texts.noLeaders(unitName))];
  return [reply(ctx, texts.leaderboard(unitName, rows))];
}

/** 积分 奖励 @某人 N 原因: staff of this group's unit (or above; the registry's rule) award points, e.g. for a mediated dispute. */
export async function awardPoints(tx: Tx, ctx: MessageContext, target: string, points: number, reason: string): Promise<PostDraft[]> {
  const max = ctx.settings.policy.points.maxAward;
  if (points < 1 || points > max) throw new Refusal(texts.awardRange(max));
  const member = await memberNamedInMessage(tx, ctx, target);
  if (member.id === ctx.member.id) throw new Refusal(texts.NO_SELF_AWARD);
  await addPoints(tx, { memberId: member.id, unitId: ctx.group.unitId, points, kind: "award", reason, awardedById: ctx.member.id, at: ctx.now });
  const balance = await pointBalance(tx, member.id);
  return [reply(ctx, texts.awarded(member.name, points, reason, balance), null, [member.id])];
}
