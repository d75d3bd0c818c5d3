import type { OutboxRow, PlannedCard, PostDraft } from "../messaging/types.ts";
import { attachmentsOfMessages } from "./attachments.ts";
import type { Database, Tx } from "./database.ts";
import { CompiledOnce } from "./compiled.ts";
import { insertRows } from "./rows.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

export type { OutboxRow, PostDraft };

export interface StoredInbound {
  id: number;
  text: string;
  replies: string[];
  /** A command refused by a rule: the replies are the refusal. */
  refused: boolean;
  /** The cards among its replies, as planned. */
  cards: PlannedCard[];
}

export async function findInbound(client: Client, platform: string, messageId: string): Promise<StoredInbound | null> {
  const row = await client.query
    .selectFrom("InboundMessage")
    .select(["id", "text", "replies", "refused"])
    .where("platform", "=", platform)
    .where("messageId", "=", messageId)
    .executeTakeFirst();
  if (!row) return null;
  const carded = await client.query
    .selectFrom("BotPost")
    .select(["card", "actionId"])
    .where("inboundMessageId", "=", row.id)
    .where("card", "is not", null)
    .orderBy("id")
    .execute();
  return {
    id: row.id,
    text: row.text,
    replies: JSON.parse(row.replies) as string[],
    refused: Boolean(row.refused),
    cards: carded.map((post) => readCard(post.card!, post.actionId!)),
  };
}

/** A stored card (BotPost.card) with its platform id. */
export function readCard(json: string, actionId: string): PlannedCard {
  const card = JSON.parse(json) as Omit<PlannedCard, "actionId">;
  return { title: card.title, buttons: card.buttons, actionId };
}

/** The post that carried the card a click names, or null when no card of ours has that id. */
export async function findCardPost(client: Client, actionId: string): Promise<{ groupId: string; card: PlannedCard; ticketNumber: number | null } | null> {
  const post = await client.query.selectFrom("BotPost").select(["groupId", "card", "ticketNumber"]).where("actionId", "=", actionId).executeTakeFirst();
  if (!post?.card) return null;
  return { groupId: post.groupId, card: readCard(post.card, actionId), ticketNumber: post.ticketNumber };
}

/** The message was stored already (a platform's retry that raced the first copy): nothing of this one is kept. */
export class AlreadyStored extends Error {
  /** Read as a unique violation (isUniqueViolation) on either database. */
  readonly code = "SQLITE_CONSTRAINT_UNIQUE";
  constructor(platform: string, messageId: string) {
    super(`message ${platform}/${messageId} is already stored`);
    this.name = "AlreadyStored";
  }
}

export interface InboundDraft {
  platform: string;
  messageId: string;
  groupId: string;
  memberId: string;
  text: string;
  receivedAt: Date;
  private: boolean;
  /** A command refused by a rule (the replies are the refusal). */
  refused?: boolean;
}

const storeInbound = new CompiledOnce(
  (
    q,
    [platform, messageId, groupId, memberId, text, receivedAt, isPrivate, refused, replies]: [
      string,
      string,
      string,
      string,
      string,
      Date,
      boolean,
      boolean,
      string,
    ],
  ) =>
    q
      .insertInto("InboundMessage")
      .values({ platform, messageId, groupId, memberId, text, receivedAt, private: isPrivate, refused, replies })
      .onConflict((conflict) => conflict.columns(["platform", "messageId"]).doNothing())
      .returning("id"),
);

/**
 * Stores the message, the replies it was given (answered again to a platform retry) and every post it
 * caused, in the caller's transaction: a post is in the outbox before anything is sent.
 */
export async function recordExchange(tx: Tx, inbound: InboundDraft, replies: string[], rows: OutboxRow[], now: Date): Promise<number> {
  // The retry check is this insert: a second copy of a message inserts nothing, and its transaction is undone.
  const [stored] = (
    await storeInbound.execute(tx, [
      inbound.platform,
      inbound.messageId,
      inbound.groupId,
      inbound.memberId,
      inbound.text,
      inbound.receivedAt,
      inbound.private,
      inbound.refused ?? false,
      JSON.stringify(replies),
    ])
  ).rows;
  if (!stored) throw new AlreadyStored(inbound.platform, inbound.messageId);
  await recordPosts(tx, rows, now, stored.id);
  return stored.id;
}

