import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import type WebSocket from "ws";
import type { Logger } from "../../logger.ts";
import type { Connection, Inbound } from "../adapter.ts";
import { CallbackRejected } from "../errors.ts";
import { receiveDingtalkMessage, type DingtalkReceiveOptions } from "./receive.ts";
import { DingtalkReplayGuard } from "./replay.ts";
import { dingtalkCardCallbackAnswer, readDingtalkCardCallback } from "./cards.ts";

/** Stream topic of interactive card clicks (callbackType STREAM). */
const TOPIC_CARD = "/v1.0/card/instances/callback";

/**
 * DingTalk robot in Stream mode (消息接收模式：Stream 模式), through the official SDK `dingtalk-stream`: the
 * app's key and secret open a gateway connection (POST https://api.dingtalk.com/v1.0/gateway/connections/open
 * → endpoint and a single-use ticket), robot messages arrive as CALLBACK frames on TOPIC_ROBOT and are read by
 * the same decoder as the HTTP callback; there is no signature to check, the ticket authenticates the socket.
 * Replies leave through the outbox to the message's sessionWebhook, as with callbacks.
 *
 * What the SDK (2.1.5) leaves to us, and why this file owns the reconnecting:
 * - it does not ack CALLBACK frames: we ack each robot message once it is stored, and leave it unacked when it
 *   could not be, so that DingTalk pushes it again (as a 503 makes it re-send a callback);
 * - its own reconnecting (autoReconnect) starts two loops when a socket fails before opening, cannot be
 *   cancelled by disconnect() (a pending retry reopens the connection after a stop), and leaks the keepAlive
 *   interval of every socket it replaces: we switch it off and reconnect here, with backoff;
 * - a SYSTEM "disconnect" frame (the gateway moving us) only sets a flag: we close and reconnect with a new
 *   ticket;
 * - the gateway address is fixed in the SDK (tests intercept it with nock).
 */

export interface DingtalkStreamOptions extends DingtalkReceiveOptions {
  /** DINGTALK_APP_KEY (the app's Client ID) and DINGTALK_APP_SECRET (Client Secret). */
  clientId: string;
  clientSecret: string;
  /** Interactive cards are configured: their clicks arrive on the card callback topic. */
  cardCallbacks?: boolean;
  /** Reconnect backoff: first delay and cap. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

const OPEN_TIMEOUT_MS = 20_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type State = "idle" | "connecting" | "up" | "reconnecting" | "refused" | "stopped";

/** The SDK's client with the seams above: the open socket, its keepAlive timer, and the disconnect notice. */
class StreamClient extends DWClient {
  onDisconnectRequested: () => void = () => undefined;

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers.topic === "disconnect") this.onDisconnectRequested();
  }

  get openSocket(): WebSocket | undefined {
    return this["socket"] as WebSocket | undefined;
  }

  /** The SDK clears its keepAlive interval only in disconnect(); a socket that closed otherwise leaves it running. */
  clearKeepAlive(): void {
    clearInterval(this["heartbeatIntervallId"] as NodeJS.Timeout | undefined);
  }
}

/** What an operator may read of a failed gateway call: the status and DingTalk's code, never the request (it holds the secret). */
function gatewayFailure(error: unknown): { status?: number; code?: string; reason: string } {
  const response = (error as { response?: { status?: number; data?: { code?: unknown; message?: unknown } } }).response;
  if (!response) return { reason: error instanceof Error ? error.message : String(error) };
  return {
    ...(response.status !== undefined ? { status: response.status } : {}),
    ...(response.data?.code !== undefined ? { code: String(response.data.code) } : {}),
    reason: String(response.data?.message ?? "gateway refused"),
  };
}

export class DingtalkStreamConnection implements Connection {
  readonly name = "dingtalk stream";
  private readonly log: Logger;
  private client: StreamClient | undefined;
  private state: State = "idle";
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Frames carry no signed pair; a message id is still taken with one identity only, as on the callback route. */
  private readonly replays: DingtalkReplayGuard;

  constructor(
    private readonly inbound: Inbound,
    private readonly options: DingtalkStreamOptions,
  ) {
    this.log = inbound.logger.child({ platform: "dingtalk", transport: "stream" });
    this.replays = new DingtalkReplayGuard(inbound.db);
  }

  start(): void {
    if (this.client) return;
    const client = new StreamClient({ clientId: this.options.clientId, clientSecret: this.options.clientSecret, keepAlive: true });
    client.config.autoReconnect = false;
    client.registerCallbackListener(TOPIC_ROBOT, (frame) => this.track(this.onRobotMessage(frame)));
    if (this.options.cardCallbacks) client.registerCallbackListener(TOPIC_CARD, (frame) => this.track(this.onCardClick(frame)));
    client.onDisconnectRequested = () => {
      this.log.info("钉钉 Stream 网关要求换连接，正在重连 (DingTalk asked this connection to move; reconnecting)");
      client.openSocket?.close();
    };
    this.client = client;
    this.state = "connecting";
    void this.open();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    // Frames that arrive from now on stay unacked: DingTalk pushes them again to the next connection.
    await Promise.allSettled([...this.inFlight]);
    const socket = this.client?.openSocket;
    if (this.client && socket && socket.readyState !== socket.CLOSED) {
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      this.client.disconnect();
      // A gateway that does not answer the close handshake is not waited for (ws would wait 30 s).
      const timeout = setTimeout(() => socket.terminate(), 1000);
      await closed;
      clearTimeout(timeout);
    }
    this.client?.clearKeepAlive();
    this.state = "stopped";
  }

