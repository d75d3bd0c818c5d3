import type { Database } from "./database.ts";

/**
 * A lease one instance holds among several on one database (the `Lease` table), e.g. `long-connections`:
 * only its holder opens the platforms' long connections. Taking and renewing are one statement (an upsert
 * that updates only a lease that is free, expired or already ours), so two instances never both hold it,
 * on PostgreSQL (the row is locked by the upsert) as on SQLite (one writer at a time).
 */

/** Takes the lease, or renews it when `holder` has it: true while `holder` holds it until `expiresAt`. */
export async function takeLease(client: Database, name: string, holder: string, now: Date, expiresAt: Date): Promise<boolean> {
  const row = await client.query
    .insertInto("Lease")
    .values({ name, holder, expiresAt })
    .onConflict((conflict) =>
      conflict
        .column("name")
        .doUpdateSet({ holder, expiresAt })
        .where((eb) => eb.or([eb("Lease.holder", "=", holder), eb("Lease.expiresAt", "<=", now)])),
    )
    .returning("holder")
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Gives the lease up at once (shutdown), if `holder` has it: another instance may take it on its next try. */
export async function releaseLease(client: Database, name: string, holder: string): Promise<void> {
  await client.query.deleteFrom("Lease").where("name", "=", name).where("holder", "=", holder).execute();
}

/** Who holds the lease as of `now`, or null when nobody does (never taken, released or expired). */
export async function leaseHolder(client: Database, name: string, now: Date): Promise<string | null> {
  const row = await client.query.selectFrom("Lease").select("holder").where("name", "=", name).where("expiresAt", ">", now).executeTakeFirst();
  return row?.holder ?? null;
}
