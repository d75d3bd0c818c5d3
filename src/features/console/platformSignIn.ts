import type { PostRouting } from "../../messaging/types.ts";
import type { Database } from "../../store/database.ts";
import { findMemberByPlatformUser } from "../../store/org.ts";
import { openSession, type ConsoleSession } from "./sessions.ts";
import { PLATFORM_SIGN_IN_REFUSED } from "./texts.ts";
import { mayUseConsole } from "./viewer.ts";

/** Why a platform's sign-in opened no session, as the person reads it. */
export type PlatformSignInRefusal = keyof typeof PLATFORM_SIGN_IN_REFUSED;

/**
 * The member a platform's own sign-in named (their user id on that platform), let in as the link lets them in:
 * staff or an operator. Someone the bot has never seen on that platform is no member of ours yet.
 */
export async function signInAsPlatformUser(
  db: Database,
  routing: PostRouting,
  operators: ReadonlySet<string>,
  platform: string,
  platformUserId: string,
  now: Date,
): Promise<{ ok: true; session: ConsoleSession; memberId: string } | { ok: false; refusal: PlatformSignInRefusal }> {
  const member = await findMemberByPlatformUser(db, platform, platformUserId);
  if (!member) return { ok: false, refusal: "unknownMember" };
  if (!(await mayUseConsole(db, routing, member.id, operators))) return { ok: false, refusal: "notStaff" };
  return { ok: true, session: await openSession(db, member.id, now), memberId: member.id };
}