  downReason(): string | undefined {
    switch (this.state) {
      case "up":
        return undefined;
      case "reconnecting":
        return `reconnecting (attempt ${this.attempt})`;
      case "refused":
        return "DingTalk refused the app key or secret";
      default:
        return this.state;
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async open(): Promise<void> {
    this.timer = undefined;
    const client = this.client;
    if (this.stopping || !client) return;
    try {
      // Neither step has a timeout of its own in the SDK: a gateway that never answers would end the retrying.
      await withTimeout(client.getEndpoint(), OPEN_TIMEOUT_MS, "gateway did not answer");
      if (this.stopping) return;
      await withTimeout(client._connect(), OPEN_TIMEOUT_MS, "socket did not open");
    } catch (error) {
      client.openSocket?.terminate();
      if (this.stopping) return;
      this.openFailed(error);
      return;
    }
    const socket = client.openSocket;
    if (this.stopping || !socket) return;
    socket.once("close", () => this.closed());
    this.state = "up";
    this.attempt = 0;
    this.log.info("钉钉 Stream 已连接 (DingTalk Stream connected)");
  }

  private openFailed(error: unknown): void {
    const failure = gatewayFailure(error);
    if (failure.status !== undefined && failure.status >= 400 && failure.status < 500 && failure.status !== 429) {
      this.state = "refused";
      this.log.error(
        failure,
        "钉钉 Stream 认证失败：请核对 DINGTALK_APP_KEY 与 DINGTALK_APP_SECRET（开发者后台 → 应用 → 凭证与基础信息的 Client ID 与 Client Secret）(DingTalk refused the app key or secret)",
      );
    } else {
      if (this.state !== "refused") this.state = "reconnecting";
      this.log.warn(failure, "钉钉 Stream 连接失败 (DingTalk Stream could not connect)");
    }
    this.schedule();
  }

  private closed(): void {
    this.client?.clearKeepAlive();
    if (this.stopping) return;
    this.state = "reconnecting";
    this.log.warn("钉钉 Stream 连接断开，正在重连 (DingTalk Stream connection lost; reconnecting)");
    this.schedule();
  }

  private schedule(): void {
    this.attempt++;
    const base = this.options.reconnectBaseMs ?? 1000;
    const delayMs = Math.min(base * 2 ** (this.attempt - 1), this.options.reconnectMaxMs ?? 60_000);
    this.log.info({ attempt: this.attempt, delayMs }, "钉钉 Stream 重连中 (DingTalk Stream reconnecting)");
    this.timer = setTimeout(() => void this.open(), delayMs);
  }

  /** A card button clicked: the same door as the HTTP card route; the ACK's answer updates the clicker's card. */
  private async onCardClick(frame: DWClientDownStream): Promise<void> {
    if (this.stopping || !this.client) return;
    const messageId = frame.headers.messageId;
    try {
      const action = readDingtalkCardCallback(JSON.parse(frame.data) as unknown);
      const answer = action ? dingtalkCardCallbackAnswer(await this.inbound.receiveAction(action)) : {};
      this.client.socketCallBackResponse(messageId, answer);
    } catch (error) {
      if (error instanceof CallbackRejected || error instanceof SyntaxError) {
        this.log.warn({ streamMessageId: messageId, reason: error.message }, "card frame rejected");
        this.client.socketCallBackResponse(messageId, {});
        return;
      }
      // Not stored: unacked, so DingTalk pushes the click again (applied once: see features/handleAction.ts).
      this.log.warn({ streamMessageId: messageId }, "card click not stored; left unacked for DingTalk to push again");
    }
  }

  private async onRobotMessage(frame: DWClientDownStream): Promise<void> {
    if (this.stopping || !this.client) return;
    const messageId = frame.headers.messageId;
    let body: unknown;
    try {
      body = JSON.parse(frame.data);
    } catch {
      body = undefined;
    }
    try {
      await receiveDingtalkMessage(this.inbound, body, { ...this.options, replays: this.replays });
    } catch (error) {
      if (!(error instanceof CallbackRejected)) {
        // Not stored (logged by the door): unacked, so DingTalk pushes it again.
        this.log.warn({ streamMessageId: messageId }, "robot message not stored; left unacked for DingTalk to push again");
        return;
      }
      this.log.warn({ streamMessageId: messageId, reason: error.message }, "robot frame rejected");
    }
    this.client.socketCallBackResponse(messageId, null);
  }
}
