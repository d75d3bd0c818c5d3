import { understandMessage, type Understanding } from "../bot/understand.ts";
import type { DangerTier, HazardId } from "../bot/urgency.ts";
import { isStaffAnywhere } from "../domain/permissions.ts";
import { NotFound, Refusal } from "../domain/refusal.ts";
import type { Role } from "../domain/types.ts";
import type { Logger } from "../logger.ts";
import type { HandledMessage, IncomingMessage, PlannedCard, PostRouting } from "../messaging/types.ts";

export type { HandledMessage };
import { inTransaction, isUniqueViolation, type Database, type Tx } from "../store/database.ts";
import { findInbound, recordExchange, type PostDraft, type StoredInbound } from "../store/messages.ts";
import {
  enrolMember,
  findGroupByChat,
  findMemberByPlatformUser,
  homeGroupOf,
  roleIn,
  upsertMembership,
  type GroupRecord,
  type MemberRecord,
} from "../store/org.ts";
import { loadMessageContext, type MessageContext, type ServiceSettings } from "./context.ts";
import { planPosts } from "./delivery.ts";
import { isOperator } from "./groups/admin.ts";
import { NOT_OPERATOR, UNBOUND_HINT } from "./groups/texts.ts";
import { helpText } from "./help.ts";
import { reply } from "./posts.ts";
import { fileReport } from "./tickets/reportIntake.ts";
import { isMostlyLatin } from "../text/latinScript.ts";
import { runCommand, runUnboundCommand } from "./commands.ts";
import { usableUnbound, type CommandRegistry } from "./command.ts";
import type { ParsedCommand } from "../bot/commandSyntax.ts";
import { NEEDS_DETAIL, splitAdvice, withAdvice } from "./tickets/texts.ts";
import { MessageNotStored } from "../messaging/errors.ts";
import { wellFormed } from "../text/wellFormed.ts";
import { announceAsCommand, GIBBERISH_HINT, GREETING, LATIN_SCRIPT_HINT, NOTHING_TO_RATE, PRIVATE_UNKNOWN, suggestion, THANKS, UNCLEAR_HINT } from "./texts.ts";
import { answerQuestion } from "./questions.ts";
import { answerFollowUp } from "./tickets/followUps.ts";
import { rateByBareWord } from "./tickets/bareRating.ts";
import { placePhotos, photoIntentOf, type PhotoIntent } from "./attachments/place.ts";
import { hasPhotoNews, NO_PHOTOS, receivePhotos, type MediaDeps, type ReceivedPhotos } from "./attachments/receive.ts";
import { heard, VOICE_NOT_UNDERSTOOD } from "./attachments/texts.ts";
import { linkAttachmentsToMessage } from "../store/attachments.ts";

export interface MessageServiceDeps {
  db: Database;
  settings: ServiceSettings;
  logger: Logger;
  clock: () => Date;
  /** How posts reach their groups' platforms (the platform registry). */
  routing: PostRouting;
  /** Called after a message left posts in the outbox, so the worker sends them now rather than at its next poll. */
  onOutboxChanged?: () => void;
  /** Where photos are kept and how they are linked. */
  media: MediaDeps;
  /** The commands messages are read against and dispatched to (features/commandRegistry.ts). */
  commands: CommandRegistry;
}

async function respond(
  tx: Tx,
  ctx: MessageContext,
  understanding: Exclude<Understanding, { kind: "ignored" }>,
  originalText: string,
  commands: CommandRegistry,
): Promise<PostDraft[]> {
  switch (understanding.kind) {
    case "command":
      return runCommand(tx, ctx, understanding.command, commands);
    case "report":
      return fileReport(tx, ctx, understanding.report, originalText);
    case "usage":
      return [reply(ctx, understanding.message)];
    case "needsDetail":
      return [reply(ctx, NEEDS_DETAIL(understanding.reportWord))];
    case "help":
      return [reply(ctx, helpText(commands, ctx.settings.botName, isStaffAnywhere(ctx.authority)))];
    case "suggestion":
      return [reply(ctx, suggestion(understanding.command))];
    case "greeting":
      return [reply(ctx, GREETING)];
    case "thanks":
      return [reply(ctx, THANKS)];
    case "followUp":
      return answerFollowUp(
        tx,
        ctx,
        understanding.text,
        understanding,
        understanding.report && (() => fileReport(tx, ctx, understanding.report!, originalText)),
      );
    case "question":
      return answerQuestion(tx, ctx, understanding.topic);
    case "meetingAnnouncement": {
      if (!isStaffAnywhere(ctx.authority)) return answerQuestion(tx, ctx, "meeting");
      const { time, place, subject } = understanding.meeting;
      return [reply(ctx, announceAsCommand(time, place, subject))];
    }
    case "unclear": {
      const hint = understanding.gibberish ? GIBBERISH_HINT : UNCLEAR_HINT;
      // A resident who types English is not read; whatever they wrote, they are told how to get help now.
      return [reply(ctx, isMostlyLatin(originalText) ? `${hint}\n${LATIN_SCRIPT_HINT}` : hint)];
    }
    case "bareRating": {
      const { otherwise } = understanding;
      const danger = dangerIn(otherwise);
      // A danger happening now is a report first (advice, alerts), never only a rating of an old matter.
      if (danger?.tier === "red" && otherwise.kind !== "ignored") return respond(tx, ctx, otherwise, originalText, commands);
      const rated = await rateByBareWord(tx, ctx, understanding.rating, understanding.comment, commands);
      if (rated) return danger ? adviseFirst(rated, danger) : rated;
      // A rating word with nothing of the sender's awaiting a rating: say so, not "no problem seen".
      if (otherwise.kind === "unclear") return [reply(ctx, NOTHING_TO_RATE)];
      return otherwise.kind === "ignored" ? [] : respond(tx, ctx, otherwise, originalText, commands);
    }
  }
}

