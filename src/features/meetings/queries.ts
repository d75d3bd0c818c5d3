import type { Database } from "../../store/database.ts";
import { listMeetings, meetingFile } from "../../store/meetings.ts";
import { loadUnitTree } from "../../store/org.ts";

export async function queryMeetings(db: Database, filter: { group?: string; unit?: string; from?: Date; to?: Date }, limit: number) {
  const unitIds = filter.unit ? [...(await loadUnitTree(db)).subtreeIds(filter.unit)] : undefined;
  const meetings = await listMeetings(
    db,
    { ...(filter.group ? { groupId: filter.group } : {}), ...(unitIds ? { unitIds } : {}), from: filter.from, to: filter.to },
    limit,
  );
  return meetings.map((meeting) => ({
    ...meeting,
    startsAt: meeting.startsAt.toISOString(),
    createdAt: meeting.createdAt.toISOString(),
    publishedAt: meeting.publishedAt?.toISOString() ?? null,
  }));
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** One meeting with its agenda and decisions, sign-ups, attendance and reminders. */
export async function meetingDetail(db: Database, number: number) {
  const file = await meetingFile(db, number);
  if (!file) return null;
  return {
    number: file.number,
    groupId: file.groupId,
    unitId: file.unitId,
    topic: file.topic,
    place: file.place,
    startsAt: file.startsAt.toISOString(),
    status: file.status,
    cancelReason: file.cancelReason,
    publishedAt: iso(file.publishedAt),
    agenda: file.items.map((item) => ({
      seq: item.seq,
      text: item.text,
      ticketNumber: item.ticketNumber,
      decision: item.decision,
      owner: item.ownerName,
      dueAt: iso(item.dueAt),
      decidedAt: iso(item.decidedAt),
      doneAt: iso(item.doneAt),
      doneNote: item.doneNote,
    })),
    signUps: file.signups.map((row) => ({ memberId: row.memberId, at: row.at.toISOString() })),
    attendance: file.attendance.map((row) => ({ memberId: row.memberId, checkedInBy: row.checkedInById, at: row.at.toISOString() })),
    reminders: file.reminders.map((row) => ({ offsetMinutes: row.offsetMinutes, dueAt: row.dueAt.toISOString(), status: row.status })),
  };
}
