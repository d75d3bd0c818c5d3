import type { Tx } from "./database.ts";

/** What a key (a signed pair, a message id) was first seen with, and when. */
export interface SeenCallback {
  digest: string;
  firstSeenAt: Date;
}

/** The first sighting of `key`, if it is still remembered (call forgetExpiredCallbacks first in the transaction). */
export async function findSeenCallback(tx: Tx, key: string): Promise<SeenCallback | null> {
  const row = await tx.query.selectFrom("CallbackSeen").select(["digest", "firstSeenAt"]).where("key", "=", key).executeTakeFirst();
  return row ?? null;
}

/**
 * Records the first sighting of `key`, kept until `expiresAt`, when it can no longer be replayed. Answers null
 * when this is the first; when another instance recorded it meanwhile (the insert does nothing: ON CONFLICT,
 * never a unique violation), that sighting.
 */
export async function recordSeenCallback(tx: Tx, key: string, digest: string, now: Date, expiresAt: Date): Promise<SeenCallback | null> {
  const inserted = await tx.query
    .insertInto("CallbackSeen")
    .values({ key, digest, firstSeenAt: now, expiresAt })
    .onConflict((conflict) => conflict.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  return inserted ? null : findSeenCallback(tx, key);
}

/** Drops what can no longer be replayed, so the table stays as small as the traffic of a few hours. */
export async function forgetExpiredCallbacks(tx: Tx, now: Date): Promise<void> {
  await tx.query.deleteFrom("CallbackSeen").where("expiresAt", "<", now).execute();
}
