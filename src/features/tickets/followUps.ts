import type { DangerTier, HazardId } from "../../bot/urgency.ts";
import { OPEN_STATUSES } from "../../domain/types.ts";
import type { PostDraft } from "../../messaging/types.ts";
import type { Tx } from "../../store/database.ts";
import { followerIdsOf, lastEventOf, ticketsOfMember, type TicketRecord } from "../../store/tickets.ts";
import { followUpNamesSomething, followUpScore } from "../../domain/duplicates.ts";
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

/**
 * The ticket a question is about, among the sender's open and closed ones: the one it names best (its
 * things and place, as 附议 reads them), clearly ahead of the next; a question that names nothing is about
 * the sender's only open matter. Undefined when unsure: the sender is then asked which.
 */
function bestMatch(question: string, tickets: TicketRecord[]): TicketRecord | undefined {
  const open = tickets.filter((ticket) => OPEN_STATUSES.has(ticket.status));
  const scored = tickets.map((ticket) => ({ ticket, score: followUpScore(question, ticket.text) })).sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (first && first.score >= MATCH && first.score > (second?.score ?? 0)) return first.ticket;
  if (!followUpNamesSomething(question) && open.length === 1) return open[0];
  return undefined;
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
  const mine = await ticketsOfMember(tx, ctx.member.id, 10);
  const open = mine.filter((ticket) => OPEN_STATUSES.has(ticket.status));
  const ticket = bestMatch(question, mine);
  if (!ticket && (open.length === 0 || danger.danger === "red")) {
    // A follow-up only the model saw, from someone with nothing open, or one that tells of a danger now that
    // none of the sender's matters is about: the matter is filed (or joins the same one), never lost.
    if (orFile) return orFile();
    if (mine.length === 0 || !followUpNamesSomething(question)) return [reply(ctx, advised(texts.NOTHING_OPEN))];
  }
  if (!ticket) {
    if (mine.length === 0) return [reply(ctx, advised(texts.NOTHING_OPEN))];
    return [
      reply(
        ctx,
        advised(
          texts.followUpList(
            (open.length ? open : mine).map((t) => texts.ticketLine(t, ctx.text, false)),
            open.length > 0,
          ),
        ),
      ),
    ];
  }
  const last = await lastEventOf(tx, ticket.number);
  const lastLine = last ? `${formatShortDateTime(last.at, ctx.settings.zone, ctx.now)} ${last.actorName} ${eventLabel(last.type)}` : null;
  const followers = await followerIdsOf(tx, ticket.number);
  const progress = texts.progress(ticket, ctx.text, followers.size, lastLine, progressView(ctx, ticket));
  // A matter already settled: say how it ended and what the sender can do now.
  const settled = OPEN_STATUSES.has(ticket.status) ? null : texts.followUpSettled(ticket, ctx.text);
  return [reply(ctx, advised(settled ? `${progress}\n${settled}` : progress), ticket.number)];
}
