import type { Database, Tx } from "./database.ts";
import { organisation } from "./org.ts";

type Client = Database;

export interface WebhookEndpointRecord {
  id: number;
  unitId: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  handOff: boolean;
  secret: string;
  previousSecret: string | null;
  previousUntil: Date | null;
  enabled: boolean;
  zone: string;
  createdAt: Date;
}

export interface NewWebhookEndpoint {
  unitId: string;
  url: string;
  events: readonly string[];
  handOff: boolean;
  secret: string;
  zone: string;
  createdAt: Date;
}

export async function createWebhookEndpoint(tx: Tx, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRecord> {
  return await tx.query
    .insertInto("WebhookEndpoint")
    .values({ ...endpoint, events: JSON.stringify(endpoint.events), enabled: true })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listWebhookEndpoints(client: Client): Promise<WebhookEndpointRecord[]> {
  return await client.query.selectFrom("WebhookEndpoint").selectAll().orderBy("id").execute();
}

/**
 * The endpoints events are written for, asked in every transaction that writes a ticket's history: from the
 * organisation's cache (directory.ts), so a report costs no statement more while no endpoint changed.
 */
export async function enabledWebhookEndpoints(client: Client): Promise<readonly WebhookEndpointRecord[]> {
  return (await organisation(client)).webhookEndpoints;
}

export async function findWebhookEndpoint(client: Client, id: number): Promise<WebhookEndpointRecord | null> {
  return (await client.query.selectFrom("WebhookEndpoint").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function updateWebhookEndpoint(
  tx: Tx,
  id: number,
  change: { enabled?: boolean; url?: string; events?: readonly string[] },
): Promise<WebhookEndpointRecord | null> {
  const set = {
    ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    ...(change.url !== undefined ? { url: change.url } : {}),
    ...(change.events !== undefined ? { events: JSON.stringify(change.events) } : {}),
  };
  if (!Object.keys(set).length) return await findWebhookEndpoint(tx, id);
  return (await tx.query.updateTable("WebhookEndpoint").set(set).where("id", "=", id).returningAll().executeTakeFirst()) ?? null;
}

/** A new secret; the one it replaces still signs until `previousUntil` (receivers switch over meanwhile). */
export async function rotateWebhookSecret(tx: Tx, id: number, secret: string, previousUntil: Date): Promise<WebhookEndpointRecord | null> {
  return (
    (await tx.query
      .updateTable("WebhookEndpoint")
      .set((eb) => ({ previousSecret: eb.ref("secret"), previousUntil, secret }))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

/** Removes an endpoint and whatever was still to be sent to it. */
export async function deleteWebhookEndpoint(tx: Tx, id: number): Promise<boolean> {
  await tx.query.deleteFrom("WebhookDelivery").where("endpointId", "=", id).execute();
  const result = await tx.query.deleteFrom("WebhookEndpoint").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
