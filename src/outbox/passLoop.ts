import { AsyncResource } from "node:async_hooks";

/**
 * A worker's passes: one every `pollMs` once started, and one at once on `nudge()`; never two at a time (a
 * nudge during a pass runs another right after it). The chat outbox and the webhooks' worker run theirs so.
 * A pass runs in the context the loop was made in: a nudge from within a use case's transaction must not make
 * the pass's own bookkeeping (inTransaction) believe it runs inside that transaction.
 */
export class PassLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;
  private started = false;
  private halted = false;
  private readonly detachedPass: () => Promise<unknown>;

  constructor(
    pass: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.detachedPass = AsyncResource.bind(pass);
  }

  /** Stopped: a pass under way ends early. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Polls every `pollMs`; `nudge()` runs a pass at once. */
  start(pollMs: number): void {
    this.halted = false;
    this.started = true;
    const tick = () => {
      this.nudge();
      this.timer = setTimeout(tick, pollMs);
      this.timer.unref();
    };
    tick();
  }

  /** Runs a pass now, if the loop was started (tests drive the worker's `runOnce` themselves). */
  nudge(): void {
    if (!this.started || this.halted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.detachedPass()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** No more passes; resolves when the one under way has ended. */
  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
