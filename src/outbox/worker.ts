import type { Logger } from "../logger.ts";
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
  sentThroughRobotSince,
  type OutboxPost,
} from "../store/outbox.ts";
import { retryDelayMs } from "./backoff.ts";
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

export interface SweepResult {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * Delivers the durable outbox: claims each group's oldest waiting post, sends it, and records the
 * outcome. Network errors, 5xx and rate-limit codes are retried with backoff; after `maxAttempts`, or on
 * an error no retry can fix, the post becomes a dead letter. Delivery is at least once: a worker that dies
 * after sending but before recording leaves a claim that expires and is sent again.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;
  private started = false;

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** One pass over the queue heads, as of the clock's now. `limit` bounds the posts sent in this pass. */
  async runOnce(limit = 100): Promise<SweepResult> {
    const result: SweepResult = { sent: 0, retried: 0, dead: 0 };
    const { db, clock } = this.options;
    let budget = limit;
    // Keep going while sending advanced some queue: a group's next post may be due right away.
    for (let progressed = true; progressed && budget > 0 && !this.stopped; ) {
      progressed = false;
      for (const post of await queueHeads(db, budget)) {
        if (budget <= 0 || this.stopped) break;
        const now = clock();
        if (!isDue(post, now)) continue;
        if ((await sentThroughRobotSince(db, post.groupId, new Date(now.getTime() - 60_000))) >= this.options.ratePerMinute) continue;
        if (!(await claimPost(db, post.id, now, new Date(now.getTime() + (this.options.leaseMs ?? 60_000))))) continue;
        budget--;
        const outcome = await this.deliverClaimed({ ...post, attempts: post.attempts + 1 });
        result[outcome]++;
        if (outcome === "sent") progressed = true;
      }
    }
    return result;
  }

  private async deliverClaimed(post: OutboxPost): Promise<keyof SweepResult> {
    const { db, clock, logger } = this.options;
    const log = logger.child({ postId: post.id, groupId: post.groupId, channel: post.channel, ticketNumber: post.ticketNumber ?? undefined });
    const group = await findGroup(db, post.groupId);
    if (!group) {
      await markDead(db, post.id, "group no longer exists");
      return "dead";
    }
    const message = { text: post.text, mentionUserIds: await platformUserIdsOf(db, JSON.parse(post.mentions) as string[]) };
    let result;
    try {
      result = await this.options.deliver(post, group, message, clock());
    } catch (error) {
      result = { ok: false as const, retryable: true, error: `unexpected: ${(error as Error).message}` };
    }
    const now = clock();
    if (result.ok) {
      await markSent(db, post.id, now);
      log.info({ attempts: post.attempts }, "post delivered");
      return "sent";
    }
    if (result.retryable && post.attempts < this.options.maxAttempts) {
      const delay = retryDelayMs(post.attempts, this.options.random ?? Math.random, result.retryAfterMs);
      await markRetry(db, post.id, new Date(now.getTime() + delay), result.error);
      log.warn({ attempts: post.attempts, error: result.error, retryInMs: delay }, "post delivery failed; will retry");
      return "retried";
    }
    await markDead(db, post.id, result.error);
    log.error({ attempts: post.attempts, error: result.error }, "post moved to dead letters");
    return "dead";
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
    this.running = this.runOnce()
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
