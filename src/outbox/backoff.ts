/**
 * Exponential backoff with jitter: 5 s, 10 s, 20 s … capped at 30 minutes, each ±20%, and never
 * sooner than the platform asked (a rate-limited robot is told to wait).
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs = 0): number {
  const base = Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, retryAfterMs));
}
