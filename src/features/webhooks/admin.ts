import { NotFound } from "../../domain/refusal.ts";
import { inTransaction, type Database } from "../../store/database.ts";
import { loadUnitTree } from "../../store/org.ts";
import { listDeliveries, replayEvent, type WebhookDeliveryRecord } from "../../store/webhookDeliveries.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointRecord,
} from "../../store/webhookEndpoints.ts";
import type { WebhookEventType } from "../../domain/webhooks.ts";
import { newWebhookSecret } from "./signature.ts";

/** How long the secret a rotation replaced still signs (a second `v1=`), for the receiver to switch over. */
export const ROTATION_GRACE_MS = 24 * 3_600_000;

/** A request the rules refuse (answered 400 with its code). */
export class WebhookRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An endpoint as operators see it: never its secret. */
export function describeEndpoint(endpoint: WebhookEndpointRecord) {
  return {
    id: endpoint.id,
    unitId: endpoint.unitId,
    url: endpoint.url,
    events: JSON.parse(endpoint.events) as string[],
    handOff: endpoint.handOff,
    enabled: endpoint.enabled,
    zone: endpoint.zone,
    createdAt: endpoint.createdAt.toISOString(),
    previousSecretUntil: endpoint.previousUntil?.toISOString() ?? null,
  };
}

/** A delivery's state, without its document (the console's 运维 lists these). */
export function deliveryFields(delivery: WebhookDeliveryRecord) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    endpointId: delivery.endpointId,
    type: delivery.type,
    ticketNumber: delivery.ticketNumber,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}

/** A delivery with its document, as the admin API answers it. */
export function describeDelivery(delivery: WebhookDeliveryRecord) {
  return { ...deliveryFields(delivery), document: JSON.parse(delivery.body) as unknown };
}

export interface Registration {
  unitId: string;
  url: string;
  events: WebhookEventType[];
  handOff: boolean;
  zone?: string | undefined;
}

/** Registers an endpoint; its secret is answered this once. A hand-off endpoint must be a county unit's. */
export async function registerEndpoint(db: Database, registration: Registration, defaultZone: string, now: Date) {
  const unit = (await loadUnitTree(db)).get(registration.unitId);
  if (!unit) throw new NotFound(`no unit ${registration.unitId}`);
  if (registration.handOff && unit.level !== "county")
    throw new WebhookRefused("hand_off_needs_county", `handOff is for a county unit (区县部门); ${unit.id} is a ${unit.level}`);
  const secret = newWebhookSecret();
  const endpoint = await inTransaction(db, (tx) =>
    createWebhookEndpoint(tx, {
      unitId: unit.id,
      url: registration.url,
      events: registration.events,
      handOff: registration.handOff,
      secret,
      zone: registration.zone ?? defaultZone,
      createdAt: now,
    }),
  );
  return { endpoint: describeEndpoint(endpoint), secret };
}

export async function endpointList(db: Database) {
  return (await listWebhookEndpoints(db)).map(describeEndpoint);
}

export async function changeEndpoint(
  db: Database,
  id: number,
  change: { enabled?: boolean | undefined; url?: string | undefined; events?: WebhookEventType[] | undefined },
) {
  const endpoint = await inTransaction(db, (tx) =>
    updateWebhookEndpoint(tx, id, {
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.events !== undefined ? { events: change.events } : {}),
    }),
  );
  if (!endpoint) throw new NotFound(`no webhook endpoint ${id}`);
  return describeEndpoint(endpoint);
}

export async function removeEndpoint(db: Database, id: number): Promise<void> {
  if (!(await inTransaction(db, (tx) => deleteWebhookEndpoint(tx, id)))) throw new NotFound(`no webhook endpoint ${id}`);
}

export async function rotateSecret(db: Database, id: number, now: Date) {
  const secret = newWebhookSecret();
  const endpoint = await inTransaction(db, (tx) => rotateWebhookSecret(tx, id, secret, new Date(now.getTime() + ROTATION_GRACE_MS)));
  if (!endpoint) throw new NotFound(`no webhook endpoint ${id}`);
  return { endpoint: describeEndpoint(endpoint), secret };
}

export async function deliveryList(
  db: Database,
  filters: { status?: string | undefined; endpoint?: number | undefined; event?: string | undefined },
  limit: number,
) {
  return (await listDeliveries(db, { status: filters.status, endpointId: filters.endpoint, eventId: filters.event }, limit)).map(describeDelivery);
}

export class StillQueued extends Error {}

/** Replays an event by its id: its dead and delivered deliveries are queued again. */
export async function replay(db: Database, eventId: string, now: Date) {
  const queued = await inTransaction(db, (tx) => replayEvent(tx, eventId, now));
  if (queued.length) return queued.map(describeDelivery);
  if (!(await listDeliveries(db, { eventId }, 1)).length) throw new NotFound(`no webhook event ${eventId}`);
  throw new StillQueued(`event ${eventId} is still waiting or being sent`);
}
