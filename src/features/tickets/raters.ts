import type { Tx } from "../../store/database.ts";
import { memberNames } from "../../store/org.ts";
import { followerIdsOf, type TicketRecord } from "../../store/tickets.ts";

/** Who is asked to rate a resolved ticket: its reporter and everyone who seconded it, with their names. */
export async function ratersOf(tx: Tx, ticket: TicketRecord): Promise<{ ids: string[]; names: string[] }> {
  const ids = [ticket.reporterId, ...(await followerIdsOf(tx, ticket.number))];
  return { ids, names: await memberNames(tx, ids) };
}
