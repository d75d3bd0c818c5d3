import type { Tx } from "../../store/database.ts";
import { memberNames } from "../../store/org.ts";
import { followerIdsOf, ticketFile, type TicketRecord } from "../../store/tickets.ts";

/** Who is asked to rate a resolved ticket: its reporter and everyone who seconded it, with their names. */
export async function ratersOf(tx: Tx, ticket: TicketRecord): Promise<{ ids: string[]; names: string[] }> {
  const ids = [ticket.reporterId, ...(await followerIdsOf(tx, ticket.number))];
  return { ids, names: await memberNames(tx, ids) };
}

/** Those asked to rate the current resolution who have not rated it yet (a follower's rating leaves it open). */
export async function ratersStillToRate(tx: Tx, ticket: TicketRecord): Promise<{ ids: string[]; names: string[] }> {
  const file = await ticketFile(tx, ticket.number);
  const since = ticket.resolvedAt?.getTime() ?? 0;
  const rated = new Set((file?.events ?? []).filter((event) => event.type === "rated" && event.at.getTime() >= since).map((event) => event.actorId));
  const ids = [ticket.reporterId, ...(await followerIdsOf(tx, ticket.number))].filter((id) => !rated.has(id));
  return { ids, names: await memberNames(tx, ids) };
}
