import type { TicketScope } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { Tx } from "../../store/database.ts";
import { groupsByIds } from "../../store/org.ts";
import { findTicket, followerIdsOf, type TicketRecord } from "../../store/tickets.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
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

/**
 * The tickets this message may see: all of them, unless it comes from a playground platform (the sandbox),
 * whose members see only tickets that came in through that platform's groups.
 */
export async function visibleTickets<T extends { groupId: string }>(tx: Tx, ctx: MessageContext, tickets: readonly T[]): Promise<T[]> {
  if (!ctx.message.ownPlatformTicketsOnly || tickets.length === 0) return [...tickets];
  const groups = await groupsByIds(tx, [...new Set(tickets.map((ticket) => ticket.groupId))]);
  const samePlatform = new Set(groups.filter((group) => group.platform === ctx.group.platform).map((group) => group.id));
  return tickets.filter((ticket) => samePlatform.has(ticket.groupId));
}

/** Loads a ticket the message names; one it may not see is answered as not found. */
export async function loadVisibleTicket(tx: Tx, ctx: MessageContext, number: number): Promise<LoadedTicket> {
  const loaded = await loadTicket(tx, ctx, number);
  if ((await visibleTickets(tx, ctx, [loaded.ticket])).length === 0) throw new Refusal(texts.NOT_FOUND(number));
  return loaded;
}
