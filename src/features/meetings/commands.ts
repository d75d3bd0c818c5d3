import { randomBytes } from "node:crypto";
import type { Command } from "../../bot/commands.ts";
import { parseDueDate, parseMeetingTime } from "../../bot/meetingTime.ts";
import { cronOf, describeRule, parseRecurrence, reminderSchedule, splitDecision } from "../../domain/meetings.ts";
import { isStaffFor } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import { applyTicketAction } from "../../domain/ticketMachine.ts";
import { OPEN_STATUSES } from "../../domain/types.ts";
import type { Tx } from "../../store/database.ts";
import * as store from "../../store/meetings.ts";
import type { PostDraft } from "../../store/messages.ts";
import { membersNamedInGroup } from "../../store/org.ts";
import { addPoints } from "../../store/points.ts";
import { addTicketEvents, applyTicketPatch, findTicket } from "../../store/tickets.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { memberNamedInMessage } from "../groups/members.ts";
import * as meetingTexts from "./texts.ts";
import { ratersOf } from "../tickets/raters.ts";
import { notice, reply } from "../posts.ts";
import * as texts from "../tickets/texts.ts";

type MeetingCommand = Extract<
  Command,
  {
    name:
      | "newMeeting"
      | "markForMeeting"
      | "addAgendaItem"
      | "agenda"
      | "signUp"
      | "cancelSignUp"
      | "checkIn"
      | "reschedule"
      | "cancelMeeting"
      | "decide"
      | "publish"
      | "followUp"
      | "recurring"
      | "calendar"
      | "meetings";
  }
>;

const MEETING_COMMANDS = new Set<string>([
  "newMeeting", "markForMeeting", "addAgendaItem", "agenda", "signUp", "cancelSignUp", "checkIn", "reschedule",
  "cancelMeeting", "decide", "publish", "followUp", "recurring", "calendar", "meetings",
]);

export function isMeetingCommand(command: Command): command is MeetingCommand {
  return MEETING_COMMANDS.has(command.name);
}

function requireStaff(ctx: MessageContext): void {
  const ancestry = ctx.units.ancestry(ctx.group.unitId).map((unit) => unit.id);
  if (!isStaffFor(ctx.authority, ancestry)) throw new Refusal("这一步需要本小区的书记、网格员等工作人员来操作。");
}

/** Moderators (话事员) chair: attendance, decisions, publication. Secretaries and grid workers may stand in. */
function requireChair(ctx: MessageContext): void {
  if (!["moderator", "secretary", "grid_worker"].includes(ctx.role)) throw new Refusal("这一步需要话事员（主持人）或书记来操作。");
}

async function loadMeeting(tx: Tx, ctx: MessageContext, number: number) {
  const meeting = await store.findMeeting(tx, number);
  if (!meeting || meeting.groupId !== ctx.group.id) throw new Refusal(`本群没有议事会 #${number}，请核对编号。`);
  return meeting;
}

/** Refuses a cancelled meeting, and one already started unless the step belongs to the meeting itself. */
function requireScheduled(meeting: store.MeetingRecord, ctx: MessageContext, what: string, duringOrAfter = false): void {
  if (meeting.status === "cancelled") throw new Refusal(`议事会 #${meeting.number} 已取消，不能${what}。`);
  if (!duringOrAfter && meeting.startsAt.getTime() <= ctx.now.getTime()) {
    throw new Refusal(`议事会 #${meeting.number} 已经开过了，不能${what}。`);
  }
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
    await store.addAgendaItem(tx, meeting.number, { text: texts.excerpt(ticket.text, 30), ticketNumber: ticket.number, addedById: details.createdById, addedAt: scope.now });
  }
  const items = await store.agendaOf(tx, meeting.number);
  return { meeting, post: notice(group.id, meetingTexts.announcement(meeting, items, scope.settings.zone, scope.now), null) };
}

function timeRefusal(reason: "unparsed" | "no_time" | "past"): Refusal {
  const why = { unparsed: "没看懂时间", no_time: "请写明几点", past: "这个时间已经过去了" }[reason];
  return new Refusal(`${why}。${meetingTexts.TIME_EXAMPLES}。`);
}

