import { createHash } from "node:crypto";
import { findSeenCallback, forgetExpiredCallbacks, recordSeenCallback } from "../../store/callbacks.ts";
import { inTransaction, type Database, type Tx } from "../../store/database.ts";
import { CallbackRejected } from "../errors.ts";
import type { DingtalkHeaders } from "./callback.ts";

/**
 * DingTalk's replay rule (threat model and reasons: README, "DingTalk: what a captured callback can do").
 *
 * The sign covers only the timestamp and one app secret signs for every group, so genuine callbacks share
 * (timestamp, sign) pairs, and a captured pair would carry any body DingTalk's hour allows. Hence:
 * - a pair takes new bodies only for PAIR_WINDOW_MS after this deployment first saw it, on either route
 *   (robot messages and card clicks) and in any process: the memory is the database; and none at all if
 *   it was first seen long after its timestamp;
 * - a robot message must look made at its timestamp (createAt, sessionWebhookExpiredTime);
 * - a message id is taken with one identity only: the same message again (a platform retry, on any pair)
 *   passes and is answered from storage; the id with other content is refused.
 */
export const PAIR_WINDOW_MS = 2 * 60_000;
/**
 * DingTalk delivers within seconds of signing: a pair first seen later than this after (or before) its
 * timestamp was captured elsewhere (another server with the same app, a log) and takes no new body.
 * The same bound as WeCom's callbacks.
 */
export const FIRST_SIGHTING_MAX_SKEW_MS = 10 * 60_000;
/** How long before its callback's timestamp a message may have been created (DingTalk's own delay, a retry). */
export const MESSAGE_AGE_MS = 10 * 60_000;
/** Clock difference allowed between a message's createAt and its callback's timestamp the other way. */
export const CLOCK_SLACK_MS = 60_000;
/** A sessionWebhook lives about 90 minutes: an expiry further than this after the timestamp is not DingTalk's. */
export const SESSION_LIFETIME_MAX_MS = 3 * 3_600_000;
/** DingTalk accepts a timestamp an hour either side: a pair cannot be replayed after that. */
const PAIR_LIFETIME_MS = 2 * 3_600_000;
/** Message ids are remembered beyond any pair that could carry them again. */
const MESSAGE_ID_LIFETIME_MS = 3 * 3_600_000;

/** What makes a robot message this message: the fields a forgery would change, not the delivery details. */
export interface MessageIdentity {
  msgId: string;
  digest: string;
  createAt?: number;
  sessionWebhookExpiredTime?: number;
}

const IDENTITY_FIELDS = ["msgId", "conversationId", "senderStaffId", "senderId", "robotCode", "createAt", "msgtype", "text", "content"] as const;

/** Null for a body that is not a robot message (its own check refuses it with 400 later). */
export function messageIdentity(body: unknown): MessageIdentity | null {
  if (typeof body !== "object" || body === null) return null;
  const record = body as Record<string, unknown>;
  if (typeof record.msgId !== "string" || !record.msgId) return null;
  const identity = Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, record[field] ?? null]));
  return {
    msgId: record.msgId,
    digest: createHash("sha256").update(JSON.stringify(identity)).digest("hex"),
    ...(typeof record.createAt === "number" ? { createAt: record.createAt } : {}),
    ...(typeof record.sessionWebhookExpiredTime === "number" ? { sessionWebhookExpiredTime: record.sessionWebhookExpiredTime } : {}),
  };
}

/** Why a message cannot have been signed at `timestamp` (ms), or null when it can. */
export function implausibleAt(identity: MessageIdentity, timestamp: number): string | null {
  if (identity.createAt === undefined) return "message has no createAt";
  if (identity.createAt > timestamp + CLOCK_SLACK_MS) return "message created after its timestamp";
  if (identity.createAt < timestamp - MESSAGE_AGE_MS) return "message created long before its timestamp";
  const expiry = identity.sessionWebhookExpiredTime;
  if (expiry !== undefined && (expiry < timestamp || expiry > timestamp + SESSION_LIFETIME_MAX_MS))
    return "sessionWebhook expiry implausible for its timestamp";
  return null;
}

