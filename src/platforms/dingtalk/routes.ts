import type Router from "@koa/router";
import { z } from "zod";
import { readJsonBody } from "../../http/body.ts";
import type { Inbound } from "../adapter.ts";
import { verifyDingtalkCallback } from "./callback.ts";
import type { DingtalkFiles } from "./media.ts";
import { receiveDingtalkMessage } from "./receive.ts";
import { dingtalkCardCallbackAnswer, readDingtalkCardCallback } from "./cards.ts";
import { createRouter } from "../../http/router.ts";
import { DingtalkReplayGuard } from "./replay.ts";

export interface DingtalkRouteOptions {
  appSecret: string;
  apiBase: string;
  /** DINGTALK_ROBOT_CODE: when set, callbacks must name this robot. */
  robotCode?: string;
  /** Downloads the pictures messages name. */
  files?: DingtalkFiles;
  /** Interactive cards are configured: their clicks come back to /dingtalk/card. */
  cardCallbacks?: boolean;
}

/**
 * DingTalk enterprise robot callback. The message and its replies are stored before the answer; the
 * replies then leave through the outbox to the conversation's sessionWebhook.
 */
export function dingtalkRoutes(inbound: Inbound, options: DingtalkRouteOptions): Router {
  const router = createRouter("/dingtalk");
  // One memory for both routes and every process on the database (see replay.ts).
  const replays = new DingtalkReplayGuard(inbound.db);
  router.post("/callback", async (ctx) => {
    const headers = { timestamp: ctx.get("timestamp"), sign: ctx.get("sign") };
    verifyDingtalkCallback(options.appSecret, headers, inbound.clock());
    const body = await readJsonBody(ctx, inbound.bodyLimit, z.unknown());
    await replays.admitMessage(headers, body, inbound.clock());
    ctx.status = 200;
    ctx.body = {};
    await receiveDingtalkMessage(inbound, body, options);
  });
  if (options.cardCallbacks) {
    // Card clicks (callbackType HTTP), signed as the robot's callbacks are; the answer updates the clicker's card.
    router.post("/card", async (ctx) => {
      const headers = { timestamp: ctx.get("timestamp"), sign: ctx.get("sign") };
      verifyDingtalkCallback(options.appSecret, headers, inbound.clock());
      const body = await readJsonBody(ctx, inbound.bodyLimit, z.unknown());
      await replays.admitCardClick(headers, inbound.clock());
      const action = readDingtalkCardCallback(body);
      ctx.status = 200;
      ctx.body = action ? dingtalkCardCallbackAnswer(await inbound.receiveAction(action)) : {};
    });
  }
  return router;
}
