import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { nock } from "./nock.ts";
import { WebSocket, WebSocketServer } from "ws";

/** Resolves once `check` holds, polling every 10 ms; fails after `ms` with what was awaited. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function listen(server: WebSocketServer): Promise<number> {
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: WebSocketServer): Promise<void> {
  for (const client of server.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface WecomFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: any;
}

/**
 * WeCom's long-connection gateway as the SDK sees it (wss://openws.work.weixin.qq.com), on 127.0.0.1: it
 * checks the subscribe frame's bot id and secret, answers pings, acks replies and pushes, and records every
 * frame the client sent, with the connection it came on.
 */
export class FakeWecomGateway {
  readonly frames: { connection: number; frame: WecomFrame }[] = [];
  /** Sockets whose subscribe was accepted, in order. */
  readonly subscribed: WebSocket[] = [];
  /** The errcode for aibot_send_msg acks (0: delivered). */
  sendErrcode = 0;
  /** Whether pings are answered; a gateway that stops answering looks dead to the client. */
  answerPings = true;
  private connections = 0;

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
    private readonly credentials: { botId: string; secret: string },
  ) {
    server.on("connection", (socket) => {
      const connection = ++this.connections;
      socket.on("message", (data) => {
        const frame = JSON.parse(String(data)) as WecomFrame;
        this.frames.push({ connection, frame });
        const ack = (errcode: number, errmsg = "ok") => socket.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, errcode, errmsg }));
        if (frame.cmd === "aibot_subscribe") {
          const ok = frame.body?.bot_id === this.credentials.botId && frame.body?.secret === this.credentials.secret;
          if (ok) this.subscribed.push(socket);
          ack(ok ? 0 : 40058, ok ? "ok" : "invalid secret");
        } else if (frame.cmd === "aibot_send_msg") {
          ack(this.sendErrcode, this.sendErrcode ? "refused" : "ok");
        } else if (frame.cmd !== "ping" || this.answerPings) {
          ack(0);
        }
      });
    });
  }

  static async start(credentials: { botId: string; secret: string }): Promise<FakeWecomGateway> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    const port = await listen(server);
    return new FakeWecomGateway(server, `ws://127.0.0.1:${port}`, credentials);
  }

  /** The newest accepted connection. */
  get current(): WebSocket {
    const socket = this.subscribed.at(-1);
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error("no subscribed connection");
    return socket;
  }

  /** Frames the client sent with this command. */
  sent(cmd: string): WecomFrame[] {
    return this.frames.filter((entry) => entry.frame.cmd === cmd).map((entry) => entry.frame);
  }

  /** Delivers a robot message (aibot_msg_callback) or event (aibot_event_callback); returns its req_id. */
  deliver(cmd: "aibot_msg_callback" | "aibot_event_callback", body: object): string {
    const reqId = randomUUID();
    this.current.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** Waits for the bot's aibot_respond_msg to the message with this req_id. */
  replyTo(reqId: string): Promise<WecomFrame> {
    return eventually(() => this.sent("aibot_respond_msg").find((frame) => frame.headers.req_id === reqId), `a reply to ${reqId}`);
  }

  /** Drops every connection from the server's side, as a restart of WeCom's gateway would. */
  dropAll(): void {
    for (const client of this.server.clients) client.terminate();
  }

  get openConnections(): number {
    return [...this.server.clients].filter((client) => client.readyState === WebSocket.OPEN).length;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

export const DINGTALK_GATEWAY = "https://api.dingtalk.com";
export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

/**
 * DingTalk Stream as the SDK sees it: the gateway's open call (nock'd: the SDK's address is fixed) checks the
 * client id and secret and the robot topic subscription and hands out a single-use ticket for a WebSocket
 * server on 127.0.0.1, which refuses any other ticket. It records what the client sent back (acks).
 */
export class FakeDingtalkStream {
  readonly opens: { clientId: string; subscriptions: { type: string; topic: string }[] }[] = [];
  readonly acks: { code: number; headers: { messageId: string }; data: string }[] = [];
  readonly sockets: WebSocket[] = [];
  private constructor(
    private readonly server: WebSocketServer,
    private readonly tickets: Set<string>,
    private readonly endpoint: string,
    private readonly credentials: { clientId: string; clientSecret: string },
  ) {
    server.on("connection", (socket) => {
      this.sockets.push(socket);
      socket.on("message", (data) => this.acks.push(JSON.parse(String(data)) as FakeDingtalkStream["acks"][number]));
    });
  }

  static async start(credentials: { clientId: string; clientSecret: string }): Promise<FakeDingtalkStream> {
    const tickets = new Set<string>();
    const server = new WebSocketServer({
      host: "127.0.0.1",
      port: 0,
      // A ticket opens one connection, once.
      verifyClient: ({ req }: { req: IncomingMessage }) => tickets.delete(new URL(req.url ?? "/", "ws://127.0.0.1").searchParams.get("ticket") ?? ""),
    });
    const port = await listen(server);
    const fake = new FakeDingtalkStream(server, tickets, `ws://127.0.0.1:${port}`, credentials);
    fake.interceptGateway();
    return fake;
  }

  private interceptGateway(): void {
    nock(DINGTALK_GATEWAY)
      .persist()
      .post("/v1.0/gateway/connections/open")
      .reply((_uri, body) => {
        const request = body as { clientId: string; clientSecret: string; subscriptions: { type: string; topic: string }[] };
        if (request.clientId !== this.credentials.clientId || request.clientSecret !== this.credentials.clientSecret) {
          return [401, { code: "InvalidAuthentication", message: "clientId or clientSecret is invalid" }];
        }
        this.opens.push({ clientId: request.clientId, subscriptions: request.subscriptions });
        const ticket = randomUUID();
        this.tickets.add(ticket);
        return [200, { endpoint: this.endpoint, ticket }];
      });
  }

  get current(): WebSocket {
    const socket = this.sockets.at(-1);
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error("no open stream connection");
    return socket;
  }

  /** Pushes a CALLBACK frame on the robot topic; returns its messageId. */
  pushRobotMessage(body: object, messageId: string = randomUUID()): string {
    return this.pushCallback(TOPIC_ROBOT, body, messageId);
  }

  /** Sends a CALLBACK frame on `topic` (robot messages, card clicks) to the current connection. */
  pushCallback(topic: string, body: object, messageId: string = randomUUID()): string {
    this.current.send(
      JSON.stringify({
        specVersion: "1.0",
        type: "CALLBACK",
        headers: { topic, messageId, contentType: "application/json", time: String(Date.now()) },
        data: JSON.stringify(body),
      }),
    );
    return messageId;
  }

  /** Sends a SYSTEM frame (ping, disconnect) to the current connection. */
  system(topic: string, data = ""): void {
    this.current.send(JSON.stringify({ specVersion: "1.0", type: "SYSTEM", headers: { topic, messageId: randomUUID() }, data }));
  }

  ackOf(messageId: string): Promise<FakeDingtalkStream["acks"][number]> {
    return eventually(() => this.acks.find((ack) => ack.headers?.messageId === messageId), `the ack of ${messageId}`);
  }

  dropAll(): void {
    for (const client of this.server.clients) client.terminate();
  }

  get openConnections(): number {
    return [...this.server.clients].filter((client) => client.readyState === WebSocket.OPEN).length;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}
