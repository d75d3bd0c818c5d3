import type Router from "@koa/router";
import type { CoreConfig } from "../config.ts";
import type {
  HandledAction,
  HandledMessage,
  IncomingAction,
  IncomingMessage,
  OutgoingText,
  PlannedRow,
  PostDraft,
  ReplyUrl,
  SendResult,
} from "../messaging/types.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "../store/database.ts";
import type { GroupRecord } from "../store/org.ts";
import type { OutboxPost } from "../store/outbox.ts";
import type { PlatformSettings } from "./settings.ts";

/** What a platform can do; the rest of the bot reads these instead of a platform's name. */
export interface PlatformCapabilities {
  /** Replies travel in the callback's own HTTP answer (WeCom's passive reply, the sandbox's JSON). */
  answerInCallback: boolean;
  /** Replies go to a per-conversation address the callback names (DingTalk's sessionWebhook). */
  sessionReply: boolean;
  /** Proactive posts reach a group through its robot webhook (the group's pushKey). */
  push: boolean;
  /** Interactive cards (buttons, forms). */
  cards: boolean;
  /** Images, voice and files can be downloaded from the platform. */
  mediaDownload: boolean;
  /** Messages arrive over a long-lived connection instead of HTTP callbacks (WeCom long connection, DingTalk Stream). */
  longConnection: boolean;
  /**
   * A playground anyone can speak in (the sandbox): its groups see nothing of tickets that came in through
   * another platform's groups — no replies about them, no notices, no digest lines. Its messages carry
   * `ownPlatformTicketsOnly`, put on by the registry (`received`).
   */
  ownTicketsOnly?: boolean;
  /**
   * Its groups and members are a fixed directory (the sandbox's demo): an unknown chat or sender is not found
   * instead of being enrolled. Its messages carry `knownMembersOnly`, put on by the registry (`received`).
   */
  knownMembersOnly?: boolean;
}

/** What a platform's inbound routes may use: one door into the bot, the clock, and the HTTP limits. */
export interface Inbound {
  /** Understands and answers one decoded message; the same path for every platform. */
  receive(message: IncomingMessage): Promise<HandledMessage>;
  /** Applies one verified card click as the command its button stands for, once per (card, clicker). */
  receiveAction(action: IncomingAction): Promise<HandledAction>;
  clock: () => Date;
  bodyLimit: number;
  /** The largest picture the bot keeps (ATTACHMENT_MAX_BYTES): a platform that uploads pictures in its body allows for it. */
  imageMaxBytes: number;
  botName: string;
  /** The deployment's time zone (TZ), for a platform that shows times itself (the sandbox page). */
  zone: string;
  /** For a platform whose directory is the bot's own (the sandbox). */
  db: Database;
  /** A stored photo and the group whose message carried it, for a platform that shows its own timeline (the sandbox). */
  photo(id: number): Promise<{ mime: string; bytes: Uint8Array; groupId: string | null } | null>;
  /** For transports that have no HTTP request to log against (long connections). */
  logger: Logger;
  /**
   * What to answer when `receive` throws (the message was not stored) on a transport whose platform will not
   * send it again (WeCom's long connection has no retry): the sender is asked to send it once more.
   */
  apology: string;
}

/**
 * A transport that needs no public address: the platform's long-lived connection (WeCom's long connection,
 * DingTalk Stream). It decodes with the same functions as the HTTP callback and ends in `inbound.receive`.
 * main.ts starts it once the server listens and stops it in the first shutdown stage; /readyz reports it.
 */
export interface Connection {
  /** For logs, shutdown and /readyz, e.g. "wecom long connection". */
  name: string;
  /** Connects, and keeps reconnecting on its own until stopped. */
  start(): void;
  /** Takes no new messages, lets the ones in hand finish, closes the socket and cancels any reconnect. */
  stop(): Promise<void>;
  /** Why no message can arrive now (connecting, reconnecting, refused), or undefined while connected. */
  downReason(): string | undefined;
}

/** Who a platform's own web sign-in says the person is: their user id on the platform, or why not. */
export type StaffIdentity = { ok: true; userId: string } | { ok: false; reason: StaffIdentityRefusal; detail: string };

