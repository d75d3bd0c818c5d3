import { Refusal } from "../../domain/refusal.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { parsePeriod } from "../../domain/periods.ts";
import { awardRefusal } from "../../domain/points.ts";
import { PERMISSION_TEXTS } from "../../domain/texts.ts";
import { STAFF_ROLES } from "../../domain/types.ts";
import { membersNamedInUnits, membershipsOf, type MemberRecord } from "../../store/org.ts";
import { mayTakeBackReport, takeBackPoints } from "../../domain/rewards.ts";
import { lockMemberSpending, ticketEverResolved } from "../../store/rewards.ts";
import { pointsOf } from "../rewards/exchange.ts";
import {
  addPoints,
  attendanceEntries,
  awardedSince,
  pointBalance,
  pointEntryByKey,
  pointHistory,
  pointLeaderboard,
  type PointDraft,
} from "../../store/points.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { memberNamedInMessage } from "../groups/members.ts";
import { reply } from "../posts.ts";
import { isPropertyCompanyFor } from "../tickets/conflicts.ts";
import * as texts from "./texts.ts";

/**
 * 红色小积分: an accepted report earns points once; a report later rejected or withdrawn gives them back;
 * duplicates (附议) earn nothing. Meetings attended and disputes mediated are the other sources.
 */
