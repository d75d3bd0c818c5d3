import { actsAsPropertyCompany } from "../../domain/permissions.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Database, Tx } from "../../store/database.ts";
import { membershipsOf } from "../../store/org.ts";
import { followerIdsOfTickets, memberNamesById, ratingsOfTickets } from "../../store/sweep.ts";
import type { TicketRecord } from "../../store/tickets.ts";

type Client = Database;
type People = { ids: string[]; names: string[] };

/** Who rates tickets, read for many at once: the SLA sweep asks for a batch, a person's command for one ticket. */
export interface Raters {
  /**
   * Those who may be asked to rate a ticket: its reporter (unless a 代报 without its author, or the property
   * company's own report, which staff confirm by a 回访) and everyone who seconded it, never the property
   * company, whose own work is judged by others.
   */
  askedToRate(ticket: TicketRecord): People;
  /** Those asked to rate the current resolution who have not rated it yet (a follower's rating leaves it open). */
  stillToRate(ticket: TicketRecord): People;
  /** Whether one of the ticket's reporter and followers is the property company where the ticket is. */
  isPropertyCompany(ticket: TicketRecord, memberId: string): boolean;
  /** The names of the ticket's reporter, followers and assignee, in the order given (an unknown id as itself). */
  names(ids: readonly string[]): string[];
}

export async function loadRaters(client: Client, units: UnitTree, tickets: readonly TicketRecord[]): Promise<Raters> {
  const numbers = [...new Set(tickets.map((ticket) => ticket.number))];
  const [followers, ratings] = await Promise.all([followerIdsOfTickets(client, numbers), ratingsOfTickets(client, numbers)]);
  const people = (ticket: TicketRecord) => [ticket.reporterId, ...(followers.get(ticket.number) ?? [])];
  const property = new Set<string>();
  const key = (ticket: TicketRecord, memberId: string) => `${ticket.number}:${memberId}`;
  for (const ticket of tickets) {
    const ancestry = units.ancestry(ticket.unitId).map((unit) => unit.id);
    for (const id of new Set(people(ticket))) if (actsAsPropertyCompany(await membershipsOf(client, id), ancestry)) property.add(key(ticket, id));
  }
  const nameOf = await memberNamesById(
    client,
    tickets.flatMap((ticket) => [...people(ticket), ...(ticket.assigneeId ? [ticket.assigneeId] : [])]),
  );
  const names = (ids: readonly string[]) => ids.map((id) => nameOf.get(id) ?? id);
  const askedIds = (ticket: TicketRecord) =>
    [...(ticket.reporterUnknown ? [] : [ticket.reporterId]), ...(followers.get(ticket.number) ?? [])].filter((id) => !property.has(key(ticket, id)));
  return {
    askedToRate: (ticket) => {
      const ids = askedIds(ticket);
      return { ids, names: names(ids) };
    },
    stillToRate: (ticket) => {
      const since = ticket.resolvedAt?.getTime() ?? 0;
      const rated = new Set((ratings.get(ticket.number) ?? []).filter((rating) => rating.at.getTime() >= since).map((rating) => rating.actorId));
      const ids = askedIds(ticket).filter((id) => !rated.has(id));
      return { ids, names: names(ids) };
    },
    isPropertyCompany: (ticket, memberId) => property.has(key(ticket, memberId)),
    names,
  };
}

/** Who is asked to rate a resolved ticket: its reporter and everyone who seconded it, with their names. */
export async function ratersOf(tx: Tx, units: UnitTree, ticket: TicketRecord): Promise<People> {
  return (await loadRaters(tx, units, [ticket])).askedToRate(ticket);
}

/** Those asked to rate the current resolution who have not rated it yet (a follower's rating leaves it open). */
export async function ratersStillToRate(tx: Tx, units: UnitTree, ticket: TicketRecord): Promise<People> {
  return (await loadRaters(tx, units, [ticket])).stillToRate(ticket);
}
