import { randomBytes } from "node:crypto";
import { person, required } from "../../bot/commandArguments.ts";
import { meetingArguments, noArguments, textArguments, ticketArguments } from "../../bot/commandSyntax.ts";
import { parseDueDate, parseMeetingTime } from "../../bot/meetingTime.ts";
import {
  cronOf,
  describeRule,
  occurrencesBetween,
  parseRecurrence,
  splitDecision,
  decisionsToPublish,
  reminderSchedule,
  resumedResolveDue,
  type RecurrenceRule,
} from "../../domain/meetings.ts";
import { isChair } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import { applyTicketAction } from "../../domain/ticketMachine.ts";
import { OPEN_STATUSES } from "../../domain/types.ts";
import type { Tx } from "../../store/database.ts";
import * as store from "../../store/meetings.ts";
import type { PostDraft } from "../../store/messages.ts";
import { membersNamedInGroup } from "../../store/org.ts";
import { addPoints } from "../../store/points.ts";
import { addTicketEvents, applyTicketPatch, findTicket } from "../../store/tickets.ts";
import { queueMeetingDecisionWebhook } from "../../store/webhookDeliveries.ts";
import { refusePropertyConflict } from "../tickets/conflicts.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import { command, type ArgumentReading, type Named } from "../command.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { memberNamedInMessage } from "../groups/members.ts";
import { audienceHere, notice, reply } from "../posts.ts";
import { staffGroupsFor } from "../escalation/escalation.ts";
import type { Audience } from "../tickets/texts.ts";
import { reverseAttendance } from "../points/points.ts";
import { ratersOf } from "../tickets/raters.ts";
import * as ticketTexts from "../tickets/texts.ts";
import * as texts from "./texts.ts";

const LINKED_TICKET = /^(?:工单)?\s*#?(\d{1,9})(?:\s*号)?$/;
const ITEM_NUMBER = /^#?(\d{1,3})\s*[号项]?\s*[,，:：]?\s*(.+)$/;

/** A meeting's time, then its place and topic: what 新建议事会 finishes reading against the clock. */
function readTimePlaceTopic(text: string, now: Date, zone: string): ArgumentReading<{ startsAt: Date; place: string; topic: string }> {
  const time = parseMeetingTime(text, now, zone);
  if (!time.ok) return { ok: false, refusal: texts.timeNotRead(time.reason) };
  const [place, ...topic] = time.rest.split(/\s+/).filter(Boolean);
  if (!place || !topic.length) return { ok: false, refusal: texts.PLACE_AND_TOPIC_MISSING };
  return { ok: true, arguments: { startsAt: time.at, place, topic: topic.join(" ") } };
}

async function loadMeeting(tx: Tx, ctx: MessageContext, number: number) {
  const meeting = await store.findMeeting(tx, number);
  if (!meeting || meeting.groupId !== ctx.group.id) throw new Refusal(texts.NO_SUCH_MEETING(number));
  return meeting;
}

/** Refuses a cancelled meeting, and one already started unless the step belongs to the meeting itself. */
function requireScheduled(meeting: store.MeetingRecord, ctx: MessageContext, what: string, duringOrAfter = false): void {
  if (meeting.status === "cancelled") throw new Refusal(texts.MEETING_CANCELLED(meeting.number, what));
  if (!duringOrAfter && meeting.startsAt.getTime() <= ctx.now.getTime()) {
    throw new Refusal(texts.MEETING_PAST(meeting.number, what));
  }
}

/** Refuses a step that belongs to the meeting itself before it starts (签到 may open a little earlier). */
function requireStarted(meeting: store.MeetingRecord, ctx: MessageContext, what: string, opensMinutesBefore = 0): void {
  const opensAt = new Date(meeting.startsAt.getTime() - opensMinutesBefore * 60_000);
  if (ctx.now.getTime() < opensAt.getTime()) {
    throw new Refusal(texts.MEETING_NOT_STARTED(meeting.number, what, formatShortDateTime(opensAt, ctx.settings.zone, ctx.now)));
  }
}

