import { categoryName, findCategory } from "../../bot/taxonomy.ts";
import { deadlinesFor } from "../../domain/deadlines.ts";
import { Refusal } from "../../domain/refusal.ts";
import { COLOUR_LABELS, LEVELS, OPEN_STATUSES, STAFF_ROLES, type Colour, type Role } from "../../domain/types.ts";
import type { PostDraft } from "../../messaging/types.ts";
import { recordLabelCorrection } from "../../store/corrections.ts";
import type { Tx } from "../../store/database.ts";
import { groupsByIds, membershipsOf } from "../../store/org.ts";
import { applyTicketPatch, findTicket, type TicketRecord } from "../../store/tickets.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { MessageContext } from "../context.ts";
import { audienceHere, notice, reply } from "../posts.ts";
import type { LoadedTicket } from "./load.ts";
import { workGroupNotices } from "./reportIntake.ts";
import * as texts from "./texts.ts";
import type { CorrectionCommand } from "./commands.ts";

// The property company is a party to many matters: it may not re-grade them (and so move its own deadlines).
const MAY_CORRECT: ReadonlySet<Role> = new Set([...STAFF_ROLES].filter((role) => role !== "property"));

/**
 * 改类 / 改色: staff correct the bot's reading. A new colour brings that colour's deadlines, counted from
 * now, and its starting level when the ticket has not yet climbed past it; every correction goes into the
 * ticket's history and is kept as a labelled example for retraining (npm run train -- --with-corrections).
 */
export async function correctTicket(tx: Tx, ctx: MessageContext, command: CorrectionCommand, { ticket, scope }: LoadedTicket): Promise<PostDraft[]> {
  const n = ticket.number;
  const ancestry = new Set(scope.unitAncestry);
  const memberships = await membershipsOf(tx, ctx.member.id);
  if (!memberships.some((membership) => MAY_CORRECT.has(membership.role) && ancestry.has(membership.unitId))) {
    throw new Refusal(texts.CORRECTION_STAFF_ONLY(n));
  }
  if (!OPEN_STATUSES.has(ticket.status)) throw new Refusal(texts.CLOSED_NO_CORRECTION(n));
  const actor = { actorId: ctx.member.id, actorName: ctx.member.name, fromStatus: ticket.status, toStatus: ticket.status, at: ctx.now };
  let text: string;
  let residentsText: string;
  if (command.name === "recategorize") {
    const category = findCategory(ctx.settings.categories, command.category);
    if (!category)
      throw new Refusal(
        texts.UNKNOWN_CATEGORY(
          command.category,
          ctx.settings.categories.map((c) => c.name),
        ),
      );
    const from = categoryName(ctx.settings.categories, ticket.category);
    if (category.id === ticket.category) throw new Refusal(texts.SAME_VALUE(n, category.name));
    await applyTicketPatch(tx, n, { category: category.id }, [{ type: "corrected", ...actor, note: texts.recategorizedNote(from, category.name) }], ctx.now);
    await recordLabelCorrection(tx, {
      ticketNumber: n,
      field: "category",
      fromValue: ticket.category,
      toValue: category.id,
      text: ticket.text,
      actorId: ctx.member.id,
      at: ctx.now,
    });
    text = texts.recategorized(n, from, category.name);
    residentsText = texts.recategorizedForResidents(n, from, category.name);
  } else {
    if (command.colour === ticket.colour) throw new Refusal(texts.SAME_VALUE(n, COLOUR_LABELS[command.colour]));
    const policy = ctx.settings.policy.colours[command.colour];
    // A matter graded more urgent starts higher; one graded down stays with whoever already holds it.
    const start = ctx.units.handlingUnitAt(ticket.unitId, policy.startLevel);
    const moveUp = start !== undefined && LEVELS.indexOf(start.level) > LEVELS.indexOf(ticket.level);
    const deadlines = deadlinesFor(command.colour, ctx.now, ctx.settings.zone, ctx.settings.policy.colours);
    await applyTicketPatch(
      tx,
      n,
      { colour: command.colour, ...deadlines, lastChasedAt: null, ...(moveUp ? { level: start.level, handlingUnitId: start.id } : {}) },
      [{ type: "corrected", ...actor, note: texts.recolouredNote(ticket.colour, command.colour, moveUp ? start.name : null) }],
      ctx.now,
    );
    await recordLabelCorrection(tx, {
      ticketNumber: n,
      field: "colour",
      fromValue: ticket.colour,
      toValue: command.colour,
      text: ticket.text,
      actorId: ctx.member.id,
      at: ctx.now,
    });
    const when = (instant: Date) => formatShortDateTime(instant, ctx.settings.zone, ctx.now);
    text = texts.recoloured(
      n,
      ticket.colour,
      command.colour,
      moveUp ? start.level : ticket.level,
      when(deadlines.acceptDueAt),
      when(deadlines.resolveDueAt),
      moveUp,
    );
    residentsText = texts.recolouredForResidents(n, command.colour, moveUp ? start.name : null, when(deadlines.resolveDueAt));
  }
  const posts = [reply(ctx, audienceHere(ctx) === "staff" ? text : residentsText, n)];
  if (ticket.groupId !== ctx.group.id) posts.push(notice(ticket.groupId, residentsText, n));
  if (command.name === "recolour") posts.push(...(await redChangeNotices(tx, ctx, ticket, command.colour, posts)));
  return posts;
}

/**
 * 改色 to red alerts the work groups a red report alerts (community and sub-district), with the accept card;
 * a change away from red is told in the same groups, so no one keeps treating it as an emergency.
 */
async function redChangeNotices(tx: Tx, ctx: MessageContext, before: TicketRecord, to: Colour, already: PostDraft[]): Promise<PostDraft[]> {
  if (to !== "red" && before.colour !== "red") return [];
  const [group] = await groupsByIds(tx, [before.groupId]);
  if (!group) return [];
  const levels = ctx.settings.policy.colours.red.notifyLevelsOnCreate;
  const after = (await findTicket(tx, before.number)) ?? before;
  const text = (groupName: string) =>
    to === "red" ? texts.recolourAlert(after, ctx.text, groupName, ctx.member.name) : texts.noLongerRed(before.number, to, ctx.member.name);
  const notices = await workGroupNotices(tx, ctx, group, levels, before.number, text, to === "red");
  // The sender's own group already has the answer.
  return notices.filter((post) => !already.some((sent) => sent.groupId === post.groupId));
}
