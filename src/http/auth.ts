import { createHash, timingSafeEqual } from "node:crypto";
import type { Middleware } from "koa";
import { HttpError } from "./errors.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * The admin token as the server keeps it: its SHA-256, never the token. With ADMIN_TOKEN unset the database
 * holds only this (http/adminToken.ts), so every instance checks the same token without knowing it.
 */
export interface AdminTokenHash {
  sha256: Buffer;
}

export function adminTokenHash(token: string): AdminTokenHash {
  return { sha256: digest(token) };
}

/** From the hex the database keeps. */
export function adminTokenHashFromHex(hex: string): AdminTokenHash {
  return { sha256: Buffer.from(hex, "hex") };
}

const adminChecks = new WeakSet<object>();

/**
 * Requires `Authorization: Bearer <token>`; compares the given token's hash with the expected hash in
 * constant time. It goes on each admin route itself (`router.get(path, admin, handler)`), never before
 * routing on a path prefix: the route and its check are then matched by the same pattern, whatever the
 * spelling of the path.
 */
export function requireAdminToken(expected: AdminTokenHash): Middleware {
  const check: Middleware = async (ctx, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(ctx.get("authorization"));
    const given = match ? digest(match[1]!.trim()) : null;
    if (!given || given.length !== expected.sha256.length || !timingSafeEqual(given, expected.sha256)) {
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