const CLASH_WINDOW_MS = 2 * 3_600_000;

/** Scheduled meetings at the same place less than two hours from any of `starts`. */
async function clashesWith(tx: Tx, place: string, starts: readonly Date[]): Promise<store.MeetingRecord[]> {
  const found = new Map<number, store.MeetingRecord>();
  for (const startsAt of starts) {
    const near = await store.scheduledMeetingsAt(
      tx,
      place,
      new Date(startsAt.getTime() - CLASH_WINDOW_MS + 1),
      new Date(startsAt.getTime() + CLASH_WINDOW_MS - 1),
    );
    for (const meeting of near) found.set(meeting.number, meeting);
  }
  return [...found.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** A 例会 rule's occurrences over the next two months: the ones a clash warning looks at. */
function nextOccurrences(rule: RecurrenceRule, ctx: MessageContext): Date[] {
  return occurrencesBetween(rule, ctx.now, new Date(ctx.now.getTime() + 62 * 86_400_000), ctx.settings.zone);
}

function withClashWarning(text: string, clashes: store.MeetingRecord[], place: string, ctx: MessageContext): string {
  return clashes.length ? `${text}\n${texts.clashWarning(clashes, place, ctx.settings.zone, ctx.now)}` : text;
}

export function reminderOffsets(scope: ServiceScope, groupOffsets: string | null): number[] {
  return groupOffsets ? (JSON.parse(groupOffsets) as number[]) : scope.settings.meetings.reminderOffsetsMinutes;
}

/** Creates a meeting with its reminders and returns the announcement; used by 新建议事会 and the 例会 job. */
export async function scheduleMeeting(
  tx: Tx,
  scope: ServiceScope,
  group: { id: string; unitId: string; reminderOffsets: string | null },
  details: { topic: string; place: string; startsAt: Date; createdById: string; recurringRuleId?: number | null },
): Promise<{ meeting: store.MeetingRecord; post: PostDraft }> {
  const meeting = await store.createMeeting(tx, { groupId: group.id, unitId: group.unitId, createdAt: scope.now, ...details });
  await store.replaceReminders(tx, meeting.number, reminderSchedule(meeting.startsAt, reminderOffsets(scope, group.reminderOffsets), scope.now));
  // Matters marked 上会 in this unit and below join the agenda.
  for (const ticket of await store.ticketsMarkedForMeeting(tx, [...scope.units.subtreeIds(group.unitId)])) {
    await store.addAgendaItem(tx, meeting.number, {
      text: ticketTexts.excerpt(ticket.text, 30),
      ticketNumber: ticket.number,
      addedById: details.createdById,
      addedAt: scope.now,
    });
  }
  const items = await store.agendaOf(tx, meeting.number);
  return { meeting, post: notice(group.id, texts.announcement(meeting, items, scope.settings.zone, scope.now), null) };
}

/** 新建议事会 时间 地点 主题: schedules a meeting of this group's unit and announces it. */
export const newMeetingCommand = command({
  name: "newMeeting",
  words: ["新建议事会", "创建议事会", "召开议事会"],
  grammar: textArguments((text) => ({ text })),
  usage: "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装",
  who: ["groupStaff"],
  help: { section: "organising", example: "新建议事会 时间 地点 主题" },
  read: ({ text }, { now, zone }) => readTimePlaceTopic(text, now, zone),
  async run(tx, ctx, command) {
    const clashes = await clashesWith(tx, command.place, [command.startsAt]);
    const { post } = await scheduleMeeting(tx, ctx, ctx.group, {
      topic: command.topic,
      place: command.place,
      startsAt: command.startsAt,
      createdById: ctx.member.id,
    });
    return [{ ...post, kind: "reply", text: withClashWarning(post.text, clashes, command.place, ctx) }];
  },
});

/** 上会 N: puts a ticket on the agenda of its estate's next meeting. */
export const markForMeetingCommand = command({
  name: "markForMeeting",
  words: ["上会"],
  grammar: ticketArguments((ticket) => ({ ticket })),
  usage: "上会 12",
  who: ["groupStaff", "ticketStaff"],
  help: { section: "organising", example: "上会 12" },
  async run(tx, ctx, _command, { ticket, scope }) {
    if (ticket.markedForMeetingAt && (await store.ticketOnAgenda(tx, ticket.number))) throw new Refusal(texts.alreadyOnAgenda(ticket.number));
    await store.markTicketForMeeting(tx, ticket.number, ctx.now);
    await addTicketEvents(tx, ticket.number, [
      {
        type: "marked_for_meeting",
        actorId: ctx.member.id,
        actorName: ctx.member.name,
        fromStatus: ticket.status,
        toStatus: ticket.status,
        note: texts.MARKED_NOTE,
        at: ctx.now,
      },
    ]);
    // The next meeting already scheduled for the ticket's estate, else for the nearest unit above it.
    for (const unitId of scope.unitAncestry) {
      const [next] = await store.scheduledMeetingsOfUnits(tx, [unitId], ctx.now);
      if (!next) continue;
      const item = await store.addAgendaItem(tx, next.number, {
        text: ticketTexts.excerpt(ticket.text, 30),
        ticketNumber: ticket.number,
        addedById: ctx.member.id,
        addedAt: ctx.now,
      });
      const onto = (audience: Audience) => texts.markedOntoMeeting(ticket.number, next, item.seq, ctx.settings.zone, ctx.now, audience);
      return [reply(ctx, onto(audienceHere(ctx)), ticket.number), ...(await staffInstruction(tx, ctx, ticket.unitId, onto("staff"), ticket.number))];
    }
    const marked = (audience: Audience) => texts.markedForMeeting(ticket.number, audience);
    return [reply(ctx, marked(audienceHere(ctx)), ticket.number), ...(await staffInstruction(tx, ctx, ticket.unitId, marked("staff"), ticket.number))];
  },
  refusals: { ticketStaff: ticketTexts.NOT_IN_SCOPE },
});

/** 议题 M 内容 (or 工单N): adds an item to a meeting's agenda. */
export const addAgendaItemCommand = command({
  name: "addAgendaItem",
  words: ["议题"],
  grammar: meetingArguments((meeting, argument) => {
    const linked = LINKED_TICKET.exec(argument);
    return required(argument, { meeting, text: argument, linkedTicket: linked ? Number(linked[1]) : null });
  }),
  usage: "议题 3 工单12（或：议题 3 讨论楼道堆物整治）",
  who: ["groupStaff"],
  help: { section: "organising", example: "议题 3 内容" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    requireScheduled(meeting, ctx, texts.STEP.addItem);
    let text = command.text;
    let ticketNumber: number | null = null;
    if (command.linkedTicket !== null) {
      const ticket = await findTicket(tx, command.linkedTicket);
      if (!ticket) throw new Refusal(ticketTexts.NOT_FOUND(command.linkedTicket));
      ticketNumber = ticket.number;
      text = ticketTexts.excerpt(ticket.text, 30);
      const already = (await store.agendaOf(tx, meeting.number)).find((item) => item.ticketNumber === ticket.number);
      if (already) throw new Refusal(texts.ticketAlreadyItem(ticket.number, meeting.number, already.seq));
    }
    const item = await store.addAgendaItem(tx, meeting.number, { text, ticketNumber, addedById: ctx.member.id, addedAt: ctx.now });
    return [reply(ctx, texts.itemAdded(text, meeting.number, item.seq))];
  },
});

/** 议程 M: a meeting's agenda. */
export const agendaCommand = command({
  name: "agenda",
  words: ["议程"],
  grammar: meetingArguments((meeting) => ({ meeting })),
  usage: "议程 3",
  who: ["anyone"],
  help: { section: "meetings", example: "议程 3" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    return [
      reply(ctx, texts.agenda(meeting, await store.agendaOf(tx, meeting.number), await store.signUpCount(tx, meeting.number), ctx.settings.zone, ctx.now)),
    ];
  },
});

/** 报名 M. */
export const signUpCommand = command({
  name: "signUp",
  words: ["报名"],
  grammar: meetingArguments((meeting) => ({ meeting })),
  usage: "报名 3",
  who: ["anyone"],
  help: { section: "meetings", example: "报名 3" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    requireScheduled(meeting, ctx, texts.STEP.signUp);
    const fresh = await store.signUp(tx, meeting.number, ctx.member.id, ctx.now);
    const count = await store.signUpCount(tx, meeting.number);
    return [reply(ctx, fresh ? texts.signedUp(meeting.number, count) : texts.alreadySignedUp(meeting.number, count))];
  },
});

/** 取消报名 M. */
export const cancelSignUpCommand = command({
  name: "cancelSignUp",
  words: ["取消报名"],
  grammar: meetingArguments((meeting) => ({ meeting })),
  usage: "取消报名 3",
  who: ["anyone"],
  help: { section: "meetings", example: "取消报名 3" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    if (!(await store.cancelSignUp(tx, meeting.number, ctx.member.id))) throw new Refusal(texts.NOT_SIGNED_UP(meeting.number));
    return [reply(ctx, texts.signUpCancelled(meeting.number))];
  },
});

/** 签到 M @某人: the chair records who attended. */
export const checkInCommand = command({
  name: "checkIn",
  words: ["签到"],
  grammar: meetingArguments((meeting, argument) => required(person(argument), { meeting, target: person(argument) })),
  usage: "签到 3 @张三",
  who: ["chair"],
  help: { section: "organising", example: "签到 3 @某人" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    requireScheduled(meeting, ctx, texts.STEP.checkIn, true);
    requireStarted(meeting, ctx, texts.STEP.checkIn, ctx.settings.meetings.checkInOpensMinutes ?? 30);
    const member = await memberNamedInMessage(tx, ctx, command.target);
    if (!(await store.checkIn(tx, meeting.number, member.id, ctx.member.id, ctx.now))) return [reply(ctx, texts.alreadyCheckedIn(member.name))];
    const points = ctx.settings.policy.points.meetingAttended;
    if (points > 0) {
      await addPoints(tx, {
        memberId: member.id,
        unitId: meeting.unitId,
        points,
        kind: "meeting_attended",
        reason: texts.attendanceReason(meeting.number),
        meetingNumber: meeting.number,
        dedupeKey: `meeting_attended:${meeting.number}:${member.id}`,
        at: ctx.now,
      });
    }
    return [reply(ctx, texts.checkedIn(member.name, meeting.number, points), null, [member.id])];
  },
});

/** 改期 M 时间. */
export const rescheduleCommand = command({
  name: "reschedule",
  words: ["改期"],
  grammar: meetingArguments((meeting, text) => required(text, { meeting, text })),
  usage: "改期 3 12月8日19:30",
  who: ["groupStaff"],
  help: { section: "organising", example: "改期 3 时间" },
  read: ({ meeting, text }, { now, zone }) => {
    const time = parseMeetingTime(text, now, zone);
    return time.ok ? { ok: true, arguments: { meeting, startsAt: time.at } } : { ok: false, refusal: texts.timeNotRead(time.reason) };
  },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    requireScheduled(meeting, ctx, texts.STEP.reschedule);
    const updated = await store.updateMeeting(tx, meeting.number, { startsAt: command.startsAt });
    await store.replaceReminders(tx, meeting.number, reminderSchedule(command.startsAt, reminderOffsets(ctx, ctx.group.reminderOffsets), ctx.now));
    return [reply(ctx, texts.rescheduled(updated, ctx.settings.zone, ctx.now))];
  },
});

/** 取消议事会 M 原因. */
export const cancelMeetingCommand = command({
  name: "cancelMeeting",
  words: ["取消议事会"],
  grammar: meetingArguments((meeting, reason) => required(reason, { meeting, reason })),
  usage: "取消议事会 3 场地临时占用",
  who: ["groupStaff"],
  help: { section: "organising", example: "取消议事会 3 原因" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    requireScheduled(meeting, ctx, texts.STEP.cancel);
    await store.updateMeeting(tx, meeting.number, { status: "cancelled", cancelReason: command.reason });
    await store.cancelReminders(tx, meeting.number, ctx.now);
    await reverseAttendance(tx, ctx, meeting.number);
    return [reply(ctx, texts.cancelled(meeting, command.reason, ctx.settings.zone, ctx.now))];
  },
});

/** 决议 M 项 内容 负责人:某某 期限:日期: the chair records an item's decision. */
export const decideCommand = command({
  name: "decide",
  words: ["决议"],
  grammar: meetingArguments((meeting, argument) => {
    const match = ITEM_NUMBER.exec(argument);
    return match ? { meeting, item: Number(match[1]), text: match[2]!.trim() } : null;
  }),
  usage: "决议 3 1 同意安装充电桩 负责人:孙物业 期限:12月20日",
  who: ["chair"],
  help: { section: "organising", example: "决议 3 1 内容 负责人:某某 期限:12月20日" },
  read: ({ meeting, item, text }, { now, zone }) => {
    const { decision, owner, due } = splitDecision(text);
    if (!decision) return { ok: false, refusal: texts.DECISION_MISSING };
    const dueAt = due ? parseDueDate(due, now, zone) : null;
    if (due && !dueAt) return { ok: false, refusal: texts.dueNotRead(due) };
    return { ok: true, arguments: { meeting, item, decision, owner, dueAt } };
  },
  run: (tx, ctx, command) => decide(tx, ctx, command),
});

/** 公示 M: publishes a meeting's decisions. */
export const publishCommand = command({
  name: "publish",
  words: ["公示"],
  grammar: meetingArguments((meeting, argument) => ({ meeting, again: /^(再发|重发|再次|再公示)/.test(argument) })),
  usage: "公示 3（已公示过的再发一次：公示 3 再发）",
  who: ["chair"],
  help: { section: "organising", example: "公示 3" },
  async run(tx, ctx, command) {
    const meeting = await loadMeeting(tx, ctx, command.meeting);
    requireScheduled(meeting, ctx, texts.STEP.publish, true);
    requireStarted(meeting, ctx, texts.STEP.publish);
    const items = await store.agendaOf(tx, meeting.number);
    if (!items.some((item) => item.decision)) throw new Refusal(texts.NO_DECISIONS(meeting.number));
    const fresh = decisionsToPublish(items, meeting.publishedAt, command.again);
    if (!fresh.length) {
      throw new Refusal(texts.alreadyPublished(meeting.number, formatShortDateTime(meeting.publishedAt!, ctx.settings.zone, ctx.now)));
    }
    await store.updateMeeting(tx, meeting.number, { publishedAt: ctx.now });
    const attended = (await store.meetingFile(tx, meeting.number))!.attendance.length;
    const supplement = Boolean(meeting.publishedAt) && !command.again;
    return [reply(ctx, texts.publication(meeting, fresh, attended, ctx.settings.zone, ctx.now, supplement))];
  },
});

/** 落实 M 项 说明: how a decision was carried out. */
export const followUpCommand = command({
  name: "followUp",
  words: ["落实"],
  grammar: meetingArguments((meeting, argument) => {
    const match = ITEM_NUMBER.exec(argument);
    return match ? { meeting, item: Number(match[1]), note: match[2]!.trim() } : null;
  }),
  usage: "落实 3 1 充电桩已安装投用",
  // The decision's owner, or the chair: checked once the decision is found.
  who: ["anyone"],
  help: { section: "organising", example: "落实 3 1 说明" },
  run: (tx, ctx, command) => followUp(tx, ctx, command.meeting, command.item, command.note),
});

/** 例会 每月5日 19:30 地点: a meeting that repeats. */
export const recurringCommand = command({
  name: "recurring",
  words: ["例会"],
  grammar: textArguments((text) => ({ text })),
  usage: "例会 每月5日 19:30 社区活动室（或：例会 每周三 19:00 小区凉亭）",
  who: ["groupStaff"],
  help: { section: "organising", example: "例会 每月5日 19:30 地点" },
  read: ({ text }) => {
    const parsed = parseRecurrence(text);
    if (!parsed) return { ok: false, refusal: texts.RECURRENCE_NOT_READ };
    const [place, ...topic] = parsed.rest.split(/\s+/).filter(Boolean);
    if (!place) return { ok: false, refusal: texts.RECURRENCE_PLACE_MISSING };
    return { ok: true, arguments: { rule: parsed.rule, place, topic: topic.join(" ") || null } };
  },
  async run(tx, ctx, command) {
    const clashes = await clashesWith(tx, command.place, nextOccurrences(command.rule, ctx));
    await store.createRecurringRule(tx, {
      groupId: ctx.group.id,
      cron: cronOf(command.rule),
      place: command.place,
      topic: command.topic ?? texts.DEFAULT_RECURRING_TOPIC,
      createdById: ctx.member.id,
      createdAt: ctx.now,
    });
    return [
      reply(ctx, withClashWarning(texts.recurringSet(describeRule(command.rule), command.place, ctx.settings.meetings.leadDays), clashes, command.place, ctx)),
    ];
  },
});

/** 日历: the link to the group's meeting calendar. */
export const calendarCommand = command({
  name: "calendar",
  words: ["日历", "议事会日历"],
  grammar: noArguments(),
  usage: "日历",
  who: ["anyone"],
  help: { section: "meetings", example: "日历" },
  async run(tx, ctx) {
    const token = await store.ensureCalendarToken(tx, ctx.group.id, randomBytes(18).toString("base64url"));
    const link = `${ctx.settings.meetings.publicBaseUrl}/calendar/groups/${encodeURIComponent(ctx.group.id)}.ics?token=${token}`;
    return [reply(ctx, texts.calendarLink(link))];
  },
});

/** 议事会: the coming meetings. */
export const meetingsCommand = command({
  name: "meetings",
  words: ["议事会"],
  grammar: noArguments(),
  usage: "议事会",
  who: ["anyone"],
  help: { section: "meetings", example: "议事会" },
  async run(tx, ctx) {
    const upcoming = await store.upcomingMeetings(tx, [ctx.group.id], ctx.now, 5);
    return [reply(ctx, texts.upcoming(upcoming, ctx.settings.zone, ctx.now))];
  },
});

interface DecisionArguments {
  meeting: number;
  item: number;
  decision: string;
  owner: string | null;
  dueAt: Date | null;
}

/** 决议: records the decision on an item; an item linked to a ticket writes it into the ticket's file. */
async function decide(tx: Tx, ctx: MessageContext, command: Named<"decide", DecisionArguments>): Promise<PostDraft[]> {
  const { meeting: number, item: seq, decision, owner, dueAt } = command;
  const meeting = await loadMeeting(tx, ctx, number);
  requireScheduled(meeting, ctx, texts.STEP.decide, true);
  requireStarted(meeting, ctx, texts.STEP.decide);
  const item = await store.findAgendaItem(tx, number, seq);
  if (!item) throw new Refusal(texts.NO_SUCH_ITEM(number, seq));
  const ownerMember = owner ? ((await membersNamedInGroup(tx, ctx.group.id, owner))[0] ?? null) : null;
  await store.updateAgendaItem(tx, item.id, {
    decision,
    ownerName: owner,
    ownerId: ownerMember?.id ?? null,
    dueAt,
    decidedAt: ctx.now,
    decidedById: ctx.member.id,
  });
  await queueMeetingDecisionWebhook(tx, {
    at: ctx.now,
    unitId: meeting.unitId,
    meeting: { number, topic: meeting.topic, startsAt: meeting.startsAt },
    item: { seq, text: item.text, decision, ticketNumber: item.ticketNumber, dueAt },
  });
  if (item.ticketNumber) {
    const ticket = await findTicket(tx, item.ticketNumber);
    if (ticket) {
      const event = {
        type: "deliberated" as const,
        actorId: ctx.member.id,
        actorName: ctx.member.name,
        fromStatus: ticket.status,
        toStatus: ticket.status,
        note: texts.decisionNote(number, decision),
        at: ctx.now,
      };
      if (ticket.markedForMeetingAt && OPEN_STATUSES.has(ticket.status)) {
        // The resolution clock paused while the matter waited for the meeting; it resumes with the time it had left.
        const resolveDueAt = resumedResolveDue(ticket.resolveDueAt, ticket.markedForMeetingAt, ctx.now);
        await applyTicketPatch(tx, ticket.number, { markedForMeetingAt: null, resolveDueAt }, [event], ctx.now);
      } else {
        await addTicketEvents(tx, ticket.number, [event]);
      }
    }
  }
  const decided = (audience: Audience) => texts.decided(number, seq, decision, owner && dueAt ? { owner, dueAt } : null, ctx.settings.zone, ctx.now, audience);
  return [reply(ctx, decided(audienceHere(ctx))), ...(await staffInstruction(tx, ctx, meeting.unitId, decided("staff"), null))];
}

/**
 * What staff are to do next, for the work group, when the command was typed in the residents' group (who
 * read plain words there); typed in a work group, the reply itself says it.
 */
async function staffInstruction(tx: Tx, ctx: MessageContext, unitId: string, text: string, ticketNumber: number | null): Promise<PostDraft[]> {
  if (audienceHere(ctx) === "staff") return [];
  const groups = (await staffGroupsFor(tx, ctx, unitId)).filter((group) => group.id !== ctx.group.id);
  return groups.map((group) => notice(group.id, text, ticketNumber));
}

/** 落实: marks a decision carried out; a decision on a ticket resolves the ticket (the reporter then rates it). */
async function followUp(tx: Tx, ctx: MessageContext, number: number, seq: number, note: string): Promise<PostDraft[]> {
  const meeting = await loadMeeting(tx, ctx, number);
  const item = await store.findAgendaItem(tx, number, seq);
  if (!item?.decision) throw new Refusal(texts.NO_DECISION_YET(number, seq));
  // The decision's owner carries it out; otherwise the chair records it (the registry's "chair" rule).
  if (item.ownerId !== ctx.member.id && !isChair(ctx.role)) throw new Refusal(texts.FOLLOW_UP_WHO(item.ownerName));
  if (item.doneAt) throw new Refusal(texts.ALREADY_DONE(number, seq));
  const ticket = item.ticketNumber ? await findTicket(tx, item.ticketNumber) : null;
  const resolves = ticket !== null && OPEN_STATUSES.has(ticket.status);
  // Carrying out a decision closes its ticket: the property company never closes a complaint about itself.
  if (resolves)
    await refusePropertyConflict(
      tx,
      ctx.member.id,
      ticket,
      ctx.units.ancestry(ticket.unitId).map((unit) => unit.id),
      "resolve",
    );
  await store.updateAgendaItem(tx, item.id, { doneAt: ctx.now, doneNote: note });
  const posts = [reply(ctx, texts.followedUp(meeting.number, seq, note))];
  if (resolves) {
    const actor = { id: ctx.member.id, name: ctx.member.name };
    const machine = { zone: ctx.settings.zone, policy: ctx.settings.policy.colours };
    const result = texts.followUpResult(number, note);
    const accepted = ticket.status === "reported" ? applyTicketAction(ticket, { type: "accept" }, actor, ctx.now, machine) : null;
    const from = accepted ? { ...ticket, status: "accepted" as const } : ticket;
    const resolved = applyTicketAction(from, { type: "resolve", result, outcome: "fixed" }, actor, ctx.now, machine);
    const updated = await applyTicketPatch(
      tx,
      ticket.number,
      { ...accepted?.patch, ...resolved.patch },
      [...(accepted?.events ?? []), ...resolved.events],
      ctx.now,
    );
    const raters = await ratersOf(tx, ctx.units, updated);
    posts.push(notice(updated.groupId, ticketTexts.resolved(updated, raters.names), updated.number, raters.ids));
  }
  return posts;
}
