import { toDbDate } from "./connection.ts";
import { statementsOf, type Tx } from "./database.ts";

/**
 * Claims `key` for good, in the caller's transaction: true the first time (the caller posts), false ever
 * after, in this process or another on the same database. The claim commits, or rolls back, with the posts.
 */
export async function claimPostKey(tx: Tx, key: string, now: Date): Promise<boolean> {
  const claimed = (await statementsOf(tx)).get<{ key: string }>(
    'INSERT INTO "ScheduledSend" ("key", "at") VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING "key"',
    [key, toDbDate(now)],
  );
  return claimed !== undefined;
}
