import { timingSafeEqual, createHash } from "node:crypto";
import ical, { ICalEventStatus } from "ical-generator";
import { NotFound } from "../../domain/refusal.ts";
import type { Database } from "../../store/database.ts";
import { meetingFile, meetingsOfGroup } from "../../store/meetings.ts";
import { findGroup } from "../../store/org.ts";
import { maskPhoneNumbers } from "../../text/mask.ts";
import * as texts from "./texts.ts";

const MEETING_HOURS = 2;

function sameToken(expected: string | null, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** A group's meetings are readable only with the group's calendar token: the link the bot posts on 日历. */
async function authorisedGroup(db: Database, groupId: string, token: string | undefined) {
  const group = await findGroup(db, groupId);
  // Unknown group and wrong token answer alike, so a link cannot be guessed one part at a time.
  if (!group || !sameToken(group.calendarToken, token)) throw new NotFound("no such calendar");
  return group;
}

type MeetingWithItems = Awaited<ReturnType<typeof meetingsOfGroup>>[number];

function addEvent(calendar: ReturnType<typeof ical>, meeting: MeetingWithItems, groupName: string): void {
  const cancelled = meeting.status === "cancelled";
  calendar.createEvent({
    id: `meeting-${meeting.number}@yishi-bot`,
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + MEETING_HOURS * 3_600_000),
    summary: texts.calendarSummary(meeting.number, meeting.topic, cancelled),
    // Calendar apps strike out or hide a cancelled event only when its status says so, not from its title.
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    location: meeting.place,
    // A calendar link is forwarded and read by anyone: residents' phone numbers are masked in it.
    description: maskPhoneNumbers(texts.calendarDescription(groupName, meeting.items, cancelled ? meeting.cancelReason : null)),
  });
}

export async function groupCalendar(db: Database, groupId: string, token: string | undefined): Promise<string> {
  const group = await authorisedGroup(db, groupId, token);
  const calendar = ical({ name: texts.groupCalendarName(group.name), prodId: { company: "yishi-bot", product: "meetings", language: "ZH" } });
  for (const meeting of await meetingsOfGroup(db, group.id)) addEvent(calendar, meeting, group.name);
  return calendar.toString();
}

export async function meetingCalendar(db: Database, number: number, token: string | undefined): Promise<string> {
  const meeting = await meetingFile(db, number);
  if (!meeting) throw new NotFound("no such calendar");
  const group = await authorisedGroup(db, meeting.groupId, token);
  const calendar = ical({ name: texts.meetingCalendarName(number), prodId: { company: "yishi-bot", product: "meetings", language: "ZH" } });
  addEvent(calendar, meeting, group.name);
  return calendar.toString();
}
