/**
 * Exponential backoff with jitter: 5 s, 10 s, 20 s … capped at 30 minutes, each ±20%, and never
 * sooner than the platform asked (a rate-limited robot is told to wait).
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs = 0): number {
  const base = Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, retryAfterMs));
}

/**
 * How long a rate-limited robot is paused: what the platform asked (at least), doubling with each refusal
 * in a row from one minute, capped at 15 minutes, ±20%. No attempt is counted: the post was not wrong.
 */
export function rateLimitPauseMs(refusalsInRow: number, random: () => number, retryAfterMs = 0): number {
  const base = Math.min(15 * 60_000, 60_000 * 2 ** Math.max(0, refusalsInRow - 1));
  return Math.round(Math.max(base * (0.8 + 0.4 * random()), retryAfterMs));
}
