import { toDbDate } from "./connection.ts";
import { statementsOf, type Database, type Tx } from "./database.ts";

type Client = Database | Tx;

/** Keeps a sign-in link's token (its sha256) for the member it was made for. */
export async function insertSignIn(client: Client, link: { tokenHash: string; memberId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  (await statementsOf(client)).run('INSERT INTO "ConsoleSignIn" ("tokenHash", "memberId", "createdAt", "expiresAt") VALUES (?, ?, ?, ?)', [
    link.tokenHash,
    link.memberId,
    toDbDate(link.createdAt),
    toDbDate(link.expiresAt),
  ]);
}

/**
 * Uses a sign-in link once: marks it used if it is unused and unexpired, and returns its member, or null.
 * The update is the check, so two uses at once cannot both succeed.
 */
export async function useSignIn(client: Client, tokenHash: string, now: Date): Promise<string | null> {
  const statements = await statementsOf(client);
  const used = statements.run('UPDATE "ConsoleSignIn" SET "usedAt" = ? WHERE "tokenHash" = ? AND "usedAt" IS NULL AND "expiresAt" > ?', [
    toDbDate(now),
    tokenHash,
    toDbDate(now),
  ]);
  if (used.changes !== 1) return null;
  return statements.get<{ memberId: string }>('SELECT "memberId" FROM "ConsoleSignIn" WHERE "tokenHash" = ?', [tokenHash])?.memberId ?? null;
}

export async function insertSession(client: Client, session: { tokenHash: string; memberId: string; csrfToken: string; now: Date }): Promise<void> {
  (await statementsOf(client)).run('INSERT INTO "ConsoleSession" ("tokenHash", "memberId", "csrfToken", "createdAt", "lastSeenAt") VALUES (?, ?, ?, ?, ?)', [
    session.tokenHash,
    session.memberId,
    session.csrfToken,
    toDbDate(session.now),
    toDbDate(session.now),
  ]);
}

export interface StoredSession {
  memberId: string;
  csrfToken: string;
  lastSeenAt: Date;
}

/** A session seen since `idleSince`, or null (unknown, or idle too long). */
export async function findLiveSession(client: Client, tokenHash: string, idleSince: Date): Promise<StoredSession | null> {
  const row = (await statementsOf(client)).get<{ memberId: string; csrfToken: string; lastSeenAt: string }>(
    'SELECT "memberId", "csrfToken", "lastSeenAt" FROM "ConsoleSession" WHERE "tokenHash" = ? AND "lastSeenAt" > ?',
    [tokenHash, toDbDate(idleSince)],
  );
  return row ? { memberId: row.memberId, csrfToken: row.csrfToken, lastSeenAt: new Date(row.lastSeenAt) } : null;
}

export async function touchSession(client: Client, tokenHash: string, now: Date): Promise<void> {
  (await statementsOf(client)).run('UPDATE "ConsoleSession" SET "lastSeenAt" = ? WHERE "tokenHash" = ?', [toDbDate(now), tokenHash]);
}

export async function deleteSession(client: Client, tokenHash: string): Promise<void> {
  (await statementsOf(client)).run('DELETE FROM "ConsoleSession" WHERE "tokenHash" = ?', [tokenHash]);
}

/** Forgets links and sessions that can no longer be used. */
export async function pruneConsoleSessions(client: Client, now: Date, idleSince: Date): Promise<void> {
  const statements = await statementsOf(client);
  statements.run('DELETE FROM "ConsoleSignIn" WHERE "expiresAt" <= ?', [toDbDate(now)]);
  statements.run('DELETE FROM "ConsoleSession" WHERE "lastSeenAt" <= ?', [toDbDate(idleSince)]);
}
