import { createHash, timingSafeEqual } from "node:crypto";
import type { Middleware } from "koa";
import { HttpError } from "./errors.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

const adminChecks = new WeakSet<object>();

/**
 * Requires `Authorization: Bearer <token>`; compares in constant time. It goes on each admin route itself
 * (`router.get(path, admin, handler)`), never before routing on a path prefix: the route and its check are
 * then matched by the same pattern, whatever the spelling of the path.
 */
export function requireAdminToken(token: string): Middleware {
  const expected = digest(token);
  const check: Middleware = async (ctx, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(ctx.get("authorization"));
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      ctx.set("WWW-Authenticate", 'Bearer realm="yishi-bot"');
      throw new HttpError(401, "unauthorized", "a valid admin token is required");
    }
    await next();
  };
  adminChecks.add(check);
  return check;
}

/** Whether a route's middleware is the admin token check (the tests walk every route with it). */
export function isAdminCheck(middleware: unknown): boolean {
  return typeof middleware === "function" && adminChecks.has(middleware);
}
