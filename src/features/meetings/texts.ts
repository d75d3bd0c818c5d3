import { describeOffset } from "../../domain/meetings.ts";
import { formatShortDateTime, wallTimeOf } from "../../time/zoned.ts";

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

export function reminder(meeting: MeetingView, items: AgendaView[], signUps: number, offsetMinutes: number, zone: string, now: Date): string {
  return [
    `⏰ 议事会 #${meeting.number} 还有${describeOffset(offsetMinutes)}召开`,
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
    ...(items.length ? ["议程：", ...items.map((item) => `${agendaLines([item])[0]}${item.decision ? ` → 决议：${item.decision}` : ""}`)] : ["议程还没有议题。"]),
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

export function publication(meeting: MeetingView, items: AgendaView[], attended: number, zone: string, now: Date): string {
  const decided = items.filter((item) => item.decision);
  return [
    `📋 议事会 #${meeting.number} 结果公示（${meetingTime(meeting.startsAt, zone, now)}「${meeting.topic}」）`,
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

export const TIME_EXAMPLES = "例如：12月5日19:30、明天下午3点、本周六上午10点、下周三晚上7点半";
