import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import {
  coversAny,
  HAND_OFF_EVENT,
  meetingDecisionDocument,
  ticketDocument,
  webhookTypeOf,
  type MeetingDecisionFacts,
  type UnitRef,
  type WebhookEventType,
} from "../domain/webhooks.ts";
import type { UnitTree } from "../domain/units.ts";
import { inTransaction, type Database, type Tx } from "./database.ts";
import { rowCount } from "./literals.ts";
import { loadUnitTree } from "./org.ts";
import { insertRows } from "./rows.ts";
import type { WebhookDeliveryTable } from "./schema.ts";
import { enabledWebhookEndpoints, type WebhookEndpointRecord } from "./webhookEndpoints.ts";

type Client = Database;

/** A delivery, as the table holds it. */
export type WebhookDeliveryRecord = Selectable<WebhookDeliveryTable>;

const UNSENT = ["pending", "sending"];

/** A history event just written: the store calls queueTicketWebhooks with these. */
export interface WrittenTicketEvent {
  ticketNumber: number;
  type: string;
  at: Date;
}

const subscribes = (endpoint: WebhookEndpointRecord, type: string) => (JSON.parse(endpoint.events) as string[]).includes(type);

function unitRef(units: UnitTree, id: string): UnitRef {
  const unit = units.get(id);
  return unit ? { id: unit.id, name: unit.name, level: unit.level } : { id, name: id, level: "estate" };
}

/**
 * The transactional outbox of webhooks: called by the store wherever a ticket's history is written, in the
 * same transaction, so an event is queued if and only if its change commits. Each event becomes one
 * delivery per enabled endpoint that subscribes to it and covers the ticket (its estate or its handling unit
 * lies in the endpoint's subtree); a ticket escalated to the county into a hand-off endpoint's subtree is
 * also a `ticket.handed_off` for it. The document is written now, as the ticket stands after the change.
 */
export async function queueTicketWebhooks(tx: Tx, events: readonly WrittenTicketEvent[]): Promise<void> {
  const relevant = events.filter((event) => webhookTypeOf(event.type) !== null);
  if (!relevant.length) return;
  const endpoints = await enabledWebhookEndpoints(tx);
  if (!endpoints.length) return;
  const numbers = [...new Set(relevant.map((event) => event.ticketNumber))];
  const tickets = new Map((await tx.query.selectFrom("Ticket").selectAll().where("number", "in", numbers).execute()).map((ticket) => [ticket.number, ticket]));
  const units = await loadUnitTree(tx);
  const rows: Omit<WebhookDeliveryRecord, "id" | "attempts" | "leaseUntil" | "claimedBy" | "lastStatus" | "lastError" | "deliveredAt">[] = [];
  for (const event of relevant) {
    const ticket = tickets.get(event.ticketNumber);
    if (!ticket) continue;
    const type = webhookTypeOf(event.type)!;
    const ancestries = [units.ancestry(ticket.unitId), units.ancestry(ticket.handlingUnitId)];
    const handOff = type === "ticket.escalated" && ticket.level === "county";
    const documents = new Map<string, string>();
    const document = (eventType: WebhookEventType | typeof HAND_OFF_EVENT, zone: string) => {
      const key = `${eventType} ${zone}`;
      // One id per event (and zone's rendering), the same for every endpoint that hears of it.
      if (!documents.has(key)) {
        documents.set(
          key,
          JSON.stringify(
            ticketDocument({
              id: randomUUID(),
              type: eventType,
              at: event.at,
              zone,
              unit: unitRef(units, ticket.unitId),
              handlingUnit: unitRef(units, ticket.handlingUnitId),
              ticket,
            }),
          ),
        );
      }
      return documents.get(key)!;
    };
    for (const endpoint of endpoints) {
      const base = {
        endpointId: endpoint.id,
        orderKey: `ticket:${ticket.number}`,
        ticketNumber: ticket.number,
        status: "pending",
        nextAttemptAt: event.at,
        createdAt: event.at,
      };
      if (subscribes(endpoint, type) && coversAny(endpoint.unitId, ancestries)) {
        const body = document(type, endpoint.zone);
        rows.push({ ...base, eventId: idOf(body), type, body });
      }
      if (handOff && endpoint.handOff && coversAny(endpoint.unitId, [ancestries[1]!])) {
        const body = document(HAND_OFF_EVENT, endpoint.zone);
        rows.push({ ...base, eventId: idOf(body), type: HAND_OFF_EVENT, body });
      }
    }
  }
  if (rows.length) await insertRows(tx, "WebhookDelivery", rows);
}

