import { XMLBuilder } from "fast-xml-parser";
import type { Context, Middleware } from "koa";
import type { Logger } from "../../logger.ts";
import { MessageNotStored } from "../../messaging/errors.ts";
import { isDatabaseBusy } from "../../store/database.ts";
import { Open311Refusal } from "../../features/open311/errors.ts";
import * as texts from "../../features/open311/texts.ts";

export type Format = "json" | "xml";
export const FORMATS: readonly Format[] = ["json", "xml"];

const builder = new XMLBuilder({ suppressEmptyNode: false });
// Characters XML 1.0 cannot carry at all, even escaped.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlSafe(value: unknown): unknown {
  if (typeof value === "string") return value.replace(NOT_XML, "");
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, xmlSafe(inner)]));
  return value;
}

/**
 * Answers in the format the path asked for: JSON as it is, XML as GeoReport v2 nests it —
 * `<root><item>…</item>…</root>` (services/service, service_requests/request, errors/error).
 */
export function respond(ctx: Context, format: Format, status: number, names: { root: string; item: string }, items: readonly object[]): void {
  ctx.status = status;
  if (format === "json") {
    ctx.type = "application/json; charset=utf-8";
    ctx.body = JSON.stringify(items);
    return;
  }
  ctx.type = "application/xml; charset=utf-8";
  ctx.body = `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [names.root]: { [names.item]: xmlSafe(items) } })}`;
}

function respondError(ctx: Context, format: Format, status: number, description: string): void {
  respond(ctx, format, status, { root: "errors", item: "error" }, [{ code: status, description }]);
}

/**
 * The Open311 routes' own error boundary: every refusal in the spec's shape (a list of {code, description},
 * or <errors><error>…), in the format the path asked for, with a Chinese description.
 */
export function open311Errors(format: Format, logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof Open311Refusal) {
        if (error.retryAfterSeconds !== undefined) ctx.set("Retry-After", String(error.retryAfterSeconds));
        respondError(ctx, format, error.status, error.message);
      } else if (error instanceof MessageNotStored || isDatabaseBusy(error)) {
        ctx.set("Retry-After", "1");
        respondError(ctx, format, 503, texts.UNAVAILABLE);
      } else {
        logger.error({ err: error, method: ctx.method, path: ctx.path }, "open311 request failed");
        respondError(ctx, format, 500, texts.INTERNAL);
      }
    }
  };
}

/** Anything else under /open311/v2/: a 404 in the spec's shape (JSON unless the path ends in .xml). */
export function open311NotFound(): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith("/open311/")) {
      respondError(ctx, ctx.path.endsWith(".xml") ? "xml" : "json", 404, texts.NO_SUCH_ROUTE);
    }
  };
}
