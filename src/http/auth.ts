import { createHash, timingSafeEqual } from "node:crypto";
import type { Middleware } from "koa";
import { HttpError } from "./errors.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Requires `Authorization: Bearer <token>`; compares in constant time. */
export function requireAdminToken(token: string): Middleware {
  const expected = digest(token);
  return async (ctx, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(ctx.get("authorization"));
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      ctx.set("WWW-Authenticate", 'Bearer realm="yishi-bot"');
      throw new HttpError(401, "unauthorized", "a valid admin token is required");
    }
    await next();
  };
}
