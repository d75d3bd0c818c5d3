import type { Tx } from "./database.ts";

/**
 * Claims `key` for good, in the caller's transaction: true the first time (the caller posts), false ever
 * after, in this process or another on the same database. The claim commits, or rolls back, with the posts.
 */
export async function claimPostKey(tx: Tx, key: string, now: Date): Promise<boolean> {
  const claimed = await tx.query
    .insertInto("ScheduledSend")
    .values({ key, at: now })
    .onConflict((conflict) => conflict.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Claims each of `keys` as `claimPostKey` does, in one statement; returns those this call claimed. */
export async function claimPostKeys(tx: Tx, keys: readonly string[], now: Date): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const claimed = await tx.query
    .insertInto("ScheduledSend")
    .values(keys.map((key) => ({ key, at: now })))
    .onConflict((conflict) => conflict.column("key").doNothing())
    .returning("key")
    .execute();
  return new Set(claimed.map((row) => row.key));
}
