import type { PlatformDefinition } from "../adapter.ts";
import { notDeliveredByOutbox, PUSH_NOT_CONFIGURED } from "../errors.ts";
import { splitByBytes } from "../bytes.ts";
import { appKeys } from "./app.ts";
import { robotChatOf, WecomLongConnection, type WecomLongConnectionOptions } from "./longConnection.ts";
import { sendWecomWebhook, WECOM_TEXT_MAX_BYTES } from "./push.ts";
import { robotKeys } from "./robot.ts";
import { planCard } from "../cards.ts";
import { readCard } from "../../store/messages.ts";
import type { PlannedRow } from "../../messaging/types.ts";
import { wecomRoutes } from "./routes.ts";
import { wecomSettings, type WecomSettings } from "./settings.ts";
import { wecomSignIn } from "./signIn.ts";

/** Posts that go out over the robot's long connection (to the robot's chats) or, for the app's chats, its webhook. */
const LONG_CONNECTION_CHANNEL = "wecom_ws";

/**
 * WeCom (企业微信): the intelligent robot (group @-mentions) and the self-built app (1:1) answer in the
 * callback itself; proactive posts go through the group robot webhook. With WECOM_BOT_TRANSPORT=websocket
 * the robot speaks over its long connection instead: no callback route, answers in the reply frame, and
 * proactive posts to the robot's chats over the connection too (the webhook stays for the app's chats).
 */
export const wecom: PlatformDefinition<WecomSettings> = {
  name: "wecom",
  aliases: ["企业微信", "企微"],
  settings: wecomSettings,
  create(config) {
    const longConnection: WecomLongConnectionOptions | undefined =
      config.WECOM_BOT_TRANSPORT === "websocket" && config.WECOM_BOT_ID && config.WECOM_BOT_SECRET
        ? { botId: config.WECOM_BOT_ID, secret: config.WECOM_BOT_SECRET, wsUrl: config.WECOM_BOT_WS_URL }
        : undefined;
    const robot =
      !longConnection && config.WECOM_BOT_TOKEN && config.WECOM_BOT_ENCODING_AES_KEY
        ? robotKeys(config.WECOM_BOT_TOKEN, config.WECOM_BOT_ENCODING_AES_KEY)
        : undefined;
    let connection: WecomLongConnection | undefined;
    const app =
      config.WECOM_TOKEN && config.WECOM_ENCODING_AES_KEY && config.WECOM_CORP_ID
        ? appKeys(config.WECOM_TOKEN, config.WECOM_ENCODING_AES_KEY, config.WECOM_CORP_ID)
        : undefined;
    const apiBase = config.WECOM_API_BASE;
    // The self-built app's 网页授权: staff open the console inside WeCom and are signed in as themselves.
    const staffSignIn =
      config.WECOM_CORP_ID && config.WECOM_AGENT_ID && config.WECOM_APP_SECRET
        ? wecomSignIn({
            corpId: config.WECOM_CORP_ID,
            agentId: config.WECOM_AGENT_ID,
            appSecret: config.WECOM_APP_SECRET,
            apiBase,
            authorizeBase: config.WECOM_OAUTH_BASE,
            clock: () => new Date(),
          })
        : undefined;
    return {
      name: "wecom",
      capabilities: {
        answerInCallback: true,
        sessionReply: false,
        push: true,
        // Cards with buttons come back to the intelligent robot's callback or over its long connection; the
        // group robot webhook cannot call back, so its posts are words only.
        cards: Boolean(robot || longConnection),
        mediaDownload: Boolean(robot || longConnection),
        longConnection: Boolean(longConnection),
      },
      textMaxBytes: WECOM_TEXT_MAX_BYTES,
      ...(staffSignIn ? { staffSignIn } : {}),
      transports: [...(robot ? ["wecom-robot"] : []), ...(longConnection ? ["wecom-robot-websocket"] : []), ...(app ? ["wecom-app"] : [])],
      // A transport whose credentials are not configured is simply off: its routes do not exist.
      ...(robot || app ? { routes: (inbound) => wecomRoutes(inbound, { ...(robot ? { robot } : {}), ...(app ? { app } : {}) }) } : {}),
      ...(longConnection ? { connect: (inbound) => (connection = new WecomLongConnection(inbound, longConnection)) } : {}),
      plan(post) {
        // Replies travel in the callback's own answer (passive reply, a card under the words where there is one), or
        // the long connection's reply frame; the rest waits for the long connection's push or the group robot
        // webhook, which cannot call back: its posts are words only.
        if (post.kind === "reply" || post.kind === "private_reply") {
          return [{ ...post, channel: "passive", status: "sent", ...(robot && post.card ? { shownCard: planCard(post.card, post.ticketNumber) } : {}) }];
        }
        const channel = longConnection ? LONG_CONNECTION_CHANNEL : "wecom_webhook";
        const pieces: PlannedRow[] = splitByBytes(post.text, WECOM_TEXT_MAX_BYTES).map((text) => ({ ...post, text, channel, status: "pending" }));
        // The long connection can push a card (its clicks come back over it); the webhook cannot call back.
        if (longConnection && post.card) pieces[pieces.length - 1] = { ...pieces.at(-1)!, shownCard: planCard(post.card, post.ticketNumber) };
        return pieces;
      },
      async send(post, group, message) {
        // Over the long connection to the robot's own chats; the self-built app's chats only have the webhook.
        if (post.channel === LONG_CONNECTION_CHANNEL && connection && robotChatOf(group.chatId)) {
          return connection.push(group.chatId, message, post.card && post.actionId ? readCard(post.card, post.actionId) : undefined);
        }
        if (post.channel !== "wecom_webhook" && post.channel !== LONG_CONNECTION_CHANNEL) return notDeliveredByOutbox(post.channel);
        return group.pushKey ? sendWecomWebhook(apiBase, group.pushKey, message) : PUSH_NOT_CONFIGURED;
      },
      // Only the instance whose connection is up sends its posts; a standby's connection is built but never opened.
      ...(longConnection ? { waitingChannels: () => (connection?.downReason() === undefined ? [] : [LONG_CONNECTION_CHANNEL]) } : {}),
    };
  },
};
