import { readFileSync } from "node:fs";
import Router from "@koa/router";
import { toIncomingMessage, sandboxMessageSchema } from "../../platforms/sandbox/adapter.ts";
import { handleIncomingMessage, type MessageServiceDeps } from "../../services/handleMessage.ts";
import { sandboxGroup, sandboxGroups, sandboxTimeline } from "../../services/sandboxDirectory.ts";
import { readJsonBody } from "../body.ts";

const page = readFileSync(new URL("../sandboxPage.html", import.meta.url), "utf8");

/** The sandbox platform: demo groups anyone can talk to without WeCom or DingTalk. */
export function sandboxRoutes(deps: MessageServiceDeps, bodyLimit: number, botName: string): Router {
  const router = new Router();

  router.get("/sandbox", (ctx) => {
    ctx.type = "html";
    ctx.body = page.replaceAll("{{BOT_NAME}}", botName.replace(/[<>&"]/g, ""));
  });

  router.get("/sandbox/groups", async (ctx) => {
    ctx.body = { groups: await sandboxGroups(deps.db) };
  });

  router.get("/sandbox/groups/:groupId/messages", async (ctx) => {
    const limit = Math.min(Math.max(Number(ctx.query.limit) || 200, 1), 1000);
    ctx.body = { messages: await sandboxTimeline(deps.db, ctx.params.groupId!, limit) };
  });

  router.post("/sandbox/groups/:groupId/messages", async (ctx) => {
    const body = await readJsonBody(ctx, bodyLimit, sandboxMessageSchema);
    const group = await sandboxGroup(deps.db, ctx.params.groupId!);
    const result = await handleIncomingMessage(deps, toIncomingMessage(group.chatId, body));
    ctx.body = { status: result.status, replies: result.replies.map((text) => ({ text })) };
  });

  return router;
}