/** The danger a message names, whatever else it is. */
function dangerIn(understanding: Understanding): { hazard: HazardId; tier: DangerTier } | null {
  if (understanding.kind === "report" && understanding.report.hazard && understanding.report.danger)
    return { hazard: understanding.report.hazard, tier: understanding.report.danger };
  if (understanding.kind === "followUp" && understanding.hazard && understanding.danger) return { hazard: understanding.hazard, tier: understanding.danger };
  return null;
}

/** The first answer starts with what to do about the danger. */
function adviseFirst(posts: PostDraft[], danger: { hazard: HazardId; tier: DangerTier }): PostDraft[] {
  const [first, ...rest] = posts;
  return first ? [{ ...first, text: withAdvice(first.text, danger.hazard, danger.tier) }, ...rest] : posts;
}

/** Where a message belongs: its group (or, for a private message, the sender's home group) and sender. */
type Place =
  | { kind: "known"; group: GroupRecord; member: MemberRecord | null; role: Role | null }
  | { kind: "unbound"; reply: string }
  /** A command used in a chat with no group yet (绑定), by an operator. */
  | { kind: "unboundCommand"; command: ParsedCommand };

async function locate(deps: MessageServiceDeps, message: IncomingMessage, understanding: Understanding): Promise<Place> {
  const { db } = deps;
  const member = await findMemberByPlatformUser(db, message.platform, message.userId);
  if (message.private) {
    const home = member && (await homeGroupOf(db, member.id));
    return home ? { kind: "known", group: home.group, member, role: home.role } : { kind: "unbound", reply: PRIVATE_UNKNOWN };
  }
  const group = await findGroupByChat(db, message.platform, message.chatId);
  if (!group) {
    if (message.knownMembersOnly) throw new NotFound("unknown group");
    if (understanding.kind === "command" && usableUnbound(deps.commands, understanding.command)) {
      const { command } = understanding;
      return isOperator(deps.settings, message) ? { kind: "unboundCommand", command } : { kind: "unbound", reply: NOT_OPERATOR };
    }
    return { kind: "unbound", reply: UNBOUND_HINT };
  }
  if (message.knownMembersOnly) {
    // A fixed directory's members (the sandbox demo's); elsewhere a first-time sender is enrolled instead.
    if (!member) throw new NotFound("unknown user");
    const role = await roleIn(db, group.id, member.id);
    if (!role) throw new NotFound("user is not a member of this group");
    return { kind: "known", group, member, role };
  }
  return { kind: "known", group, member, role: member ? await roleIn(db, group.id, member.id) : null };
}

/** Creates the sender as a resident of the group on first contact. */
async function ensureMembership(tx: Tx, message: IncomingMessage, group: GroupRecord, member: MemberRecord | null, role: Role | null) {
  const enrolled = member ?? (await enrolMember(tx, message.platform, message.userId, message.userName ?? message.userId));
  if (!role) await upsertMembership(tx, group.id, enrolled.id, "resident");
  return { member: enrolled, role: role ?? "resident" };
}

/**
 * Handles one message: understands it, applies its effects, and stores it with its replies and every
 * post it causes in one transaction. A refused command stores the message and the refusal, nothing else.
 */
