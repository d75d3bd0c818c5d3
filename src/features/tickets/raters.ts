import type { UnitTree } from "../../domain/units.ts";
import type { Tx } from "../../store/database.ts";
import { memberNames } from "../../store/org.ts";
import { isPropertyCompanyFor } from "./conflicts.ts";
import { followerIdsOf, ticketFile, type TicketRecord } from "../../store/tickets.ts";

/**
 * Those who may be asked to rate a ticket: its reporter (unless a 代报 without its author, or the property
 * company's own report, which staff confirm by a 回访) and everyone who seconded it, never the property
 * company, whose own work is judged by others.
 */
async function askedToRate(tx: Tx, units: UnitTree, ticket: TicketRecord): Promise<string[]> {
  const ancestry = units.ancestry(ticket.unitId).map((unit) => unit.id);
  const ids = [...(ticket.reporterUnknown ? [] : [ticket.reporterId]), ...(await followerIdsOf(tx, ticket.number))];
  const asked: string[] = [];
  for (const id of ids) if (!(await isPropertyCompanyFor(tx, id, ancestry))) asked.push(id);
  return asked;
}

/** Who is asked to rate a resolved ticket: its reporter and everyone who seconded it, with their names. */
export async function ratersOf(tx: Tx, units: UnitTree, ticket: TicketRecord): Promise<{ ids: string[]; names: string[] }> {
  const ids = await askedToRate(tx, units, ticket);
  return { ids, names: await memberNames(tx, ids) };
}

/** Those asked to rate the current resolution who have not rated it yet (a follower's rating leaves it open). */
export async function ratersStillToRate(tx: Tx, units: UnitTree, ticket: TicketRecord): Promise<{ ids: string[]; names: string[] }> {
  const file = await ticketFile(tx, ticket.number);
  const since = ticket.resolvedAt?.getTime() ?? 0;
  const rated = new Set((file?.events ?? []).filter((event) => event.type === "rated" && event.at.getTime() >= since).map((event) => event.actorId));
  const ids = (await askedToRate(tx, units, ticket)).filter((id) => !rated.has(id));
  return { ids, names: await memberNames(tx, ids) };
}
