import { person, readRating, required, withoutLinkWord, type RatingArguments } from "../../bot/commandArguments.ts";
import { noArguments, ticketArguments } from "../../bot/commandSyntax.ts";
import type { Colour, Outcome } from "../../domain/types.ts";
import { dangerInTicket } from "./danger.ts";
import type { ReportDraft } from "../../bot/understand.ts";
import { Refusal } from "../../domain/refusal.ts";
import { awaitsReporterReason, checkFollowerRating } from "../../domain/ratings.ts";
import { maySettleMatterAboutProperty, PROPERTY_SERVICE_CATEGORY } from "../../domain/permissions.ts";
import { PERMISSION_TEXTS } from "../../domain/texts.ts";
import { applyTicketAction, type TicketAction } from "../../domain/ticketMachine.ts";
import { OPEN_STATUSES } from "../../domain/types.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { findGroup, membershipsOf, roleIn, membersNamedInUnits, membersWithRoleInUnits } from "../../store/org.ts";
import type { PostCard } from "../../messaging/types.ts";
import {
  addFollower,
  addTicketEvents,
  applyTicketPatch,
  followersWithNames,
  lastEventOf,
  removeFollower,
  openTicketsInUnits,
  ticketFile,
  ticketsOfMember,
  type TicketRecord,
} from "../../store/tickets.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import { command, type Named } from "../command.ts";
import type { MessageContext } from "../context.ts";
import { escalateTicket, eventLabel, staffGroupsFor } from "../escalation/escalation.ts";
import { awardAcceptedReport, reverseReportAward } from "../points/points.ts";
import { audienceHere, notice, progressView, reply } from "../posts.ts";
import { visibleTickets, type LoadedTicket } from "./load.ts";
import { ratersOf, ratersStillToRate } from "./raters.ts";
import { followEvent, openTicket } from "./reportIntake.ts";
import * as texts from "./texts.ts";
import { correctTicket } from "./corrections.ts";
import { colourNamed, onlyPassedOn, outcomeOf, readAssignee, type Assignee } from "./arguments.ts";
import { refuseAssigningToItself, refusePropertyConflict } from "./conflicts.ts";

const LIST_LIMIT = 10;

/** 改类 N 类别: staff correct a ticket's category. */
export const recategorizeCommand = command({
  name: "recategorize",
  words: ["改类", "改类别", "改分类", "更正类别", "重新分类"],
  grammar: ticketArguments((ticket, argument) => required(withoutLinkWord(argument), { ticket, category: withoutLinkWord(argument) })),
  usage: "改类 12 噪音扰民",
  who: ["ticketStaff"],
  help: { section: "staff", example: "改类 12 噪音" },
  run: (tx, ctx, command, loaded) => correctTicket(tx, ctx, command, loaded),
  refusals: { ticketStaff: texts.CORRECTION_STAFF_ONLY },
});

/** 改色 N 红: staff correct a ticket's colour (and so its deadlines). */
export const recolourCommand = command({
  name: "recolour",
  words: ["改色", "改颜色", "改等级", "改级别", "调色"],
  grammar: ticketArguments((ticket, argument) => {
    const colour = colourNamed(withoutLinkWord(argument));
    return colour ? { ticket, colour } : null;
  }),
  usage: "改色 12 红（红、橙、黄、蓝）",
  who: ["ticketStaff"],
  help: { section: "staff", example: "改色 12 红" },
  run: (tx, ctx, command, loaded) => correctTicket(tx, ctx, command, loaded),
  refusals: { ticketStaff: texts.CORRECTION_STAFF_ONLY },
});

/** 我的: the sender's own tickets. */
export const mineCommand = command({
  name: "mine",
  words: ["我的工单", "我的"],
  grammar: noArguments(),
  usage: "我的",
  who: ["anyone"],
  help: { section: "residents", example: "我的" },
  run: async (tx, ctx) => {
    const tickets = await ticketsOfMember(tx, ctx.member.id, LIST_LIMIT);
    const lines = tickets.map(
      (ticket) => texts.ticketLine(ticket, ctx.text, ticket.assigneeId === ctx.member.id) + (ticket.assigneeId === ctx.member.id ? texts.ASSIGNED_TO_YOU : ""),
    );
    return [reply(ctx, texts.myTickets(lines))];
  },
});