export async function handleIncomingMessage(deps: MessageServiceDeps, incoming: IncomingMessage): Promise<HandledMessage> {
  const { settings } = deps;
  // Whatever a client sent, what is understood and stored is well-formed Unicode.
  const message: IncomingMessage = {
    ...incoming,
    text: wellFormed(incoming.text),
    ...(incoming.userName !== undefined ? { userName: wellFormed(incoming.userName) } : {}),
  };

  // In a private chat, and whenever the platform says the bot was @-mentioned, the message is addressed to it.
  const addressed = Boolean(message.private || message.addressed);
  // A voice message the platform could not transcribe is answered with a request to say it again or type it.
  const understanding: Understanding =
    message.voice && !message.text.trim()
      ? { kind: "usage", message: VOICE_NOT_UNDERSTOOD }
      : understandMessage(message.text, {
          botName: settings.botName,
          commands: deps.commands.reader,
          categories: settings.categories,
          models: settings.models,
          addressed,
        });
  return handleUnderstood(deps, message, understanding);
}

/**
 * Runs a command as a member in a group (the staff console's buttons), through the path a typed command takes
 * once read: the member's role there, the command's rules, one transaction, the exchange stored with its
 * replies and posts, a retry of the same `requestId` answered from storage. `text` is what is stored as the
 * member's message: the command as it would be typed.
 */
export async function runCommandAs(
  deps: MessageServiceDeps,
  request: { group: GroupRecord; member: MemberRecord; command: ParsedCommand; text: string; requestId: string },
): Promise<HandledMessage> {
  const { group, member, command, text, requestId } = request;
  const message: IncomingMessage = {
    platform: group.platform,
    messageId: `console:${requestId}`,
    chatId: group.chatId,
    userId: member.platformUserId,
    userName: member.name,
    text: wellFormed(text),
    addressed: true,
  };
  return handleUnderstood(deps, message, { kind: "command", command });
}

