import type { SendFailureKind } from "../messaging/types.ts";
import type { Database, Tx } from "./database.ts";

type Client = Database | Tx;

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
  const heads = await client.botPost.groupBy({
    by: ["groupId"],
    where: { status: { in: UNSENT }, createdAt: { lte: now } },
    _min: { id: true },
    orderBy: { _min: { id: "asc" } },
    take: limit,
  });
  const ids = heads.map((head) => head._min.id).filter((id): id is number => id !== null);
  if (!ids.length) return [];
  return client.botPost.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
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
  const { count } = await client.botPost.updateMany({
    where: {
      id,
      OR: [
        { status: "pending", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        { status: "sending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
      ],
    },
    data: { status: "sending", leaseUntil, attempts: { increment: 1 } },
  });
  return count === 1;
}

/** What a failed send is recorded as: its kind (which the outbox reads back) and its error (which an operator reads). */
export interface RecordedFailure {
  kind: SendFailureKind;
  error: string;
}

export async function markSent(client: Client, id: number, now: Date): Promise<void> {
  await client.botPost.update({ where: { id }, data: { status: "sent", sentAt: now, leaseUntil: null, lastError: null, failure: null } });
}

export async function markRetry(client: Client, id: number, nextAttemptAt: Date, failure: RecordedFailure): Promise<void> {
  await client.botPost.update({ where: { id }, data: { status: "pending", nextAttemptAt, leaseUntil: null, lastError: failure.error, failure: failure.kind } });
}

export async function markDead(client: Client, id: number, failure: RecordedFailure): Promise<void> {
  await client.botPost.update({ where: { id }, data: { status: "dead", leaseUntil: null, lastError: failure.error, failure: failure.kind } });
}

/**
 * How many posts went out through this group's robot since `since`: the per-robot rate limit. Only posts the
 * outbox sent count (it claimed them: attempts > 0); those delivered as they were stored never reached a robot.
 */
export function sentThroughRobotSince(client: Client, groupId: string, since: Date): Promise<number> {
  return client.botPost.count({
    where: { groupId, status: "sent", attempts: { gt: 0 }, sentAt: { gte: since } },
  });
}

export function listOutbox(client: Client, status: string | undefined, limit: number): Promise<OutboxPost[]> {
  return client.botPost.findMany({
    // Every post, in every state and channel (sandbox posts included); a status filter narrows it.
    where: status ? { status } : {},
    orderBy: { id: "desc" },
    take: limit,
  });
}

/** Puts back in the queue, as new, a platform's dead posts whose last failure was of one of `kinds`. Returns how many. */
export async function requeueDeadOf(client: Client, platform: string, kinds: readonly SendFailureKind[], now: Date): Promise<number> {
  const { count } = await client.botPost.updateMany({
    where: { status: "dead", platform, failure: { in: [...kinds] } },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, failure: null },
  });
  return count;
}

/** Gives back a claim without counting it as an attempt: the platform was down or the robot paused, not the post wrong. */
export async function releaseClaim(client: Client, id: number, nextAttemptAt: Date, failure: RecordedFailure): Promise<void> {
  await client.botPost.update({
    where: { id },
    data: { status: "pending", nextAttemptAt, leaseUntil: null, lastError: failure.error, failure: failure.kind, attempts: { decrement: 1 } },
  });
}

/** Puts a dead post back in the queue, as new. */
export async function requeueDead(client: Client, id: number, now: Date): Promise<OutboxPost | null> {
  const { count } = await client.botPost.updateMany({
    where: { id, status: "dead" },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, failure: null },
  });
  return count === 1 ? client.botPost.findUnique({ where: { id } }) : null;
}

export async function platformUserIdsOf(client: Client, memberIds: string[]): Promise<string[]> {
  if (!memberIds.length) return [];
  const members = await client.member.findMany({ where: { id: { in: memberIds } }, select: { platformUserId: true } });
  return members.map((member) => member.platformUserId);
}

export function findPost(client: Client, id: number): Promise<OutboxPost | null> {
  return client.botPost.findUnique({ where: { id } });
}
