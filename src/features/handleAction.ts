import type { HandledAction, IncomingAction } from "../messaging/types.ts";
import { findCardPost, findInbound } from "../store/messages.ts";
import { findGroup } from "../store/org.ts";
import { handleIncomingMessage, type MessageServiceDeps } from "./handleMessage.ts";
import { actionRecorded, UNKNOWN_CARD } from "./tickets/texts.ts";

/**
 * The door for a button clicked on one of the bot's cards, beside the message door. The click is applied
 * exactly as the command its button stands for, typed by the clicker in the card's group, through
 * handleIncomingMessage: the same rules (only a ticket's rater may rate it, only its staff accept it), the same
 * transaction, the same storage. Its message id is derived from (card, clicker), so a click delivered twice —
 * or a second click by the same person — is stored once and answered from storage.
 */
export async function handleIncomingAction(deps: MessageServiceDeps, action: IncomingAction): Promise<HandledAction> {
  const log = deps.logger.child({ platform: action.platform, actionId: action.actionId });
  const posted = await findCardPost(deps.db, action.actionId);
  const group = posted && (await findGroup(deps.db, posted.groupId));
  // Only a card we posted, clicked in its own group on its own platform, with one of its own buttons.
  if (!posted || !group || group.platform !== action.platform || (action.chatId !== undefined && action.chatId !== group.chatId)) {
    log.warn({ event: "unknown_card" }, "click on a card that is not ours");
    return { status: "unknown", answer: UNKNOWN_CARD };
  }
  const button = posted.card.buttons.find((candidate) => candidate.value === action.value || candidate.label === action.value);
  if (!button) {
    log.warn({ event: "unknown_button" }, "click with a value the card does not have");
    return { status: "unknown", answer: UNKNOWN_CARD, card: posted.card };
  }
  const messageId = `card:${action.actionId}:${action.userId}`;
  const result = await handleIncomingMessage(deps, {
    platform: action.platform,
    messageId,
    chatId: group.chatId,
    userId: action.userId,
    ...(action.userName ? { userName: action.userName } : {}),
    text: button.value,
    addressed: true,
  });
  const stored = await findInbound(deps.db, action.platform, messageId);
  if (!stored) return { status: "handled", answer: result.replies.join("\n"), card: posted.card };
  // The first click decides: a second one, whichever button, is answered with what the first came to.
  const clicked = posted.card.buttons.find((candidate) => candidate.value === stored.text) ?? button;
  const answer = stored.refused ? stored.replies.join("\n") : actionRecorded(clicked.label);
  log.info({ status: result.status, refused: stored.refused, ticketNumber: posted.ticketNumber ?? undefined }, "card click");
  return { status: result.status === "duplicate" ? "duplicate" : "handled", answer, card: posted.card };
}