/** The rest of handling a message, once it is understood: where it belongs, its effects, its storage. */
async function handleUnderstood(deps: MessageServiceDeps, message: IncomingMessage, understanding: Understanding): Promise<HandledMessage> {
  const { db, settings } = deps;
  const log = deps.logger.child({ platform: message.platform, chatId: message.chatId, messageId: message.messageId });
  const photoIntent: PhotoIntent | null = message.images?.length ? photoIntentOf(understanding) : null;
  if (understanding.kind === "ignored" && !photoIntent) return { status: "ignored", replies: [] };

  // A retry is otherwise recognised by the message's own insert; one with photos is checked first, so a
  // retry downloads nothing.
  if (message.images?.length) {
    const stored = await findInbound(db, message.platform, message.messageId);
    if (stored) return answerFromStorage(deps, message);
  }

  const place = await locate(deps, message, understanding);
  // Chatter that only looks like a rating (满意…) in a chat the bot does not serve is no concern of it.
  if (place.kind === "unbound" && understanding.kind === "bareRating" && understanding.otherwise.kind === "ignored") return { status: "ignored", replies: [] };
  if (place.kind === "unbound") {
    log.info({ event: "unbound" }, "message from an unbound chat or unknown sender");
    return { status: "unbound", replies: [place.reply] };
  }

  // Fetched before the transaction (never while holding the write lock), only for a message that is kept.
  const received: ReceivedPhotos = message.images?.length ? await receivePhotos(message.images, deps.media, log) : NO_PHOTOS;
  const now = deps.clock();
  const draft = { platform: message.platform, messageId: message.messageId, text: message.text, receivedAt: now, private: message.private ?? false };
  const replyKind = message.private ? "private_reply" : "reply";
  const store = async (
    tx: Tx,
    group: GroupRecord,
    memberId: string,
    posts: PostDraft[],
    refused = false,
    attachmentIds: number[] = [],
    role: Role | null = null,
  ) => {
    const { rows, read } = await planPosts(tx, deps.routing, posts, message.replyUrl, now, message.private ? role : null);
    // The replies as the sender's group reads them (phone numbers masked in a residents' group).
    const replies = read.filter((post) => post.kind !== "notice").map((post) => post.text);
    const inboundId = await recordExchange(tx, { ...draft, groupId: group.id, memberId, refused }, replies, rows, now);
    await linkAttachmentsToMessage(tx, attachmentIds, inboundId);
    const cards = rows.filter((row) => row.kind !== "notice" && row.shownCard).map((row) => row.shownCard!);
    return { replies, cards, pending: rows.some((row) => row.status === "pending") };
  };

  let outcome: { replies: string[]; cards: PlannedCard[]; pending: boolean };
  let ticketNumber: number | undefined;
  try {
    outcome = await inTransaction(db, async (tx) => {
      if (place.kind === "unboundCommand") {
        const bound = await runUnboundCommand(tx, message, settings, now, place.command, deps.commands);
        const operator =
          (await findMemberByPlatformUser(tx, message.platform, message.userId)) ??
          (await enrolMember(tx, message.platform, message.userId, message.userName ?? message.userId));
        return store(tx, bound.group, operator.id, [{ groupId: bound.group.id, text: bound.text, mentions: [], kind: "reply", ticketNumber: null }]);
      }
      const { member, role } = await ensureMembership(tx, message, place.group, place.member, place.role);
      const ctx = await loadMessageContext(tx, settings, place.group, member, role, now, message, (text) => {
        const read = understandMessage(text, {
          botName: settings.botName,
          commands: deps.commands.reader,
          categories: settings.categories,
          models: settings.models,
          addressed: true,
        });
        return read.kind === "report" ? read.report : null;
      });
      const wordsAnswered = understanding.kind !== "ignored" && (photoIntent?.kind !== "later" || photoIntent.answerWords);
      let answered = wordsAnswered ? await respond(tx, ctx, understanding, message.text, deps.commands) : [];
      let attachmentIds: number[] = [];
      if (photoIntent && hasPhotoNews(received)) ({ posts: answered, attachmentIds } = await placePhotos(tx, ctx, photoIntent, received, answered, deps.media));
      if (message.voice) answered = withHeard(answered, place.group.id, message.text);
      const posts = answered.map<PostDraft>((post) => (post.kind === "reply" && post.groupId === place.group.id ? { ...post, kind: replyKind } : post));
      ticketNumber = posts.find((post) => post.ticketNumber !== null)?.ticketNumber ?? undefined;
      return store(tx, place.group, member.id, posts, false, attachmentIds, role);
    });
  } catch (error) {
    if (error instanceof Refusal && place.kind === "known") {
      try {
        outcome = await inTransaction(db, async (tx) => {
          const { member, role } = await ensureMembership(tx, message, place.group, place.member, place.role);
          const refusal: PostDraft[] = [{ groupId: place.group.id, text: error.message, mentions: [], kind: replyKind, ticketNumber: null }];
          return store(tx, place.group, member.id, message.voice ? withHeard(refusal, place.group.id, message.text) : refusal, true, [], role);
        });
      } catch (storeError) {
        if (!isUniqueViolation(storeError)) throw storeError;
        return answerFromStorage(deps, message);
      }
      log.info({ kind: understanding.kind, refused: true }, "command refused");
    } else if (error instanceof Refusal) {
      // 绑定 refused (unknown unit): nothing is bound, nothing stored.
      return { status: "unbound", replies: [error.message] };
    } else if (isUniqueViolation(error)) {
      // A retry of a stored message (the insert of the message is the check), or two copies at once.
      return answerFromStorage(deps, message);
    } else {
      // Nothing was stored: answering 200 with an apology would tell the platform not to retry, and lose it.
      log.error({ err: error }, "message handling failed; not stored, the platform is asked to retry");
      throw new MessageNotStored(message.messageId, { cause: error });
    }
  }
  if (outcome.pending) deps.onOutboxChanged?.();
  log.info(
    { kind: understanding.kind, ticketNumber, ...(message.images?.length ? { photos: received.photos.length, photosOffered: message.images.length } : {}) },
    "message handled",
  );
  return { status: "handled", replies: outcome.replies, ...(outcome.cards.length ? { cards: outcome.cards } : {}) };
}

/**
 * A voice message's answer (or refusal) starts with what was heard, so the sender can catch a misheard word;
 * only the advice for a danger comes before it.
 */
function withHeard(posts: PostDraft[], groupId: string, text: string): PostDraft[] {
  if (!text.trim()) return posts;
  const at = posts.findIndex((post) => (post.kind === "reply" || post.kind === "private_reply") && post.groupId === groupId);
  const withLine = (answer: string) => {
    const { advice, rest } = splitAdvice(answer);
    return [advice, heard(text.trim()), rest].filter((part) => part !== null).join("\n\n");
  };
  return posts.map((post, i) => (i === at ? { ...post, text: withLine(post.text) } : post));
}

/** A platform's retry of a stored message: its effects were undone, and the first answer is given again. */
async function answerFromStorage(deps: MessageServiceDeps, message: IncomingMessage): Promise<HandledMessage> {
  const stored = await findInbound(deps.db, message.platform, message.messageId);
  deps.logger.info({ platform: message.platform, messageId: message.messageId, event: "duplicate" }, "retry answered from storage");
  return duplicateAnswer(stored);
}

function duplicateAnswer(stored: StoredInbound | null): HandledMessage {
  return { status: "duplicate", replies: stored?.replies ?? [], ...(stored?.cards.length ? { cards: stored.cards } : {}) };
}
