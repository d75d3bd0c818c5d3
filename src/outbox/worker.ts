import { PassLoop } from "./passLoop.ts";
import type { Logger } from "../logger.ts";
import type { SendFailure, SendFailureKind, SendResult } from "../messaging/types.ts";
import { isDatabaseBusy, type Database } from "../store/database.ts";
import { findGroup } from "../store/org.ts";
import { INSTANCE_ID } from "../cluster/instance.ts";
import {
  claimNextPost,
  markDead,
  markRetry,
  markSent,
  platformUserIdsOf,
  releaseClaim,
  requeueDeadOf,
  type Claim,
  type OutboxPost,
  type PostChannel,
} from "../store/outbox.ts";
import { rateLimitPauseMs, retryDelayMs } from "./backoff.ts";
import { record, UnrecordedSends } from "./bookkeeping.ts";
import type { Deliver } from "./deliver.ts";

export interface OutboxWorkerOptions {
  db: Database;
  deliver: Deliver;
  clock: () => Date;
  logger: Logger;
  /** Per robot, under the platforms' cap of 20 a minute; counted from the database, across instances. */
  ratePerMinute: number;
  maxAttempts: number;
  /** How long a claim holds before another worker may take the post up. */
  leaseMs?: number;
  /** The claimer's name (claimedBy): this instance's by default; tests give each worker its own. */
  instance?: string;
  random?: () => number;
  /** The channels this instance cannot send on now (PlatformRegistry.waitingChannels): their posts are left for another. */
  waitingChannels?: () => readonly PostChannel[];
}

/**
 * The words a worker puts before the error of a post a robot refused for sending too fast, for the operator
 * reading the outbox (the kind, `rateLimited`, is what the worker reads back).
 */
const RATE_LIMITED_PREFIX = "rate limited: ";
/** The dead letters re-queued when their platform answers again: those an outage or a rate limit killed. */
const REQUEUED_KINDS: readonly SendFailureKind[] = ["outage", "rateLimited"];
/** Consecutive outage errors across a platform's posts after which the platform is paused. */
const OUTAGE_THRESHOLD = 3;
const FIRST_PROBE_MS = 5_000;
const MAX_PROBE_MS = 60_000;

/** What the worker knows of a platform's health: how many sends in a row failed, and whether it is paused. */
interface PlatformHealth {
  failures: number;
  pausedUntil: number | null;
  probeDelayMs: number;
  /** Outage-dead posts were looked for since the platform last answered (once per worker and recovery). */
  requeued: boolean;
}

/** The robot a post goes out through: its group's channel. */
const robotOf = (post: { groupId: string; channel: string }) => `${post.groupId} ${post.channel}`;

