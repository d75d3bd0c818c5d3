import { readsPhoneNumbersInFull } from "../domain/audience.ts";
import type { Role } from "../domain/types.ts";
import type { OutboxRow, PostDraft, PostRouting, ReplyUrl } from "../messaging/types.ts";
import type { Tx } from "../store/database.ts";
import { recordPosts } from "../store/messages.ts";
import { groupsByIds, membershipCheck } from "../store/org.ts";
import { findTicket } from "../store/tickets.ts";
import { maskPhoneNumbers } from "../text/mask.ts";

export interface DeliveryGroup {
  id: string;
  platform: string;
  /** "residents" or "staff": who reads what is posted there. */
  kind: string;
}

/**
 * A post as its readers see it: residents' phone numbers whole for staff, masked for everyone else
 * (domain/audience.ts decides). `privateReader` is the role of the member a private reply goes to.
 */
export function asRead(post: PostDraft, group: DeliveryGroup, privateReader: Role | null = null): PostDraft {
  const readers = post.kind === "private_reply" ? { groupKind: group.kind, privateReader } : { groupKind: group.kind };
  return readsPhoneNumbersInFull(readers) ? post : { ...post, text: maskPhoneNumbers(post.text) };
}

/**
 * How each post reaches its group: its platform's adapter plans it (delivered on storage, in the
 * callback's answer, or queued in the outbox for a session or robot webhook, split to the platform's limit).
 */
export function planDeliveries(
  posts: PostDraft[],
  groups: ReadonlyMap<string, DeliveryGroup>,
  replyUrl: ReplyUrl | undefined,
  now: Date,
  routing: PostRouting,
  privateReader: Role | null = null,
): OutboxRow[] {
  return planRead(
    posts.map((post) => asRead(post, groupOf(groups, post), privateReader)),
    groups,
    replyUrl,
    now,
    routing,
  );
}

/** Plans posts already as their readers see them (asRead). */
function planRead(read: PostDraft[], groups: ReadonlyMap<string, DeliveryGroup>, replyUrl: ReplyUrl | undefined, now: Date, routing: PostRouting): OutboxRow[] {
  return read.flatMap((post): OutboxRow[] => routing.plan(post, groupOf(groups, post).platform, replyUrl, now));
}

function groupOf(groups: ReadonlyMap<string, DeliveryGroup>, post: PostDraft): DeliveryGroup {
  const group = groups.get(post.groupId);
  if (!group) throw new Error(`post to unknown group ${post.groupId}`);
  return group;
}

/**
 * Drops posts about a ticket to groups of a playground platform (the sandbox) when the ticket came in
 * through another platform's group: anyone can read the sandbox, so a real group's matters never reach it.
 */
export async function withoutPlaygroundLeaks(tx: Tx, routing: PostRouting, posts: PostDraft[]): Promise<PostDraft[]> {
  if (!routing.ownTicketsOnly || !posts.some((post) => post.ticketNumber !== null)) return posts;
  const groups = new Map((await groupsByIds(tx, [...new Set(posts.map((post) => post.groupId))])).map((group) => [group.id, group]));
  const kept: PostDraft[] = [];
  for (const post of posts) {
    const target = groups.get(post.groupId);
    if (post.ticketNumber !== null && target && routing.ownTicketsOnly(target.platform)) {
      const ticket = await findTicket(tx, post.ticketNumber);
      const origin = ticket ? (await groupsByIds(tx, [ticket.groupId]))[0] : undefined;
      if (leaksIntoPlayground(routing, target, origin)) continue;
    }
    kept.push(post);
  }
  return kept;
}

/** Whether a post about a ticket that came in through `origin` must not reach `target` (see withoutPlaygroundLeaks). */
export function leaksIntoPlayground(routing: PostRouting, target: DeliveryGroup | undefined, origin: DeliveryGroup | undefined): boolean {
  return target !== undefined && origin !== undefined && routing.ownTicketsOnly?.(target.platform) === true && origin.platform !== target.platform;
}

/**
 * A post @-s only members of the group it goes to: a resident is never @-ed in a work group, nor one
 * level's staff in another's. Every post passes here before it is planned (planPosts, the SLA sweep).
 */
export function mentioningMembersOnly(posts: readonly PostDraft[], isMember: (groupId: string, memberId: string) => boolean): PostDraft[] {
  return posts.map((post) =>
    post.mentions.every((id) => isMember(post.groupId, id)) ? post : { ...post, mentions: post.mentions.filter((id) => isMember(post.groupId, id)) },
  );
}

/**
 * Plans posts for the groups they go to, looking the groups up: the rows to store and send, and every post
 * as its readers see it (what a message's callback answers with).
 */
export async function planPosts(
  tx: Tx,
  routing: PostRouting,
  posts: PostDraft[],
  replyUrl: ReplyUrl | undefined,
  now: Date,
  privateReader: Role | null = null,
): Promise<{ rows: OutboxRow[]; read: PostDraft[] }> {
  const mentioning = mentioningMembersOnly(
    posts,
    await membershipCheck(
      tx,
      posts.flatMap((post) => post.mentions),
    ),
  );
  const groups = new Map((await groupsByIds(tx, [...new Set(mentioning.map((post) => post.groupId))])).map((group) => [group.id, group]));
  // Each post is masked for its readers once; what is planned is what the callback answers with.
  const read = mentioning.map((post) => asRead(post, groupOf(groups, post), privateReader));
  const visible = await withoutPlaygroundLeaks(tx, routing, read);
  return { rows: planRead(visible, groups, replyUrl, now, routing), read };
}

/** Plans and stores posts that no message caused (reminders, 督办, digests), in the caller's transaction. */
export async function queuePosts(tx: Tx, routing: PostRouting, posts: PostDraft[], now: Date): Promise<void> {
  await recordPosts(tx, (await planPosts(tx, routing, posts, undefined, now)).rows, now);
}