const idOf = (body: string) => (JSON.parse(body) as { id: string }).id;

/** A meeting's decision (决议), queued in the transaction that records it. */
export async function queueMeetingDecisionWebhook(tx: Tx, facts: Omit<MeetingDecisionFacts, "id" | "zone" | "unit"> & { unitId: string }): Promise<void> {
  const endpoints = (await enabledWebhookEndpoints(tx)).filter((endpoint) => subscribes(endpoint, "meeting.decided"));
  if (!endpoints.length) return;
  const units = await loadUnitTree(tx);
  const ancestry = units.ancestry(facts.unitId);
  const id = randomUUID();
  const rows = endpoints
    .filter((endpoint) => coversAny(endpoint.unitId, [ancestry]))
    .map((endpoint) => ({
      eventId: id,
      endpointId: endpoint.id,
      type: "meeting.decided",
      orderKey: `meeting:${facts.meeting.number}`,
      ticketNumber: facts.item.ticketNumber,
      body: JSON.stringify(meetingDecisionDocument({ ...facts, id, zone: endpoint.zone, unit: unitRef(units, facts.unitId) })),
      status: "pending",
      nextAttemptAt: facts.at,
      createdAt: facts.at,
    }));
  if (rows.length) await insertRows(tx, "WebhookDelivery", rows);
}

export interface DeliveryClaimRequest {
  claimedBy: string;
  now: Date;
  leaseUntil: Date;
  /** Deliveries sent whose outcome is not written yet (the database stayed busy): not to claim again. */
  exceptIds?: readonly number[];
}

/**
 * Claims the next delivery to send, oldest first, atomically, as the chat outbox claims its posts
 * (store/outbox.ts, claimNextPost): only the head of its (endpoint, ticket or meeting) queue, so a later
 * event of a ticket waits until the earlier one is delivered or dead; due (no retry time ahead, or a claim
 * that ran out: its claimer died mid-send); its endpoint enabled. PostgreSQL: FOR UPDATE SKIP LOCKED;
 * SQLite: the write transaction's lock.
 */
export async function claimNextDelivery(client: Client, request: DeliveryClaimRequest): Promise<WebhookDeliveryRecord | null> {
  const { now } = request;
  let candidate = client.query
    .with(
      (cte) => cte("heads").materialized(),
      (db) =>
        db
          .selectFrom("WebhookDelivery")
          .select((eb) => eb.fn.min("id").as("id"))
          .where("status", "in", UNSENT)
          .groupBy(["endpointId", "orderKey"]),
    )
    .selectFrom("heads")
    .innerJoin("WebhookDelivery as d", "d.id", "heads.id")
    .innerJoin("WebhookEndpoint as e", "e.id", "d.endpointId")
    .select("d.id")
    .where("e.enabled", "=", true)
    .where((eb) =>
      eb.or([
        eb.and([eb("d.status", "=", "pending"), eb.or([eb("d.nextAttemptAt", "is", null), eb("d.nextAttemptAt", "<=", now)])]),
        eb.and([eb("d.status", "=", "sending"), eb.or([eb("d.leaseUntil", "is", null), eb("d.leaseUntil", "<=", now)])]),
      ]),
    )
    .orderBy("d.id")
    .limit(1);
  if (request.exceptIds?.length) candidate = candidate.where("d.id", "not in", [...request.exceptIds]);
  if (client.dialect === "postgres") candidate = candidate.forUpdate("d").skipLocked();
  return await inTransaction(client, async (tx) => {
    const row = await tx.query
      .updateTable("WebhookDelivery")
      .set((eb) => ({ status: "sending", leaseUntil: request.leaseUntil, claimedBy: request.claimedBy, attempts: eb("attempts", "+", 1) }))
      // "=", a scalar subquery run once: under "in" PostgreSQL may join it instead and claim several at once
      // (as store/outbox.ts's claim did, test/outbox/claimAfterChurn.test.ts).
      .where("id", "=", candidate)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  });
}

