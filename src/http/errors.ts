import type { Middleware } from "koa";
import { NotFound } from "../domain/refusal.ts";
import { CallbackRejected } from "../platforms/errors.ts";
import type { Logger } from "../logger.ts";
import { MessageNotStored } from "../messaging/errors.ts";
import { isDatabaseBusy } from "../store/database.ts";

/** An error with an HTTP status and a machine-readable code, answered as JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one boundary where errors become responses; nothing below it writes error bodies. */
export function errorBoundary(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: "not_found", message: "no such route" } };
      }
    } catch (error) {
      if (error instanceof HttpError) {
        ctx.status = error.status;
        ctx.body = { error: { code: error.code, message: error.message } };
      } else if (error instanceof CallbackRejected) {
        // Logged without the body or the query: a forged callback's content is not worth keeping.
        logger.warn({ path: ctx.path, status: error.status, reason: error.message }, "callback rejected");
        ctx.status = error.status;
        ctx.body = { error: { code: error.status === 401 ? "unauthorized" : "bad_callback", message: error.message } };
      } else if (error instanceof MessageNotStored || isDatabaseBusy(error)) {
        // Not stored: a non-2xx makes WeCom and DingTalk send the message again; the sandbox shows the error.
        logger.warn({ path: ctx.path, err: error }, "request not stored; answered 503 so it is retried");
        ctx.status = 503;
        ctx.set("Retry-After", "1");
        ctx.body = { error: { code: "unavailable", message: "暂时无法处理，请稍后重试" } };
      } else if (error instanceof NotFound) {
        ctx.status = 404;
        ctx.body = { error: { code: "not_found", message: error.message } };
      } else {
        logger.error({ err: error, method: ctx.method, path: ctx.path }, "request failed");
        ctx.status = 500;
        ctx.body = { error: { code: "internal", message: "internal error" } };
      }
    }
  };
}
