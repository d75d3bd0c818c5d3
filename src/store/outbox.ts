import { sql } from "kysely";
import type { SendFailureKind } from "../messaging/types.ts";
import type { Database } from "./database.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

export interface OutboxPost {
  id: number;
  groupId: string;
  text: string;
  mentions: string;
  kind: string;
  /** The registered platform that sends it (its group's, when it was planned). */
  platform: string;
  channel: string;
  target: string | null;
  targetExpiresAt: Date | null;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  lastError: string | null;
  /** The kind of the last failed send (SendFailureKind), null while none failed. */
  failure: string | null;
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

/** What a failed send is recorded as: its kind (which the outbox reads back) and its error (which an operator reads). */
export interface RecordedFailure {
  kind: SendFailureKind;
  error: string;
}

export async function markSent(client: Client, id: number, now: Date): Promise<void> {
  await client.query
    .updateTable("BotPost")
    .set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null, failure: null })
    .where("id", "=", id)
    .execute();
}

export async function markRetry(client: Client, id: number, nextAttemptAt: Date, failure: RecordedFailure): Promise<void> {
  await client.query
    .updateTable("BotPost")
    .set({ status: "pending", nextAttemptAt, leaseUntil: null, lastError: failure.error, failure: failure.kind })
    .where("id", "=", id)
    .execute();
}

export async function markDead(client: Client, id: number, failure: RecordedFailure): Promise<void> {
  await client.query
    .updateTable("BotPost")
    .set({ status: "dead", leaseUntil: null, lastError: failure.error, failure: failure.kind })
    .where("id", "=", id)
    .execute();
}

/**
 * How many posts went out through this group's robot since `since`: the per-robot rate limit. Only posts the
 * outbox sent count (it claimed them: attempts > 0); those delivered as they were stored never reached a robot.
 */
export async function sentThroughRobotSince(client: Client, groupId: string, since: Date): Promise<number> {
  const row = await client.query
    .selectFrom("BotPost")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("groupId", "=", groupId)
    .where("status", "=", "sent")
    .where("attempts", ">", 0)
    .where("sentAt", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listOutbox(client: Client, status: string | undefined, limit: number): Promise<OutboxPost[]> {
  // Every post, in every state and channel (sandbox posts included); a status filter narrows it.
  let query = client.query.selectFrom("BotPost").selectAll();
  if (status) query = query.where("status", "=", status);
  return query.orderBy("id", "desc").limit(rowCount(limit)).execute();
}

/** Puts back in the queue, as new, a platform's dead posts whose last failure was of one of `kinds`. Returns how many. */
export async function requeueDeadOf(client: Client, platform: string, kinds: readonly SendFailureKind[], now: Date): Promise<number> {
  if (!kinds.length) return 0;
  const result = await client.query
    .updateTable("BotPost")
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, failure: null })
    .where("status", "=", "dead")
    .where("platform", "=", platform)
    .where("failure", "in", [...kinds])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives back a claim without counting it as an attempt: the platform was down or the robot paused, not the post wrong. */
export async function releaseClaim(client: Client, id: number, nextAttemptAt: Date, failure: RecordedFailure): Promise<void> {
  await client.query
    .updateTable("BotPost")
    .set((eb) => ({
      status: "pending",
      nextAttemptAt,
      leaseUntil: null,
      lastError: failure.error,
      failure: failure.kind,
      attempts: eb("attempts", "-", 1),
    }))
    .where("id", "=", id)
    .execute();
}

/** Puts a dead post back in the queue, as new. */
export async function requeueDead(client: Client, id: number, now: Date): Promise<OutboxPost | null> {
  const row = await client.query
    .updateTable("BotPost")
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, failure: null })
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
