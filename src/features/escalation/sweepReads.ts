import type { SlaAction } from "../../domain/sla.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Database } from "../../store/database.ts";
import { allGroups, type GroupRecord } from "../../store/org.ts";
import { recentEventsOfTickets, type RecentEvent } from "../../store/sweep.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import type { ServiceScope } from "../context.ts";
import { loadRaters } from "../tickets/raters.ts";
import type { EscalationReads } from "./escalation.ts";
import { loadResponsible, type Responsible } from "./responsible.ts";

/**
 * What the SLA sweep's actions read, loaded in a few statements instead of several per ticket: the groups
 * and their responsible staff once per run, the tickets' histories and raters once per batch. The answers
 * are those of `loadResponsible` and `loadRaters` (the same functions a person's 升级 and 评价 read) and `recentEventsOf`.
 */
export interface SweepStep {
  ticket: TicketRecord;
  action: SlaAction;
}

export interface SweepDirectory {
  groups: ReadonlyMap<string, GroupRecord>;
  /** Who answers for the units of the tickets swept, and those above them (the one read `escalateTicket` makes for one). */
  responsible: Responsible;
  /** The unit and its ancestors' ids, nearest first. */
  unitAncestry(unitId: string): string[];
}

/** The groups, and who answers for the units of the given steps' tickets. */
export async function loadSweepDirectory(db: Database, scope: ServiceScope, steps: readonly SweepStep[]): Promise<SweepDirectory> {
  const groups = await allGroups(db);
  return {
    groups: new Map(groups.map((group) => [group.id, group])),
    responsible: await loadResponsible(db, scope.units, new Set(steps.map((step) => step.ticket.handlingUnitId))),
    unitAncestry: (unitId) => scope.units.ancestry(unitId).map((unit) => unit.id),
  };
}

export interface BatchReads {
  escalation: EscalationReads;
  /** Those asked to rate the current resolution who have not rated it yet, with their names. */
  ratersStillToRate(ticket: TicketRecord): { ids: string[]; names: string[] };
  /** The names of the staff asked to 回访 a 代报 whose author is unknown (its filer and its assignee). */
  revisitStaff(ticket: TicketRecord): { ids: string[]; names: string[] };
}

/** Reads what a batch's steps need: the history of those escalated, the raters of those reminded. */
export async function loadBatchReads(db: Database, directory: SweepDirectory, units: UnitTree, steps: readonly SweepStep[]): Promise<BatchReads> {
  const numbersFor = (type: SlaAction["type"]) => steps.filter((step) => step.action.type === type).map((step) => step.ticket.number);
  const [recentEvents, raters] = await Promise.all([
    recentEventsOfTickets(db, numbersFor("escalate"), 6),
    // The same reads a person's 评价 and 回访 make for one ticket (features/tickets/raters.ts).
    loadRaters(
      db,
      units,
      steps.filter((step) => step.action.type === "remindRating").map((step) => step.ticket),
    ),
  ]);
  const none: RecentEvent[] = [];
  return {
    escalation: {
      recentEvents: (ticketNumber) => recentEvents.get(ticketNumber) ?? none,
      group: (id) => directory.groups.get(id) ?? null,
      responsible: directory.responsible,
    },
    ratersStillToRate: (ticket) => raters.stillToRate(ticket),
    revisitStaff: (ticket) => {
      // The property company's own report is confirmed by others: its assignee, not the property company.
      const reporter = raters.isPropertyCompany(ticket, ticket.reporterId) ? [] : [ticket.reporterId];
      const ids = [...new Set([...reporter, ...(ticket.assigneeId ? [ticket.assigneeId] : [])])];
      return { ids, names: raters.names(ids) };
    },
  };
}
