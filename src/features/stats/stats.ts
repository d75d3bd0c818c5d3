import { parsePeriod, type Period } from "../../domain/periods.ts";
import { Refusal } from "../../domain/refusal.ts";
import { computeFigures, figuresBy, type Figures } from "../../domain/stats.ts";
import type { Colour } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Database, Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { statRowsReportedBetween } from "../../store/tickets.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { reply } from "../posts.ts";
import * as texts from "./texts.ts";

export interface StatsReport {
  unitId: string;
  unitName: string;
  period: Period;
  figures: Figures;
  byEstate: { unitId: string; name: string; figures: Figures }[];
  byCommunity: { unitId: string; name: string; figures: Figures }[];
  byCategory: { category: string; name: string; figures: Figures }[];
  byColour: { colour: Colour; figures: Figures }[];
}

function ancestorAt(units: UnitTree, unitId: string, level: string) {
  return units.ancestry(unitId).find((unit) => unit.level === level);
}

/** The figures for a unit and everything below it, for tickets reported in the period, as of `scope.now`. */
export async function unitStats(client: Database | Tx, scope: ServiceScope, unitId: string, period: Period): Promise<StatsReport> {
  const unit = scope.units.get(unitId);
  if (!unit) throw new Refusal(texts.NO_SUCH_UNIT(unitId));
  const tickets = await statRowsReportedBetween(client, [...scope.units.subtreeIds(unitId)], period.from, period.to);
  const now = scope.now;
  const estateOf = (id: string) => ancestorAt(scope.units, id, "estate")?.id ?? id;
  const communityOf = (id: string) => ancestorAt(scope.units, id, "community")?.id ?? id;
  return {
    unitId,
    unitName: unit.name,
    period,
    figures: computeFigures(tickets, now),
    byEstate: [...figuresBy(tickets, (ticket) => estateOf(ticket.unitId), now)].map(([id, figures]) => ({
      unitId: id,
      name: scope.units.get(id)?.name ?? id,
      figures,
    })),
    byCommunity: [...figuresBy(tickets, (ticket) => communityOf(ticket.unitId), now)].map(([id, figures]) => ({
      unitId: id,
      name: scope.units.get(id)?.name ?? id,
      figures,
    })),
    byCategory: [...figuresBy(tickets, (ticket) => ticket.category, now)].map(([category, figures]) => ({
      category,
      name: scope.text.categoryName(category),
      figures,
    })),
    byColour: [...figuresBy(tickets, (ticket) => ticket.colour, now)].map(([colour, figures]) => ({ colour: colour as Colour, figures })),
  };
}

/** 统计 [今天|本周|本月|上月|2026-11]: the figures for this group's unit and below. */
export async function statsReply(tx: Tx, ctx: MessageContext, periodWord: string | null): Promise<PostDraft[]> {
  const period = parsePeriod(periodWord, ctx.now, ctx.settings.zone);
  if (!period) throw new Refusal(texts.STATS_USAGE);
  const report = await unitStats(tx, ctx, ctx.group.unitId, period);
  return [reply(ctx, texts.statsText(report, texts.STATS_TITLE, ctx.group.kind === "residents"))];
}

/** The API's JSON: the same figures, periods as ISO-8601. */
export function serializeStats(report: StatsReport) {
  return { ...report, period: { from: report.period.from.toISOString(), to: report.period.to.toISOString(), label: report.period.label } };
}