export async function recordPosts(tx: Tx, rows: readonly OutboxRow[], now: Date, inboundId: number | null = null): Promise<void> {
  if (!rows.length) return;
  await insertRows(
    tx,
    "BotPost",
    rows.map((post) => ({
      groupId: post.groupId,
      text: post.text,
      mentions: JSON.stringify(post.mentions),
      kind: post.kind,
      ticketNumber: post.ticketNumber,
      inboundMessageId: post.kind === "notice" ? null : inboundId,
      createdAt: now,
      platform: post.platform,
      channel: post.channel,
      target: post.target ?? null,
      targetExpiresAt: post.targetExpiresAt ?? null,
      status: post.status,
      nextAttemptAt: post.status === "pending" ? now : null,
      sentAt: post.status === "sent" ? now : null,
      card: post.shownCard ? JSON.stringify({ title: post.shownCard.title, buttons: post.shownCard.buttons }) : null,
      actionId: post.shownCard?.actionId ?? null,
    })),
  );
}

export interface TimelineEntry {
  type: "message" | "bot";
  /** Stable within a timeline (the page places what it keeps itself after an entry). */
  id: string;
  at: string;
  text: string;
  memberId?: string;
  memberName?: string;
  kind?: string;
  ticketNumber?: number | null;
  /** The photos a message carried (attachment ids and types). */
  photos?: { id: number; mime: string }[];
}

/** A group's conversation with the bot, oldest first: addressed messages and everything the bot posted. */
export async function groupTimeline(client: Client, groupId: string, limit: number): Promise<TimelineEntry[]> {
  const [inbound, posts] = await Promise.all([
    client.query
      .selectFrom("InboundMessage")
      .selectAll()
      .where("groupId", "=", groupId)
      .where("private", "=", false)
      .orderBy("id", "desc")
      .limit(rowCount(limit))
      .execute(),
    client.query
      .selectFrom("BotPost")
      .selectAll()
      .where("groupId", "=", groupId)
      .where("kind", "!=", "private_reply")
      .orderBy("id", "desc")
      .limit(rowCount(limit))
      .execute(),
  ]);
  const memberIds = [...new Set(inbound.map((m) => m.memberId))];
  const members = memberIds.length ? await client.query.selectFrom("Member").select(["id", "name"]).where("id", "in", memberIds).execute() : [];
  const names = new Map(members.map((m) => [m.id, m.name]));
  const photos = new Map<number, { id: number; mime: string }[]>();
  for (const attachment of await attachmentsOfMessages(
    client,
    inbound.map((m) => m.id),
  )) {
    const list = photos.get(attachment.inboundMessageId!) ?? [];
    list.push({ id: attachment.id, mime: attachment.mime });
    photos.set(attachment.inboundMessageId!, list);
  }
  // Arrival order, not timestamps: a job run "as of" a later date must not push newer messages mid-page.
  // Posts are in the order they were stored; each message goes just before the first post that answers it
  // (or any later message), so a message and its reply stay together.
  const messages = [...inbound].sort((a, b) => a.id - b.id);
  const ordered: TimelineEntry[] = [];
  let next = 0;
  const emitMessagesUpTo = (id: number) => {
    while (next < messages.length && messages[next]!.id <= id) {
      const m = messages[next++]!;
      const carried = photos.get(m.id);
      ordered.push({
        type: "message",
        id: `m${m.id}`,
        at: m.receivedAt.toISOString(),
        text: m.text,
        memberId: m.memberId,
        memberName: names.get(m.memberId) ?? m.memberId,
        ...(carried ? { photos: carried } : {}),
      });
    }
  };
  for (const p of [...posts].sort((a, b) => a.id - b.id)) {
    if (p.inboundMessageId !== null) emitMessagesUpTo(p.inboundMessageId);
    ordered.push({ type: "bot", id: `p${p.id}`, at: p.createdAt.toISOString(), text: p.text, kind: p.kind, ticketNumber: p.ticketNumber });
  }
  emitMessagesUpTo(Number.POSITIVE_INFINITY);
  return ordered.slice(-limit);
}
