import { NotFound } from "../../domain/refusal.ts";
import type { Database } from "../../store/database.ts";
import { readCard } from "../../store/messages.ts";
import { findPost, listOutbox, requeueDead, type OutboxPost } from "../../store/outbox.ts";

/** A post's card as the platform shows it (title and buttons, each a command), with its id there; null for words only. */
function describeCard(post: OutboxPost) {
  if (!post.card) return null;
  const { title, buttons } = readCard(post.card, post.actionId ?? "");
  return { title, buttons, actionId: post.actionId };
}

export function describePost(post: OutboxPost) {
  return {
    id: post.id,
    groupId: post.groupId,
    kind: post.kind,
    platform: post.platform,
    channel: post.channel,
    status: post.status,
    text: post.text,
    card: describeCard(post),
    ticketNumber: post.ticketNumber,
    attempts: post.attempts,
    nextAttemptAt: post.nextAttemptAt?.toISOString() ?? null,
    lastError: post.lastError,
    failure: post.failure,
    createdAt: post.createdAt.toISOString(),
    sentAt: post.sentAt?.toISOString() ?? null,
  };
}

export async function outboxItems(db: Database, status: string | undefined, limit: number) {
  return (await listOutbox(db, status, limit)).map(describePost);
}

export class NotDead extends Error {}

/** Requeues a dead letter; anything else is refused (a pending post is already queued). */
export async function retryDeadPost(db: Database, id: number, now: Date) {
  const post = await requeueDead(db, id, now);
  if (post) return describePost(post);
  const existing = await findPost(db, id);
  if (!existing) throw new NotFound(`no outbox item ${id}`);
  throw new NotDead(`item ${id} is ${existing.status}, only dead items can be retried`);
}
