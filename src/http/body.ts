import type { Context } from "koa";
import getRawBody from "raw-body";
import type { z } from "zod";
import { HttpError } from "./errors.ts";

/** Reads the raw body as UTF-8 text, no larger than `limit` bytes (413 when larger). */
export async function readTextBody(ctx: Context, limit: number): Promise<string> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limit) throw new HttpError(413, "body_too_large", `body exceeds ${limit} bytes`);
  try {
    return await getRawBody(ctx.req, { limit, encoding: "utf8" });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") throw new HttpError(413, "body_too_large", `body exceeds ${limit} bytes`);
    throw new HttpError(400, "bad_body", "could not read the request body");
  }
}

/**
 * The query string decoded with decodeURIComponent only: WeCom's base64 parameters may hold "+", which
 * form decoding would turn into a space.
 */
export function rawQuery(ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of ctx.querystring.split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const key = at === -1 ? pair : pair.slice(0, at);
    const value = at === -1 ? "" : pair.slice(at + 1);
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      throw new HttpError(400, "bad_query", "query string is not valid percent-encoding");
    }
  }
  return out;
}

/** Reads a JSON body no larger than `limit` bytes: 413 when larger, 400 when not JSON or not of `schema`'s shape. */
export async function readJsonBody<T>(ctx: Context, limit: number, schema: z.ZodType<T>): Promise<T> {
  const raw = await readTextBody(ctx, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, "invalid_json", "body is not valid JSON");
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new HttpError(400, "invalid_body", describeIssue(result.error.issues[0]!, "body", "field"));
  return result.data;
}

/** One validation issue for a client to read: where, and what; keys a strict schema does not know are named. */
export function describeIssue(issue: z.core.$ZodIssue, whole: string, key: string): string {
  const where = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    return `${where ? `${where}: ` : ""}unknown ${key}${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
  }
  return `${where || whole}: ${issue.message}`;
}
