import { timingSafeEqual } from "node:crypto";
import type { Context, Middleware } from "koa";
import type { PostRouting } from "../../messaging/types.ts";
import type { Database } from "../../store/database.ts";
import { resumeSession, type ConsoleSession } from "../../features/console/sessions.ts";
import { CSRF_REFUSED, OPERATOR_WITHOUT_UNITS, SIGNED_OUT, STAFF_ONLY } from "../../features/console/texts.ts";
import { loadViewer, seesNoUnit, type ConsoleViewer } from "../../features/console/viewer.ts";
import { HttpError } from "../errors.ts";

export const SESSION_COOKIE = "yishi_console";
export const CSRF_HEADER = "x-console-csrf";

/** What a console route knows about who asks. */
export interface ConsoleState {
  session: ConsoleSession;
  viewer: ConsoleViewer;
}

export function setSessionCookie(ctx: Context, token: string | null): void {
  ctx.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    path: "/console",
    secure: ctx.secure,
    overwrite: true,
    ...(token ? {} : { maxAge: 0 }),
  });
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A request that changes something must come from the console's own page: its Origin (when the browser
 * sends one, as every current browser does on a POST) is this server's, or the configured public address.
 */
export function checkOrigin(ctx: Context, publicBaseUrl: string): void {
  const origin = ctx.get("origin");
  if (!origin) return;
  // Not ctx.origin: Koa 3 reads that from the Origin header itself.
  const allowed = new Set([`${ctx.protocol}://${ctx.host}`, new URL(publicBaseUrl).origin]);
  if (!allowed.has(origin)) throw new HttpError(403, "bad_origin", CSRF_REFUSED);
}

export interface ConsoleSessionOptions {
  publicBaseUrl: string;
  /** BIND_OPERATORS (`platform:userId`): operators sign in even when staff of no unit. */
  operators: ReadonlySet<string>;
  /** The route serves an operator who is staff of no unit too (the session, `me`, 运维); others answer them 403. */
  withoutUnits?: boolean;
}

/**
 * Every console route but sign-in: a live session (its cookie), a member who is staff somewhere or an
 * operator, and for anything but reading, the session's CSRF token in a header and a same-origin request.
 * An operator who is staff of no unit gets 403 `no_units` on the routes of tickets, figures and meetings.
 */
export function requireConsoleSession(db: Database, routing: PostRouting, clock: () => Date, options: ConsoleSessionOptions): Middleware {
  const { publicBaseUrl, operators, withoutUnits = false } = options;
  return async (ctx, next) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const session = token ? await resumeSession(db, token, clock()) : null;
    if (!session) throw new HttpError(401, "signed_out", SIGNED_OUT);
    if (ctx.method !== "GET" && ctx.method !== "HEAD") {
      checkOrigin(ctx, publicBaseUrl);
      if (!sameText(ctx.get(CSRF_HEADER), session.csrfToken)) throw new HttpError(403, "bad_csrf", CSRF_REFUSED);
    }
    const viewer = await loadViewer(db, routing, session.memberId, operators);
    if (!viewer) throw new HttpError(403, "not_staff", STAFF_ONLY);
    if (!withoutUnits && seesNoUnit(viewer)) throw new HttpError(403, "no_units", OPERATOR_WITHOUT_UNITS);
    (ctx.state as { console: ConsoleState }).console = { session, viewer };
    await next();
  };
}

export function consoleStateOf(ctx: Context): ConsoleState {
  return (ctx.state as { console: ConsoleState }).console;
}
