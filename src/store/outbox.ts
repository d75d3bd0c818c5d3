import type { SendFailureKind } from "../messaging/types.ts";
import { inTransaction, type Database } from "./database.ts";
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
  /** While sending: the instance that claimed it. */
  claimedBy: string | null;
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

export interface ClaimRequest {
  /** The instance claiming (cluster/instance.ts): it alone records the outcome. */
  claimedBy: string;
  now: Date;
  /** The claim holds until then; after it another instance may take the post up (its claimer died). */
  leaseUntil: Date;
  /** The most posts a group's robot may have sent in the minute before `now`. */
  ratePerMinute: number;
  /** Posts not to claim: sent, but not yet recorded so (outbox/bookkeeping.ts). */
  exceptIds?: readonly number[];
  /** Platforms not to claim for: paused after an outage, or probed already in this pass. */
  exceptPlatforms?: readonly string[];
  /**
   * Channels not to claim on: this instance cannot send on them now (a long connection another instance
   * holds). Their posts stay as they are, for the instance that can; their groups' later posts wait behind them.
   */
  exceptChannels?: readonly PostChannel[];
}

/** A platform's channel (BotPost.platform, BotPost.channel): the way its posts go out. */
export interface PostChannel {
  platform: string;
  channel: string;
}

/**
 * Claims the next post to send, oldest first, atomically: with several workers and instances on one
 * database each post is claimed by one of them at a time. A post may be claimed only while
 * - it is due: waiting with no retry time ahead, or claimed by a worker whose claim ran out (died mid-send);
 * - no earlier post of its group waits or is being sent, so each group's posts go out in order, one at a
 *   time (a post dated after `now`, queued by a job run as of later, holds back nothing);
 * - this instance can send on its channel (`exceptChannels`: a long connection held elsewhere); the group's
 *   head stays its earliest post all the same, so a post left to another instance holds its group's later ones;
 * - its group's robot sent fewer than `ratePerMinute` in the last minute, counted from the database, so
 *   several instances together keep the platform's limit (a group's next post is claimed only after its
 *   previous one is recorded, so the count is never behind).
 * PostgreSQL: the candidate row is locked FOR UPDATE SKIP LOCKED (a row another instance is claiming is
 * passed over; the earlier-post rule keeps its group's later posts waiting), and a row changed meanwhile is
 * checked again as it now is. SQLite: the statement runs in a write transaction (BEGIN IMMEDIATE), one
 * writer at a time.
 */
export async function claimNextPost(client: Client, request: ClaimRequest): Promise<OutboxPost | null> {
  const { now, ratePerMinute } = request;
  const since = new Date(now.getTime() - 60_000);
  let candidate = client.query
    // The head of each group: its earliest post that waits or is being sent. Worked out once per claim (a
    // materialised table), however long a group's backlog, then joined to the posts it names.
    .with(
      (cte) => cte("heads").materialized(),
      (db) =>
        db
          .selectFrom("BotPost")
          .select((eb) => eb.fn.min("id").as("id"))
          .where("status", "in", UNSENT)
          .where("createdAt", "<=", now)
          .groupBy("groupId"),
    )
    .selectFrom("heads")
    .innerJoin("BotPost as p", "p.id", "heads.id")
    .select("p.id")
    .where((eb) =>
      eb.or([
        eb.and([eb("p.status", "=", "pending"), eb.or([eb("p.nextAttemptAt", "is", null), eb("p.nextAttemptAt", "<=", now)])]),
        eb.and([eb("p.status", "=", "sending"), eb.or([eb("p.leaseUntil", "is", null), eb("p.leaseUntil", "<=", now)])]),
      ]),
    )
    .where(
      (eb) =>
        eb
          .selectFrom("BotPost as recent")
          .select((inner) => inner.fn.countAll<number>().as("count"))
          .whereRef("recent.groupId", "=", "p.groupId")
          .where("recent.status", "=", "sent")
          // Only posts the outbox sent count (it claimed them); those delivered as they were stored never reached a robot.
          .where("recent.attempts", ">", 0)
          .where("recent.sentAt", ">=", since),
      "<",
      ratePerMinute,
    )
    .orderBy("p.id")
    .limit(1);
  if (request.exceptIds?.length) candidate = candidate.where("p.id", "not in", [...request.exceptIds]);
  if (request.exceptPlatforms?.length) candidate = candidate.where("p.platform", "not in", [...request.exceptPlatforms]);
  const exceptChannels = request.exceptChannels ?? [];
  if (exceptChannels.length) {
    candidate = candidate.where((eb) =>
      eb.not(eb.or(exceptChannels.map(({ platform, channel }) => eb.and([eb("p.platform", "=", platform), eb("p.channel", "=", channel)])))),
    );
  }
  if (client.dialect === "postgres") candidate = candidate.forUpdate("p").skipLocked();
  return await inTransaction(client, async (tx) => {
    const row = await tx.query
      .updateTable("BotPost")
      .set((eb) => ({ status: "sending", leaseUntil: request.leaseUntil, claimedBy: request.claimedBy, attempts: eb("attempts", "+", 1) }))
      // "=", not "in": a scalar subquery runs once, before the update (an InitPlan). Under "in" PostgreSQL may
      // join the subquery to the table instead (a hash semi-join once the table's statistics show a few hundred
      // rows come and gone), and then one claim took several posts, returning one: the others sat in `sending`
      // until their lease ran out (test/outbox/claimAfterChurn.test.ts).
      .where("id", "=", candidate)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  });
}

/** The claim a worker settles a post under: only the instance that claimed it records the outcome. */
export interface Claim {
  id: number;
  claimedBy: string;
}

/** What a failed send is recorded as: its kind (which the outbox reads back) and its error (which an operator reads). */
export interface RecordedFailure {
  kind: SendFailureKind;
  error: string;
}

/**
 * The post as its claim left it: still `sending` under this instance's claim. A claim that ran out and was
 * taken by another instance is that one's to settle (the post went out twice: the one double the outbox allows).
 */
const claimed = (client: Client, claim: Claim) =>
  client.query.updateTable("BotPost").where("id", "=", claim.id).where("status", "=", "sending").where("claimedBy", "=", claim.claimedBy);

export async function markSent(client: Client, claim: Claim, now: Date): Promise<void> {
  await claimed(client, claim).set({ status: "sent", sentAt: now, leaseUntil: null, claimedBy: null, lastError: null, failure: null }).execute();
}

export async function markRetry(client: Client, claim: Claim, nextAttemptAt: Date, failure: RecordedFailure): Promise<void> {
  await claimed(client, claim)
    .set({ status: "pending", nextAttemptAt, leaseUntil: null, claimedBy: null, lastError: failure.error, failure: failure.kind })
    .execute();
}

export async function markDead(client: Client, claim: Claim, failure: RecordedFailure): Promise<void> {
  await claimed(client, claim).set({ status: "dead", leaseUntil: null, claimedBy: null, lastError: failure.error, failure: failure.kind }).execute();
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
export async function releaseClaim(client: Client, claim: Claim, nextAttemptAt: Date, failure: RecordedFailure): Promise<void> {
  await claimed(client, claim)
    .set((eb) => ({
      status: "pending",
      nextAttemptAt,
      leaseUntil: null,
      claimedBy: null,
      lastError: failure.error,
      failure: failure.kind,
      attempts: eb("attempts", "-", 1),
    }))
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
