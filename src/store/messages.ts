import type { Database, Tx } from "./database.ts";

type Client = Database | Tx;

export interface PostDraft {
  groupId: string;
  text: string;
  mentions: string[];
  kind: "reply" | "notice";
  ticketNumber: number | null;
}

export interface StoredInbound {
  id: number;
  replies: string[];
}

export async function findInbound(client: Client, platform: string, messageId: string): Promise<StoredInbound | null> {
  const row = await client.inboundMessage.findUnique({ where: { platform_messageId: { platform, messageId } } });
  return row ? { id: row.id, replies: JSON.parse(row.replies) as string[] } : null;
}

export interface InboundDraft {
  platform: string;
  messageId: string;
  groupId: string;
  memberId: string;
  text: string;
  receivedAt: Date;
}

/** Stores the message with its replies and any notices to other groups, in the caller's transaction. */
export async function recordExchange(tx: Tx, inbound: InboundDraft, posts: PostDraft[], now: Date): Promise<number> {
  const replies = posts.filter((post) => post.kind === "reply").map((post) => post.text);
  const row = await tx.inboundMessage.create({ data: { ...inbound, replies: JSON.stringify(replies) } });
  for (const post of posts) {
    await tx.botPost.create({
      data: {
        groupId: post.groupId,
        text: post.text,
        mentions: JSON.stringify(post.mentions),
        kind: post.kind,
        ticketNumber: post.ticketNumber,
        inboundMessageId: post.kind === "reply" ? row.id : null,
        createdAt: now,
        status: "sent",
        sentAt: now,
      },
    });
  }
  return row.id;
}

export interface TimelineEntry {
  type: "message" | "bot";
  at: string;
  text: string;
  memberId?: string;
  memberName?: string;
  kind?: string;
  ticketNumber?: number | null;
}

/** A group's conversation with the bot, oldest first: addressed messages and everything the bot posted. */
export async function groupTimeline(client: Client, groupId: string, limit: number): Promise<TimelineEntry[]> {
  const [inbound, posts] = await Promise.all([
    client.inboundMessage.findMany({ where: { groupId }, orderBy: { id: "desc" }, take: limit }),
    client.botPost.findMany({ where: { groupId }, orderBy: { id: "desc" }, take: limit }),
  ]);
  const names = new Map(
    (await client.member.findMany({ where: { id: { in: [...new Set(inbound.map((m) => m.memberId))] } } })).map((m) => [m.id, m.name]),
  );
  type Keyed = TimelineEntry & { sortAt: number; order: number; id: number };
  const entries: Keyed[] = [
    ...inbound.map((m) => ({
      type: "message" as const,
      at: m.receivedAt.toISOString(),
      text: m.text,
      memberId: m.memberId,
      memberName: names.get(m.memberId) ?? m.memberId,
      sortAt: m.receivedAt.getTime(),
      order: 0,
      id: m.id,
    })),
    ...posts.map((p) => ({
      type: "bot" as const,
      at: p.createdAt.toISOString(),
      text: p.text,
      kind: p.kind,
      ticketNumber: p.ticketNumber,
      sortAt: p.createdAt.getTime(),
      order: 1,
      id: p.id,
    })),
  ];
  return entries
    .sort((a, b) => a.sortAt - b.sortAt || a.order - b.order || a.id - b.id)
    .slice(-limit)
    .map(({ sortAt: _sortAt, order: _order, id: _id, ...entry }) => entry);
}
