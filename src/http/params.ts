import type { Context } from "koa";
import type { z } from "zod";
import { describeIssue } from "./body.ts";
import { HttpError } from "./errors.ts";

/** A query string through its strict schema: an unknown parameter is refused by name, never ignored (400). */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw new HttpError(400, "invalid_query", describeIssue(parsed.error.issues[0]!, "query", "query parameter"));
}

/** A route's path parameters read by their schema; a bad one answered 400. */
export function parseParams<T>(schema: z.ZodType<T>, ctx: Context): T {
  const parsed = schema.safeParse(ctx.params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new HttpError(400, "invalid_param", `${issue.path.join(".")}: ${issue.message}`);
}
