import { createHash, randomBytes } from "node:crypto";
import { inTransaction, type Database, type Tx } from "../../store/database.ts";
import { deleteSession, findLiveSession, insertSession, insertSignIn, pruneConsoleSessions, touchSession, useSignIn } from "../../store/consoleSessions.ts";

/** A sign-in link works once, within ten minutes, for the member it was made for. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60_000;
/** A session ends after two hours without a request. */
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** A session's last-seen time is written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const freshToken = () => randomBytes(32).toString("base64url");

/** The console's address a sign-in link opens: the token travels in the fragment, never to a server log or a link preview. */
export function signInUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/console/#/sign-in/${token}`;
}

/** Makes a sign-in link for a member, in the caller's transaction. */
export async function createSignInLink(tx: Tx, memberId: string, now: Date, publicBaseUrl: string): Promise<{ url: string; expiresAt: Date }> {
  const token = freshToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
  await insertSignIn(tx, { tokenHash: hashOf(token), memberId, createdAt: now, expiresAt });
  return { url: signInUrl(publicBaseUrl, token), expiresAt };
}

export interface ConsoleSession {
  /** The cookie's value. */
  token: string;
  memberId: string;
  /** Sent back in the X-Console-Csrf header with every change. */
  csrfToken: string;
}

/** Whether a member may hold a session at all (staff of some unit, or an operator), asked in the sign-in's transaction. */
export type MayUseConsole = (tx: Tx, memberId: string) => Promise<boolean>;

/** A link's sign-in: a session, or why none opened. */
export type LinkSignIn = { ok: true; session: ConsoleSession } | { ok: false; refusal: "linkRefused" | "notStaff" };

/**
 * Trades a sign-in link's token for a session, once. Refused for a used, expired or unknown link, and for a
 * member who may not use the console (a resident the admin invited, staff removed since the link was made):
 * the link is spent then too, and no session opens.
 */
export async function signIn(db: Database, linkToken: string, now: Date, mayUseConsole: MayUseConsole): Promise<LinkSignIn> {
  return inTransaction(db, async (tx) => {
    await pruneConsoleSessions(tx, now, new Date(now.getTime() - SESSION_IDLE_MS));
    const memberId = await useSignIn(tx, hashOf(linkToken), now);
    if (!memberId) return { ok: false, refusal: "linkRefused" };
    if (!(await mayUseConsole(tx, memberId))) return { ok: false, refusal: "notStaff" };
    return { ok: true, session: await startSession(tx, memberId, now) };
  });
}

/** Opens a session for a member a platform's own sign-in named (WeCom OAuth, DingTalk 免登): the same session as a link's. */
export async function openSession(db: Database, memberId: string, now: Date): Promise<ConsoleSession> {
  return inTransaction(db, async (tx) => {
    await pruneConsoleSessions(tx, now, new Date(now.getTime() - SESSION_IDLE_MS));
    return startSession(tx, memberId, now);
  });
}

async function startSession(tx: Tx, memberId: string, now: Date): Promise<ConsoleSession> {
  const session = { token: freshToken(), memberId, csrfToken: freshToken() };
  await insertSession(tx, { tokenHash: hashOf(session.token), memberId, csrfToken: session.csrfToken, now });
  return session;
}

/** The live session a cookie names, kept alive by this request; null when unknown or idle too long. */
export async function resumeSession(db: Database, token: string, now: Date): Promise<ConsoleSession | null> {
  const hash = hashOf(token);
  const stored = await findLiveSession(db, hash, new Date(now.getTime() - SESSION_IDLE_MS));
  if (!stored) return null;
  if (now.getTime() - stored.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await inTransaction(db, (tx) => touchSession(tx, hash, now));
  return { token, memberId: stored.memberId, csrfToken: stored.csrfToken };
}

export async function signOut(db: Database, token: string): Promise<void> {
  await inTransaction(db, (tx) => deleteSession(tx, hashOf(token)));
}
