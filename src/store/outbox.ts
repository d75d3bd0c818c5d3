import { sql } from "kysely";
import { DELIVERED_ON_RECEIPT } from "../messaging/types.ts";
import type { Database } from "./database.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

export interface OutboxPost {
  id: number;
  groupId: string;
  text: string;
  mentions: string;
  kind: string;
  channel: string;
  target: string | null;
  targetExpiresAt: Date | null;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  lastError: string | null;
  ticketNumber: number | null;
  createdAt: Date;
  sentAt: Date | null;
  /** JSON of the card (title, buttons) where the platform shows this post as one; see store/messages.ts readCard. */
  card: string | null;
  actionId: string | null;
}

const UNSENT = ["pending", "sending"];

/**
 * The next post of every group that has one waiting, oldest first. A group's later posts wait behind
 * its earlier ones, so order is kept per group even when one of them is being retried. A post dated
 * after `now` (queued by a job run "as of" a later instant) is not in the queue yet, so it holds back
 * nothing; every group with a waiting post is seen, however long the queue.
 */
export async function queueHeads(client: Client, limit: number, now: Date): Promise<OutboxPost[]> {
  const heads = await client.query
    .selectFrom("BotPost")
    .select(sql<number>`MIN("id")`.as("id"))
    .where("status", "in", UNSENT)
    .where("createdAt", "<=", now)
    .groupBy("groupId")
    .orderBy(sql`MIN("id")`)
    .limit(rowCount(limit))
    .execute();
  const ids = heads.map((head) => head.id);
  if (!ids.length) return [];
  return client.query.selectFrom("BotPost").selectAll().where("id", "in", ids).orderBy("id").execute();
}

export function isDue(post: OutboxPost, now: Date): boolean {
  if (post.status === "pending") return !post.nextAttemptAt || post.nextAttemptAt.getTime() <= now.getTime();
  return post.status === "sending" && (!post.leaseUntil || post.leaseUntil.getTime() <= now.getTime());
}

/**
 * Claims a post for sending, atomically: only one worker wins it. A claim whose lease ran out (its worker
 * died between claiming and recording the result) can be claimed again.
 */
export async function claimPost(client: Client, id: number, now: Date, leaseUntil: Date): Promise<boolean> {
  const result = await client.query
    .updateTable("BotPost")
    .set((eb) => ({ status: "sending", leaseUntil, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb.or([eb("nextAttemptAt", "is", null), eb("nextAttemptAt", "<=", now)])]),
        eb.and([eb("status", "=", "sending"), eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<=", now)])]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markSent(client: Client, id: number, now: Date): Promise<void> {
  await client.query.updateTable("BotPost").set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null }).where("id", "=", id).execute();
}

export async function markRetry(client: Client, id: number, nextAttemptAt: Date, error: string): Promise<void> {
  await client.query.updateTable("BotPost").set({ status: "pending", nextAttemptAt, leaseUntil: null, lastError: error }).where("id", "=", id).execute();
}

export async function markDead(client: Client, id: number, error: string): Promise<void> {
  await client.query.updateTable("BotPost").set({ status: "dead", leaseUntil: null, lastError: error }).where("id", "=", id).execute();
}

/** How many posts went out through this group's robot since `since`: the per-robot rate limit. */
export async function sentThroughRobotSince(client: Client, groupId: string, since: Date): Promise<number> {
  const row = await client.query
    .selectFrom("BotPost")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("groupId", "=", groupId)
    .where("status", "=", "sent")
    .where("channel", "not in", [...DELIVERED_ON_RECEIPT])
    .where("sentAt", ">=", since)
    .executeTakeFirstOrThrow();
  return row.count;
}

export function listOutbox(client: Client, status: string | undefined, limit: number): Promise<OutboxPost[]> {
  // Every post, in every state and channel (sandbox posts included); a status filter narrows it.
  let query = client.query.selectFrom("BotPost").selectAll();
  if (status) query = query.where("status", "=", status);
  return query.orderBy("id", "desc").limit(rowCount(limit)).execute();
}

/** `LIKE` text matching what starts with `prefix` (its own % and _ escaped). */
export function startsWith(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Puts back in the queue, as new, the dead posts of a platform's channels that died of an outage
 * (`outageErrors`: the error texts of connection failures and 5xx), oldest first. Returns how many.
 */
export async function requeueOutageDead(client: Client, channelPrefix: string, outageErrorPrefixes: readonly string[], now: Date): Promise<number> {
  if (!outageErrorPrefixes.length) return 0;
  const result = await client.query
    .updateTable("BotPost")
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null })
    .where("status", "=", "dead")
    .where(sql<boolean>`"channel" LIKE ${startsWith(channelPrefix)} ESCAPE '\\'`)
    .where((eb) => eb.or(outageErrorPrefixes.map((prefix) => sql<boolean>`"lastError" LIKE ${startsWith(prefix)} ESCAPE '\\'`)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives back a claim without counting it as an attempt: the platform was down, not the post wrong. */
export async function releaseClaim(client: Client, id: number, nextAttemptAt: Date, error: string): Promise<void> {
  await client.query
    .updateTable("BotPost")
    .set((eb) => ({ status: "pending", nextAttemptAt, leaseUntil: null, lastError: error, attempts: eb("attempts", "-", 1) }))
    .where("id", "=", id)
    .execute();
}

/** Puts a dead post back in the queue, as new. */
export async function requeueDead(client: Client, id: number, now: Date): Promise<OutboxPost | null> {
  const row = await client.query
    .updateTable("BotPost")
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null })
    .where("id", "=", id)
    .where("status", "=", "dead")
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function platformUserIdsOf(client: Client, memberIds: string[]): Promise<string[]> {
  if (!memberIds.length) return [];
  const members = await client.query.selectFrom("Member").select("platformUserId").where("id", "in", memberIds).execute();
  return members.map((member) => member.platformUserId);
}

export async function findPost(client: Client, id: number): Promise<OutboxPost | null> {
  return (await client.query.selectFrom("BotPost").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}
