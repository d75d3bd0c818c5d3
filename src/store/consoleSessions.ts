import type { Database } from "./database.ts";

type Client = Database;

/** Keeps a sign-in link's token (its sha256) for the member it was made for. */
export async function insertSignIn(client: Client, link: { tokenHash: string; memberId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await client.query
    .insertInto("ConsoleSignIn")
    .values({ tokenHash: link.tokenHash, memberId: link.memberId, createdAt: link.createdAt, expiresAt: link.expiresAt })
    .execute();
}

/**
 * Uses a sign-in link once: marks it used if it is unused and unexpired, and returns its member, or null.
 * The update is the check, so two uses at once cannot both succeed.
 */
export async function useSignIn(client: Client, tokenHash: string, now: Date): Promise<string | null> {
  const used = await client.query
    .updateTable("ConsoleSignIn")
    .set({ usedAt: now })
    .where("tokenHash", "=", tokenHash)
    .where("usedAt", "is", null)
    .where("expiresAt", ">", now)
    .returning("memberId")
    .executeTakeFirst();
  return used?.memberId ?? null;
}

export async function insertSession(client: Client, session: { tokenHash: string; memberId: string; csrfToken: string; now: Date }): Promise<void> {
  await client.query
    .insertInto("ConsoleSession")
    .values({ tokenHash: session.tokenHash, memberId: session.memberId, csrfToken: session.csrfToken, createdAt: session.now, lastSeenAt: session.now })
    .execute();
}

export interface StoredSession {
  memberId: string;
  csrfToken: string;
  lastSeenAt: Date;
}

/** A session seen since `idleSince`, or null (unknown, or idle too long). */
export async function findLiveSession(client: Client, tokenHash: string, idleSince: Date): Promise<StoredSession | null> {
  const row = await client.query
    .selectFrom("ConsoleSession")
    .select(["memberId", "csrfToken", "lastSeenAt"])
    .where("tokenHash", "=", tokenHash)
    .where("lastSeenAt", ">", idleSince)
    .executeTakeFirst();
  return row ? { memberId: row.memberId, csrfToken: row.csrfToken, lastSeenAt: new Date(row.lastSeenAt) } : null;
}

export async function touchSession(client: Client, tokenHash: string, now: Date): Promise<void> {
  await client.query.updateTable("ConsoleSession").set({ lastSeenAt: now }).where("tokenHash", "=", tokenHash).execute();
}

export async function deleteSession(client: Client, tokenHash: string): Promise<void> {
  await client.query.deleteFrom("ConsoleSession").where("tokenHash", "=", tokenHash).execute();
}

/** Forgets links and sessions that can no longer be used. */
export async function pruneConsoleSessions(client: Client, now: Date, idleSince: Date): Promise<void> {
  await client.query.deleteFrom("ConsoleSignIn").where("expiresAt", "<=", now).execute();
  await client.query.deleteFrom("ConsoleSession").where("lastSeenAt", "<=", idleSince).execute();
}