export async function awardAcceptedReport(tx: Tx, scope: ServiceScope, ticket: TicketRecord): Promise<void> {
  const points = scope.settings.policy.points.reportAccepted;
  // A 代报 whose author is unknown earns nobody points: the staff member recorded as reporter only filed it.
  if (points <= 0 || ticket.reporterUnknown) return;
  // Staff (the property company included) earn no points for reporting: points are for residents taking part.
  const ancestry = scope.units.ancestry(ticket.unitId).map((unit) => unit.id);
  const memberships = await membershipsOf(tx, ticket.reporterId);
  if (memberships.some((membership) => ancestry.includes(membership.unitId) && STAFF_ROLES.has(membership.role))) return;
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

/**
 * A report rejected or withdrawn takes its points back, only while they are pending (domain/rewards.ts): once
 * its ticket was resolved they were the resident's to spend, and stay so.
 */
export async function reverseReportAward(tx: Tx, scope: ServiceScope, ticket: TicketRecord): Promise<void> {
  const award = await pointEntryByKey(tx, `report_accepted:${ticket.number}`);
  if (!award || !mayTakeBackReport(await ticketEverResolved(tx, ticket.number))) return;
  await takeBack(tx, {
    memberId: award.memberId,
    unitId: award.unitId,
    points: award.points,
    kind: "report_reversed",
    reason: texts.reversedReason(ticket.number, ticket.status === "rejected"),
    ticketNumber: ticket.number,
    dedupeKey: `report_reversed:${ticket.number}`,
    at: scope.now,
  });
}

/**
 * Writes a take-back of the points an entry earned, capped at what the member's ledger holds (the reason says
 * so): pending points are always there, but points spent before they waited for their source may not be.
 */
async function takeBack(tx: Tx, entry: PointDraft): Promise<boolean> {
  await lockMemberSpending(tx, entry.memberId);
  const taken = takeBackPoints(entry.points, await pointBalance(tx, entry.memberId));
  const reason = taken < entry.points ? texts.cappedTakeBack(entry.reason, entry.points, taken) : entry.reason;
  return addPoints(tx, { ...entry, points: -taken, reason });
}

/** 积分: what one may spend, what is pending (a report not yet resolved, a meeting not yet held), the latest entries. */
export async function showPoints(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const [points, history] = await Promise.all([pointsOf(tx, ctx, ctx.member.id), pointHistory(tx, ctx.member.id, 5)]);
  if (!history.length) return [reply(ctx, texts.NO_POINTS_YET)];
  const lines = history.map((entry) => texts.historyLine(formatShortDateTime(entry.at, ctx.settings.zone, ctx.now), entry.points, entry.reason));
  return [reply(ctx, texts.balance(ctx.member.name, points, lines))];
}

/** Holds a staff role in any group: such a member is not on the residents' 积分榜 and receives no awards. */
async function isStaffMember(tx: Tx, memberId: string): Promise<boolean> {
  return (await membershipsOf(tx, memberId)).some((membership) => STAFF_ROLES.has(membership.role));
}

/** The residents' leaderboard: staff are left out, whatever points they hold from before. */
export async function showLeaderboard(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const unit = ctx.units.get(ctx.group.unitId);
  const ranked = await pointLeaderboard(tx, [...ctx.units.subtreeIds(ctx.group.unitId)], 200);
  const rows: typeof ranked = [];
  for (const row of ranked) if (rows.length < 10 && !(await isStaffMember(tx, row.memberId))) rows.push(row);
  const unitName = unit?.name ?? texts.THIS_UNIT;
  if (!rows.length) return [reply(ctx, texts.noLeaders(unitName))];
  return [reply(ctx, texts.leaderboard(unitName, rows))];
}

/**
 * 积分 奖励 @某人 N 原因: staff of this group's unit (or above; the registry's rule) award points to a resident,
 * e.g. for a mediated dispute, within the rules of domain/points.ts (no staff, no property company, a cap per
 * person and month).
 */
export async function awardPoints(tx: Tx, ctx: MessageContext, target: string, points: number, reason: string): Promise<PostDraft[]> {
  const policy = ctx.settings.policy.points;
  const { member, unitId } = await awardTarget(tx, ctx, target);
  const month = parsePeriod("本月", ctx.now, ctx.settings.zone)!;
  const groupAncestry = ctx.units.ancestry(ctx.group.unitId).map((unit) => unit.id);
  const awardedThisMonth = await awardedSince(tx, member.id, month.from);
  const refusal = awardRefusal({
    points,
    maxAward: policy.maxAward,
    monthlyCap: policy.monthlyAwardCap,
    awardedThisMonth,
    self: member.id === ctx.member.id,
    giverIsPropertyCompany: await isPropertyCompanyFor(tx, ctx.member.id, groupAncestry),
    targetIsStaff: await isStaffMember(tx, member.id),
  });
  switch (refusal) {
    case "range":
      throw new Refusal(texts.awardRange(policy.maxAward));
    case "self":
      throw new Refusal(texts.NO_SELF_AWARD);
    case "property":
      throw new Refusal(PERMISSION_TEXTS.propertyNoAward);
    case "staffTarget":
      throw new Refusal(texts.NO_STAFF_AWARD(member.name));
    case "monthlyCap":
      throw new Refusal(texts.monthlyCapReached(member.name, policy.monthlyAwardCap, Math.max(0, policy.monthlyAwardCap - awardedThisMonth)));
    case null:
      break;
  }
  await addPoints(tx, { memberId: member.id, unitId, points, kind: "award", reason, awardedById: ctx.member.id, at: ctx.now });
  return [reply(ctx, texts.awarded(member.name, points, reason, await pointsOf(tx, ctx, member.id)), null, [member.id])];
}

/**
 * The resident an award names: in this group; from a work group, among the members of the estates it serves
 * (its unit and those below), credited to the resident's own estate.
 */
async function awardTarget(tx: Tx, ctx: MessageContext, target: string): Promise<{ member: MemberRecord; unitId: string }> {
  try {
    return { member: await memberNamedInMessage(tx, ctx, target), unitId: ctx.group.unitId };
  } catch (error) {
    if (!(error instanceof Refusal) || ctx.group.kind !== "staff" || ctx.message.mentionedUserIds?.length) throw error;
    const served = ctx.units.subtreeIds(ctx.group.unitId);
    const people = await membersNamedInUnits(tx, [...served], target.replace(/^@/, ""));
    if (people.length !== 1) throw new Refusal(people.length ? texts.severalServed(target) : texts.notServed(target));
    const home = (await membershipsOf(tx, people[0]!.id)).find((membership) => served.has(membership.unitId));
    return { member: people[0]!, unitId: home?.unitId ?? ctx.group.unitId };
  }
}

/**
 * A cancelled meeting takes back its 签到 points, each with an entry of its own (the ledger keeps both). A
 * meeting is cancelled only before it starts, while its points are pending.
 */
export async function reverseAttendance(tx: Tx, scope: ServiceScope, meetingNumber: number): Promise<number> {
  let reversed = 0;
  for (const entry of await attendanceEntries(tx, meetingNumber)) {
    const added = await takeBack(tx, {
      memberId: entry.memberId,
      unitId: entry.unitId,
      points: entry.points,
      kind: "meeting_cancelled",
      reason: texts.attendanceReversedReason(meetingNumber),
      meetingNumber,
      dedupeKey: `meeting_cancelled:${meetingNumber}:${entry.memberId}`,
      at: scope.now,
    });
    if (added) reversed += 1;
  }
  return reversed;
}
