import { inTransaction, type Database } from "./database.ts";

/** What a key (a signed pair, a message id) was first seen with, and when. */
export interface SeenCallback {
  digest: string;
  firstSeenAt: Date;
  /** True when this call recorded it: nobody had seen the key before. */
  first: boolean;
}

/**
 * Records `key` as seen with `digest` unless it already was, and returns the first sighting. Expired rows
 * go in the same transaction, so the table holds only what can still be replayed. The write lock makes the
 * first sighting one across every process on the database.
 */
export function rememberCallback(db: Database, key: string, digest: string, now: Date, expiresAt: Date): Promise<SeenCallback> {
  return inTransaction(db, async (tx) => {
    await tx.callbackSeen.deleteMany({ where: { expiresAt: { lt: now } } });
    const earlier = await tx.callbackSeen.findUnique({ where: { key } });
    if (earlier) return { digest: earlier.digest, firstSeenAt: earlier.firstSeenAt, first: false };
    await tx.callbackSeen.create({ data: { key, digest, firstSeenAt: now, expiresAt } });
    return { digest, firstSeenAt: now, first: true };
  });
}

/** The digest `key` was first seen with, if it is still remembered. */
export async function seenDigest(db: Database, key: string, now: Date): Promise<string | null> {
  const row = await db.callbackSeen.findUnique({ where: { key } });
  return row && row.expiresAt.getTime() >= now.getTime() ? row.digest : null;
}
