import type { DangerTier, HazardId } from "../../bot/urgency.ts";
import { OPEN_STATUSES } from "../../domain/types.ts";
import type { PostDraft } from "../../messaging/types.ts";
import type { Tx } from "../../store/database.ts";
import { followerIdsOf, lastEventOf, ticketsOfMember, type TicketRecord } from "../../store/tickets.ts";
import { textSimilarity } from "../../text/similarity.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { MessageContext } from "../context.ts";
import { eventLabel } from "../escalation/escalation.ts";
import { progressView, reply } from "../posts.ts";
import * as texts from "./texts.ts";

/** The hazard a follow-up names, if any. */
export interface NamedDanger {
  hazard: HazardId | null;
  danger: DangerTier | null;
}
const NO_DANGER: NamedDanger = { hazard: null, danger: null };

// How alike the question and a ticket's words must be to pick that ticket out of several.
const MATCH = 0.2;

function bestMatch(question: string, tickets: TicketRecord[]): TicketRecord | undefined {
  if (tickets.length === 1) return tickets[0];
  const scored = tickets.map((ticket) => ({ ticket, score: textSimilarity(question, ticket.text) })).sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  return first && first.score >= MATCH && first.score > (second?.score ?? 0) ? first.ticket : undefined;
}

/**
 * "我上周反映的水管修好了吗": answers with the status of the sender's open matter that the question is about
 * (their only one, or the one whose words it shares), or lists their open matters. Files nothing, unless the
 * reading was unsure (`orFile`) and the sender has nothing open: then the matter is filed as a report.
 */
export async function answerFollowUp(
  tx: Tx,
  ctx: MessageContext,
  question: string,
  danger: NamedDanger = NO_DANGER,
  orFile?: () => Promise<PostDraft[]>,
): Promise<PostDraft[]> {
  // "我报的电梯困人怎么还没人来 人还在里面": what to do now comes before where the matter stands.
  const advised = (text: string) => texts.withAdvice(text, danger.hazard, danger.danger);
  const open = (await ticketsOfMember(tx, ctx.member.id, 10)).filter((ticket) => OPEN_STATUSES.has(ticket.status));
  if (open.length === 0) return orFile ? orFile() : [reply(ctx, advised(texts.NOTHING_OPEN))];
  const ticket = bestMatch(question, open);
  if (!ticket) return [reply(ctx, advised(texts.followUpList(open.map((t) => texts.ticketLine(t, ctx.text, false)))))];
  const last = await lastEventOf(tx, ticket.number);
  const lastLine = last ? `${formatShortDateTime(last.at, ctx.settings.zone, ctx.now)} ${last.actorName} ${eventLabel(last.type)}` : null;
  const followers = await followerIdsOf(tx, ticket.number);
  return [reply(ctx, advised(texts.progress(ticket, ctx.text, followers.size, lastLine, progressView(ctx, ticket))), ticket.number)];
}
