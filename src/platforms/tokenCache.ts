/** A token as a platform hands it out: its value and how long it lives. */
export interface IssuedToken {
  value: string;
  lifetimeMs: number;
}

/**
 * A platform's access token, kept in memory and renewed `marginMs` before it expires; one request at a time
 * renews it, whoever asks meanwhile waits for that one. A caller whose request the platform refused for the
 * token (401, 403) calls `forget()`, and the next caller fetches a new one. One per platform client: pictures,
 * cards and any other call of the platform (a sign-in's user lookup) share it.
 */
export class TokenCache {
  private token: { value: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly clock: () => Date,
    private readonly marginMs = 5 * 60_000,
  ) {}

  /** The token, from memory while it is fresh; rejects with the issuer's error when none can be had. */
  get(): Promise<string> {
    if (this.token && this.token.renewAt > this.clock().getTime()) return Promise.resolve(this.token.value);
    this.pending ??= this.renew().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  forget(): void {
    this.token = null;
  }

  private async renew(): Promise<string> {
    const issued = await this.issue();
    this.token = { value: issued.value, renewAt: this.clock().getTime() + Math.max(issued.lifetimeMs - this.marginMs, 0) };
    return issued.value;
  }
}
