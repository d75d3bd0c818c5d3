import { categoryName } from "../../bot/taxonomy.ts";
import type { Database } from "../../store/database.ts";
import { open311Tickets, peopleOfTickets, type Open311KeyRecord } from "../../store/open311.ts";
import { loadUnitTree } from "../../store/org.ts";
import type { ServiceSettings } from "../context.ts";
import { requestView, type Open311Request } from "./requestView.ts";

export interface Open311RequestsQuery {
  numbers?: number[];
  categories?: string[];
  status?: "open" | "closed";
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** The tickets of the key's subtree that match, newest first, one page of them; and how many match in all. */
export async function listOpen311Requests(
  db: Database,
  settings: ServiceSettings,
  key: Pick<Open311KeyRecord, "unitId">,
  query: Open311RequestsQuery,
  _now: Date,
): Promise<{ requests: Open311Request[]; total: number }> {
  const units = await loadUnitTree(db);
  const { page, pageSize, ...filters } = query;
  const { tickets, total } = await open311Tickets(db, {
    ...filters,
    unitIds: [...units.subtreeIds(key.unitId)],
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const context = { units, zone: settings.zone, botName: settings.botName, categoryName: (id: string) => categoryName(settings.categories, id) };
  const people = await peopleOfTickets(
    db,
    tickets.map((ticket) => ticket.number),
  );
  return { requests: tickets.map((ticket) => requestView(ticket, context, people.get(ticket.number))), total };
}

/** One ticket of the key's subtree; null for one that does not exist and for one elsewhere alike. */
export async function findOpen311Request(
  db: Database,
  settings: ServiceSettings,
  key: Pick<Open311KeyRecord, "unitId">,
  number: number,
  now: Date,
): Promise<Open311Request | null> {
  const { requests } = await listOpen311Requests(db, settings, key, { numbers: [number], page: 1, pageSize: 1 }, now);
  return requests[0] ?? null;
}
