import { readFileSync } from "node:fs";
import type Router from "@koa/router";
import { readJsonBody } from "../../http/body.ts";
import { BytesInFlight } from "../../http/bytesInFlight.ts";
import { HttpError } from "../../http/errors.ts";
import { NotFound } from "../../domain/refusal.ts";
import type { Inbound } from "../adapter.ts";
import { sandboxBodyLimit, toIncomingMessage, sandboxMessageSchema } from "./decode.ts";
import { sandboxGroup, sandboxGroups, sandboxTimeline } from "./directory.ts";
import { createRouter } from "../../http/router.ts";
import { SANDBOX_TEXTS } from "./texts.ts";

const page = readFileSync(new URL("./page.html", import.meta.url), "utf8");

/** What the sandbox takes in, since anyone may post to it: SANDBOX_BODY_LIMIT, SANDBOX_IN_FLIGHT_LIMIT. */
export interface SandboxLimits {
  /** The largest message, words and photos together. */
  bodyLimit: number;
  /** All messages being received and handled at once. */
  inFlightLimit: number;
}

/** The sandbox platform: demo groups anyone can talk to without WeCom or DingTalk. */
export function sandboxRoutes(inbound: Inbound, limits: SandboxLimits): Router {
  const { db, bodyLimit, botName } = inbound;
  const messageLimit = Math.min(sandboxBodyLimit(bodyLimit, inbound.imageMaxBytes), limits.bodyLimit);
  const inFlight = new BytesInFlight(limits.inFlightLimit);
  const router = createRouter();

  router.get("/sandbox", (ctx) => {
    ctx.type = "html";
    ctx.body = page.replaceAll("{{BOT_NAME}}", botName.replace(/[<>&"]/g, ""));
  });

  // The page shows times in the deployment's zone, as deadlines are written, whatever the browser's own.
  router.get("/sandbox/groups", async (ctx) => {
    ctx.body = { groups: await sandboxGroups(db), zone: inbound.zone };
  });

  router.get("/sandbox/groups/:groupId/messages", async (ctx) => {
    const limit = Math.min(Math.max(Number(ctx.query.limit) || 200, 1), 1000);
    ctx.body = { messages: await sandboxTimeline(db, ctx.params.groupId!, limit) };
  });

  // A photo shown in a sandbox group's timeline; photos of real platforms' groups are not served here.
  router.get("/sandbox/photos/:id", async (ctx) => {
    const id = Number(ctx.params.id);
    const photo = Number.isSafeInteger(id) && id > 0 ? await inbound.photo(id) : null;
    if (!photo?.groupId) throw new NotFound(`no sandbox photo ${ctx.params.id}`);
    await sandboxGroup(db, photo.groupId);
    ctx.type = photo.mime;
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Cache-Control", "private, max-age=3600");
    ctx.body = Buffer.from(photo.bytes);
  });

  router.post("/sandbox/groups/:groupId/messages", async (ctx) => {
    const tooLarge = new HttpError(413, "body_too_large", SANDBOX_TEXTS.tooLarge(messageLimit));
    const declared = Number(ctx.get("content-length") || Number.NaN);
    if (declared > messageLimit) throw tooLarge;
    // Reserved before the body is read, given back once answered; a body of unknown length may be the largest.
    const release = inFlight.reserve(Number.isFinite(declared) ? declared : messageLimit);
    if (!release) {
      ctx.set("Retry-After", "1");
      throw new HttpError(503, "sandbox_busy", SANDBOX_TEXTS.busy);
    }
    try {
      const body = await readJsonBody(ctx, messageLimit, sandboxMessageSchema).catch((error: unknown) => {
        throw error instanceof HttpError && error.status === 413 ? tooLarge : error;
      });
      // The photos have their own allowance (ATTACHMENT_MAX_BYTES each); the rest keeps to BODY_LIMIT.
      if (Buffer.byteLength(JSON.stringify({ ...body, images: [] })) > bodyLimit) throw new HttpError(413, "body_too_large", `body exceeds ${bodyLimit} bytes`);
      const group = await sandboxGroup(db, ctx.params.groupId!);
      const result = await inbound.receive(toIncomingMessage(group.chatId, body));
      ctx.body = { status: result.status, replies: result.replies.map((text) => ({ text })) };
    } finally {
      release();
    }
  });

  return router;
}
