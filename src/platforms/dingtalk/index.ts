import type { PlatformDefinition } from "../adapter.ts";
import { notDeliveredByOutbox } from "../adapter.ts";
import { PUSH_NOT_CONFIGURED } from "../errors.ts";
import { splitByBytes } from "../bytes.ts";
import { DINGTALK_TEXT_MAX_BYTES, sendDingtalkSession, sendDingtalkWebhook } from "./push.ts";
import { dingtalkRoutes } from "./routes.ts";
import { DingtalkStreamConnection, type DingtalkStreamOptions } from "./stream.ts";

/**
 * DingTalk (钉钉) enterprise robot: callbacks are answered at once; replies leave through the outbox to
 * the conversation's sessionWebhook while it is valid, proactive posts to the group's custom robot. With
 * DINGTALK_TRANSPORT=stream the messages arrive over DingTalk Stream instead of the callback route; replies
 * and posts leave the same way.
 */
export const dingtalk: PlatformDefinition = {
  name: "dingtalk",
  create(config) {
    const apiBase = config.DINGTALK_API_BASE;
    const appSecret = config.DINGTALK_APP_SECRET;
    const robotCode = config.DINGTALK_ROBOT_CODE ? { robotCode: config.DINGTALK_ROBOT_CODE } : {};
    const stream: DingtalkStreamOptions | undefined =
      config.DINGTALK_TRANSPORT === "stream" && config.DINGTALK_APP_KEY && appSecret
        ? { clientId: config.DINGTALK_APP_KEY, clientSecret: appSecret, apiBase, ...robotCode }
        : undefined;
    return {
      name: "dingtalk",
      capabilities: { answerInCallback: false, sessionReply: true, push: true, cards: false, mediaDownload: false, longConnection: Boolean(stream) },
      textMaxBytes: DINGTALK_TEXT_MAX_BYTES,
      transports: stream ? ["dingtalk-stream"] : appSecret ? ["dingtalk"] : [],
      ...(stream ? { connect: (inbound) => new DingtalkStreamConnection(inbound, stream) } : {}),
      ...(appSecret && !stream
        ? {
            routes: (inbound) => dingtalkRoutes(inbound, { appSecret, apiBase, ...robotCode }),
          }
        : {}),
      plan(post, replyUrl, now) {
        const isReply = post.kind === "reply" || post.kind === "private_reply";
        const session = isReply && replyUrl && replyUrl.expiresAt.getTime() > now.getTime() ? replyUrl : null;
        return splitByBytes(post.text, DINGTALK_TEXT_MAX_BYTES).map((text) =>
          session
            ? { ...post, text, channel: "dingtalk_session", status: "pending", target: session.url, targetExpiresAt: session.expiresAt }
            : { ...post, text, channel: "dingtalk_webhook", status: "pending" },
        );
      },
      async send(post, group, message, now) {
        switch (post.channel) {
          case "dingtalk_session":
            if (post.target && post.targetExpiresAt && post.targetExpiresAt.getTime() > now.getTime()) {
              return sendDingtalkSession(post.target, message);
            }
            // The conversation's webhook has expired: the group's own robot, if it has one, still reaches it.
            return group.pushKey ? sendDingtalkWebhook(apiBase, group.pushKey, group.pushSecret, message, now) : PUSH_NOT_CONFIGURED;
          case "dingtalk_webhook":
            return group.pushKey ? sendDingtalkWebhook(apiBase, group.pushKey, group.pushSecret, message, now) : PUSH_NOT_CONFIGURED;
          default:
            return notDeliveredByOutbox(post.channel);
        }
      },
    };
  },
};
