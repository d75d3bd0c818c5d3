import { parsePeriod, type Period } from "../../domain/periods.ts";
import { isOverdue as overdueAt } from "../../domain/sla.ts";
import { allGroups, type GroupRecord } from "../../store/org.ts";
import { openCountsByHandlingUnit, openTicketsHandledBy, talliesOfCells, ticketTallyCells } from "../../store/ticketStats.ts";
import { pointSumsByUnitAndKind } from "../../store/rewards.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import { wallTimeOf } from "../../time/zoned.ts";
import { loadServiceScope, type ServiceScope } from "../context.ts";
import { postEachOnce } from "../postOnce.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { notice } from "../posts.ts";
import { monthlyPointsText } from "../rewards/figures.ts";
import { statsFromTallies } from "./stats.ts";
import * as statsTexts from "./texts.ts";
import * as ticketTexts from "../tickets/texts.ts";

export interface DigestSummary {
  posted: number;
  /** Already posted for this period (a rerun, a restart, a second scheduler): not posted again. */
  alreadyPosted: number;
}

/** A digest's text for one group, posted once per `key` (its kind, period and group). */
interface DigestPost {
  group: GroupRecord;
  key: string;
  text: string;
}

/** Posts each group's digest once per its key, all in one transaction (postEachOnce), and counts what was posted. */
async function postDigests(deps: MessageServiceDeps, digests: readonly DigestPost[], now: Date): Promise<DigestSummary> {
  const claimed = await postEachOnce(
    deps,
    digests.map(({ group, key, text }) => ({ key, posts: [notice(group.id, text, null)] })),
    now,
  );
  return { posted: claimed.size, alreadyPosted: digests.length - claimed.size };
}

function localDate(now: Date, zone: string): string {
  const wall = wallTimeOf(now, zone);
  return `${wall.year}-${String(wall.month).padStart(2, "0")}-${String(wall.day).padStart(2, "0")}`;
}

/** The unit whose work group answers for a handling unit's tickets: itself, or the nearest one above with a work group. */
function answeringUnit(scope: ServiceScope, handlingUnitId: string, unitsWithStaffGroups: ReadonlySet<string>): string | null {
  return scope.units.ancestry(handlingUnitId).find((unit) => unitsWithStaffGroups.has(unit.id))?.id ?? null;
}

/** The most open matters one work group's daily list shows. */
const DAILY_LIST_LIMIT = 1000;

/**
 * 日互通 for one work group: the open matters its own level answers for (escalated to it, or from units
 * below without a work group of their own), each listed once, overdue first; for the units below with their
 * own work groups, only counts. Closed matters are never listed. The database counts per handling unit;
 * only the group's own matters are read.
 */
async function dailyText(
  deps: MessageServiceDeps,
  scope: ServiceScope,
  group: GroupRecord,
  unitsWithStaffGroups: ReadonlySet<string>,
  groupsByPlatform: ReadonlyMap<string, string[]>,
): Promise<string> {
  const now = scope.now;
  const freshSince = new Date(now.getTime() - 86_400_000);
  const unitIds = [...scope.units.subtreeIds(group.unitId)];
  // A playground's groups (the sandbox) see only tickets that came in through that platform.
  const confined = deps.routing.ownTicketsOnly?.(group.platform) === true ? (groupsByPlatform.get(group.platform) ?? []) : null;
  const counts = await openCountsByHandlingUnit(deps.db, unitIds, confined, now, freshSince);
  const ownHandling: string[] = [];
  const ownCounts = { fresh: 0, overdue: 0 };
  const below = new Map<string, statsTexts.UnitCounts & { firstDue: number; firstNumber: number }>();
  for (const row of counts) {
    const unitId = answeringUnit(scope, row.handlingUnitId, unitsWithStaffGroups);
    // A matter escalated above this group (the street, the county) is neither its own nor a unit's below.
    if (!unitId || !unitIds.includes(unitId)) continue;
    if (unitId === group.unitId) {
      ownHandling.push(row.handlingUnitId);
      ownCounts.fresh += row.fresh;
      continue;
    }
    const sum = below.get(unitId) ?? {
      name: scope.units.get(unitId)?.name ?? unitId,
      open: 0,
      fresh: 0,
      overdue: 0,
      firstDue: Infinity,
      firstNumber: Infinity,
    };
    sum.open += row.open;
    sum.fresh += row.fresh;
    sum.overdue += row.overdue;
    sum.firstDue = Math.min(sum.firstDue, row.firstDue.getTime());
    sum.firstNumber = Math.min(sum.firstNumber, row.firstNumber);
    below.set(unitId, sum);
  }
  const own = await openTicketsHandledBy(deps.db, unitIds, ownHandling, confined, DAILY_LIST_LIMIT);
  const isOverdue = (ticket: TicketRecord) => overdueAt(ticket, now);
  const isFresh = (ticket: TicketRecord) => ticket.createdAt.getTime() > freshSince.getTime();
  // The headline counts the very tickets listed, with the rule that marks them ⚠️.
  ownCounts.overdue = own.filter(isOverdue).length;
  own.sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)) || a.number - b.number);
  // Units below in the order of their most pressing matter.
  const belowInOrder = [...below.values()].sort((a, b) => a.firstDue - b.firstDue || a.firstNumber - b.firstNumber);
  return statsTexts.dailyDigest(
    scope.units.get(group.unitId)?.name ?? "",
    own.map((ticket) => ticketTexts.ticketLine(ticket, scope.text, true) + (isFresh(ticket) ? statsTexts.FRESH_MARK : "")),
    ownCounts,
    belowInOrder.map(({ name, open, fresh, overdue }) => ({ name, open, fresh, overdue })),
  );
}

