import { readRating, type RatingArguments } from "../../bot/commandArguments.ts";
import { noArguments, ticketArguments } from "../../bot/commandSyntax.ts";
import type { ReportDraft } from "../../bot/understand.ts";
import { Refusal } from "../../domain/refusal.ts";
import { applyTicketAction } from "../../domain/ticketMachine.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { enrolMember, findMemberByPlatformUser, roleIn, upsertMembership } from "../../store/org.ts";
import { applyTicketPatch } from "../../store/tickets.ts";
import { command, type Named } from "../command.ts";
import type { MessageContext } from "../context.ts";
import { notice, reply } from "../posts.ts";
import type { LoadedTicket } from "./load.ts";
import { fileReport } from "./reportIntake.ts";
import { reopenedAndWatched } from "./commands.ts";
import { refusePropertyConflict } from "./conflicts.ts";
import * as texts from "./texts.ts";

/** 立案 (代报): staff file a resident's quoted words as the resident's report. */
export const fileOnBehalfCommand = command({
  name: "fileOnBehalf",
  words: ["立案", "代报", "登记"],
  grammar: noArguments(),
  usage: "立案（引用居民的那条消息，再 @我 发「立案」）",
  // A resident's own words are filed by the resident; 代报 is for staff who pick a message up.
  who: ["groupStaff"],
  help: { section: "staff", example: "引用居民消息 + 立案" },
  run: (tx, ctx) => fileOnBehalf(tx, ctx),
});

/** 回访 N 满意: staff confirm the result of a 代报 with the resident. */
export const revisitCommand = command({
  name: "revisit",
  words: ["回访"],
  grammar: ticketArguments(readRating),
  usage: "回访 12 满意（或：基本满意、不满意 + 居民意见）",
  who: ["ticketStaff"],
  help: { section: "staff", example: "回访 12 满意/基本满意/不满意" },
  run: (tx, ctx, command, loaded) => revisit(tx, ctx, command, loaded),
});

/**
 * Files the quoted message as a ticket, read exactly as a resident's report would be (category, colour,
 * place, urgency, duplicates). Its author is the reporter where the platform named them; otherwise the
 * ticket is the staff member's 代报 with the words kept verbatim.
 */
async function fileOnBehalf(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const words = ctx.message.quote?.text.trim();
  if (!words) return [reply(ctx, texts.ON_BEHALF_HOW)];
  const report: ReportDraft = ctx.readReport(words) ?? {
    content: words,
    category: "other",
    colour: "yellow",
    location: {},
    confidence: 0,
    needsTriage: true,
    hazard: null,
    danger: null,
  };
  const authorId = ctx.message.quote?.userId;
  const reporter = authorId && authorId !== ctx.message.userId ? await quotedAuthor(tx, ctx, authorId) : null;
  return fileReport(tx, ctx, report, words, { reporter });
}

/**
 * The quoted message's author as a member of this group, enrolled as a resident on first sight; on a platform
 * whose members are a fixed directory (the sandbox), only a member of this group, otherwise unknown.
 */
async function quotedAuthor(tx: Tx, ctx: MessageContext, platformUserId: string): Promise<{ id: string; name: string } | null> {
  if (ctx.message.knownMembersOnly) {
    const known = await findMemberByPlatformUser(tx, ctx.message.platform, platformUserId);
    return known && (await roleIn(tx, ctx.group.id, known.id)) ? { id: known.id, name: known.name } : null;
  }
  const member =
    (await findMemberByPlatformUser(tx, ctx.message.platform, platformUserId)) ?? (await enrolMember(tx, ctx.message.platform, platformUserId, platformUserId));
  if (!(await roleIn(tx, ctx.group.id, member.id))) await upsertMembership(tx, ctx.group.id, member.id, "resident");
  return { id: member.id, name: member.name };
}

/**
 * 回访 N 满意: the resident's verdict on a 代报 ticket, gathered by staff, recorded as that ticket's rating
 * (so it counts in 满意率 as a rating does); 不满意 reopens the matter as a resident's would.
 */
async function revisit(tx: Tx, ctx: MessageContext, command: Named<"revisit", RatingArguments>, { ticket, scope }: LoadedTicket): Promise<PostDraft[]> {
  if (!ticket.reporterUnknown) throw new Refusal(texts.REVISIT_ONLY_ON_BEHALF(ticket.number));
  await refusePropertyConflict(tx, ctx.member.id, ticket, scope.unitAncestry, "revisit");
  const actor = { id: ctx.member.id, name: ctx.member.name };
  const transition = applyTicketAction(ticket, { type: "rate", rating: command.rating, comment: command.comment }, actor, ctx.now, {
    zone: ctx.settings.zone,
    policy: ctx.settings.policy.colours,
  });
  const events = transition.events.map((event) => (event.type === "rated" ? { ...event, note: texts.revisitNote(command.rating, command.comment) } : event));
  const updated = await applyTicketPatch(tx, ticket.number, transition.patch, events, ctx.now);
  if (command.rating === "unsatisfied") return reopenedAndWatched(tx, ctx, updated, command.comment);
  const text = texts.revisitRecorded(updated);
  const posts = [reply(ctx, text, updated.number)];
  if (updated.groupId !== ctx.group.id) posts.push(notice(updated.groupId, text, updated.number));
  return posts;
}