/** 待办: the open tickets of the units the sender works for. */
export const todoCommand = command({
  name: "todo",
  words: ["待办工单", "待办", "待处理"],
  grammar: noArguments(),
  usage: "待办",
  who: ["staffAnywhere"],
  help: { section: "staff", example: "待办" },
  run: (tx, ctx) => todo(tx, ctx),
  refusals: { staffAnywhere: () => texts.STAFF_ONLY_TODO },
});

/** 进度 N: where a ticket stands. */
export const progressCommand = command({
  name: "progress",
  words: ["进度", "查询", "进展"],
  grammar: ticketArguments((ticket) => ({ ticket })),
  usage: "进度 12",
  who: ["ticketViewer"],
  help: { section: "residents", example: "进度 12" },
  run: (tx, ctx, _command, loaded) => progress(tx, ctx, loaded),
});

/** 附议 N: the sender has the same matter. */
export const followCommand = command({
  name: "follow",
  words: ["附议", "同问"],
  grammar: ticketArguments((ticket) => ({ ticket })),
  usage: "附议 12",
  who: ["ticketViewer"],
  help: { section: "residents", example: "附议 12" },
  run: (tx, ctx, _command, loaded) => follow(tx, ctx, loaded),
});

/** 拆分 N 某人: undoes a wrong 附议 merge. */
export const splitCommand = command({
  name: "split",
  words: ["拆分", "取消合并"],
  grammar: ticketArguments((ticket, argument) => required(person(argument), { ticket, target: person(argument) })),
  usage: "拆分 12 刘大爷（把误合并的附议另立工单）",
  who: ["ticketStaff"],
  help: { section: "staff", example: "拆分 12 姓名" },
  run: (tx, ctx, command, loaded) => splitFollower(tx, ctx, loaded, command.target),
  refusals: { ticketStaff: () => texts.SPLIT_STAFF_ONLY },
});