/** 日互通: every morning, each work group gets its units' new and overdue tickets. */
export async function postDailyDigest(deps: MessageServiceDeps, now: Date): Promise<DigestSummary> {
  const scope = await loadServiceScope(deps.db, deps.settings, now);
  const day = localDate(now, deps.settings.zone);
  const groups = await allGroups(deps.db);
  const groupsByPlatform = new Map<string, string[]>();
  for (const g of groups) groupsByPlatform.set(g.platform, [...(groupsByPlatform.get(g.platform) ?? []), g.id]);
  const staffGroups = groups.filter((g) => g.kind === "staff");
  const unitsWithStaffGroups = new Set(staffGroups.map((g) => g.unitId));
  const digests: DigestPost[] = [];
  for (const group of staffGroups) {
    digests.push({ group, key: `digest-daily:${day}:${group.id}`, text: await dailyText(deps, scope, group, unitsWithStaffGroups, groupsByPlatform) });
  }
  const summary = await postDigests(deps, digests, now);
  deps.onOutboxChanged?.();
  return summary;
}

/** Groups' texts written between two turns of the event loop. */
const GROUPS_PER_TURN = 20;

async function periodicDigest(deps: MessageServiceDeps, now: Date, period: Period, kind: "weekly" | "monthly", title: string): Promise<DigestSummary> {
  const scope = await loadServiceScope(deps.db, deps.settings, now);
  const periodKey = localDate(period.from, deps.settings.zone);
  // The monthly review is also 晒单 in the residents' groups, with public figures only.
  const groups = (await allGroups(deps.db)).filter((group) => group.kind === "staff" || kind === "monthly");
  // Every group's units are counted in one statement (and their points in one more); each group's figures are
  // summed from those, as 统计 counts them for one group.
  const units = [...new Set(groups.flatMap((group) => [...scope.units.subtreeIds(group.unitId)]))];
  const cells = await ticketTallyCells(deps.db, units, period.from, period.to, scope.now);
  const points = kind === "monthly" ? await pointSumsByUnitAndKind(deps.db, units, period.from, period.to) : [];
  const digests: DigestPost[] = [];
  for (const [i, group] of groups.entries()) {
    // Summing and wording is CPU work: give the event loop a turn now and then, so messages are answered meanwhile.
    if (i % GROUPS_PER_TURN === GROUPS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    const report = statsFromTallies(scope, group.unitId, period, talliesOfCells(cells, scope.units.subtreeIds(group.unitId)));
    let text = statsTexts.statsText(report, group.kind === "staff" ? title : statsTexts.PUBLIC_TITLE, group.kind !== "staff");
    // 月复盘 also says what each estate's residents earned and spent in points.
    const pointsText = kind === "monthly" ? monthlyPointsText(scope, group.unitId, points) : "";
    if (pointsText)
      text = `${text}
${pointsText}`;
    digests.push({ group, key: `digest-${kind}:${periodKey}:${group.id}`, text });
  }
  const summary = await postDigests(deps, digests, now);
  deps.onOutboxChanged?.();
  return summary;
}

/** 周研判: Monday morning, last week's figures to the work groups. */
export function postWeeklyDigest(deps: MessageServiceDeps, now: Date): Promise<DigestSummary> {
  return periodicDigest(deps, now, parsePeriod("上周", now, deps.settings.zone)!, "weekly", statsTexts.WEEKLY_TITLE);
}

/** 月复盘: on the 1st, last month's figures to the work groups, and public figures to the residents. */
export function postMonthlyDigest(deps: MessageServiceDeps, now: Date): Promise<DigestSummary> {
  return periodicDigest(deps, now, parsePeriod("上月", now, deps.settings.zone)!, "monthly", statsTexts.MONTHLY_TITLE);
}
