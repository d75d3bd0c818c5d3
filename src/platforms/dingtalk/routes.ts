import Router from "@koa/router";
import { z } from "zod";
import { readJsonBody } from "../../http/body.ts";
import type { Inbound } from "../adapter.ts";
import { SignedPairMemory, verifyDingtalkCallback } from "./callback.ts";
import { receiveDingtalkMessage } from "./receive.ts";

export interface DingtalkRouteOptions {
  appSecret: string;
  apiBase: string;
  /** DINGTALK_ROBOT_CODE: when set, callbacks must name this robot. */
  robotCode?: string;
}

/**
 * DingTalk enterprise robot callback. The message and its replies are stored before the answer; the
 * replies then leave through the outbox to the conversation's sessionWebhook.
 */
export function dingtalkRoutes(inbound: Inbound, options: DingtalkRouteOptions): Router {
  const router = new Router({ prefix: "/dingtalk" });
  const usedPairs = new SignedPairMemory();
  router.post("/callback", async (ctx) => {
    const headers = { timestamp: ctx.get("timestamp"), sign: ctx.get("sign") };
    verifyDingtalkCallback(options.appSecret, headers, inbound.clock());
    const body = await readJsonBody(ctx, inbound.bodyLimit, z.unknown());
    usedPairs.claim(headers, JSON.stringify(body), inbound.clock());
    ctx.status = 200;
    ctx.body = {};
    await receiveDingtalkMessage(inbound, body, options);
  });
  return router;
}