/** True while a pair first seen at `firstSeenAt` may still carry a body not seen before. */
export function pairTakesNewBodies(timestamp: number, firstSeenAt: Date, now: Date): boolean {
  return Math.abs(firstSeenAt.getTime() - timestamp) <= FIRST_SIGHTING_MAX_SKEW_MS && now.getTime() - firstSeenAt.getTime() <= PAIR_WINDOW_MS;
}

/**
 * The rule above against the database, for the callback routes and (message ids only) the Stream transport.
 * Each check reads and records in one write transaction, so the first sighting is one across processes.
 */
export class DingtalkReplayGuard {
  constructor(private readonly db: Database) {}

  /**
   * A robot message on the callback route: plausible for its timestamp; its id not taken by another
   * message; a new message only on a pair still open, while the same message again (DingTalk retrying it)
   * passes on any pair. Records the pair and the id.
   */
  async admitMessage(headers: DingtalkHeaders, body: unknown, now: Date): Promise<void> {
    const identity = messageIdentity(body);
    if (!identity) return; // refused as a malformed body by the decoder
    const implausible = implausibleAt(identity, Number(headers.timestamp));
    if (implausible) throw new CallbackRejected(401, implausible);
    await inTransaction(this.db, async (tx) => {
      await forgetExpiredCallbacks(tx, now);
      const earlier = await this.takeMessageId(tx, identity, now);
      const pairOpen = await this.pairOpen(tx, headers, now);
      if (!pairOpen && !earlier) throw new CallbackRejected(401, "timestamp and sign no longer take new messages");
    });
  }

  /** A card click on the callback route: the pair must still be open (the click itself is applied once downstream). */
  async admitCardClick(headers: DingtalkHeaders, now: Date): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await forgetExpiredCallbacks(tx, now);
      if (!(await this.pairOpen(tx, headers, now))) throw new CallbackRejected(401, "timestamp and sign no longer take new clicks");
    });
  }

  /** Any transport without a signed pair (Stream): a message id is taken with one identity only. */
  async claimMessageId(body: unknown, now: Date): Promise<void> {
    const identity = messageIdentity(body);
    if (!identity) return;
    await inTransaction(this.db, async (tx) => {
      await forgetExpiredCallbacks(tx, now);
      await this.takeMessageId(tx, identity, now);
    });
  }

  /** True when the id was taken before with this identity; records it when new; throws when taken by another. */
  private async takeMessageId(tx: Tx, identity: MessageIdentity, now: Date): Promise<boolean> {
    const key = messageKey(identity.msgId);
    // Recorded even if the pair then refuses it: the transaction is undone with the refusal. Another instance
    // recording the same id at once: its sighting is the earlier one (one statement decides, ON CONFLICT).
    const earlier =
      (await findSeenCallback(tx, key)) ?? (await recordSeenCallback(tx, key, identity.digest, now, new Date(now.getTime() + MESSAGE_ID_LIFETIME_MS)));
    if (earlier && earlier.digest !== identity.digest) throw new CallbackRejected(401, "message id already used by another message");
    return Boolean(earlier);
  }

  private async pairOpen(tx: Tx, headers: DingtalkHeaders, now: Date): Promise<boolean> {
    const key = `dingtalk-pair:${headers.timestamp ?? ""}:${headers.sign ?? ""}`;
    const seen = (await findSeenCallback(tx, key)) ?? (await recordSeenCallback(tx, key, "", now, new Date(Number(headers.timestamp) + PAIR_LIFETIME_MS)));
    return pairTakesNewBodies(Number(headers.timestamp), seen?.firstSeenAt ?? now, now);
  }
}

function messageKey(msgId: string): string {
  return `dingtalk-msg:${msgId}`;
}
