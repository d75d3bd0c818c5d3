import type { Context } from "koa";
import getRawBody from "raw-body";
import type { z } from "zod";
import { HttpError } from "./errors.ts";

/** Reads a JSON body no larger than `limit` bytes: 413 when larger, 400 when not JSON or not of `schema`'s shape. */
export async function readJsonBody<T>(ctx: Context, limit: number, schema: z.ZodType<T>): Promise<T> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limit) throw new HttpError(413, "body_too_large", `body exceeds ${limit} bytes`);
  let raw: string;
  try {
    raw = await getRawBody(ctx.req, { limit, encoding: "utf8" });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") throw new HttpError(413, "body_too_large", `body exceeds ${limit} bytes`);
    throw new HttpError(400, "bad_body", "could not read the request body");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, "invalid_json", "body is not valid JSON");
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new HttpError(400, "invalid_body", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return result.data;
}
