import { parsePeriod, type Period } from "../../domain/periods.ts";
import { isOverdue as overdueAt } from "../../domain/sla.ts";
import { allGroups, type GroupRecord } from "../../store/org.ts";
import { openCountCells, openCountsOfCells, openTicketsHandledBy, talliesOfCells, ticketTallyCells, type OpenCounts } from "../../store/ticketStats.ts";
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

/** The open matters one work group's daily digest reads: counted per handling unit, and its own level's listed. */
export interface DailyFigures {
  counts: readonly OpenCounts[];
  /** Open tickets of the group's units handled by its own level, by number (at most DAILY_LIST_LIMIT). */
  own: (ownHandling: ReadonlySet<string>) => TicketRecord[];
}

/**
 * 日互通 for one work group: the open matters its own level answers for (escalated to it, or from units
 * below without a work group of their own), each listed once, overdue first; for the units below with their
 * own work groups, only counts. Closed matters are never listed. Exported for the test that reads each group's
 * figures alone and compares.
 */
export function dailyText(scope: ServiceScope, group: GroupRecord, unitsWithStaffGroups: ReadonlySet<string>, figures: DailyFigures): string {
  const now = scope.now;
  const freshSince = new Date(now.getTime() - 86_400_000);
  const unitIds = scope.units.subtreeIds(group.unitId);
  const ownHandling = new Set<string>();
  const ownCounts = { fresh: 0, overdue: 0 };
  const below = new Map<string, statsTexts.UnitCounts & { firstDue: number; firstNumber: number }>();
  for (const row of figures.counts) {
    const unitId = answeringUnit(scope, row.handlingUnitId, unitsWithStaffGroups);
    // A matter escalated above this group (the street, the county) is neither its own nor a unit's below.
    if (!unitId || !unitIds.has(unitId)) continue;
    if (unitId === group.unitId) {
      ownHandling.add(row.handlingUnitId);
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
  const own = ownHandling.size ? figures.own(ownHandling) : [];
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

/**
 * 日互通: every morning, each work group gets its units' new and overdue tickets. Every group's open tickets
 * are counted in one statement and the matters the groups list are read in one more; each group's digest is
 * taken from those, as it used to be read for it alone.
 */
export async function postDailyDigest(deps: MessageServiceDeps, now: Date): Promise<DigestSummary> {
  const scope = await loadServiceScope(deps.db, deps.settings, now);
  const day = localDate(now, deps.settings.zone);
  const groups = await allGroups(deps.db);
  const groupsByPlatform = new Map<string, Set<string>>();
  for (const g of groups) groupsByPlatform.set(g.platform, (groupsByPlatform.get(g.platform) ?? new Set()).add(g.id));
  const staffGroups = groups.filter((g) => g.kind === "staff");
  const unitsWithStaffGroups = new Set(staffGroups.map((g) => g.unitId));
  const units = [...new Set(staffGroups.flatMap((group) => [...scope.units.subtreeIds(group.unitId)]))];
  const cells = await openCountCells(deps.db, units, now, new Date(now.getTime() - 86_400_000));
  // The handling units some group lists as its own level's: every unit that answers for its own matters.
  const listed = new Set<string>();
  for (const cell of cells) if (answeringUnit(scope, cell.handlingUnitId, unitsWithStaffGroups)) listed.add(cell.handlingUnitId);
  const open = await openTicketsHandledBy(deps.db, units, [...listed]);
  const digests: DigestPost[] = [];
  for (const [i, group] of staffGroups.entries()) {
    // Summing and wording is CPU work: give the event loop a turn now and then, so messages are answered meanwhile.
    if (i % GROUPS_PER_TURN === GROUPS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    const unitIds = scope.units.subtreeIds(group.unitId);
    // A playground's groups (the sandbox) see only tickets that came in through that platform.
    const confined = deps.routing.ownTicketsOnly?.(group.platform) === true ? (groupsByPlatform.get(group.platform) ?? new Set<string>()) : null;
    const cameThrough = (groupId: string) => !confined || groupId === "" || confined.has(groupId);
    const figures: DailyFigures = {
      counts: openCountsOfCells(cells, unitIds, confined),
      own: (ownHandling) =>
        open.filter((ticket) => unitIds.has(ticket.unitId) && ownHandling.has(ticket.handlingUnitId) && cameThrough(ticket.groupId)).slice(0, DAILY_LIST_LIMIT),
    };
    digests.push({ group, key: `digest-daily:${day}:${group.id}`, text: dailyText(scope, group, unitsWithStaffGroups, figures) });
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
