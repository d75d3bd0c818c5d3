import { readFileSync } from "node:fs";
import Router from "@koa/router";
import { readJsonBody } from "../../http/body.ts";
import type { Inbound } from "../adapter.ts";
import { toIncomingMessage, sandboxMessageSchema } from "./decode.ts";
import { sandboxGroup, sandboxGroups, sandboxTimeline } from "./directory.ts";

const page = readFileSync(new URL("./page.html", import.meta.url), "utf8");

/** The sandbox platform: demo groups anyone can talk to without WeCom or DingTalk. */
export function sandboxRoutes(inbound: Inbound): Router {
  const { db, bodyLimit, botName } = inbound;
  const router = new Router();

  router.get("/sandbox", (ctx) => {
    ctx.type = "html";
    ctx.body = page.replaceAll("{{BOT_NAME}}", botName.replace(/[<>&"]/g, ""));
  });

  router.get("/sandbox/groups", async (ctx) => {
    ctx.body = { groups: await sandboxGroups(db) };
  });

  router.get("/sandbox/groups/:groupId/messages", async (ctx) => {
    const limit = Math.min(Math.max(Number(ctx.query.limit) || 200, 1), 1000);
    ctx.body = { messages: await sandboxTimeline(db, ctx.params.groupId!, limit) };
  });

  router.post("/sandbox/groups/:groupId/messages", async (ctx) => {
    const body = await readJsonBody(ctx, bodyLimit, sandboxMessageSchema);
    const group = await sandboxGroup(db, ctx.params.groupId!);
    const result = await inbound.receive(toIncomingMessage(group.chatId, body));
    ctx.body = { status: result.status, replies: result.replies.map((text) => ({ text })) };
  });

  return router;
}
