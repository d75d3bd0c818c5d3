import { randomUUID } from "node:crypto";
import { WSAuthFailureError, WSClient, type Logger as SdkLogger, type SendMarkdownMsgBody, type WsFrame } from "@wecom/aibot-node-sdk";
import type { Logger } from "../../logger.ts";
import type { OutgoingText, PlannedCard, SendFailure, SendResult } from "../../messaging/types.ts";
import type { Connection, Inbound } from "../adapter.ts";
import { CallbackRejected, outage, permanent } from "../errors.ts";
import { wecomAnswer } from "./push.ts";
import { readRobotPayload, readRobotMessage, wecomTemplateCard } from "./robot.ts";

/**
 * WeCom intelligent robot over its long connection (智能机器人 API 模式 → 长连接), through the official SDK
 * `@wecom/aibot-node-sdk`: no public address, no callback URL, no encryption. The SDK subscribes with the bot
 * id and secret, pings every 30 s and reconnects with backoff (1 s → 30 s); we ask it never to give up on a
 * lost connection. Messages are read by the same decoder as the HTTP callback (readRobotMessage) and end in
 * `inbound.receive`; the bot's answer goes back as `aibot_respond_msg` with the message's req_id, and the
 * outbox's posts go out as `aibot_send_msg` (push). One connection per robot: WeCom closes the older one.
 */

export interface WecomLongConnectionOptions {
  botId: string;
  secret: string;
  /** WECOM_BOT_WS_URL: WeCom's gateway, or a test's fake one. */
  wsUrl: string;
  /** The SDK's heartbeat (default 30 s) and first reconnect delay (default 1 s); tests shorten them. */
  heartbeatMs?: number;
  reconnectBaseMs?: number;
  /** How many refused subscribes in a row before giving up (the SDK's default, 5): WeCom rate-limits them. */
  maxAuthFailures?: number;
}

type State = "idle" | "connecting" | "up" | "reconnecting" | "refused" | "gave up" | "replaced" | "stopped";

/**
 * Where aibot_send_msg reaches a chat the robot decoder named (readRobotMessage): a group by its chatid, a
 * 1:1 chat ("single:<userid>") by the user's id. Chats of the self-built app ("app:…") are not the robot's.
 */
export function robotChatOf(chatId: string): { chatid: string; chat_type: 1 | 2 } | null {
  if (chatId.startsWith("app:")) return null;
  if (chatId.startsWith("single:")) return { chatid: chatId.slice("single:".length), chat_type: 1 };
  return { chatid: chatId, chat_type: 2 };
}

