import { AsyncResource } from "node:async_hooks";
import type { Logger } from "../logger.ts";
import type { SendFailure, SendFailureKind, SendResult } from "../messaging/types.ts";
import type { Database } from "../store/database.ts";
import { findGroup } from "../store/org.ts";
import {
  claimPost,
  isDue,
  markDead,
  markRetry,
  markSent,
  platformUserIdsOf,
  queueHeads,
  releaseClaim,
  requeueDeadOf,
  sentThroughRobotSince,
  type OutboxPost,
} from "../store/outbox.ts";
import { rateLimitPauseMs, retryDelayMs } from "./backoff.ts";
import { record, UnrecordedSends } from "./bookkeeping.ts";
import type { Deliver } from "./deliver.ts";

export interface OutboxWorkerOptions {
  db: Database;
  deliver: Deliver;
  clock: () => Date;
  logger: Logger;
  /** Per robot, under the platforms' cap of 20 a minute. */
  ratePerMinute: number;
  maxAttempts: number;
  /** How long a claim holds before another worker may take the post up. */
  leaseMs?: number;
  random?: () => number;
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

/** A robot that refused for sending too fast: paused until then, its refusals in a row making the next pause longer. */
interface RobotPause {
  until: number;
  refusals: number;
}

export interface SweepResult {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * Delivers the durable outbox: claims each group's oldest waiting post, sends it through its platform, and
 * records the outcome, deciding from the failure's kind alone (SendFailureKind). An `outage` (no answer, 5xx)
 * or a `rejected` send is retried with backoff; after `maxAttempts`, or on a `permanent` failure, the post
 * becomes a dead letter. A robot that is `rateLimited` (429, WeCom 45009, DingTalk 130101) is paused for what
 * it asked or longer, its post waiting with no attempt counted. When a platform stops answering (3 outages in
 * a row across its posts) it is paused: one probe at growing intervals, its
 * other posts untouched, no attempts counted; when it answers again, the posts an outage or a rate limit
 * killed are re-queued. A post is sent once: what became of a send is written with the store's busy
 * backoff and, failing that, remembered and written on the next pass; the send is never repeated for it.
 * Only a worker that dies after sending but before recording leaves a claim that expires and is sent again.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;
  private started = false;
  private readonly health = new Map<string, PlatformHealth>();
  private readonly robotPauses = new Map<string, RobotPause>();
  private readonly unrecorded = new UnrecordedSends();
  private requeuedInPass = false;
  /**
   * A pass in the context the worker was made in: a nudge from within a use case's transaction must not
   * make the pass's own bookkeeping (inTransaction) believe it runs inside that transaction.
   */
  private readonly detachedPass = AsyncResource.bind(() => this.runOnce());

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** One pass over the queue heads, as of the clock's now. `limit` bounds the posts sent in this pass. */
  async runOnce(limit = 100): Promise<SweepResult> {
    const result: SweepResult = { sent: 0, retried: 0, dead: 0 };
    const { db, clock } = this.options;
    let budget = limit;
    await this.unrecorded.flush(db, this.options.logger);
    // Keep going while sending advanced some queue: a group's next post may be due right away.
    for (let progressed = true; progressed && budget > 0 && !this.stopped;) {
      progressed = false;
      const probing = new Set<string>();
      for (const post of await queueHeads(db, budget, clock())) {
        if (budget <= 0 || this.stopped) break;
        const now = clock();
        if (!isDue(post, now) || this.unrecorded.has(post.id)) continue;
        if ((this.robotPauses.get(robotOf(post))?.until ?? 0) > now.getTime()) continue;
        // A paused platform gets one probe when its pause ends; its other posts wait untouched.
        const { platform } = post;
        const health = this.healthOf(platform);
        const probe = health.pausedUntil !== null;
        if (probe && (health.pausedUntil! > now.getTime() || probing.has(platform))) continue;
        if (probe) probing.add(platform);
        if ((await sentThroughRobotSince(db, post.groupId, new Date(now.getTime() - 60_000))) >= this.options.ratePerMinute) continue;
        if (!(await claimPost(db, post.id, now, new Date(now.getTime() + (this.options.leaseMs ?? 60_000))))) continue;
        budget--;
        const outcome = await this.deliverClaimed({ ...post, attempts: post.attempts + 1 }, health, probe);
        result[outcome]++;
        if (outcome === "sent") progressed = true;
        // Re-queued dead letters are older than the heads in hand: read the heads again to keep each group's order.
        if (this.requeuedInPass) {
          this.requeuedInPass = false;
          break;
        }
      }
    }
    return result;
  }

