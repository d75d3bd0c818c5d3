import type { Audience } from "../tickets/texts.ts";
import { describeOffset } from "../../domain/meetings.ts";
import { formatShortDateTime, wallTimeOf } from "../../time/zoned.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import { excerpt } from "../tickets/texts.ts";

/** Every sentence the bot says about meetings (议事会), in one place. */

export interface MeetingView {
  number: number;
  topic: string;
  place: string;
  startsAt: Date;
}

export interface AgendaView {
  seq: number;
  text: string;
  ticketNumber: number | null;
  decision: string | null;
  ownerName: string | null;
  dueAt: Date | null;
  doneAt: Date | null;
}

const WEEKDAY = "日一二三四五六";

export function meetingTime(startsAt: Date, zone: string, now: Date): string {
  const wall = wallTimeOf(startsAt, zone);
  const weekday = WEEKDAY[new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()];
  const text = formatShortDateTime(startsAt, zone, now);
  return text.replace(/日 /, `日（周${weekday}）`);
}

export function agendaLines(items: AgendaView[]): string[] {
  return items.map((item) => `${item.seq}. ${item.text}${item.ticketNumber ? `（工单 #${item.ticketNumber}）` : ""}`);
}

export function announcement(meeting: MeetingView, items: AgendaView[], zone: string, now: Date): string {
  return [
    `📢 议事会 #${meeting.number} 通知`,
    `时间：${meetingTime(meeting.startsAt, zone, now)}`,
    `地点：${meeting.place}`,
    `主题：${meeting.topic}`,
    ...(items.length ? ["议程：", ...agendaLines(items)] : []),
    `欢迎参加！报名请发「报名 ${meeting.number}」，查看议程发「议程 ${meeting.number}」。`,
  ].join("\n");
}

/**
 * The time really left before a meeting: the reminder's lead time when it goes out on time, otherwise (sent
 * late, or the meeting moved) what remains, so 1½ hours is never called 2.
 */
function timeLeft(startsAt: Date, now: Date, offsetMinutes: number): string {
  const left = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  // Days are said in whole days (a sweep a little late still reads "3天"); hours and minutes as they are.
  const tolerance = offsetMinutes >= 1440 ? 720 : 5;
  if (Math.abs(left - offsetMinutes) <= tolerance) return describeOffset(offsetMinutes);
  const days = Math.floor(left / 1440);
  const hours = Math.floor((left % 1440) / 60);
  const minutes = left % 60;
  if (days) return `${days}天${hours ? `${hours}小时` : ""}`;
  return hours ? `${hours}小时${minutes ? `${minutes}分钟` : ""}` : `${minutes}分钟`;
}

export function reminder(meeting: MeetingView, items: AgendaView[], signUps: number, offsetMinutes: number, zone: string, now: Date): string {
  return [
    `⏰ 议事会 #${meeting.number} 还有${timeLeft(meeting.startsAt, now, offsetMinutes)}召开`,
    `时间：${meetingTime(meeting.startsAt, zone, now)}｜地点：${meeting.place}`,
    `主题：${meeting.topic}`,
    ...(items.length ? ["议程：", ...agendaLines(items)] : ["议程待定，欢迎提出议题。"]),
    `已报名 ${signUps} 人。报名请发「报名 ${meeting.number}」。`,
  ].join("\n");
}

export function agenda(meeting: MeetingView, items: AgendaView[], signUps: number, zone: string, now: Date): string {
  return [
    `议事会 #${meeting.number}｜${meetingTime(meeting.startsAt, zone, now)}｜${meeting.place}`,
    `主题：${meeting.topic}`,
    ...(items.length
      ? ["议程：", ...items.map((item) => `${agendaLines([item])[0]}${item.decision ? ` → 决议：${item.decision}` : ""}`)]
      : ["议程还没有议题。"]),
    `已报名 ${signUps} 人。`,
  ].join("\n");
}

export function rescheduled(meeting: MeetingView, zone: string, now: Date): string {
  return `🔁 议事会 #${meeting.number}「${meeting.topic}」改期至 ${meetingTime(meeting.startsAt, zone, now)}，地点：${meeting.place}。已报名的仍然有效。`;
}

export function cancelled(meeting: MeetingView, reason: string, zone: string, now: Date): string {
  return `❌ 议事会 #${meeting.number}「${meeting.topic}」（原定 ${meetingTime(meeting.startsAt, zone, now)}）取消，原因：${reason}。`;
}

function decisionLine(item: AgendaView, zone: string, now: Date): string {
  const parts = [`决议：${item.decision}`];
  if (item.ownerName) parts.push(`负责人：${item.ownerName}`);
  if (item.dueAt) parts.push(`期限：${formatShortDateTime(item.dueAt, zone, now).replace(/ \d\d:\d\d$/, "")}`);
  if (item.doneAt) parts.push("已落实");
  return `${item.seq}. ${item.text} —— ${parts.join("；")}`;
}

/** supplement: decisions made after an earlier publication, published on their own. */
export function publication(meeting: MeetingView, items: AgendaView[], attended: number, zone: string, now: Date, supplement = false): string {
  const decided = items.filter((item) => item.decision);
  return [
    `📋 议事会 #${meeting.number} 结果${supplement ? "补充" : ""}公示（${meetingTime(meeting.startsAt, zone, now)}「${meeting.topic}」）`,
    ...decided.map((item) => decisionLine(item, zone, now)),
    `参会 ${attended} 人。对结果有意见，请 @我 反映。`,
  ].join("\n");
}

export function decisionChase(meetingNumber: number, item: AgendaView, zone: string, now: Date): string {
  return `⏰ 议事会 #${meetingNumber} 决议第${item.seq}项「${item.decision}」已到期（期限 ${formatShortDateTime(item.dueAt!, zone, now)}），请${item.ownerName ? ` @${item.ownerName} ` : ""}尽快落实，完成后发「落实 ${meetingNumber} ${item.seq} 说明」。`;
}

export function publishChase(meeting: MeetingView): string {
  return `📝 议事会 #${meeting.number}「${meeting.topic}」已召开，决议还没有公示。请主持人发「公示 ${meeting.number}」向居民公布结果。`;
}

// Replies to the meeting commands.

/** Step names for "议事会 #3 已取消，不能{step}。" */
export const STEP = { addItem: "增加议题", signUp: "报名", checkIn: "签到", reschedule: "改期", cancel: "取消", decide: "决议", publish: "公示" };
export const NO_SUCH_MEETING = (n: number) => `本群没有议事会 #${n}，请核对编号。`;
export const MEETING_CANCELLED = (n: number, step: string) => `议事会 #${n} 已取消，不能${step}。`;
export const MEETING_PAST = (n: number, step: string) => `议事会 #${n} 已经开过了，不能${step}。`;
export const MARKED_NOTE = "上会";
/** 上会: staff read what happens to the deadline; residents, that the matter will be talked over. */
export const markedForMeeting = (ticket: number, audience: Audience = "staff") =>
  audience === "staff"
    ? `工单 #${ticket} 已列入议事会议题。目前没有安排议事会，下次新建议事会时自动列入议程；等待上会期间暂停办结计时。`
    : `工单 #${ticket} 已列入议事会议题，会在下次议事会上和大家商量，时间地点定了会在群里通知。`;
export const markedOntoMeeting = (ticket: number, meeting: MeetingView, seq: number, zone: string, now: Date, audience: Audience = "staff") =>
  audience === "staff"
    ? `工单 #${ticket} 已列入议事会 #${meeting.number}（${meetingTime(meeting.startsAt, zone, now)}，${meeting.place}）第${seq}项议题；等待上会期间暂停办结计时，议事会决议后恢复。`
    : `工单 #${ticket} 已列入议事会 #${meeting.number}（${meetingTime(meeting.startsAt, zone, now)}，${meeting.place}）第${seq}项议题，届时和大家商量。`;
export const ticketAlreadyItem = (ticket: number, meeting: number, seq: number) => `工单 #${ticket} 已是议事会 #${meeting} 的第${seq}项议题，不用重复列入。`;
export const alreadyOnAgenda = (ticket: number) => `工单 #${ticket} 已在议事会议程上，不用重复上会。`;
export const MEETING_NOT_STARTED = (n: number, step: string, opensAt: string) => `议事会 #${n} 还没开始，现在不能${step}；${opensAt}起可以${step}。`;
export const FOLLOW_UP_WHO = (owner: string | null) => `登记落实需要${owner ? `该决议的负责人 ${owner}，或` : ""}本群的话事员、书记或网格员来操作。`;
export const clashWarning = (clashes: { number: number; startsAt: Date; topic: string }[], place: string, zone: string, now: Date) =>
  `⚠️ 场地冲突：${place}在${clashes.map((m) => `${meetingTime(m.startsAt, zone, now)}已有议事会 #${m.number}「${m.topic}」`).join("、")}，前后不到两小时，请确认场地或改期。`;
export const itemAdded = (text: string, meeting: number, seq: number) => `已将「${text}」列为议事会 #${meeting} 第${seq}项议题。`;
export const signedUp = (meeting: number, count: number) => `报名成功！议事会 #${meeting} 已有 ${count} 人报名，开会前会提醒您。`;
export const alreadySignedUp = (meeting: number, count: number) => `您已报名议事会 #${meeting}（共 ${count} 人）。`;
export const NOT_SIGNED_UP = (meeting: number) => `您没有报名议事会 #${meeting}。`;
export const signUpCancelled = (meeting: number) => `已取消报名议事会 #${meeting}。`;
export const alreadyCheckedIn = (name: string) => `${name} 已签到过了。`;
export const attendanceReason = (meeting: number) => `参加议事会 #${meeting}`;
export const checkedIn = (name: string, meeting: number, points: number) => `${name} 已签到议事会 #${meeting}${points > 0 ? `，获得 ${points} 积分` : ""}。`;
export const alreadyPublished = (meeting: number, at: string) =>
  `议事会 #${meeting} 的决议已于${at}公示过，没有新的决议。如需再发一次，请发「公示 ${meeting} 再发」。`;
export const NO_DECISIONS = (meeting: number) => `议事会 #${meeting} 还没有决议，先发「决议 ${meeting} 序号 内容」。`;
export const DEFAULT_RECURRING_TOPIC = "月度议事会";
export const recurringSet = (rule: string, place: string, leadDays: number) =>
  `已设定例会：${rule}，地点：${place}。会在开会前 ${leadDays} 天自动发布通知，并把「上会」的工单列入议程。`;
export const calendarLink = (link: string) => `本群议事会日历（可在手机日历里订阅）：\n${link}`;
export function upcoming(meetings: { number: number; startsAt: Date; place: string; topic: string }[], zone: string, now: Date): string {
  if (!meetings.length) return "近期没有安排议事会。";
  return ["近期议事会：", ...meetings.map((m) => `#${m.number} ${meetingTime(m.startsAt, zone, now)} ${m.place}「${m.topic}」`)].join("\n");
}
export const NO_SUCH_ITEM = (meeting: number, seq: number) => `议事会 #${meeting} 没有第${seq}项议题，发「议程 ${meeting}」查看。`;
export const decisionNote = (meeting: number, decision: string) => `议事会 #${meeting} 决议：${decision}`;
export const releasedNote = (meeting: number) => `议事会 #${meeting} 未作决议，恢复办结计时`;
/** The work group's notice when a meeting ended without deciding a matter on its agenda. */
export const returnedFromMeeting = (meeting: number, seq: number, ticket: TicketRecord, zone: string, now: Date) =>
  `议事会 #${meeting} 第${seq}项（工单 #${ticket.number}：${excerpt(ticket.text, 20)}）没有作出决议，工单已恢复办理，${formatShortDateTime(ticket.resolveDueAt, zone, now)}前办结。如需再议，发「上会 ${ticket.number}」列入下次议事会。`;
export function decided(
  meeting: number,
  seq: number,
  decision: string,
  follow: { owner: string; dueAt: Date } | null,
  zone: string,
  now: Date,
  audience: Audience = "staff",
): string {
  const by = follow ? `，由 ${follow.owner} 负责，${meetingTime(follow.dueAt, zone, now)}前落实` : "";
  const next = audience === "staff" ? `会后发「公示 ${meeting}」向居民公布。` : "会后会在群里公布全部结果。";
  return `已记录议事会 #${meeting} 第${seq}项决议：${decision}${by}。${next}`;
}
export const NO_DECISION_YET = (meeting: number, seq: number) => `议事会 #${meeting} 第${seq}项还没有决议。`;
export const ALREADY_DONE = (meeting: number, seq: number) => `议事会 #${meeting} 第${seq}项已经落实过了。`;
export const followedUp = (meeting: number, seq: number, note: string) => `议事会 #${meeting} 第${seq}项决议已落实：${note}。`;
export const followUpResult = (meeting: number, note: string) => `议事会 #${meeting} 决议落实：${note}`;

// The iCalendar feeds (日历).
export const calendarSummary = (meeting: number, topic: string, cancelled: boolean) => `${cancelled ? "【已取消】" : ""}议事会 #${meeting}：${topic}`;
export const calendarDescription = (groupName: string, items: AgendaView[], cancelReason: string | null) =>
  [`${groupName}`, ...(items.length ? ["议程：", ...agendaLines(items)] : []), ...(cancelReason ? [`取消原因：${cancelReason}`] : [])].join("\n");
export const groupCalendarName = (groupName: string) => `${groupName}·议事会`;
export const meetingCalendarName = (meeting: number) => `议事会 #${meeting}`;

const TIME_EXAMPLES = "例如：12月5日19:30、明天下午3点、本周六上午10点、下周三晚上7点半";
const TIME_REFUSALS = { unparsed: "没看懂时间", no_time: "请写明几点", past: "这个时间已经过去了" };
/** Why a meeting's time could not be read. */
export const timeNotRead = (reason: keyof typeof TIME_REFUSALS) => `${TIME_REFUSALS[reason]}。${TIME_EXAMPLES}。`;
export const PLACE_AND_TOPIC_MISSING = "请写明地点和主题，例如：新建议事会 12月5日19:30 社区活动室 讨论充电桩安装";
export const RECURRENCE_NOT_READ = "没看懂例会规则。例如：例会 每月5日 19:30 社区活动室（或：例会 每周三 19:00 小区凉亭）";
export const RECURRENCE_PLACE_MISSING = "请写明地点，例如：例会 每月5日 19:30 社区活动室";
export const DECISION_MISSING = "请写明决议内容。";
export const dueNotRead = (due: string) => `没看懂期限「${due}」，例如：期限:12月20日`;
