/**
 * The one shape every platform adapter turns its payload into. Platform details (signatures,
 * encryption, payload fields) end in the adapter; everything after this sees only these types.
 */
export type PlatformName = "sandbox" | "wecom" | "dingtalk";

export interface IncomingMessage {
  platform: PlatformName;
  /** The platform's message id; (platform, messageId) is stored once, so retries are answered, not re-run. */
  messageId: string;
  chatId: string;
  userId: string;
  text: string;
}

export interface OutgoingMessage {
  text: string;
  /** Member ids to @-mention. */
  mentions: string[];
}
