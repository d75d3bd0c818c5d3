import type { Understanding } from "../../bot/understand.ts";
import { isCommand } from "../commandRegistry.ts";
import type { PostDraft } from "../../messaging/types.ts";
import { addPhotoEvent, createAttachments, eventJustWritten, latestReportBy, type AttachmentKind } from "../../store/attachments.ts";
import type { Tx } from "../../store/database.ts";
import type { MessageContext } from "../context.ts";
import { reply } from "../posts.ts";
import { signedAttachmentUrl } from "./links.ts";
import type { MediaDeps, ReceivedPhotos } from "./receive.ts";
import * as texts from "./texts.ts";

/** A photo sent after the report, by the same person, belongs to that report for this long. */
export const LATE_PHOTO_WINDOW_MS = 10 * 60_000;

/**
 * Where a message's photos go: with the report they came with, as the "after" picture of the ticket a
 * 办结 names, or to the sender's own report of the last ten minutes.
 */
export type PhotoIntent = { kind: "report" } | { kind: "after"; ticket: number } | { kind: "later"; answerWords: boolean };

export function photoIntentOf(understanding: Understanding): PhotoIntent {
  // Words that rate a matter and would otherwise be a report: the photo goes with whichever ticket answers.
  if (understanding.kind === "bareRating") return understanding.otherwise.kind === "report" ? { kind: "report" } : { kind: "later", answerWords: true };
  if (understanding.kind === "report") return { kind: "report" };
  if (understanding.kind === "command" && isCommand(understanding.command, "resolve")) return { kind: "after", ticket: understanding.command.ticket };
  // A command is still carried out; other words sent with a photo (「看这里」) only describe the photo.
  return { kind: "later", answerWords: understanding.kind === "command" };
}

export interface PlacedPhotos {
  posts: PostDraft[];
  /** The attachment rows written; the door links them to the stored message. */
  attachmentIds: number[];
}

async function targetOf(tx: Tx, ctx: MessageContext, intent: PhotoIntent, posts: PostDraft[]): Promise<{ ticket: number; kind: AttachmentKind } | null> {
  switch (intent.kind) {
    case "report": {
      const answered = posts.find((post) => post.kind === "reply" && post.groupId === ctx.group.id && post.ticketNumber !== null);
      return answered ? { ticket: answered.ticketNumber!, kind: "photo" } : null;
    }
    case "after":
      return { ticket: intent.ticket, kind: "after" };
    case "later": {
      const recent = await latestReportBy(tx, ctx.member.id, new Date(ctx.now.getTime() - LATE_PHOTO_WINDOW_MS));
      return recent ? { ticket: recent.number, kind: "photo" } : null;
    }
  }
}

/** Adds `line` to the answer to the sender (a new reply when the words had none). */
function withReplyLine(ctx: MessageContext, posts: PostDraft[], line: string, ticket: number | null): PostDraft[] {
  const at = posts.findIndex((post) => post.kind === "reply" && post.groupId === ctx.group.id);
  if (at === -1) return [...posts, reply(ctx, line, ticket)];
  return posts.map((post, i) => (i === at ? { ...post, text: `${post.text}\n${line}` } : post));
}

/**
 * Links the message's received photos to their ticket and to the history event that carried them (the
 * report or 办结 just written, or a new 补充照片 event), in the message's transaction. The sender's answer
 * says what was kept and what was not; posts to other groups about that ticket carry signed links to
 * the photos when the bot has a public address.
 */
export async function placePhotos(
  tx: Tx,
  ctx: MessageContext,
  intent: PhotoIntent,
  received: ReceivedPhotos,
  posts: PostDraft[],
  media: MediaDeps,
): Promise<PlacedPhotos> {
  const target = received.photos.length ? await targetOf(tx, ctx, intent, posts) : null;
  const problems = received.failed + received.tooLarge + received.notImage;
  let answer = posts;
  const attachmentIds: number[] = [];
  if (target) {
    const actor = { id: ctx.member.id, name: ctx.member.name };
    const count = received.photos.length;
    const written = intent.kind === "later" ? null : await eventJustWritten(tx, target.ticket, actor.id, ctx.now);
    const eventId = written?.id ?? (await addPhotoEvent(tx, target.ticket, actor, texts.photoEventNote(count, target.kind), ctx.now));
    const drafts = received.photos.map((photo) => ({
      ticketNumber: target.ticket,
      eventId,
      kind: target.kind,
      mime: photo.mime,
      bytes: photo.bytes,
      storageKey: photo.storageKey,
      sha256: photo.sha256,
      uploaderId: actor.id,
      createdAt: ctx.now,
    }));
    attachmentIds.push(...(await createAttachments(tx, drafts, null)));
    const line =
      intent.kind === "later" ? texts.photosAttached(target.ticket, count) : target.kind === "after" ? texts.afterPhotosKept(count) : texts.photosKept(count);
    answer = withReplyLine(ctx, answer, line, target.ticket);
    answer = withPhotoLinks(answer, ctx, target.ticket, attachmentIds, media);
  } else if (received.photos.length) {
    answer = withReplyLine(ctx, answer, texts.NO_RECENT_REPORT, null);
  }
  if (problems) answer = withReplyLine(ctx, answer, texts.photosNotReceived(received, media.maxBytes), target?.ticket ?? null);
  return { posts: answer, attachmentIds };
}

function withPhotoLinks(posts: PostDraft[], ctx: MessageContext, ticket: number, attachmentIds: number[], media: MediaDeps): PostDraft[] {
  const base = media.links.publicBaseUrl;
  if (!base) return posts;
  const expiresAt = new Date(ctx.now.getTime() + media.links.ttlMs);
  const line = texts.photoLinks(attachmentIds.map((id) => signedAttachmentUrl(base, media.links.secret, id, expiresAt)));
  return posts.map((post) => (post.kind === "notice" && post.ticketNumber === ticket ? { ...post, text: `${post.text}\n${line}` } : post));
}