export interface SweepResult {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * Delivers the durable outbox: claims the next due post (each group's oldest waiting post, one at a time per
 * group, within its robot's rate counted from the database: store/outbox.ts, claimNextPost), sends it
 * through its platform, and records the outcome under its claim, deciding from the failure's kind alone
 * (SendFailureKind). Several workers, in one process or in several instances on one database, share the
 * queue this way: each post is claimed by one of them at a time, each group's order is kept, and together
 * they keep each robot's rate. An `outage` (no answer, 5xx) or a `rejected` send is retried with backoff;
 * after `maxAttempts`, or on a `permanent` failure, the post becomes a dead letter. A robot that is
 * `rateLimited` (429, WeCom 45009, DingTalk 130101) is paused for what it asked or longer (its post's next
 * try, in the database, holds its group back on every instance), with no attempt counted. When a platform
 * stops answering (3 outages in a row across its posts, as this worker saw them) it is paused: one probe at
 * growing intervals, its other posts untouched, no attempts counted; when it answers again, the posts an
 * outage or a rate limit killed are re-queued. A post is sent once: what became of a send is written with
 * the store's busy backoff and, failing that, remembered and written on the next pass; the send is never
 * repeated for it. Only a worker that dies after sending but before recording leaves a claim that expires
 * (`leaseMs`) and is sent again, by whichever instance claims it next.
 */
export class OutboxWorker {
  private readonly loop = new PassLoop(
    () => this.runOnce(),
    (error: unknown) => this.options.logger.error({ err: error }, "outbox pass failed"),
  );
  private readonly health = new Map<string, PlatformHealth>();
  /** A rate-limited robot's refusals in a row, making its next pause longer (the pause itself is in the database). */
  private readonly robotRefusals = new Map<string, number>();
  private readonly unrecorded = new UnrecordedSends();

  constructor(private readonly options: OutboxWorkerOptions) {}

  /**
   * One pass, as of the clock's now: claims the next due post (store/outbox.ts, claimNextPost: oldest first,
   * one at a time per group, within the robot's rate) and sends it, until nothing is due or `limit` posts
   * were tried. Several workers, in this process or other instances, may run passes on one database at once.
   */
  async runOnce(limit = 100): Promise<SweepResult> {
    const result: SweepResult = { sent: 0, retried: 0, dead: 0 };
    const { db } = this.options;
    await this.unrecorded.flush(db, this.options.logger);
    // A paused platform gets one probe when its pause ends; its other posts wait untouched.
    const probing = new Set<string>();
    for (let budget = limit; budget > 0 && !this.loop.stopped; budget--) {
      const post = await this.claimNext(probing);
      if (!post) break;
      const health = this.healthOf(post.platform);
      const probe = health.pausedUntil !== null;
      if (probe) probing.add(post.platform);
      result[await this.deliverClaimed(post, health, probe)]++;
    }
    return result;
  }

  /** The next post this worker may send, claimed; null when none is due, or the database stayed busy (the next pass tries again). */
  private async claimNext(probing: ReadonlySet<string>): Promise<OutboxPost | null> {
    const now = this.options.clock();
    try {
      return await claimNextPost(this.options.db, {
        claimedBy: this.instance,
        now,
        leaseUntil: new Date(now.getTime() + (this.options.leaseMs ?? 60_000)),
        ratePerMinute: this.options.ratePerMinute,
        exceptIds: this.unrecorded.ids(),
        exceptPlatforms: this.pausedPlatforms(now, probing),
        exceptChannels: this.options.waitingChannels?.() ?? [],
      });
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      this.options.logger.warn({ err: error }, "outbox claim met a busy database; the next pass tries again");
      return null;
    }
  }

  private get instance(): string {
    return this.options.instance ?? INSTANCE_ID;
  }

  /** Platforms whose posts wait: paused and not yet due a probe, or probed already in this pass. */
  private pausedPlatforms(now: Date, probing: ReadonlySet<string>): string[] {
    return [...this.health].flatMap(([platform, health]) =>
      health.pausedUntil !== null && (health.pausedUntil > now.getTime() || probing.has(platform)) ? [platform] : [],
    );
  }

  private healthOf(platform: string): PlatformHealth {
    let health = this.health.get(platform);
    if (!health) this.health.set(platform, (health = { failures: 0, pausedUntil: null, probeDelayMs: FIRST_PROBE_MS, requeued: false }));
    return health;
  }

  private async deliverClaimed(post: OutboxPost, health: PlatformHealth, probe: boolean): Promise<keyof SweepResult> {
    const { db, clock, logger } = this.options;
    const log = logger.child({ postId: post.id, groupId: post.groupId, channel: post.channel, ticketNumber: post.ticketNumber ?? undefined });
    const claim: Claim = { id: post.id, claimedBy: this.instance };
    const group = await findGroup(db, post.groupId);
    if (!group) {
      await record(db, log, "mark dead", (tx) => markDead(tx, claim, { kind: "permanent", error: "group no longer exists" }));
      return "dead";
    }
    const message = { text: post.text, mentionUserIds: await platformUserIdsOf(db, JSON.parse(post.mentions) as string[]) };
    let result: SendResult;
    try {
      result = await this.options.deliver(post, group, message, clock());
    } catch (error) {
      // A send that throws is a client that could not read its own answer: taken as the platform not answering.
      result = { ok: false, kind: "outage", error: `unexpected: ${(error as Error).message}` };
    }
    const now = clock();
    if (result.ok) {
      // Sent: from here on only the bookkeeping may be tried again, never the send.
      if (!(await record(db, log, "mark sent", (tx) => markSent(tx, claim, now)))) this.unrecorded.remember(claim, now);
      this.robotRefusals.delete(robotOf(post));
      log.info({ attempts: post.attempts }, "post delivered");
      await this.platformAnswered(post.platform, health, now);
      return "sent";
    }
    if (result.kind === "rateLimited") return this.pauseRobot(claim, post, result, health, now, log);
    const outage = result.kind === "outage";
    if (outage && probe) {
      // Still down: the probe is given back without counting, and the next one waits longer.
      health.probeDelayMs = Math.min(MAX_PROBE_MS, health.probeDelayMs * 2);
      health.pausedUntil = now.getTime() + health.probeDelayMs;
      await record(db, log, "release claim", (tx) => releaseClaim(tx, claim, new Date(health.pausedUntil!), result));
      log.warn({ error: result.error, probeInMs: health.probeDelayMs }, "platform still unreachable; paused");
      return "retried";
    }
    if (outage && ++health.failures >= OUTAGE_THRESHOLD && health.pausedUntil === null) {
      health.pausedUntil = now.getTime() + FIRST_PROBE_MS;
      health.probeDelayMs = FIRST_PROBE_MS;
      health.requeued = false;
      log.warn({ platform: post.platform, failures: health.failures }, "platform unreachable; paused until a probe gets through");
    }
    // An outage or a refusal a later try may pass is retried until the attempts run out; the rest is a dead letter now.
    if (result.kind !== "permanent" && post.attempts < this.options.maxAttempts) {
      const delay = retryDelayMs(post.attempts, this.options.random ?? Math.random, result.retryAfterMs);
      await record(db, log, "mark retry", (tx) => markRetry(tx, claim, new Date(now.getTime() + delay), result));
      log.warn({ attempts: post.attempts, kind: result.kind, error: result.error, retryInMs: delay }, "post delivery failed; will retry");
      return "retried";
    }
    await record(db, log, "mark dead", (tx) => markDead(tx, claim, result));
    log.error({ attempts: post.attempts, kind: result.kind, error: result.error }, "post moved to dead letters");
    return "dead";
  }

  /**
   * The robot refused for sending too fast: it is paused (what it asked, or longer with each refusal in a
   * row) and the post waits for it without an attempt counted. The platform answered, so it is not down.
   */
  private async pauseRobot(claim: Claim, post: OutboxPost, result: SendFailure, health: PlatformHealth, now: Date, log: Logger): Promise<"retried"> {
    const robot = robotOf(post);
    const refusals = (this.robotRefusals.get(robot) ?? 0) + 1;
    const pauseMs = rateLimitPauseMs(refusals, this.options.random ?? Math.random, result.retryAfterMs);
    this.robotRefusals.set(robot, refusals);
    health.failures = 0;
    health.pausedUntil = null;
    health.probeDelayMs = FIRST_PROBE_MS;
    const failure = { kind: result.kind, error: `${RATE_LIMITED_PREFIX}${result.error}` };
    await record(this.options.db, log, "release claim", (tx) => releaseClaim(tx, claim, new Date(now.getTime() + pauseMs), failure));
    log.warn({ error: result.error, refusals, pausedForMs: pauseMs }, "robot rate-limited; paused, no attempt counted");
    return "retried";
  }

  /** The platform answered: it is up again; the posts an outage killed go back in the queue, in order. */
  private async platformAnswered(platform: string, health: PlatformHealth, now: Date): Promise<void> {
    const wasPaused = health.pausedUntil !== null;
    health.failures = 0;
    health.pausedUntil = null;
    health.probeDelayMs = FIRST_PROBE_MS;
    if (health.requeued) return;
    health.requeued = true;
    let requeued = 0;
    if (
      !(await record(
        this.options.db,
        this.options.logger,
        "re-queue dead letters",
        async (tx) => (requeued = await requeueDeadOf(tx, platform, REQUEUED_KINDS, now)),
      ))
    ) {
      health.requeued = false;
    }
    if (requeued || wasPaused) this.options.logger.info({ platform, requeued }, "platform answers again; outage and rate-limit dead letters re-queued");
  }

  /** Polls every `pollMs`; `nudge()` runs a pass at once. */
  start(pollMs: number): void {
    this.loop.start(pollMs);
  }

  /** Runs a pass now, if the worker was started (tests drive `runOnce` themselves). */
  nudge(): void {
    this.loop.nudge();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