export async function runMeetingCommand(tx: Tx, ctx: MessageContext, command: MeetingCommand): Promise<PostDraft[]> {
  const { zone } = ctx.settings;
  switch (command.name) {
    case "newMeeting": {
      requireStaff(ctx);
      const time = parseMeetingTime(command.text, ctx.now, zone);
      if (!time.ok) throw timeRefusal(time.reason);
      const [place, ...topic] = time.rest.split(/\s+/).filter(Boolean);
      if (!place || !topic.length) throw new Refusal(`请写明地点和主题，例如：新建议事会 12月5日19:30 社区活动室 讨论充电桩安装`);
      const { post } = await scheduleMeeting(tx, ctx, ctx.group, { topic: topic.join(" "), place, startsAt: time.at, createdById: ctx.member.id });
      return [{ ...post, kind: "reply" }];
    }
    case "markForMeeting": {
      requireStaff(ctx);
      const ticket = await findTicket(tx, command.ticket);
      if (!ticket) throw new Refusal(texts.NOT_FOUND(command.ticket));
      const ancestry = ctx.units.ancestry(ticket.unitId).map((unit) => unit.id);
      if (!isStaffFor(ctx.authority, ancestry)) throw new Refusal(texts.NOT_IN_SCOPE(command.ticket));
      await store.markTicketForMeeting(tx, ticket.number, ctx.now);
      await addTicketEvents(tx, ticket.number, [
        { type: "marked_for_meeting", actorId: ctx.member.id, actorName: ctx.member.name, fromStatus: ticket.status, toStatus: ticket.status, note: "上会", at: ctx.now },
      ]);
      return [reply(ctx, `工单 #${ticket.number} 已列入议事会议题，下次议事会将自动列入议程。`, ticket.number)];
    }
    case "addAgendaItem": {
      requireStaff(ctx);
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      requireScheduled(meeting, ctx, "增加议题");
      const linked = /^(?:工单)?\s*#?(\d{1,9})(?:\s*号)?$/.exec(command.text);
      let text = command.text;
      let ticketNumber: number | null = null;
      if (linked) {
        const ticket = await findTicket(tx, Number(linked[1]));
        if (!ticket) throw new Refusal(texts.NOT_FOUND(Number(linked[1])));
        ticketNumber = ticket.number;
        text = texts.excerpt(ticket.text, 30);
      }
      const item = await store.addAgendaItem(tx, meeting.number, { text, ticketNumber, addedById: ctx.member.id, addedAt: ctx.now });
      return [reply(ctx, `已将「${text}」列为议事会 #${meeting.number} 第${item.seq}项议题。`)];
    }
    case "agenda": {
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      return [reply(ctx, meetingTexts.agenda(meeting, await store.agendaOf(tx, meeting.number), await store.signUpCount(tx, meeting.number), zone, ctx.now))];
    }
    case "signUp": {
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      requireScheduled(meeting, ctx, "报名");
      const fresh = await store.signUp(tx, meeting.number, ctx.member.id, ctx.now);
      const count = await store.signUpCount(tx, meeting.number);
      return [reply(ctx, fresh ? `报名成功！议事会 #${meeting.number} 已有 ${count} 人报名，开会前会提醒你。` : `你已报名议事会 #${meeting.number}（共 ${count} 人）。`)];
    }
    case "cancelSignUp": {
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      if (!(await store.cancelSignUp(tx, meeting.number, ctx.member.id))) throw new Refusal(`你没有报名议事会 #${meeting.number}。`);
      return [reply(ctx, `已取消报名议事会 #${meeting.number}。`)];
    }
    case "checkIn": {
      requireChair(ctx);
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      requireScheduled(meeting, ctx, "签到", true);
      const member = await memberNamedInMessage(tx, ctx, command.target);
      if (!(await store.checkIn(tx, meeting.number, member.id, ctx.member.id, ctx.now))) return [reply(ctx, `${member.name} 已签到过了。`)];
      const points = ctx.settings.policy.points.meetingAttended;
      if (points > 0) {
        await addPoints(tx, {
          memberId: member.id,
          unitId: meeting.unitId,
          points,
          kind: "meeting_attended",
          reason: `参加议事会 #${meeting.number}`,
          dedupeKey: `meeting_attended:${meeting.number}:${member.id}`,
          at: ctx.now,
        });
      }
      return [reply(ctx, `${member.name} 已签到议事会 #${meeting.number}${points > 0 ? `，获得 ${points} 积分` : ""}。`, null, [member.id])];
    }
    case "reschedule": {
      requireStaff(ctx);
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      requireScheduled(meeting, ctx, "改期");
      const time = parseMeetingTime(command.text, ctx.now, zone);
      if (!time.ok) throw timeRefusal(time.reason);
      const updated = await store.updateMeeting(tx, meeting.number, { startsAt: time.at });
      await store.replaceReminders(tx, meeting.number, reminderSchedule(time.at, reminderOffsets(ctx, ctx.group.reminderOffsets), ctx.now));
      return [reply(ctx, meetingTexts.rescheduled(updated, zone, ctx.now))];
    }
    case "cancelMeeting": {
      requireStaff(ctx);
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      requireScheduled(meeting, ctx, "取消");
      await store.updateMeeting(tx, meeting.number, { status: "cancelled", cancelReason: command.reason });
      await store.cancelReminders(tx, meeting.number, ctx.now);
      return [reply(ctx, meetingTexts.cancelled(meeting, command.reason, zone, ctx.now))];
    }
    case "decide":
      return decide(tx, ctx, command.meeting, command.item, command.text);
    case "publish": {
      requireChair(ctx);
      const meeting = await loadMeeting(tx, ctx, command.meeting);
      requireScheduled(meeting, ctx, "公示", true);
      const items = await store.agendaOf(tx, meeting.number);
      if (!items.some((item) => item.decision)) throw new Refusal(`议事会 #${meeting.number} 还没有决议，先发「决议 ${meeting.number} 序号 内容」。`);
      await store.updateMeeting(tx, meeting.number, { publishedAt: ctx.now });
      const attended = (await store.meetingFile(tx, meeting.number))!.attendance.length;
      return [reply(ctx, meetingTexts.publication(meeting, items, attended, zone, ctx.now))];
    }
    case "followUp":
      return followUp(tx, ctx, command.meeting, command.item, command.note);
    case "recurring": {
      requireStaff(ctx);
      const parsed = parseRecurrence(command.text);
      if (!parsed) throw new Refusal("没看懂例会规则。例如：例会 每月5日 19:30 社区活动室（或：例会 每周三 19:00 小区凉亭）");
      const [place, ...topic] = parsed.rest.split(/\s+/).filter(Boolean);
      if (!place) throw new Refusal("请写明地点，例如：例会 每月5日 19:30 社区活动室");
      await store.createRecurringRule(tx, { groupId: ctx.group.id, cron: cronOf(parsed.rule), place, topic: topic.join(" ") || "月度议事会", createdById: ctx.member.id, createdAt: ctx.now });
      return [reply(ctx, `已设定例会：${describeRule(parsed.rule)}，地点：${place}。会在开会前 ${ctx.settings.meetings.leadDays} 天自动发布通知，并把「上会」的工单列入议程。`)];
    }
    case "calendar": {
      const token = await store.ensureCalendarToken(tx, ctx.group.id, randomBytes(18).toString("base64url"));
      const link = `${ctx.settings.meetings.publicBaseUrl}/calendar/groups/${encodeURIComponent(ctx.group.id)}.ics?token=${token}`;
      return [reply(ctx, `本群议事会日历（可在手机日历里订阅）：\n${link}`)];
    }
    case "meetings": {
      const upcoming = await store.upcomingMeetings(tx, [ctx.group.id], ctx.now, 5);
      if (!upcoming.length) return [reply(ctx, "近期没有安排议事会。")];
      return [reply(ctx, ["近期议事会：", ...upcoming.map((m) => `#${m.number} ${meetingTexts.meetingTime(m.startsAt, zone, ctx.now)} ${m.place}「${m.topic}」`)].join("\n"))];
    }
  }
}

