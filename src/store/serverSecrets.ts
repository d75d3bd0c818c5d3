import type { Database } from "./database.ts";

/**
 * Secrets every instance on the database must agree on (the admin token's SHA-256, the key attachment links
 * are signed with): the first instance that needs one stores it, every other reads that one.
 */

/** Stores `value` under `name` unless a value is there already; answers the stored value and whether it is ours. */
export async function firstServerSecret(db: Database, name: string, value: string, now: Date): Promise<{ value: string; created: boolean }> {
  const inserted = await db.query
    .insertInto("ServerSecret")
    .values({ name, value, createdAt: now })
    .onConflict((conflict) => conflict.column("name").doNothing())
    .returning("value")
    .executeTakeFirst();
  if (inserted) return { value: inserted.value, created: true };
  // The winner's row is committed (PostgreSQL's insert waited for it): this statement sees it.
  const stored = await serverSecret(db, name);
  if (stored === null) throw new Error(`server secret ${name} vanished`);
  return { value: stored, created: false };
}

export async function serverSecret(db: Database, name: string): Promise<string | null> {
  return (await db.query.selectFrom("ServerSecret").select("value").where("name", "=", name).executeTakeFirst())?.value ?? null;
}

/** Replaces the value under `name` if it is still `expected`: true when this call replaced it. */
export async function replaceServerSecret(db: Database, name: string, expected: string, value: string, now: Date): Promise<boolean> {
  const result = await db.query
    .updateTable("ServerSecret")
    .set({ value, createdAt: now })
    .where("name", "=", name)
    .where("value", "=", expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