/** 受理 N. */
export const acceptCommand = command({
  name: "accept",
  words: ["受理"],
  grammar: ticketArguments((ticket) => ({ ticket })),
  usage: "受理 12",
  who: ["ticketStaff"],
  help: { section: "staff", example: "受理 12" },
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** 派单 N 物业: hands a ticket to a role, a person or a county department. */
export const assignCommand = command({
  name: "assign",
  words: ["派单", "指派", "分派", "交办"],
  grammar: ticketArguments((ticket, argument) => {
    const target = argument.replace(/^(交给|派给|给|到|由)\s*/, "").trim();
    return required(target, { ticket, target });
  }),
  usage: "派单 12 物业（或：网格员、姓名）",
  who: ["ticketStaff"],
  help: { section: "staff", example: "派单 12 物业/网格员/姓名/部门" },
  read: (parsed, { departments }) => ({ ok: true, arguments: { ...parsed, assignee: readAssignee(parsed.target, departments) } }),
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** 升级 N 原因: takes a ticket to the level above. */
export const escalateCommand = command({
  name: "escalate",
  words: ["升级", "上报"],
  grammar: ticketArguments((ticket, argument) => ({ ticket, reason: argument || null })),
  usage: "升级 12 物业多次未处理",
  who: ["ticketStaff"],
  help: { section: "staff", example: "升级 12 原因" },
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** 办结 N 结果: closes the matter with its result, and asks for ratings. */
export const resolveCommand = command({
  name: "resolve",
  words: ["办结", "结案"],
  grammar: ticketArguments((ticket, argument) => required(argument, { ticket, result: argument })),
  usage: "办结 12 已更换灯泡",
  who: ["ticketStaff"],
  help: { section: "staff", example: "办结 12 结果" },
  read: (parsed) =>
    onlyPassedOn(parsed.result)
      ? { ok: false, refusal: texts.RESULT_ONLY_PASSED_ON(parsed.ticket, parsed.result) }
      : { ok: true, arguments: { ...parsed, outcome: outcomeOf(parsed.result) } },
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** 驳回 N 原因. */
export const rejectCommand = command({
  name: "reject",
  words: ["不予受理", "驳回"],
  grammar: ticketArguments((ticket, argument) => required(argument, { ticket, reason: argument })),
  usage: "驳回 12 不属于本小区事务",
  who: ["ticketStaff"],
  help: { section: "staff", example: "驳回 12 原因" },
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** 撤回 N: the reporter (or staff) withdraws a ticket. */
export const withdrawCommand = command({
  name: "withdraw",
  words: ["撤回", "撤销"],
  grammar: ticketArguments((ticket) => ({ ticket })),
  usage: "撤回 12",
  who: ["reporterOrStaff"],
  help: { section: "residents", example: "撤回 12" },
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** 评价 N 满意: the reporter (or one who seconded it) rates the handling. */
export const rateCommand = command({
  name: "rate",
  words: ["评价"],
  grammar: ticketArguments(readRating),
  usage: "评价 12 满意（或：基本满意、不满意 + 意见）",
  who: ["ticketRater"],
  help: { section: "residents", example: "评价 12 满意/基本满意/不满意" },
  run: (tx, ctx, command, loaded) => changeTicket(tx, ctx, command, loaded),
});

/** A ticket that is not red but whose words name a hazard: marked ⚠️ in 待办 (read again, nothing stored). */
function mayBeDangerous(ticket: TicketRecord): boolean {
  return ticket.colour !== "red" && dangerInTicket(ticket.text) !== null;
}

async function todo(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  const unitIds = new Set<string>();
  for (const unitId of ctx.authority.staffUnitIds) for (const id of ctx.units.subtreeIds(unitId)) unitIds.add(id);
  const confined = ctx.message.ownPlatformTicketsOnly === true;
  const listed = await openTicketsInUnits(tx, [...unitIds], confined ? 1000 : LIST_LIMIT);
  const tickets = confined ? await visibleTickets(tx, ctx, listed.tickets) : listed.tickets;
  const total = confined ? tickets.length : listed.total;
  return [
    reply(
      ctx,
      texts.todoList(
        tickets.slice(0, LIST_LIMIT).map((ticket) => (mayBeDangerous(ticket) ? texts.POSSIBLE_DANGER_MARK : "") + texts.ticketLine(ticket, ctx.text, true)),
        total,
      ),
    ),
  ];
}

async function progress(tx: Tx, ctx: MessageContext, { ticket, scope }: LoadedTicket): Promise<PostDraft[]> {
  const number = ticket.number;
  const last = await lastEventOf(tx, number);
  const lastLine = last ? `${formatShortDateTime(last.at, ctx.settings.zone, ctx.now)} ${last.actorName} ${eventLabel(last.type)}` : null;
  return [reply(ctx, texts.progress(ticket, ctx.text, scope.followerIds.size, lastLine, progressView(ctx, ticket)), number)];
}

async function follow(tx: Tx, ctx: MessageContext, { ticket, scope }: LoadedTicket): Promise<PostDraft[]> {
  const number = ticket.number;
  if (ticket.reporterId === ctx.member.id) throw new Refusal(texts.FOLLOW_OWN(number));
  if (scope.followerIds.has(ctx.member.id)) throw new Refusal(texts.FOLLOW_AGAIN(number));
  if (!OPEN_STATUSES.has(ticket.status)) throw new Refusal(texts.FOLLOW_CLOSED(number, ticket.status));
  const count = await addFollower(tx, number, ctx.member.id, null, followEvent(ctx, texts.FOLLOW_NOTE));
  return [reply(ctx, texts.followed(ticket, count), number)];
}

/**
 * 拆分 N 某人: undoes a wrong 附议 merge. The follower's own words become a ticket of their own (a plain
 * 附议 without words is simply withdrawn), and both the ticket's file and the follower hear of it.
 */
async function splitFollower(tx: Tx, ctx: MessageContext, { ticket }: LoadedTicket, target: string): Promise<PostDraft[]> {
  const number = ticket.number;
  const follower = (await followersWithNames(tx, number)).find((row) => row.name === target);
  if (!follower) throw new Refusal(texts.SPLIT_NO_FOLLOWER(number, target));
  await removeFollower(tx, number, follower.memberId);
  const note = follower.text ? texts.splitNote(follower.name) : texts.unfollowNote(follower.name);
  await addTicketEvents(tx, number, [
    { type: "unfollowed", actorId: ctx.member.id, actorName: ctx.member.name, fromStatus: ticket.status, toStatus: ticket.status, note, at: ctx.now },
  ]);
  if (!follower.text) return [reply(ctx, texts.unfollowed(follower.name, number), number)];
  const draft: ReportDraft = ctx.readReport(follower.text) ?? {
    content: follower.text,
    category: "other",
    colour: "yellow",
    location: {},
    confidence: 0,
    needsTriage: true,
    hazard: null,
    danger: null,
  };
  const group = (await findGroup(tx, ticket.groupId))!;
  const opened = await openTicket(tx, ctx, group, { id: follower.memberId, name: follower.name }, draft, follower.text);
  const text = texts.splitOff(follower.name, number, opened.ticket.number);
  const posts = [reply(ctx, text, opened.ticket.number, [follower.memberId])];
  if (group.id !== ctx.group.id) posts.push(notice(group.id, text, opened.ticket.number, [follower.memberId]));
  return [...posts, ...opened.notices];
}

type ChangeCommand =
  | Named<"accept", { ticket: number }>
  | Named<"assign", { ticket: number; target: string; assignee: Assignee }>
  | Named<"escalate", { ticket: number; reason: string | null }>
  | Named<"resolve", { ticket: number; result: string; outcome: Outcome }>
  | Named<"reject", { ticket: number; reason: string }>
  | Named<"withdraw", { ticket: number }>
  | Named<"rate", RatingArguments>;

/** What 改类 and 改色 name. */
export type CorrectionCommand = Named<"recategorize", { ticket: number; category: string }> | Named<"recolour", { ticket: number; colour: Colour }>;

/** The person or body a 派单 names, as the grammar read it: a county department, a role, or someone by name. */
async function resolveAssignee(tx: Tx, ctx: MessageContext, ticket: TicketRecord, assignee: Assignee): Promise<{ name: string; id: string | null }> {
  const name = assignee.name;
  const ancestry = ctx.units.ancestry(ticket.unitId).map((unit) => unit.id);
  // At the top level, a county department named by the sweep's suggestion (or by staff) takes the matter.
  if (assignee.kind === "department") return { name, id: null };
  if (assignee.kind === "role") {
    const [person] = await membersWithRoleInUnits(tx, ancestry, [assignee.role]);
    return person ? { name: person.name, id: person.id } : { name, id: null };
  }
  const searchUnits = new Set([...ancestry, ...ctx.units.subtreeIds(ticket.handlingUnitId)]);
  const people = await membersNamedInUnits(tx, [...searchUnits], name);
  if (people.length === 0) throw new Refusal(texts.ASSIGNEE_UNKNOWN(name));
  if (people.length > 1) throw new Refusal(texts.ASSIGNEE_AMBIGUOUS(name));
  return { name: people[0]!.name, id: people[0]!.id };
}

async function buildAction(tx: Tx, ctx: MessageContext, ticket: TicketRecord, command: Exclude<ChangeCommand, { name: "escalate" }>): Promise<TicketAction> {
  switch (command.name) {
    case "accept":
      return { type: "accept" };
    case "assign": {
      const assignee = await resolveAssignee(tx, ctx, ticket, command.assignee);
      const ancestry = ctx.units.ancestry(ticket.unitId).map((unit) => unit.id);
      await refuseAssigningToItself(tx, ticket, ancestry, { id: assignee.id, role: command.assignee.kind === "role" ? command.assignee.role : null });
      return { type: "assign", assigneeName: assignee.name, assigneeId: assignee.id };
    }
    case "resolve":
      return { type: "resolve", result: command.result, outcome: command.outcome };
    case "reject":
      return { type: "reject", reason: command.reason };
    case "withdraw":
      return { type: "withdraw" };
    case "rate":
      return { type: "rate", rating: command.rating, comment: command.comment };
  }
}

/** The state machine's commands; the dispatcher has checked the command's ticket rules. */
async function changeTicket(tx: Tx, ctx: MessageContext, command: ChangeCommand, { ticket, scope }: LoadedTicket): Promise<PostDraft[]> {
  const actor = { id: ctx.member.id, name: ctx.member.name };
  const machine = { zone: ctx.settings.zone, policy: ctx.settings.policy.colours };
  // A 代报 ticket without its author is confirmed by a 回访, not rated by the staff member who filed it.
  if (command.name !== "withdraw") await refusePropertyConflict(tx, ctx.member.id, ticket, scope.unitAncestry, command.name);
  // A red matter (a danger: gas, a trapped lift, self-harm) is never turned away; it is closed with its outcome.
  if (command.name === "reject" && ticket.colour === "red") throw new Refusal(texts.NO_REJECT_RED(ticket.number));
  if (command.name === "rate" && ticket.reporterUnknown && ticket.reporterId === ctx.member.id) throw new Refusal(texts.RATE_ON_BEHALF(ticket.number));
  if (command.name === "rate" && ticket.reporterId !== ctx.member.id && scope.followerIds.has(ctx.member.id)) {
    return followerRating(tx, ctx, ticket, command);
  }
  if (command.name === "rate" && command.rating === "unsatisfied" && command.comment && awaitsReporterReason(ticket, ctx.member.id)) {
    return reasonAdded(tx, ctx, ticket, command.comment, true);
  }
  if (command.name === "escalate") {
    const escalation = await escalateTicket(tx, ctx, ticket, actor, command.reason, ctx.group.id);
    const text = texts.escalated(escalation.ticket, escalation.unitName, command.reason, ctx.text, audienceHere(ctx));
    return [reply(ctx, text, ticket.number), ...escalation.posts];
  }
  if ((command.name === "reject" || command.name === "resolve") && ticket.category === PROPERTY_SERVICE_CATEGORY) {
    const memberships = await membershipsOf(tx, ctx.member.id);
    if (!maySettleMatterAboutProperty(memberships, scope.unitAncestry)) {
      throw new Refusal(PERMISSION_TEXTS.aboutProperty(ticket.number, command.name === "reject" ? "驳回" : "办结"));
    }
  }
  const action = await buildAction(tx, ctx, ticket, command);
  const transition = applyTicketAction(ticket, action, actor, ctx.now, machine);
  const updated = await applyTicketPatch(tx, ticket.number, transition.patch, transition.events, ctx.now);

  if (transition.events.some((event) => event.type === "accepted")) await awardAcceptedReport(tx, ctx, updated);
  if (action.type === "reject" || action.type === "withdraw") await reverseReportAward(tx, ctx, updated);

  if (action.type === "rate" && action.rating === "unsatisfied") return reopenedAndWatched(tx, ctx, updated, action.comment);
  if (action.type === "rate" && ticket.status === "closed") return [reply(ctx, texts.lateRatingRecorded(updated, ctx.text), updated.number)];
  return postsAfterChange(tx, ctx, updated, action);
}

/**
 * 不满意 sends the matter back to its handler with a fresh resolution deadline, and the level above is told
 * so that it watches: the sweep escalates it if the new deadline passes too.
 */
export async function reopenedAndWatched(tx: Tx, ctx: MessageContext, ticket: TicketRecord, comment: string | null): Promise<PostDraft[]> {
  const above = ctx.units.escalationTarget(ticket.handlingUnitId);
  const mentions = ticket.assigneeId ? [ticket.assigneeId] : [];
  const text = texts.reopened(ticket, ctx.text, above?.name ?? null);
  const posts = [reply(ctx, text, ticket.number, mentions)];
  if (ticket.groupId !== ctx.group.id) posts.push(notice(ticket.groupId, text, ticket.number, mentions));
  if (!above) return posts;
  const watchers = (await staffGroupsFor(tx, ctx, above.id)).filter((group) => group.id !== ctx.group.id && group.id !== ticket.groupId);
  const watch = texts.unsatisfiedWatch(ticket, comment, ctx.text);
  return [...posts, ...watchers.map((group) => notice(group.id, watch, ticket.number))];
}

/**
 * A follower's rating is recorded in the ticket's file, also after the reporter's rating has closed it; the
 * reporter's decides whether it closes. A follower's 不满意 with a reason reaches the handling unit's work
 * group, so a complaint (a smell of gas…) is never dropped because the reporter was satisfied.
 */
async function followerRating(tx: Tx, ctx: MessageContext, ticket: TicketRecord, command: Named<"rate", RatingArguments>): Promise<PostDraft[]> {
  const stillToRate = await ratersStillToRate(tx, ctx.units, ticket);
  if (!stillToRate.ids.includes(ctx.member.id) && command.rating === "unsatisfied" && command.comment) {
    // The reason for a 不满意 given without one (a card's button).
    const last = (await ticketFile(tx, ticket.number))?.events.filter((event) => event.type === "rated" && event.actorId === ctx.member.id).at(-1);
    if (last?.note === texts.followerRatingNote("unsatisfied", null)) return reasonAdded(tx, ctx, ticket, command.comment, false);
  }
  checkFollowerRating(ticket, !stillToRate.ids.includes(ctx.member.id), ctx.now, ctx.settings.zone);
  const note = texts.followerRatingNote(command.rating, command.comment);
  await addTicketEvents(tx, ticket.number, [
    { type: "rated", actorId: ctx.member.id, actorName: ctx.member.name, fromStatus: ticket.status, toStatus: ticket.status, note, at: ctx.now },
  ]);
  if (command.rating !== "unsatisfied") return [reply(ctx, texts.followerRated(ticket), ticket.number)];
  // No @ in the work group: the assignee (物业, say) need not be one of its members.
  const staffGroups = (await staffGroupsFor(tx, ctx, ticket.handlingUnitId)).filter((group) => group.id !== ctx.group.id);
  const relay = texts.followerUnsatisfiedRelay(ticket, ctx.member.name, command.comment);
  return [
    reply(ctx, texts.followerUnsatisfied(ticket, command.comment !== null, staffGroups.length > 0), ticket.number),
    ...staffGroups.map((group) => notice(group.id, relay, ticket.number)),
  ];
}

/**
 * The reason for a 不满意 given without one: kept on the ticket (the reporter's as its rating comment) and
 * passed on to the staff who handle the matter.
 */
async function reasonAdded(tx: Tx, ctx: MessageContext, ticket: TicketRecord, reason: string, byReporter: boolean): Promise<PostDraft[]> {
  const event = {
    type: "rated" as const,
    actorId: ctx.member.id,
    actorName: ctx.member.name,
    fromStatus: ticket.status,
    toStatus: ticket.status,
    note: texts.reasonNote(reason),
    at: ctx.now,
  };
  if (byReporter) await applyTicketPatch(tx, ticket.number, { ratingComment: reason }, [event], ctx.now);
  else await addTicketEvents(tx, ticket.number, [event]);
  const staffGroups = (await staffGroupsFor(tx, ctx, ticket.handlingUnitId)).filter((group) => group.id !== ctx.group.id);
  const relay = texts.reasonRelay(ticket, ctx.member.name, reason);
  return [reply(ctx, texts.reasonRecorded(ticket.number), ticket.number), ...staffGroups.map((group) => notice(group.id, relay, ticket.number))];
}

/** The reply here, the same line in the residents' group when staff act from elsewhere. */
async function postsAfterChange(tx: Tx, ctx: MessageContext, after: TicketRecord, action: TicketAction): Promise<PostDraft[]> {
  const n = after.number;
  let text: string;
  // What staff read where they acted, when it differs from the residents' words (their commands, their terms).
  let staffText: string | null = null;
  let mentions: string[] = [];
  let card: PostCard | undefined;
  // The 回访 instruction, for the work group when staff closed a matter from the residents' group.
  let revisitNotice: { text: string; mentions: string[] } | null = null;
  switch (action.type) {
    case "accept":
      text = texts.accepted(after, ctx.member.name, ctx.text, "residents");
      staffText = texts.accepted(after, ctx.member.name, ctx.text, "staff");
      break;
    case "assign":
      text = texts.assigned(after, ctx.text, "residents", await isMemberOf(tx, after.groupId, action.assigneeId));
      staffText = texts.assigned(after, ctx.text, "staff", await isMemberOf(tx, ctx.group.id, action.assigneeId));
      mentions = action.assigneeId ? [action.assigneeId] : [];
      break;
    case "resolve": {
      if (after.reporterUnknown) {
        // No resident to ask (a 代报 without its author, the property company's own report): staff confirm it
        // with a 回访, told so among staff; residents read the result, and those who seconded it may rate.
        const raters = await ratersOf(tx, ctx.units, after);
        text = texts.resolved(after, raters.names, "residents");
        staffText = texts.resolvedForRevisit(after, raters.names);
        mentions = raters.ids;
        if (raters.ids.length) card = texts.ratingCard(after.number);
        if (audienceHere(ctx) !== "staff") revisitNotice = { text: staffText, mentions: revisitStaffIds(after) };
        break;
      }
      // The reporter and everyone who seconded the matter are asked to rate it, by typing or one tap.
      const raters = await ratersOf(tx, ctx.units, after);
      text = texts.resolved(after, raters.names, "residents");
      staffText = texts.resolved(after, raters.names, "staff");
      mentions = raters.ids;
      card = texts.ratingCard(after.number);
      break;
    }
    case "reject":
      text = texts.rejected(after, action.reason);
      break;
    case "withdraw":
      text = texts.withdrawn(after);
      break;
    case "rate":
      text = texts.ratedAndClosed(after);
      break;
    case "escalate":
      throw new Error("escalation goes through escalateTicket");
  }
  const withCard = (post: PostDraft): PostDraft => (card ? { ...post, card } : post);
  const here = audienceHere(ctx) === "staff" && staffText !== null ? staffText : text;
  const staffNotices = revisitNotice ? await workGroupNotices(tx, ctx, after, revisitNotice) : [];
  // Where staff act from elsewhere, the card goes to the residents' group only: that is where the raters are.
  if (after.groupId !== ctx.group.id) return [reply(ctx, here, n, mentions), withCard(notice(after.groupId, text, n, mentions))];
  return [withCard(reply(ctx, here, n, mentions)), ...staffNotices];
}

/** Whether a person (not a department: no id) is a member of the group, so an @ there reaches them. */
async function isMemberOf(tx: Tx, groupId: string, memberId: string | null | undefined): Promise<boolean> {
  return Boolean(memberId && (await roleIn(tx, groupId, memberId)));
}

/** Those asked to 回访: the staff member recorded as reporter (who filed it) and the assignee. */
function revisitStaffIds(ticket: TicketRecord): string[] {
  return [...new Set([ticket.reporterId, ...(ticket.assigneeId ? [ticket.assigneeId] : [])])];
}

/** An instruction for staff, posted in the handling unit's work groups (never to residents). */
async function workGroupNotices(tx: Tx, ctx: MessageContext, ticket: TicketRecord, post: { text: string; mentions: string[] }): Promise<PostDraft[]> {
  const groups = (await staffGroupsFor(tx, ctx, ticket.handlingUnitId)).filter((group) => group.id !== ctx.group.id);
  return groups.map((group) => notice(group.id, post.text, ticket.number, post.mentions));
}