export interface DeliveryClaim {
  id: number;
  claimedBy: string;
}

/** The delivery as its claim left it; a claim that ran out and was taken by another worker is that one's to settle. */
const claimed = (client: Client, claim: DeliveryClaim) =>
  client.query.updateTable("WebhookDelivery").where("id", "=", claim.id).where("status", "=", "sending").where("claimedBy", "=", claim.claimedBy);

/** Resolves true when the claim still held (this worker's outcome is the one written). */
export async function markDelivered(client: Client, claim: DeliveryClaim, now: Date, lastStatus: number): Promise<boolean> {
  const result = await claimed(client, claim)
    .set({ status: "delivered", deliveredAt: now, leaseUntil: null, claimedBy: null, lastStatus, lastError: null })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markDeliveryRetry(client: Client, claim: DeliveryClaim, nextAttemptAt: Date, lastStatus: number | null, error: string): Promise<void> {
  await claimed(client, claim).set({ status: "pending", nextAttemptAt, leaseUntil: null, claimedBy: null, lastStatus, lastError: error }).execute();
}

export async function markDeliveryDead(client: Client, claim: DeliveryClaim, lastStatus: number | null, error: string): Promise<void> {
  await claimed(client, claim).set({ status: "dead", leaseUntil: null, claimedBy: null, lastStatus, lastError: error }).execute();
}

export async function listDeliveries(
  client: Client,
  filters: { status?: string | undefined; endpointId?: number | undefined; eventId?: string | undefined },
  limit: number,
): Promise<WebhookDeliveryRecord[]> {
  let query = client.query.selectFrom("WebhookDelivery").selectAll();
  if (filters.status) query = query.where("status", "=", filters.status);
  if (filters.endpointId) query = query.where("endpointId", "=", filters.endpointId);
  if (filters.eventId) query = query.where("eventId", "=", filters.eventId);
  return await query.orderBy("id", "desc").limit(rowCount(limit)).execute();
}

/**
 * Sends an event again, to every endpoint it was for (or one): its dead or delivered deliveries go back in
 * the queue as new, with the same id and document (a receiver that has it already drops it by the id).
 * Returns the deliveries queued again; a delivery still waiting or being sent is left as it is.
 */
export async function replayEvent(tx: Tx, eventId: string, now: Date, endpointId?: number): Promise<WebhookDeliveryRecord[]> {
  let query = tx.query
    .updateTable("WebhookDelivery")
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, lastStatus: null, deliveredAt: null })
    .where("eventId", "=", eventId)
    .where("status", "in", ["dead", "delivered"]);
  if (endpointId) query = query.where("endpointId", "=", endpointId);
  return await query.returningAll().execute();
}

/** How many deliveries each endpoint has in each status. */
export async function deliveryCountsByEndpoint(client: Client): Promise<{ endpointId: number; status: string; count: number }[]> {
  const rows = await client.query
    .selectFrom("WebhookDelivery")
    .select(["endpointId", "status", (eb) => eb.fn.countAll().as("count")])
    .groupBy(["endpointId", "status"])
    .execute();
  return rows.map((row) => ({ endpointId: row.endpointId, status: row.status, count: Number(row.count) }));
}
