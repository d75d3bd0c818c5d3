import type Router from "@koa/router";
import { z } from "zod";
import { rawQuery, readJsonBody, readTextBody } from "../../http/body.ts";
import type { Inbound } from "../adapter.ts";
import { appReplyXml, openAppCallback } from "./app.ts";
import { requireFreshTimestamp, type WecomKeys } from "./crypto.ts";
import { openRobotCallbackOf, robotCardReplyBody, robotCardUpdateBody, robotReplyBody, verifyRobotUrl } from "./robot.ts";
import { createRouter } from "../../http/router.ts";

export interface WecomRouteOptions {
  robot?: WecomKeys;
  app?: WecomKeys;
}

/**
 * WeCom: the intelligent robot (group @-mentions, JSON) at /wecom/bot and the self-built app (1:1, XML)
 * at /wecom/app. Signatures are checked before anything is read further; replies travel encrypted in
 * the answer, within WeCom's five seconds.
 */
export function wecomRoutes(inbound: Inbound, options: WecomRouteOptions): Router {
  const router = createRouter("/wecom");
  const { robot, app } = options;

  if (robot) {
    router.get("/bot", (ctx) => {
      ctx.type = "text/plain";
      ctx.body = verifyRobotUrl(robot, rawQuery(ctx));
    });
    router.post("/bot", async (ctx) => {
      const query = rawQuery(ctx);
      const body = await readJsonBody(ctx, inbound.bodyLimit, z.unknown());
      const { message, action } = openRobotCallbackOf(robot, query, body);
      requireFreshTimestamp(query.timestamp, inbound.clock());
      ctx.status = 200;
      if (action) {
        // A button click: applied once, and answered by updating the clicker's card with what it came to.
        const handled = await inbound.receiveAction(action);
        ctx.body = handled.card ? robotCardUpdateBody(robot, action.userId, handled.card, handled.answer, inbound.clock()) : "";
        return;
      }
      if (!message) {
        ctx.body = "";
        return;
      }
      const result = await inbound.receive(message);
      const text = result.replies.join("\n\n");
      const card = result.cards?.[0];
      ctx.body = !result.replies.length ? "" : card ? robotCardReplyBody(robot, text, card, inbound.clock()) : robotReplyBody(robot, text, inbound.clock());
    });
  }

  if (app) {
    router.get("/app", (ctx) => {
      ctx.type = "text/plain";
      ctx.body = verifyRobotUrl(app, rawQuery(ctx));
    });
    router.post("/app", async (ctx) => {
      const query = rawQuery(ctx);
      const xml = await readTextBody(ctx, inbound.bodyLimit);
      const { message, fromUser } = openAppCallback(app, query, xml);
      requireFreshTimestamp(query.timestamp, inbound.clock());
      ctx.status = 200;
      if (!message) {
        ctx.body = "";
        return;
      }
      const result = await inbound.receive(message);
      if (result.replies.length) {
        ctx.type = "application/xml";
        ctx.body = appReplyXml(app, fromUser, result.replies.join("\n\n"), inbound.clock());
      } else {
        ctx.body = "";
      }
    });
  }
  return router;
}