/** The SDK's own log lines, kept quiet: its info is our debug, its debug (frame bodies) our trace. */
function sdkLogger(log: Logger): SdkLogger {
  const detail = (args: unknown[]) => (args.length ? { detail: args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ") } : {});
  return {
    debug: (message, ...args: unknown[]) => log.trace(detail(args), message),
    info: (message, ...args: unknown[]) => log.debug(detail(args), message),
    warn: (message, ...args: unknown[]) => log.warn(detail(args), message),
    error: (message, ...args: unknown[]) => log.error(detail(args), message),
  };
}

export class WecomLongConnection implements Connection {
  readonly name = "wecom long connection";
  private readonly log: Logger;
  private client: WSClient | undefined;
  private state: State = "idle";
  private reconnectAttempt = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly inbound: Inbound,
    private readonly options: WecomLongConnectionOptions,
  ) {
    this.log = inbound.logger.child({ platform: "wecom", transport: "long connection" });
  }

  start(): void {
    if (this.client) return;
    const client = new WSClient({
      botId: this.options.botId,
      secret: this.options.secret,
      wsUrl: this.options.wsUrl,
      maxReconnectAttempts: -1,
      ...(this.options.maxAuthFailures !== undefined ? { maxAuthFailureAttempts: this.options.maxAuthFailures } : {}),
      ...(this.options.heartbeatMs !== undefined ? { heartbeatInterval: this.options.heartbeatMs } : {}),
      ...(this.options.reconnectBaseMs !== undefined ? { reconnectInterval: this.options.reconnectBaseMs } : {}),
      logger: sdkLogger(this.log.child({ sdk: "@wecom/aibot-node-sdk" })),
    });
    this.client = client;
    client.on("authenticated", () => {
      this.state = "up";
      this.reconnectAttempt = 0;
      this.log.info({ url: this.options.wsUrl }, "企业微信长连接已连接 (WeCom long connection subscribed)");
    });
    client.on("disconnected", (reason) => {
      if (this.state === "up") this.log.warn({ reason }, "企业微信长连接断开，正在重连 (WeCom long connection lost; reconnecting)");
      if (this.state === "up" || this.state === "connecting") this.state = "reconnecting";
    });
    client.on("reconnecting", (attempt) => {
      this.reconnectAttempt = attempt;
      this.log.info({ attempt }, "企业微信长连接重连中 (WeCom long connection reconnecting)");
    });
    client.on("error", (error) => this.onError(error));
    client.on("event.disconnected_event", () => {
      this.state = "replaced";
      this.log.warn(
        { botId: this.options.botId },
        "企业微信长连接被新的连接顶替，本实例不再接收消息：同一个智能机器人只能有一个长连接，请确认没有第二个议事助手实例在用同一 Bot ID (another connection subscribed with this bot id; WeCom closed this one and it will not reconnect)",
      );
    });
    client.on("message", (frame) => this.track(this.onMessage(frame)));
    client.on("event", (frame) => {
      const eventType = (frame.body?.event as { eventtype?: string } | undefined)?.eventtype;
      if (eventType === "template_card_event") this.track(this.onCardClick(frame));
      else this.log.debug({ eventType }, "robot event ignored");
    });
    this.state = "connecting";
    client.connect();
  }

  async stop(): Promise<void> {
    // No platform retry exists on this transport: messages that arrive meanwhile are still answered.
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    if (this.client && this.state !== "replaced" && this.state !== "gave up") this.client.disconnect();
    this.client?.removeAllListeners();
    this.state = "stopped";
  }

  downReason(): string | undefined {
    switch (this.state) {
      case "up":
        return undefined;
      case "reconnecting":
        return `reconnecting (attempt ${this.reconnectAttempt})`;
      case "refused":
        return "WeCom refused the bot id or secret";
      case "gave up":
        return "WeCom refused the bot id or secret; gave up (fix WECOM_BOT_ID/WECOM_BOT_SECRET and restart)";
      case "replaced":
        return "another connection took over this robot";
      default:
        return this.state;
    }
  }

  /**
   * A button click on a card pushed over the connection: applied once through the same door as a typed
   * command, and answered by updating the clicker's card with what it came to.
   */
  private async onCardClick(frame: WsFrame): Promise<void> {
    let action;
    try {
      action = readRobotPayload(frame.body, "").action;
    } catch (error) {
      if (!(error instanceof CallbackRejected)) throw error;
      this.log.warn({ reason: error.message }, "robot card event rejected");
      return;
    }
    if (!action || !this.client) return;
    try {
      const handled = await this.inbound.receiveAction(action);
      if (handled.card) await this.client.updateTemplateCard(frame, wecomTemplateCard(handled.card, handled.answer) as never, [action.userId]);
    } catch (failure) {
      this.log.warn(
        { actionId: action.actionId, error: failure instanceof Error ? failure.message : String(failure) },
        "card click over the long connection failed",
      );
    }
  }

  /**
   * An outbox post to a chat that has messaged the robot, as aibot_send_msg (markdown; mentions as <@userid>);
   * a post with buttons (a rating request) is followed by its card (template_card), whose clicks come back
   * over the connection.
   */
  async push(chatId: string, message: OutgoingText, card?: PlannedCard): Promise<SendResult> {
    const sent = await this.pushMarkdown(chatId, message);
    if (!sent.ok || !card || !this.client) return sent;
    const chat = robotChatOf(chatId)!;
    try {
      await this.client.sendMessage(chat.chatid, { chat_type: chat.chat_type, msgtype: "template_card", template_card: wecomTemplateCard(card) } as never);
      return { ok: true };
    } catch (failure) {
      // The words went out; the buttons are a convenience: typing 评价 N still works.
      this.log.warn({ error: sendFailure(failure).error }, "card push over the long connection failed; the words were sent");
      return { ok: true };
    }
  }

  private async pushMarkdown(chatId: string, message: OutgoingText): Promise<SendResult> {
    const chat = robotChatOf(chatId);
    if (!chat) return permanent(`chat ${chatId} is not a robot chat`);
    if (this.state !== "up" || !this.client?.isConnected) return outage(`network: long connection ${this.state}`);
    const mentions = message.mentionUserIds.map((id) => `<@${id}>`).join(" ");
    const body: SendMarkdownMsgBody & { chat_type: 1 | 2 } = {
      chat_type: chat.chat_type,
      msgtype: "markdown",
      markdown: { content: mentions ? `${message.text}\n${mentions}` : message.text },
    };
    try {
      await this.client.sendMessage(chat.chatid, body);
      return { ok: true };
    } catch (failure) {
      return sendFailure(failure);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onMessage(frame: WsFrame): Promise<void> {
    let message;
    try {
      // Pictures over the long connection carry their own aeskey; there is no EncodingAESKey to fall back on.
      message = readRobotMessage(frame.body, "");
    } catch (error) {
      if (!(error instanceof CallbackRejected)) throw error;
      this.log.warn({ reason: error.message }, "robot frame rejected");
      return;
    }
    if (!message) return;
    let replies: string[];
    try {
      replies = (await this.inbound.receive(message)).replies;
    } catch {
      // Logged by the door; WeCom will not send it again, so the sender is asked to.
      replies = [this.inbound.apology];
    }
    if (!replies.length || !this.client) return;
    try {
      await this.client.replyStream(frame, randomUUID(), replies.join("\n\n"), true);
    } catch (failure) {
      this.log.warn({ messageId: message.messageId, error: sendFailure(failure) }, "reply over the long connection failed");
    }
  }

  private onError(error: Error): void {
    if (error instanceof WSAuthFailureError) {
      this.state = "gave up";
      this.log.error(
        "企业微信长连接认证多次失败，已停止重连：请核对 WECOM_BOT_ID 与 WECOM_BOT_SECRET（管理后台 → 智能机器人 → API 模式 → 长连接），改好后重启 (WeCom kept refusing the bot id/secret; no more attempts)",
      );
    } else if (error.message.startsWith("Authentication failed")) {
      this.state = "refused";
      this.log.error({ reason: error.message }, "企业微信长连接认证失败：请核对 WECOM_BOT_ID 与 WECOM_BOT_SECRET (WeCom refused the bot id or secret)");
    } else {
      this.log.warn({ reason: error.message }, "企业微信长连接出错 (WeCom long connection error)");
    }
  }
}

/** The SDK rejects with the ack frame ({errcode, errmsg}) when WeCom refuses, with an Error when the socket fails. */
function sendFailure(failure: unknown): SendFailure {
  if (failure instanceof Error) return outage(`network: ${failure.message}`);
  const frame = failure as { errcode?: unknown; errmsg?: unknown };
  const answer = wecomAnswer(Number(frame.errcode ?? -1), frame.errmsg);
  // A refusal frame with errcode 0 is not one WeCom sends; taken as a refusal worth another try.
  return answer.ok ? { ok: false, kind: "rejected", error: "errcode 0 in a refusal" } : answer;
}
