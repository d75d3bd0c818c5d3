import type { Logger } from "../logger.ts";
import type { Database } from "../store/database.ts";
import { releaseLease, takeLease } from "../store/leases.ts";

export interface LeaseElectorOptions {
  db: Database;
  /** The lease's name, e.g. `long-connections`. */
  name: string;
  /** This instance (cluster/instance.ts). */
  holder: string;
  clock: () => Date;
  logger: Logger;
  /** How long a take or renewal holds: another instance takes over at most this long after a death. */
  leaseMs?: number;
  /** How often the holder renews (a standby tries twice as often). */
  renewMs?: number;
  /** This instance now holds the lease (open what only the holder may hold). */
  onGained: () => void | Promise<void>;
  /** This instance no longer holds it, or may not any more (close it). */
  onLost: () => void | Promise<void>;
}

export const DEFAULT_LEASE_MS = 25_000;
export const DEFAULT_RENEW_MS = 10_000;

/**
 * Elects one instance among several on one database to hold something only one may hold (the platforms'
 * long connections: a second WeCom subscription throws the first out). The holder renews the lease
 * (store/leases.ts) every `renewMs`; a standby tries to take it every `renewMs / 2` and gets it once it is
 * free or expired, so another instance takes over within `leaseMs + renewMs / 2` of the holder's death
 * (25 s + 5 s = 30 s at most). `tick` is one try, for tests with a fake clock; `start` loops it.
 */
export class LeaseElector {
  private held = false;
  /** Until when the last take or renewal holds, in the clock's milliseconds. */
  private expiresAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly renewMs: number;

  constructor(private readonly options: LeaseElectorOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.renewMs = options.renewMs ?? DEFAULT_RENEW_MS;
    if (this.renewMs >= this.leaseMs) throw new Error("LeaseElector: renewMs must be shorter than leaseMs");
  }

  /** Whether this instance holds the lease now: taken or renewed, and not expired by the clock since. */
  get holds(): boolean {
    return this.held && this.expiresAt > this.options.clock().getTime();
  }

  /** One try to take or renew the lease; calls onGained or onLost when that changes. Never throws. */
  async tick(): Promise<void> {
    const { db, name, holder, clock, logger } = this.options;
    const now = clock().getTime();
    let taken: boolean;
    try {
      taken = await takeLease(db, name, holder, new Date(now), new Date(now + this.leaseMs));
      if (taken) this.expiresAt = now + this.leaseMs;
    } catch (error) {
      // Unknown whether it was renewed: keep it only while the last renewal surely outlasts the next try.
      taken = this.held && this.expiresAt - now > this.renewMs;
      logger.warn({ err: error, lease: name, keeping: taken }, "lease not renewed: database error");
    }
    if (taken && !this.held && !this.stopped) {
      this.held = true;
      logger.info({ lease: name, holder }, "lease taken: this instance holds it");
      await this.call("onGained");
    } else if (!taken && this.held) {
      await this.lose("lease lost: another instance holds it, or it could not be renewed in time");
    }
  }

  /** Tries now and every `renewMs` until stopped. */
  start(): void {
    this.stopped = false;
    const loop = () => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (this.stopped) return;
        // A standby tries twice as often: it takes an expired lease within renewMs / 2 of its expiry.
        this.timer = setTimeout(loop, this.held ? this.renewMs : this.renewMs / 2);
        this.timer.unref();
      });
    };
    loop();
  }

  /** Stops trying; the holder closes what it holds, then gives the lease up so another takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    if (!this.held) return;
    await this.lose("lease released: shutting down");
    try {
      await releaseLease(this.options.db, this.options.name, this.options.holder);
    } catch (error) {
      this.options.logger.warn({ err: error, lease: this.options.name }, "lease not released; it expires by itself");
    }
  }

  private async lose(why: string): Promise<void> {
    this.held = false;
    this.expiresAt = 0;
    this.options.logger.info({ lease: this.options.name }, why);
    await this.call("onLost");
  }

  private async call(hook: "onGained" | "onLost"): Promise<void> {
    try {
      await this.options[hook]();
    } catch (error) {
      this.options.logger.error({ err: error, lease: this.options.name }, `lease ${hook} failed`);
    }
  }
}
