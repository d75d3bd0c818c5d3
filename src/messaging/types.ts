/**
 * The shapes every platform adapter turns its payloads into and out of. Platform details (signatures,
 * encryption, payload fields, error codes) end in the adapter; everything after this sees only these types,
 * so features never depend on a platform and platforms never on a feature.
 */
/** A registered platform's name (see platforms/index.ts): stored with groups, members and messages. */
export type PlatformName = string;

export interface IncomingMessage {
  platform: PlatformName;
  /** The platform's message id; (platform, messageId) is stored once, so retries are answered, not re-run. */
  messageId: string;
  /** The group chat's id; for a 1:1 message, the sender's private conversation. */
  chatId: string;
  userId: string;
  /** The sender's display name where the platform gives one (DingTalk's senderNick). */
  userName?: string;
  text: string;
  /** A 1:1 message (WeCom app, single chat): answered privately, filed under the sender's own estate. */
  private?: boolean;
  /**
   * The platform delivered it because it @-mentions the bot (WeCom and DingTalk robots receive nothing
   * else from groups), whatever the text says: the mention itself may be stripped or carry another name.
   */
  addressed?: boolean;
  /** The group's title where the platform gives one, used when the chat is bound. */
  chatTitle?: string;
  /** Platform user ids @-mentioned besides the bot, where the platform lists them. */
  mentionedUserIds?: string[];
  /** Where replies go when they are not answered in the callback itself (DingTalk's sessionWebhook). */
  replyUrl?: ReplyUrl;
  /**
   * The platform's groups and members are a fixed directory (the sandbox's demo): an unknown chat or
   * sender is not found, instead of being enrolled on first contact.
   */
  knownMembersOnly?: boolean;
  /**
   * The platform is a playground (the sandbox): its members see and act only on tickets that came in
   * through its own groups, never on those of a real platform's groups, whatever roles they hold.
   */
  ownPlatformTicketsOnly?: boolean;
  /**
   * Pictures that came with the message, fetched by the platform (download, decrypt) only when the bot
   * keeps them: a retry answered from storage or chatter it ignores downloads nothing.
   */
  images?: IncomingImage[];
  /** The text is the platform's transcript of a voice message: the reply repeats it, so a misheard word is caught. */
  voice?: boolean;
}

/** A picture a platform can fetch for the message it came with. */
export interface IncomingImage {
  /**
   * The picture's bytes (decrypted where the platform encrypts them). Refuses a picture over `maxBytes`
   * with ImageTooLarge, stops when `signal` aborts, throws on anything else that goes wrong.
   */
  fetch(options: { signal: AbortSignal; maxBytes: number }): Promise<Uint8Array>;
}

export interface ReplyUrl {
  url: string;
  expiresAt: Date;
}

/** What the bot made of one message: what the platform answers in its callback. */
export interface HandledMessage {
  /**
   * handled: answered now; duplicate: a retry, answered from storage; ignored: chatter not meant for the
   * bot; unbound: the chat or sender is not known yet, answered with a hint and nothing stored.
   */
  status: "handled" | "duplicate" | "ignored" | "unbound";
  replies: string[];
}

/** One message for a platform to deliver. */
export interface OutgoingText {
  text: string;
  /** Platform user ids to @-mention. */
  mentionUserIds: string[];
}

/** What a delivery attempt came to; `retryable` failures are tried again later, the others go to dead letters. */
export type SendResult =
  { ok: true } | { ok: false; retryable: boolean; error: string; /** the platform asked us to wait at least this long */ retryAfterMs?: number };

/** Something to post in a group: a reply to the message at hand, or a notice in another group. */
export interface PostDraft {
  groupId: string;
  text: string;
  mentions: string[];
  kind: "reply" | "notice" | "private_reply";
  ticketNumber: number | null;
}

/** A post with how its platform delivers it (see PlatformAdapter.plan). */
export interface OutboxRow extends PostDraft {
  /** The platform's delivery channel, e.g. "wecom_webhook"; see DELIVERED_ON_RECEIPT. */
  channel: string;
  status: "sent" | "pending";
  target?: string;
  targetExpiresAt?: Date;
}

/**
 * Channels whose posts are delivered as they are stored (the sandbox's timeline, a reply in the callback's
 * own answer): never queued, never counted against a robot's rate.
 */
export const DELIVERED_ON_RECEIPT: readonly string[] = ["sandbox", "passive"];

/** How posts are routed to their groups' platforms: given by the platform registry, used by features. */
export interface PostRouting {
  /** The outbox rows that carry `post` to a group on `platform`. */
  plan(post: PostDraft, platform: PlatformName, replyUrl: ReplyUrl | undefined, now: Date): OutboxRow[];
  /** Whether groups on `platform` see only tickets that came in through that platform (the sandbox). */
  ownTicketsOnly?(platform: PlatformName): boolean;
}
