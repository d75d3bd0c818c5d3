import type { TicketScope } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { Tx } from "../../store/database.ts";
import { findTicket, followerIdsOf, type TicketRecord } from "../../store/tickets.ts";
import type { ServiceScope } from "../context.ts";
import * as texts from "./texts.ts";

/** A ticket a command names, with what the permission rules look at. */
export interface LoadedTicket {
  ticket: TicketRecord;
  scope: TicketScope;
}

export async function loadTicket(tx: Tx, ctx: ServiceScope, number: number): Promise<LoadedTicket> {
  const ticket = await findTicket(tx, number);
  if (!ticket) throw new Refusal(texts.NOT_FOUND(number));
  const scope: TicketScope = {
    number,
    reporterId: ticket.reporterId,
    followerIds: await followerIdsOf(tx, number),
    unitAncestry: ctx.units.ancestry(ticket.unitId).map((unit) => unit.id),
  };
  return { ticket, scope };
}