/** 决议: records the decision on an item; an item linked to a ticket writes it into the ticket's file. */
async function decide(tx: Tx, ctx: MessageContext, number: number, seq: number, text: string): Promise<PostDraft[]> {
  requireChair(ctx);
  const meeting = await loadMeeting(tx, ctx, number);
  requireScheduled(meeting, ctx, "决议", true);
  const item = await store.findAgendaItem(tx, number, seq);
  if (!item) throw new Refusal(`议事会 #${number} 没有第${seq}项议题，发「议程 ${number}」查看。`);
  const { decision, owner, due } = splitDecision(text);
  if (!decision) throw new Refusal("请写明决议内容。");
  const dueAt = due ? parseDueDate(due, ctx.now, ctx.settings.zone) : null;
  if (due && !dueAt) throw new Refusal(`没看懂期限「${due}」，例如：期限:12月20日`);
  const ownerMember = owner ? (await membersNamedInGroup(tx, ctx.group.id, owner))[0] ?? null : null;
  await store.updateAgendaItem(tx, item.id, { decision, ownerName: owner, ownerId: ownerMember?.id ?? null, dueAt, decidedAt: ctx.now, decidedById: ctx.member.id });
  if (item.ticketNumber) {
    const ticket = await findTicket(tx, item.ticketNumber);
    if (ticket) {
      await addTicketEvents(tx, ticket.number, [
        { type: "deliberated", actorId: ctx.member.id, actorName: ctx.member.name, fromStatus: ticket.status, toStatus: ticket.status, note: `议事会 #${number} 决议：${decision}`, at: ctx.now },
      ]);
    }
  }
  const follow = owner && dueAt ? `，由 ${owner} 负责，${meetingTexts.meetingTime(dueAt, ctx.settings.zone, ctx.now)}前落实` : "";
  return [reply(ctx, `已记录议事会 #${number} 第${seq}项决议：${decision}${follow}。会后发「公示 ${number}」向居民公布。`)];
}

