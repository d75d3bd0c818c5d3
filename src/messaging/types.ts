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
  /**
   * The message quotes another one (WeCom robot's top-level `quote`, DingTalk's replied message): its text,
   * and its author where the platform says who it was (WeCom does not).
   */
  quote?: QuotedMessage;
}

/** A picture a platform can fetch for the message it came with. */
export interface IncomingImage {
  /**
   * The picture's bytes (decrypted where the platform encrypts them). Refuses a picture over `maxBytes`
   * with ImageTooLarge, stops when `signal` aborts, throws on anything else that goes wrong.
   */
  fetch(options: { signal: AbortSignal; maxBytes: number }): Promise<Uint8Array>;
}

export interface QuotedMessage {
  text: string;
  /** The quoted message's author, a platform user id, where the platform gives it. */
  userId?: string;
}

/**
 * A button clicked on a card the bot posted: the same door as a message, beside it. The platform adapter
 * has verified the callback; the bot checks that the card is its own and the value one of its buttons.
 */
export interface IncomingAction {
  platform: PlatformName;
  /** The card's id as posted (WeCom task_id, DingTalk outTrackId). */
  actionId: string;
  /** Who clicked (any member of the chat can). */
  userId: string;
  userName?: string;
  /** The chat the card is in, where the callback names it; checked against the card's group. */
  chatId?: string;
  /** The clicked button's value (WeCom event_key, DingTalk's callback params). */
  value: string;
}

/** What a click came to: one short answer, for the card's update or a reply. */
export interface HandledAction {
  /** handled: applied now; duplicate: the same click again, answered from storage; unknown: not a card of ours. */
  status: "handled" | "duplicate" | "unknown";
  answer: string;
  /** The card as it was posted, to be updated in place where the platform can. */
  card?: PlannedCard;
}

/** Buttons that stand for commands: a click is applied exactly as if the clicker had typed `value`. */
export interface PostCard {
  title: string;
  buttons: { label: string; value: string }[];
}

/** A card as planned for a platform that shows it, with the id its clicks come back with. */
export interface PlannedCard extends PostCard {
  actionId: string;
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
  /** Cards among the replies (planned by a platform that shows them): answered with the replies in the callback. */
  cards?: PlannedCard[];
}

/** One message for a platform to deliver. */
export interface OutgoingText {
  text: string;
  /** Platform user ids to @-mention. */
  mentionUserIds: string[];
}

/** What a delivery attempt came to: sent, or a failure of a kind the outbox decides on (never an error text to read). */
export type SendResult = { ok: true } | SendFailure;

/**
 * Why a send failed, as the platform's client read its answer:
 * - `outage`: the platform did not answer (connection failed, timed out, 5xx): retried with backoff; a run of
 *   them pauses the platform (probed, no attempts counted), and its outage dead letters are re-queued when it
 *   answers again;
 * - `rateLimited`: the robot sent too fast (HTTP 429, WeCom 45009, DingTalk 130101): nothing is wrong with the
 *   post, so the robot is paused and the post waits, without an attempt counted;
 * - `rejected`: the platform answered no, but a later try may pass (system busy, an access token that expired):
 *   retried with backoff until the attempts run out;
 * - `permanent`: no retry can help (a webhook removed, a group with no robot, a channel the outbox does not
 *   deliver): a dead letter at once, for an operator.
 */
export type SendFailureKind = "outage" | "rateLimited" | "rejected" | "permanent";

export interface SendFailure {
  ok: false;
  kind: SendFailureKind;
  /** For the operator (logs, the dead letter's lastError); nothing reads it to decide. */
  error: string;
  /** The platform asked us to wait at least this long. */
  retryAfterMs?: number;
}

/** Something to post in a group: a reply to the message at hand, or a notice in another group. */
export interface PostDraft {
  groupId: string;
  text: string;
  mentions: string[];
  kind: "reply" | "notice" | "private_reply";
  ticketNumber: number | null;
  /** Buttons for the same message, where the platform shows cards; `text` says how to type the same. */
  card?: PostCard;
}

/** A post as its group's platform plans it (PlatformAdapter.plan); the registry adds the platform (OutboxRow). */
export interface PlannedRow extends PostDraft {
  /** The platform's own name for how this row travels (e.g. its webhook); only the platform reads it. */
  channel: string;
  /** "sent": delivered as it is stored (in the callback's own answer, the sandbox's timeline), never queued; "pending": the outbox sends it. */
  status: "sent" | "pending";
  target?: string;
  targetExpiresAt?: Date;
  /** Set only where the platform shows this row as a card (`card` is the draft's); otherwise the row is its text. */
  shownCard?: PlannedCard;
}

/** A planned row with the platform that sends it, as it is stored (BotPost.platform). */
export interface OutboxRow extends PlannedRow {
  platform: PlatformName;
}

/** How posts are routed to their groups' platforms: given by the platform registry, used by features. */
export interface PostRouting {
  /** The outbox rows that carry `post` to a group on `platform`. */
  plan(post: PostDraft, platform: PlatformName, replyUrl: ReplyUrl | undefined, now: Date): OutboxRow[];
  /** Whether groups on `platform` see only tickets that came in through that platform (the sandbox). */
  ownTicketsOnly?(platform: PlatformName): boolean;
}
