import type { PlatformDefinition } from "../adapter.ts";
import { notDeliveredByOutbox, PUSH_NOT_CONFIGURED } from "../errors.ts";
import { splitByBytes } from "../bytes.ts";
import { DINGTALK_TEXT_MAX_BYTES, sendDingtalkSession, sendDingtalkWebhook } from "./push.ts";
import { DingtalkFiles } from "./media.ts";
import { dingtalkRoutes } from "./routes.ts";
import { planCard } from "../cards.ts";
import { readCard } from "../../store/messages.ts";
import { sendDingtalkCard, type DingtalkCardSettings } from "./cards.ts";
import { DingtalkClient } from "./client.ts";
import { DingtalkStreamConnection, type DingtalkStreamOptions } from "./stream.ts";
import { dingtalkSettings, type DingtalkSettings } from "./settings.ts";
import { dingtalkSignIn } from "./signIn.ts";

/**
 * DingTalk (钉钉) enterprise robot: callbacks are answered at once; replies leave through the outbox to
 * the conversation's sessionWebhook while it is valid, proactive posts to the group's custom robot. With
 * DINGTALK_TRANSPORT=stream the messages arrive over DingTalk Stream instead of the callback route; replies
 * and posts leave the same way.
 */
export const dingtalk: PlatformDefinition<DingtalkSettings> = {
  name: "dingtalk",
  aliases: ["钉钉"],
  settings: dingtalkSettings,
  create(config) {
    const apiBase = config.DINGTALK_API_BASE;
    const appSecret = config.DINGTALK_APP_SECRET;
    // The app's one OpenAPI client and access token: pictures and cards share it.
    const client = appSecret
      ? new DingtalkClient({ openApiBase: config.DINGTALK_OPENAPI_BASE, apiBase, appKey: config.DINGTALK_APP_KEY, appSecret, clock: () => new Date() })
      : undefined;
    const files = client ? new DingtalkFiles(client, config.DINGTALK_ROBOT_CODE) : undefined;
    // Interactive cards need a template made in DingTalk's card platform, the app's key and the robot code.
    const cards: DingtalkCardSettings | undefined =
      config.DINGTALK_CARD_TEMPLATE_ID && config.DINGTALK_APP_KEY && appSecret && config.DINGTALK_ROBOT_CODE
        ? {
            robotCode: config.DINGTALK_ROBOT_CODE,
            templateId: config.DINGTALK_CARD_TEMPLATE_ID,
            callbackType: config.DINGTALK_TRANSPORT === "stream" ? "STREAM" : "HTTP",
          }
        : undefined;
    const robotCode = config.DINGTALK_ROBOT_CODE ? { robotCode: config.DINGTALK_ROBOT_CODE } : {};
    const stream: DingtalkStreamOptions | undefined =
      config.DINGTALK_TRANSPORT === "stream" && config.DINGTALK_APP_KEY && appSecret
        ? { clientId: config.DINGTALK_APP_KEY, clientSecret: appSecret, apiBase, ...robotCode, ...(files ? { files } : {}), cardCallbacks: Boolean(cards) }
        : undefined;
    // 免登: staff who open the console inside DingTalk are signed in as themselves, through the same client and token.
    const staffSignIn = client && config.DINGTALK_APP_KEY && config.DINGTALK_CORP_ID ? dingtalkSignIn(client, config.DINGTALK_CORP_ID) : undefined;
    return {
      name: "dingtalk",
      capabilities: {
        answerInCallback: false,
        sessionReply: true,
        push: true,
        cards: Boolean(cards),
        mediaDownload: Boolean(config.DINGTALK_APP_KEY),
        longConnection: Boolean(stream),
      },
      textMaxBytes: DINGTALK_TEXT_MAX_BYTES,
      ...(staffSignIn ? { staffSignIn } : {}),
      transports: stream ? ["dingtalk-stream"] : appSecret ? ["dingtalk"] : [],
      ...(stream ? { connect: (inbound) => new DingtalkStreamConnection(inbound, stream) } : {}),
      ...(appSecret && !stream
        ? {
            routes: (inbound) =>
              dingtalkRoutes(inbound, {
                appSecret,
                apiBase,
                ...(files ? { files } : {}),
                ...(config.DINGTALK_ROBOT_CODE ? { robotCode: config.DINGTALK_ROBOT_CODE } : {}),
                cardCallbacks: Boolean(cards),
              }),
          }
        : {}),
      plan(post, replyUrl, now) {
        // A post with buttons goes into its group as one interactive card (its words on the card), when configured.
        if (cards && post.card && post.kind !== "private_reply") {
          return [{ ...post, channel: "dingtalk_card", status: "pending", shownCard: planCard(post.card, post.ticketNumber) }];
        }
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
          case "dingtalk_card":
            if (!cards || !client || !post.card || !post.actionId) return notDeliveredByOutbox(post.channel);
            return sendDingtalkCard(client, cards, group.chatId, readCard(post.card, post.actionId), post.text);
          case "dingtalk_webhook":
            return group.pushKey ? sendDingtalkWebhook(apiBase, group.pushKey, group.pushSecret, message, now) : PUSH_NOT_CONFIGURED;
          default:
            return notDeliveredByOutbox(post.channel);
        }
      },
    };
  },
};