/** 落实: marks a decision carried out; a decision on a ticket resolves the ticket (the reporter then rates it). */
async function followUp(tx: Tx, ctx: MessageContext, number: number, seq: number, note: string): Promise<PostDraft[]> {
  const meeting = await loadMeeting(tx, ctx, number);
  const item = await store.findAgendaItem(tx, number, seq);
  if (!item?.decision) throw new Refusal(`议事会 #${number} 第${seq}项还没有决议。`);
  const isOwner = item.ownerId === ctx.member.id;
  if (!isOwner) requireChair(ctx);
  if (item.doneAt) throw new Refusal(`议事会 #${number} 第${seq}项已经落实过了。`);
  await store.updateAgendaItem(tx, item.id, { doneAt: ctx.now, doneNote: note });
  const posts = [reply(ctx, `议事会 #${meeting.number} 第${seq}项决议已落实：${note}。`)];
  if (item.ticketNumber) {
    const ticket = await findTicket(tx, item.ticketNumber);
    if (ticket && OPEN_STATUSES.has(ticket.status)) {
      const actor = { id: ctx.member.id, name: ctx.member.name };
      const machine = { zone: ctx.settings.zone, policy: ctx.settings.policy.colours };
      const result = `议事会 #${number} 决议落实：${note}`;
      const accepted = ticket.status === "reported" ? applyTicketAction(ticket, { type: "accept" }, actor, ctx.now, machine) : null;
      const from = accepted ? { ...ticket, status: "accepted" as const } : ticket;
      const resolved = applyTicketAction(from, { type: "resolve", result, outcome: "fixed" }, actor, ctx.now, machine);
      const updated = await applyTicketPatch(tx, ticket.number, { ...accepted?.patch, ...resolved.patch }, [...(accepted?.events ?? []), ...resolved.events], ctx.now);
      const raters = await ratersOf(tx, updated);
      posts.push(notice(updated.groupId, texts.resolved(updated, raters.names), updated.number, raters.ids));
    }
  }
  return posts;
}
