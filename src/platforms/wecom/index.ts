import type { PlatformDefinition } from "../adapter.ts";
import { notDeliveredByOutbox } from "../adapter.ts";
import { PUSH_NOT_CONFIGURED } from "../errors.ts";
import { splitByBytes } from "../bytes.ts";
import { appKeys } from "./app.ts";
import { sendWecomWebhook, WECOM_TEXT_MAX_BYTES } from "./push.ts";
import { robotKeys } from "./robot.ts";
import { planCard } from "../cards.ts";
import { wecomRoutes } from "./routes.ts";

/**
 * WeCom (企业微信): the intelligent robot (group @-mentions) and the self-built app (1:1) answer in the
 * callback itself; proactive posts go through the group robot webhook.
 */
export const wecom: PlatformDefinition = {
  name: "wecom",
  create(config) {
    const robot =
      config.WECOM_BOT_TOKEN && config.WECOM_BOT_ENCODING_AES_KEY ? robotKeys(config.WECOM_BOT_TOKEN, config.WECOM_BOT_ENCODING_AES_KEY) : undefined;
    const app =
      config.WECOM_TOKEN && config.WECOM_ENCODING_AES_KEY && config.WECOM_CORP_ID
        ? appKeys(config.WECOM_TOKEN, config.WECOM_ENCODING_AES_KEY, config.WECOM_CORP_ID)
        : undefined;
    const apiBase = config.WECOM_API_BASE;
    return {
      name: "wecom",
      // Cards with buttons come back to the intelligent robot's callback: only with the robot configured.
      capabilities: { answerInCallback: true, sessionReply: false, push: true, cards: Boolean(robot), mediaDownload: Boolean(robot), longConnection: false },
      textMaxBytes: WECOM_TEXT_MAX_BYTES,
      transports: [...(robot ? ["wecom-robot"] : []), ...(app ? ["wecom-app"] : [])],
      // A transport whose credentials are not configured is simply off: its routes do not exist.
      ...(robot || app ? { routes: (inbound) => wecomRoutes(inbound, { ...(robot ? { robot } : {}), ...(app ? { app } : {}) }) } : {}),
      plan(post) {
        // Replies travel in the callback's own answer (passive reply), a card under the words where there is one;
        // the rest waits for the group robot's webhook, which cannot call back: its posts are words only.
        if (post.kind === "reply" || post.kind === "private_reply") {
          return [{ ...post, channel: "passive", status: "sent", ...(robot && post.card ? { shownCard: planCard(post.card, post.ticketNumber) } : {}) }];
        }
        return splitByBytes(post.text, WECOM_TEXT_MAX_BYTES).map((text) => ({ ...post, text, channel: "wecom_webhook", status: "pending" }));
      },
      async send(post, group, message) {
        if (post.channel !== "wecom_webhook") return notDeliveredByOutbox(post.channel);
        return group.pushKey ? sendWecomWebhook(apiBase, group.pushKey, message) : PUSH_NOT_CONFIGURED;
      },
    };
  },
};
