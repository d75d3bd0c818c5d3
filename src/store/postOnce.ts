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
