import { understandMessage, type Understanding } from "../bot/understand.ts";
import { NotFound, Refusal } from "../domain/refusal.ts";
import type { Logger } from "../logger.ts";
import type { IncomingMessage } from "../platforms/types.ts";
import { inTransaction, isUniqueViolation, type Database, type Tx } from "../store/database.ts";
import { findInbound, recordExchange, type PostDraft } from "../store/messages.ts";
import { findGroupByChat, findMemberByPlatformUser, roleIn } from "../store/org.ts";
import { loadMessageContext, type MessageContext, type ServiceSettings } from "./context.ts";
import { helpText } from "./helpText.ts";
import { reply } from "./posts.ts";
import { fileReport } from "./reportIntake.ts";
import { runCommand } from "./ticketCommands.ts";
import { NEEDS_DETAIL } from "./ticketTexts.ts";
import { isStaffAnywhere } from "../domain/permissions.ts";

export interface MessageServiceDeps {
  db: Database;
  settings: ServiceSettings;
  logger: Logger;
  clock: () => Date;
}

export interface HandledMessage {
  /** handled: answered now; duplicate: a retry, answered from storage; ignored: chatter not meant for the bot. */
  status: "handled" | "duplicate" | "ignored";
  replies: string[];
  /** Everything posted, replies included, for the platform to deliver. */
  posts: PostDraft[];
}

const APOLOGY = "抱歉，系统刚才出了点问题，请稍后再发一次。";

async function respond(tx: Tx, ctx: MessageContext, understanding: Exclude<Understanding, { kind: "ignored" }>, originalText: string): Promise<PostDraft[]> {
  switch (understanding.kind) {
    case "command":
      return runCommand(tx, ctx, understanding.command);
    case "report":
      return fileReport(tx, ctx, understanding.report, originalText);
    case "usage":
      return [reply(ctx, understanding.message)];
    case "needsDetail":
      return [reply(ctx, NEEDS_DETAIL(understanding.reportWord))];
    case "help":
      return [reply(ctx, helpText(ctx.settings.botName, isStaffAnywhere(ctx.authority)))];
  }
}

/**
 * Handles one group message: understands it, applies its effects and stores it with its replies in one
 * transaction. A refused command stores the message and the refusal but changes nothing else.
 */
export async function handleIncomingMessage(deps: MessageServiceDeps, message: IncomingMessage): Promise<HandledMessage> {
  const { db, settings, logger } = deps;
  const log = logger.child({ platform: message.platform, chatId: message.chatId, messageId: message.messageId });

  const group = await findGroupByChat(db, message.platform, message.chatId);
  if (!group) throw new NotFound("unknown group");
  const member = await findMemberByPlatformUser(db, message.platform, message.userId);
  if (!member) throw new NotFound("unknown user");
  const role = await roleIn(db, group.id, member.id);
  if (!role) throw new NotFound("user is not a member of this group");

  // Chatter is neither answered nor stored, so it needs no look-up of earlier deliveries.
  const understanding = understandMessage(message.text, { botName: settings.botName, categories: settings.categories });
  if (understanding.kind === "ignored") return { status: "ignored", replies: [], posts: [] };

  const stored = await findInbound(db, message.platform, message.messageId);
  if (stored) {
    log.info({ event: "duplicate" }, "retry answered from storage");
    return { status: "duplicate", replies: stored.replies, posts: [] };
  }

  const now = deps.clock();
  const inbound = { platform: message.platform, messageId: message.messageId, groupId: group.id, memberId: member.id, text: message.text, receivedAt: now };
  let posts: PostDraft[];
  try {
    posts = await inTransaction(db, async (tx) => {
      const ctx = await loadMessageContext(tx, settings, group, member, role, now);
      const result = await respond(tx, ctx, understanding, message.text);
      await recordExchange(tx, inbound, result, now);
      return result;
    });
  } catch (error) {
    if (error instanceof Refusal) {
      posts = [{ groupId: group.id, text: error.message, mentions: [], kind: "reply", ticketNumber: null }];
      try {
        await inTransaction(db, (tx) => recordExchange(tx, inbound, posts, now));
      } catch (storeError) {
        if (!isUniqueViolation(storeError)) throw storeError;
        return answerFromStorage(deps, message);
      }
      log.info({ groupId: group.id, kind: understanding.kind, refused: true }, "command refused");
    } else if (isUniqueViolation(error)) {
      // The same message arrived twice at once; the other copy committed first.
      return answerFromStorage(deps, message);
    } else {
      log.error({ err: error, groupId: group.id }, "message handling failed");
      return { status: "handled", replies: [APOLOGY], posts: [] };
    }
  }
  const ticketNumber = posts.find((post) => post.ticketNumber !== null)?.ticketNumber ?? undefined;
  log.info({ groupId: group.id, kind: understanding.kind, ticketNumber, posts: posts.length }, "message handled");
  return { status: "handled", replies: posts.filter((post) => post.kind === "reply").map((post) => post.text), posts };
}

async function answerFromStorage(deps: MessageServiceDeps, message: IncomingMessage): Promise<HandledMessage> {
  const stored = await findInbound(deps.db, message.platform, message.messageId);
  return { status: "duplicate", replies: stored?.replies ?? [], posts: [] };
}
