import Router from "@koa/router";
import { z } from "zod";
import { readDingtalkCallback, verifyDingtalkCallback } from "../../platforms/dingtalk/callback.ts";
import { sendDingtalkSession } from "../../platforms/dingtalk/push.ts";
import { handleIncomingMessage, type MessageServiceDeps } from "../../services/handleMessage.ts";
import { readJsonBody } from "../body.ts";

export interface DingtalkRouteOptions {
  appSecret: string;
  apiBase: string;
  bodyLimit: number;
}

/**
 * DingTalk enterprise robot callback. The message and its replies are stored before the answer; the
 * replies then leave through the outbox to the conversation's sessionWebhook.
 */
export function dingtalkRoutes(deps: MessageServiceDeps, options: DingtalkRouteOptions): Router {
  const router = new Router({ prefix: "/dingtalk" });
  router.post("/callback", async (ctx) => {
    verifyDingtalkCallback(options.appSecret, { timestamp: ctx.get("timestamp"), sign: ctx.get("sign") }, deps.clock());
    const body = await readJsonBody(ctx, options.bodyLimit, z.unknown());
    const message = readDingtalkCallback(body, options.apiBase);
    ctx.status = 200;
    ctx.body = {};
    if (!message) return;
    const result = await handleIncomingMessage(deps, message);
    if (result.status === "unbound" && message.replyUrl) {
      // The hint for an unbound chat is not stored (nothing is, for a chat we do not know): one attempt only.
      const hint = result.replies[0] ?? "";
      void sendDingtalkSession(message.replyUrl.url, { text: hint, mentionUserIds: [] }).catch(() => undefined);
    }
  });
  return router;
}
