import type { Selectable } from "kysely";
import type { Database } from "./database.ts";
import type { JobRunTable } from "./schema.ts";

/**
 * The jobs' state, shared by every instance on the database: a run of a job at one tick is claimed by the
 * first insert of its key (the others skip the tick), and one job's runs never overlap whatever started them
 * (a per-job lock row, taken by a conditional update, given up on release or when its time is up).
 */

/** The key of a scheduled tick: the same on every instance, so one insert wins. */
export function tickClaim(job: string, tick: Date): string {
  return `${job}@${tick.toISOString()}`;
}

/** Claims `claim` for `runner`: true when this insert won, false when another runner holds it. */
export async function claimJobRun(db: Database, run: { claim: string; job: string; tick: Date; manual: boolean; runner: string }, now: Date): Promise<boolean> {
  const won = await db.query
    .insertInto("JobRun")
    .values({ ...run, claimedAt: now })
    .onConflict((conflict) => conflict.column("claim").doNothing())
    .returning("claim")
    .executeTakeFirst();
  return won !== undefined;
}

/** A run as the table holds it. */
export type JobRunRecord = Selectable<JobRunTable>;

export async function findJobRun(db: Database, claim: string): Promise<JobRunRecord | null> {
  return (await db.query.selectFrom("JobRun").selectAll().where("claim", "=", claim).executeTakeFirst()) ?? null;
}

/** The runs of a job, latest tick first (tests, an operator's look at what ran). */
export async function jobRunsOf(db: Database, job: string, limit = 20): Promise<JobRunRecord[]> {
  return db.query.selectFrom("JobRun").selectAll().where("job", "=", job).orderBy("tick", "desc").orderBy("claimedAt", "desc").limit(limit).execute();
}

export async function markJobRunStarted(db: Database, claim: string, now: Date): Promise<void> {
  await db.query.updateTable("JobRun").set({ startedAt: now }).where("claim", "=", claim).execute();
}

export async function markJobRunFinished(db: Database, claim: string, now: Date, outcome: { result: string } | { error: string }): Promise<void> {
  await db.query
    .updateTable("JobRun")
    .set({ finishedAt: now, result: "result" in outcome ? outcome.result : null, error: "error" in outcome ? outcome.error : null })
    .where("claim", "=", claim)
    .execute();
}

/**
 * Takes `job`'s lock for `holder` until `until`: true when taken, because it was free or its holder's time
 * was up (a run that crashed). One statement decides, so two takers never both win.
 */
export async function takeJobLock(db: Database, job: string, holder: string, now: Date, until: Date): Promise<boolean> {
  await db.query
    .insertInto("JobLock")
    .values({ job, holder: null, heldUntil: null })
    .onConflict((conflict) => conflict.column("job").doNothing())
    .execute();
  const taken = await db.query
    .updateTable("JobLock")
    .set({ holder, heldUntil: until })
    .where("job", "=", job)
    .where((eb) => eb.or([eb("holder", "is", null), eb("heldUntil", "is", null), eb("heldUntil", "<", now)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Gives `job`'s lock up, if `holder` still has it (it may have been taken over after its time was up). */
export async function releaseJobLock(db: Database, job: string, holder: string): Promise<void> {
  await db.query.updateTable("JobLock").set({ holder: null, heldUntil: null }).where("job", "=", job).where("holder", "=", holder).execute();
}

/** Who holds `job`'s lock, and until when; null when nobody does. */
export async function jobLockHolder(db: Database, job: string): Promise<{ holder: string; heldUntil: Date } | null> {
  const row = await db.query.selectFrom("JobLock").select(["holder", "heldUntil"]).where("job", "=", job).executeTakeFirst();
  return row?.holder && row.heldUntil ? { holder: row.holder, heldUntil: row.heldUntil } : null;
}
