import { randomBytes, timingSafeEqual } from "node:crypto";
import type Router from "@koa/router";
import type { Context } from "koa";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { signInAsPlatformUser } from "../../features/console/platformSignIn.ts";
import { PLATFORM_SIGN_IN_REFUSED, SIGN_IN_AGAIN, SIGN_IN_PAGE_TITLE } from "../../features/console/texts.ts";
import type { StaffIdentityRefusal, StaffSignIn } from "../../platforms/adapter.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";
import { platformSignInBody } from "./schemas.ts";
import { checkOrigin, setSessionCookie } from "./session.ts";

/** A platform's own sign-in, as the registry's adapters offer it. */
export interface PlatformSignInEntry {
  platform: string;
  signIn: StaffSignIn;
}

export interface PlatformSignInOptions {
  bodyLimit: number;
  publicBaseUrl: string;
}

/** The OAuth state's cookie: bound to the browser that set out, for ten minutes, used once. */
export const STATE_COOKIE = "yishi_console_state";
const STATE_TTL_MS = 10 * 60_000;
const STATE_PATH = "/console/sign-in";

const HTTP_STATUS: Record<StaffIdentityRefusal | "badState" | "notStaff" | "unknownMember", number> = {
  badCode: 401,
  badState: 403,
  notMember: 403,
  notStaff: 403,
  unknownMember: 403,
  unavailable: 503,
};

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The Chinese page a refused OAuth return shows (the browser is not on the console's page then). */
function refusalPage(ctx: Context, reason: keyof typeof PLATFORM_SIGN_IN_REFUSED): void {
  ctx.status = HTTP_STATUS[reason];
  ctx.type = "html";
  ctx.set("Cache-Control", "no-store");
  ctx.body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${SIGN_IN_PAGE_TITLE}</title><body style="font-family:system-ui,'Noto Sans CJK SC',sans-serif;padding:24px;color:#303133"><h2>${SIGN_IN_PAGE_TITLE}</h2><p data-reason="${reason}">${PLATFORM_SIGN_IN_REFUSED[reason]}</p><p><a href="/console/">${SIGN_IN_AGAIN}</a></p></body></html>`;
}

/**
 * The console's sign-in through the platforms themselves: WeCom's OAuth (a redirect there and back, the
 * state bound to the browser by a short-lived cookie) and DingTalk's 免登 (the page asks the DingTalk app for a
 * code and posts it). Either ends in the same session as a link's, for staff only.
 */
export function platformSignInRoutes(deps: MessageServiceDeps, entries: readonly PlatformSignInEntry[], options: PlatformSignInOptions): Router {
  const { db, clock, logger } = deps;
  const router = createRouter();
  const byPlatform = new Map(entries.map((entry) => [entry.platform, entry.signIn]));
  const base = options.publicBaseUrl.replace(/\/+$/, "");
  const callbackUrl = (platform: string) => `${base}${STATE_PATH}/${encodeURIComponent(platform)}/callback`;

  /** Trades a code for a session; the refusal's reason when none opens. */
  const sessionFor = async (platform: string, signIn: StaffSignIn, code: string) => {
    const identity = await signIn.userIdFor(code);
    if (!identity.ok) {
      logger.warn({ platform, reason: identity.reason, detail: identity.detail }, "console sign-in: the platform named no member");
      return { ok: false as const, refusal: identity.reason };
    }
    const started = await signInAsPlatformUser(db, deps.routing, deps.settings.operators, platform, identity.userId, clock());
    if (!started.ok) logger.info({ platform, refusal: started.refusal }, "console sign-in refused");
    return started;
  };

  // What the page offers before anyone is signed in: a button per redirect, the container's own sign-in where it runs.
  router.get("/console/api/sign-in", (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      methods: entries.map(({ platform, signIn }) =>
        signIn.kind === "redirect"
          ? { platform, kind: signIn.kind, label: signIn.label, url: `${STATE_PATH}/${encodeURIComponent(platform)}` }
          : { platform, kind: signIn.kind, label: signIn.label, corpId: signIn.corpId, userAgentMark: signIn.userAgentMark },
      ),
    };
  });

  router.get(`${STATE_PATH}/:platform`, (ctx) => {
    const platform = ctx.params.platform!;
    const signIn = byPlatform.get(platform);
    if (signIn?.kind !== "redirect") throw new HttpError(404, "not_found", "no such sign-in");
    const state = randomBytes(24).toString("base64url");
    // Lax, not Strict: the platform's page sends the browser back here, a cross-site navigation that must carry it.
    ctx.cookies.set(STATE_COOKIE, `${platform}.${state}`, {
      httpOnly: true,
      sameSite: "lax",
      path: STATE_PATH,
      secure: ctx.secure,
      maxAge: STATE_TTL_MS,
      overwrite: true,
    });
    ctx.set("Cache-Control", "no-store");
    ctx.redirect(signIn.authorizeUrl(callbackUrl(platform), state));
  });

  router.get(`${STATE_PATH}/:platform/callback`, async (ctx) => {
    const platform = ctx.params.platform!;
    const signIn = byPlatform.get(platform);
    if (signIn?.kind !== "redirect") throw new HttpError(404, "not_found", "no such sign-in");
    const expected = ctx.cookies.get(STATE_COOKIE);
    // Used once: whatever follows, this browser's state is gone.
    ctx.cookies.set(STATE_COOKIE, null, { path: STATE_PATH, httpOnly: true, sameSite: "lax", maxAge: 0, overwrite: true });
    const { code, state } = ctx.query as { code?: unknown; state?: unknown };
    if (typeof state !== "string" || !expected || !sameText(expected, `${platform}.${state}`)) return refusalPage(ctx, "badState");
    if (typeof code !== "string" || !code || code.length > 512) return refusalPage(ctx, "badCode");
    const started = await sessionFor(platform, signIn, code);
    if (!started.ok) return refusalPage(ctx, started.refusal);
    setSessionCookie(ctx, started.session.token);
    ctx.set("Cache-Control", "no-store");
    ctx.redirect("/console/#/board");
  });

  router.post("/console/api/session/platform", async (ctx) => {
    checkOrigin(ctx, options.publicBaseUrl);
    const { platform, code } = await readJsonBody(ctx, options.bodyLimit, platformSignInBody);
    const signIn = byPlatform.get(platform);
    if (signIn?.kind !== "container") throw new HttpError(404, "not_found", "no such sign-in");
    const started = await sessionFor(platform, signIn, code);
    if (!started.ok) throw new HttpError(HTTP_STATUS[started.refusal], started.refusal, PLATFORM_SIGN_IN_REFUSED[started.refusal]);
    setSessionCookie(ctx, started.session.token);
    ctx.status = 201;
    ctx.body = { csrfToken: started.session.csrfToken };
  });

  return router;
}