  private healthOf(platform: string): PlatformHealth {
    let health = this.health.get(platform);
    if (!health) this.health.set(platform, (health = { failures: 0, pausedUntil: null, probeDelayMs: FIRST_PROBE_MS, requeued: false }));
    return health;
  }

  private async deliverClaimed(post: OutboxPost, health: PlatformHealth, probe: boolean): Promise<keyof SweepResult> {
    const { db, clock, logger } = this.options;
    const log = logger.child({ postId: post.id, groupId: post.groupId, channel: post.channel, ticketNumber: post.ticketNumber ?? undefined });
    const group = await findGroup(db, post.groupId);
    if (!group) {
      await record(db, log, "mark dead", (tx) => markDead(tx, post.id, { kind: "permanent", error: "group no longer exists" }));
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
      if (!(await record(db, log, "mark sent", (tx) => markSent(tx, post.id, now)))) this.unrecorded.remember(post.id, now);
      this.robotPauses.delete(robotOf(post));
      log.info({ attempts: post.attempts }, "post delivered");
      await this.platformAnswered(post.platform, health, now);
      return "sent";
    }
    if (result.kind === "rateLimited") return this.pauseRobot(post, result, health, now, log);
    const outage = result.kind === "outage";
    if (outage && probe) {
      // Still down: the probe is given back without counting, and the next one waits longer.
      health.probeDelayMs = Math.min(MAX_PROBE_MS, health.probeDelayMs * 2);
      health.pausedUntil = now.getTime() + health.probeDelayMs;
      await record(db, log, "release claim", (tx) => releaseClaim(tx, post.id, new Date(health.pausedUntil!), result));
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
      await record(db, log, "mark retry", (tx) => markRetry(tx, post.id, new Date(now.getTime() + delay), result));
      log.warn({ attempts: post.attempts, kind: result.kind, error: result.error, retryInMs: delay }, "post delivery failed; will retry");
      return "retried";
    }
    await record(db, log, "mark dead", (tx) => markDead(tx, post.id, result));
    log.error({ attempts: post.attempts, kind: result.kind, error: result.error }, "post moved to dead letters");
    return "dead";
  }

  /**
   * The robot refused for sending too fast: it is paused (what it asked, or longer with each refusal in a
   * row) and the post waits for it without an attempt counted. The platform answered, so it is not down.
   */
  private async pauseRobot(post: OutboxPost, result: SendFailure, health: PlatformHealth, now: Date, log: Logger): Promise<"retried"> {
    const robot = robotOf(post);
    const refusals = (this.robotPauses.get(robot)?.refusals ?? 0) + 1;
    const pauseMs = rateLimitPauseMs(refusals, this.options.random ?? Math.random, result.retryAfterMs);
    this.robotPauses.set(robot, { until: now.getTime() + pauseMs, refusals });
    health.failures = 0;
    health.pausedUntil = null;
    health.probeDelayMs = FIRST_PROBE_MS;
    const failure = { kind: result.kind, error: `${RATE_LIMITED_PREFIX}${result.error}` };
    await record(this.options.db, log, "release claim", (tx) => releaseClaim(tx, post.id, new Date(now.getTime() + pauseMs), failure));
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
    if (requeued) this.requeuedInPass = true;
    if (requeued || wasPaused) this.options.logger.info({ platform, requeued }, "platform answers again; outage and rate-limit dead letters re-queued");
  }

  /** Polls every `pollMs`; `nudge()` runs a pass at once. */
  start(pollMs: number): void {
    this.stopped = false;
    this.started = true;
    const tick = () => {
      this.nudge();
      this.timer = setTimeout(tick, pollMs);
      this.timer.unref();
    };
    tick();
  }

  /** Runs a pass now, if the worker was started (tests drive `runOnce` themselves). */
  nudge(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.detachedPass()
      .catch((error: unknown) => this.options.logger.error({ err: error }, "outbox pass failed"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
