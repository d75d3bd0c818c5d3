import { followUpState, meetingStage, publicationState } from "../../domain/meetingStages.ts";
import type { Period } from "../../domain/periods.ts";
import { STATUS_LABELS } from "../../domain/types.ts";
import { calendarMeetings, namesById } from "../../store/consoleMeetings.ts";
import { groupIdsNotOn } from "../../store/consoleTickets.ts";
import type { Database } from "../../store/database.ts";
import { meetingFile } from "../../store/meetings.ts";
import { findGroup } from "../../store/org.ts";
import { findTicket } from "../../store/tickets.ts";
import { maskPhoneNumbers } from "../../text/mask.ts";
import { FOLLOW_UP_LABELS, MEETING_STAGE_LABELS, PUBLICATION_LABELS, REMINDER_LABELS } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";

/** At most this many meetings in one month's calendar (an estate holds a few; a county's whole month fits). */
const CALENDAR_LIMIT = 1000;

/** The meetings of the units in a period, for the calendar (a month) and the phone's list. */
export async function meetingCalendar(db: Database, viewer: ConsoleViewer, unitIds: string[], period: Period, now: Date) {
  const excludeGroupIds = viewer.ownPlatformOnly ? await groupIdsNotOn(db, viewer.ownPlatformOnly) : [];
  const rows = await calendarMeetings(db, { unitIds, from: period.from, to: period.to, excludeGroupIds }, CALENDAR_LIMIT);
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    label: period.label,
    meetings: rows.map((row) => {
      const stage = meetingStage(row, now);
      return {
        number: row.number,
        unitId: row.unitId,
        estate: viewer.units.get(row.unitId)?.name ?? row.unitId,
        groupId: row.groupId,
        topic: maskPhoneNumbers(row.topic),
        place: row.place,
        startsAt: row.startsAt.toISOString(),
        stage,
        stageName: MEETING_STAGE_LABELS[stage],
        published: row.publishedAt !== null,
        items: row.items,
        decided: row.decided,
        done: row.done,
        signUps: row.signUps,
        attended: row.attended,
      };
    }),
  };
}

/** Whether the viewer may open a meeting: one of their units', through their own platform where it is a playground. */
export async function viewerSeesMeeting(db: Database, viewer: ConsoleViewer, meeting: { unitId: string; groupId: string }): Promise<boolean> {
  if (!viewer.visibleUnitIds.has(meeting.unitId)) return false;
  if (!viewer.ownPlatformOnly) return true;
  return (await findGroup(db, meeting.groupId))?.platform === viewer.ownPlatformOnly;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A meeting's page: its facts, the agenda with each ticket's state, decisions and their 落实, sign-ups, attendance, reminders. */
export async function meetingPage(db: Database, viewer: ConsoleViewer, number: number, now: Date) {
  const file = await meetingFile(db, number);
  if (!file || !(await viewerSeesMeeting(db, viewer, file))) return null;
  const [group, names, tickets] = await Promise.all([
    findGroup(db, file.groupId),
    namesById(db, [...file.signups.map((row) => row.memberId), ...file.attendance.flatMap((row) => [row.memberId, row.checkedInById])]),
    Promise.all(file.items.map((item) => (item.ticketNumber ? findTicket(db, item.ticketNumber) : Promise.resolve(null)))),
  ]);
  const stage = meetingStage(file, now);
  const publication = publicationState(file.publishedAt, file.items);
  const member = viewer.memberships.find((membership) => membership.groupId === file.groupId);
  return {
    number: file.number,
    topic: maskPhoneNumbers(file.topic),
    place: file.place,
    startsAt: file.startsAt.toISOString(),
    unitId: file.unitId,
    estate: viewer.units.get(file.unitId)?.name ?? file.unitId,
    groupId: file.groupId,
    groupName: group?.name ?? file.groupId,
    stage,
    stageName: MEETING_STAGE_LABELS[stage],
    cancelReason: file.cancelReason,
    publishedAt: iso(file.publishedAt),
    publication,
    publicationName: PUBLICATION_LABELS[publication],
    /** The viewer's role in the meeting's group: the chat's commands on a meeting are typed there. */
    roleHere: member?.role ?? null,
    agenda: file.items.map((item, i) => {
      const state = followUpState(item, now);
      const ticket = tickets[i];
      return {
        seq: item.seq,
        text: maskPhoneNumbers(item.text),
        ticketNumber: item.ticketNumber,
        // A ticket out of the viewer's reach is named, not opened.
        ticket: ticket
          ? { number: ticket.number, status: ticket.status, statusName: STATUS_LABELS[ticket.status], visible: viewer.visibleUnitIds.has(ticket.unitId) }
          : null,
        decision: item.decision,
        owner: item.ownerName,
        dueAt: iso(item.dueAt),
        decidedAt: iso(item.decidedAt),
        doneAt: iso(item.doneAt),
        doneNote: item.doneNote,
        followUp: state,
        followUpName: FOLLOW_UP_LABELS[state],
      };
    }),
    signUps: file.signups.map((row) => ({ name: names.get(row.memberId) ?? row.memberId, at: row.at.toISOString() })),
    attendance: file.attendance.map((row) => ({
      name: names.get(row.memberId) ?? row.memberId,
      checkedInBy: names.get(row.checkedInById) ?? row.checkedInById,
      at: row.at.toISOString(),
    })),
    reminders: file.reminders.map((row) => ({
      offsetMinutes: row.offsetMinutes,
      dueAt: row.dueAt.toISOString(),
      status: row.status,
      statusName: REMINDER_LABELS[row.status] ?? row.status,
    })),
  };
}
