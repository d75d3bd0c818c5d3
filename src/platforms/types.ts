/**
 * The shapes every platform adapter turns its payloads into and out of. Platform details (signatures,
 * encryption, payload fields, error codes) end in the adapter; everything after this sees only these types.
 */
export type PlatformName = "sandbox" | "wecom" | "dingtalk";

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
  replyUrl?: { url: string; expiresAt: Date };
}

/** One message for a platform to deliver. */
export interface OutgoingText {
  text: string;
  /** Platform user ids to @-mention. */
  mentionUserIds: string[];
}

/** What a delivery attempt came to; `retryable` failures are tried again later, the others go to dead letters. */
export type SendResult =
  | { ok: true }
  | { ok: false; retryable: boolean; error: string; /** the platform asked us to wait at least this long */ retryAfterMs?: number };