/**
 * Why a code gave no user id: `notMember` — the person is not in the organisation (WeCom gives an openid);
 * `badCode` — the code is unknown, used or expired; `unavailable` — the platform did not answer or refused the
 * app (a later try may pass).
 */
export type StaffIdentityRefusal = "notMember" | "badCode" | "unavailable";

/**
 * The platform's own web sign-in to the staff console (工作台), when its settings allow it: a code the platform
 * gives the browser is traded, on the server, for the person's user id on the platform.
 */
export type StaffSignIn = {
  /** What the sign-in button says (企业微信登录). */
  label: string;
  /** Trades a code for the user id; never throws for an answer it can read. */
  userIdFor(code: string): Promise<StaffIdentity>;
} & (
  | {
      /** OAuth: the browser goes to the platform's page and comes back to the callback with `code` and `state`. */
      kind: "redirect";
      authorizeUrl(redirectUri: string, state: string): string;
    }
  | {
      /** The console page, opened inside the platform's own app, asks the app for a code itself. */
      kind: "container";
      /** The organisation id the app's call needs (DingTalk's corpId). */
      corpId: string;
      /** What the app's user agent contains, so the page knows where it is. */
      userAgentMark: string;
    }
);

/**
 * One platform, configured: how messages come in (routes: verify, decode to the common message, hand to
 * `inbound.receive`), how posts go out (plan at storage time, send from the outbox), and its limits.
 * Nothing outside platforms/ knows a platform's name; it reads the adapter.
 */
export interface PlatformAdapter {
  name: string;
  capabilities: PlatformCapabilities;
  /** The most UTF-8 bytes one text message may carry; longer posts are split (see planPushes). */
  textMaxBytes: number;
  /** Names of the transports the configuration switched on (for the start-up log); empty when inbound is off. */
  transports: string[];
  /** Where "/" sends a browser, for a platform that has a page of its own. */
  homePath?: string;
  /** The inbound HTTP routes, when the configuration switches them on. */
  routes?: (inbound: Inbound) => Router;
  /**
   * The long-lived connection, when the configuration chooses it instead of callbacks. Built with the bot,
   * opened only by start(): a script that builds the bot (npm run job) never takes the robot's one connection.
   */
  connect?: (inbound: Inbound) => Connection;
  /**
   * The rows that carry one post to a group on this platform, at storage time: each with a `channel` of the
   * platform's own naming (only its `send` reads it) and a status — "sent" when it is delivered as it is
   * stored (in the callback's own answer, the sandbox's timeline), "pending" when the outbox sends it. The
   * registry stamps each row with the platform's name; a post longer than `textMaxBytes` is split here.
   */
  plan(post: PostDraft, replyUrl: ReplyUrl | undefined, now: Date): PlannedRow[];
  /**
   * Sends one queued row; `message` has the mentions translated to platform user ids. A failure says its kind
   * (SendFailure: outage, rateLimited, rejected, permanent), from which the outbox decides; it never throws
   * for an answer it can read (a throw counts as an outage).
   */
  send(post: OutboxPost, group: GroupRecord, message: OutgoingText, now: Date): Promise<SendResult>;
  /**
   * The channels (of its `plan`) it cannot send on from this process now: those that go out over its long
   * connection while that is not open here — another instance holds it (app.ts, holdConnectionsWhenElected),
   * or it is still connecting or reconnecting. The outbox leaves their posts for the instance that can send
   * them (store/outbox.ts, claimNextPost), without counting an attempt.
   */
  waitingChannels?: () => readonly string[];
  /** The platform's own web sign-in to the staff console, when its settings allow it. */
  staffSignIn?: StaffSignIn;
}

/**
 * A registry entry: the platform's name, its own settings (composed by config.ts) and how it is built from
 * them. Everything platform-specific lives in its folder, this definition in its index.ts.
 */
export interface PlatformDefinition<Settings extends object = object> {
  name: string;
  /** What else people call it (企业微信, 钉钉): test/architecture.test.ts finds these outside platforms/ too. */
  aliases?: readonly string[];
  settings: PlatformSettings<Settings>;
  /** The demo organisation the platform brings, written at start when DEMO_SEED is on (the sandbox's). */
  seedDemo?(db: Database): Promise<void>;
  create(config: CoreConfig & Settings): PlatformAdapter;
}
